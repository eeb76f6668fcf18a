package lifecycle

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// controlsContributor adds a risk control and a security control, as the
// risk and security files would.
var controlsContributor = trace.ContributorFunc(func(b *trace.Builder) error {
	b.AddItem(trace.Item{ID: "RC-1", Kind: risk.KindControl, Title: "Rate limit"})
	b.AddItem(trace.Item{ID: "SC-1", Kind: kindSecurityControl, Title: "Signed updates"})
	return nil
})

// ruleFindings builds p (with extra contributors), runs the project's rules
// and returns the findings of rule id.
func ruleFindings(t *testing.T, p *Project, id string, extra ...trace.Contributor) []trace.Finding {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(p)
	for _, c := range extra {
		b.Add(c)
	}
	g, err := b.Build()
	require.NoError(t, err)
	res, err := trace.Check(context.Background(), g, p.Rules(), trace.CheckOptions{})
	require.NoError(t, err)
	var out []trace.Finding
	for _, f := range res.Findings {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

func TestThreadRules(t *testing.T) {
	later := day.AddDate(0, 0, 7)
	tests := []struct {
		rule   string
		change func(p *Project)
		fires  trace.ID // "" = the rule stays silent
	}{
		{"LC-001", func(p *Project) {}, ""},
		{"LC-001", func(p *Project) { p.UserNeeds = append(p.UserNeeds, UserNeed{ID: "UN-2", Title: "Quiet"}) }, "UN-2"},
		{"LC-002", func(p *Project) {}, ""},
		{"LC-002", func(p *Project) { p.Requirements[0].DerivedFrom = nil }, "SRS-1"},
		{"LC-003", func(p *Project) {}, ""},
		{"LC-003", func(p *Project) { p.Requirements[0].AllocatedTo = nil }, "SRS-1"},
		{"LC-004", func(p *Project) {}, ""},
		{"LC-004", func(p *Project) { p.Tests[0].Verifies = []trace.ID{"ITM-1"} }, "SRS-1"},
		{"LC-005", func(p *Project) {}, ""},
		{"LC-005", func(p *Project) { p.Results = p.Results[1:] }, "TST-1"},
		{"LC-006", func(p *Project) {}, ""},
		{"LC-006", func(p *Project) {
			p.Results = append(p.Results, Result{ID: "RES-9", Test: "TST-1", Outcome: Fail, Date: later, Version: "1.1.0", By: "QA"})
		}, "TST-1"},
		{"LC-006", func(p *Project) { // an older failure is superseded
			p.Results = append(p.Results, Result{ID: "RES-0", Test: "TST-1", Outcome: Fail, Date: day.AddDate(0, 0, -7), Version: "0.9.0", By: "QA"})
		}, ""},
		{"LC-007", func(p *Project) { p.Requirements[0].RiskControls = []trace.ID{"RC-1"} }, ""},
		{"LC-007", func(p *Project) { p.Requirements[0].RiskControl = true }, "SRS-1"},
		{"LC-008", func(p *Project) { p.Requirements[0].SecurityControls = []trace.ID{"SC-1"} }, ""},
		{"LC-008", func(p *Project) { p.Requirements[0].SecurityControl = true }, "SRS-1"},
		{"LC-009", func(p *Project) {}, ""},
		{"LC-009", func(p *Project) { p.Tests[1].Verifies = []trace.ID{"SRS-1"} }, "UN-1"},
	}
	for _, tc := range tests {
		name := tc.rule + "/silent"
		if tc.fires != "" {
			name = tc.rule + "/fires"
		}
		t.Run(name, func(t *testing.T) {
			p := smallProject()
			tc.change(p)
			got := ruleFindings(t, p, tc.rule, controlsContributor)
			if tc.fires == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, tc.fires, got[0].Item)
			assert.NotEmpty(t, got[0].Clause)
		})
	}
}

func TestStaleReview(t *testing.T) {
	g, err := smallProject().Graph()
	require.NoError(t, err)
	itm, _ := g.Item("ITM-1")
	review := func(fp trace.Fingerprint) DesignReview {
		return DesignReview{ID: "DR-1", Title: "Architecture review", Date: day, Participants: []string{"Lead"},
			Scope: []ReviewScope{{Item: "ITM-1", Fingerprint: fp}}}
	}

	t.Run("silent at current fingerprint", func(t *testing.T) {
		p := smallProject()
		p.DesignReviews = []DesignReview{review(itm.Fingerprint)}
		assert.Empty(t, ruleFindings(t, p, "LC-010"))
	})
	t.Run("fires after the item changed", func(t *testing.T) {
		p := smallProject()
		p.DesignReviews = []DesignReview{review(itm.Fingerprint)}
		p.Items[0].Description = "now also computes bolus doses"
		got := ruleFindings(t, p, "LC-010")
		require.Len(t, got, 1)
		assert.Equal(t, trace.ID("DR-1"), got[0].Item)
		assert.Equal(t, []trace.Hop{{From: "DR-1", Type: trace.Reviews, To: "ITM-1"}}, got[0].Path)
		assert.Contains(t, got[0].Message, "software-item ITM-1 changed")
	})
	t.Run("fires without a recorded fingerprint", func(t *testing.T) {
		p := smallProject()
		p.DesignReviews = []DesignReview{review(trace.Fingerprint{})}
		got := ruleFindings(t, p, "LC-010")
		require.Len(t, got, 1)
		assert.Contains(t, got[0].Message, "not recorded")
	})
}

func TestRulesHaveValidMeta(t *testing.T) {
	var ids []string
	for _, r := range smallProject().Rules() {
		m := r.Meta()
		require.NoError(t, m.Validate())
		assert.False(t, slices.Contains(ids, m.ID), "duplicate rule %s", m.ID)
		ids = append(ids, m.ID)
	}
}

func TestAllocationNotRequiredForClassA(t *testing.T) {
	p := pumpProject()
	withoutRisk(p)
	p.Requirements[0].AllocatedTo = nil
	require.Len(t, ruleFindings(t, p, "LC-003"), 1, "unclassified counts as class C")

	p = pumpProject()
	p.Risk.Hazards = p.Risk.Hazards[2:] // only the event log's situation, acceptable: class A
	p.Risk.Controls = p.Risk.Controls[1:]
	p.Requirements[0].RiskControls = nil
	p.Requirements[0].AllocatedTo = nil
	p.System.Class = ClassA
	assert.Empty(t, ruleFindings(t, p, "LC-003"))
}

func TestAcyclicThread(t *testing.T) {
	assert.Empty(t, ruleFindings(t, smallProject(), "LC-015"), "silent on a tree")

	p := smallProject()
	p.Items[0].Parent = "ITM-2" // ITM-1 and ITM-2 each under the other
	p.Items[1].Parent = "ITM-1"
	got := ruleFindings(t, p, "LC-015")
	require.Len(t, got, 1)
	assert.Equal(t, "software-item ITM-1 is in a cycle of 2 items along part-of links; the hierarchy and the traces must be acyclic", got[0].Message)
	assert.Len(t, got[0].Path, 2)
}

// projectRuleCase changes the pump project and says which item, if any, the rule
// then fails ("" means the rule stays silent).
type projectRuleCase struct {
	rule   string
	change func(p *Project)
	fires  trace.ID
}

// runRuleCases runs each case on a fresh pump project: a firing case must
// fail exactly its item, a silent one nothing.
func runRuleCases(t *testing.T, cases []projectRuleCase) {
	t.Helper()
	for _, tc := range cases {
		name := tc.rule + "/silent"
		if tc.fires != "" {
			name = tc.rule + "/fires"
		}
		t.Run(name, func(t *testing.T) {
			p := pumpProject()
			tc.change(p)
			got := ruleFindings(t, p, tc.rule)
			if tc.fires == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, tc.fires, got[0].Item)
		})
	}
}
