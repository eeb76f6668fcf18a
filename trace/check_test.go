package trace

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func meta(id string) RuleMeta {
	return RuleMeta{ID: id, Version: 2, Severity: Error, Clause: "IEC 62304:2006+A1:2015 5.7.4", Summary: "requirements are verified",
		Message: "{kind} {id} has {count} {link} link(s) {dir}; needs {min} from {to}"}
}

var verified = LinkRule{RuleMeta: meta("R-VER"), Kind: "requirement", Link: Verifies, Dir: In, To: []Kind{"test"}}

func TestLinkRule(t *testing.T) {
	date := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		rule      LinkRule
		opts      CheckOptions
		findings  []string
		covered   int
		total     int
		waived    bool
		severity  Severity
		unusedWvr int
	}{
		{name: "fires on the unverified requirement", rule: verified,
			findings: []string{"SRS-2: requirement SRS-2 has 0 verifies link(s) in; needs 1 from test"}, covered: 1, total: 2, severity: Error},
		{name: "silent when the other end kind is not required", rule: func() LinkRule {
			r := verified
			r.Kind, r.Link, r.Dir, r.To = "requirement", Derives, In, nil
			return r
		}(), covered: 2, total: 2},
		{name: "Where narrows the subjects", rule: func() LinkRule {
			r := verified
			r.Where = func(it Item) bool { return it.ID == "SRS-1" }
			return r
		}(), covered: 1, total: 1},
		{name: "Min counts links", rule: func() LinkRule {
			r := verified
			r.Kind, r.Link, r.Dir, r.To, r.Min = "user-need", Derives, Out, []Kind{"requirement"}, 3
			return r
		}(), findings: []string{"UN-1: user-need UN-1 has 2 derives link(s) out; needs 3 from requirement"}, covered: 0, total: 1, severity: Error},
		{name: "other-end kind filter", rule: func() LinkRule {
			r := verified
			r.Kind, r.Link, r.Dir, r.To = "risk-control", Verifies, In, []Kind{"test-result"}
			return r
		}(), findings: []string{"RC-1: risk-control RC-1 has 0 verifies link(s) in; needs 1 from test-result"}, total: 1, severity: Error},
		{name: "severity override", rule: verified, opts: CheckOptions{Severity: map[string]Severity{"R-VER": Warning}},
			findings: []string{"SRS-2: requirement SRS-2 has 0 verifies link(s) in; needs 1 from test"}, covered: 1, total: 2, severity: Warning},
		{name: "waiver keeps the finding visible", rule: verified, opts: CheckOptions{Waivers: []Waiver{
			{Rule: "R-VER", Item: "SRS-2", Rationale: "verified by inspection", Author: "QA", Date: date},
			{Rule: "R-VER", Item: "SRS-1", Rationale: "stale", Author: "QA", Date: date},
		}}, findings: []string{"SRS-2: requirement SRS-2 has 0 verifies link(s) in; needs 1 from test"}, covered: 1, total: 2, waived: true, severity: Error, unusedWvr: 1},
		{name: "unknown kind applies to nothing", rule: func() LinkRule { r := verified; r.Kind = "widget"; return r }()},
	}
	g := pump(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Check(context.Background(), g, []Rule{tt.rule}, tt.opts)
			require.NoError(t, err)
			var got []string
			for _, f := range res.Findings {
				got = append(got, string(f.Item)+": "+f.Message)
				assert.Equal(t, "R-VER", f.Rule)
				assert.Equal(t, 2, f.RuleVersion)
				assert.Equal(t, "IEC 62304:2006+A1:2015 5.7.4", f.Clause)
				assert.Equal(t, tt.severity, f.Severity)
				assert.Equal(t, tt.waived, f.Waived())
			}
			assert.Equal(t, tt.findings, got)
			require.Len(t, res.Coverage, 1)
			assert.Equal(t, tt.covered, res.Coverage[0].Covered)
			assert.Equal(t, tt.total, res.Coverage[0].Total)
			assert.Len(t, res.UnusedWaivers, tt.unusedWvr)
			if tt.waived {
				assert.Equal(t, 0, res.Count(Error))
				assert.Empty(t, res.Blocking())
			}
		})
	}
}

func TestCheckDisabledAndFuncRule(t *testing.T) {
	g := pump(t)
	fn := FuncRule{RuleMeta: RuleMeta{ID: "R-FN", Version: 1, Severity: Info, Clause: "ISO 14971:2019 7.2"},
		Fn: func(g *Graph, r *Recorder) {
			for it := range g.OfKind("risk-control") {
				r.Fail(it.ID, "needs an effectiveness test", Hop{From: it.ID, Type: Mitigates, To: "HS-1"})
			}
		}}
	res, err := Check(context.Background(), g, []Rule{verified, fn}, CheckOptions{Disabled: map[string]bool{"R-VER": true}})
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	f := res.Findings[0]
	assert.Equal(t, "R-FN", f.Rule)
	assert.Equal(t, Info, f.Severity)
	assert.Equal(t, []Hop{{"RC-1", Mitigates, "HS-1"}}, f.Path)
	assert.Equal(t, []Coverage{{Rule: "R-FN", Covered: 0, Total: 1, Uncovered: []ID{"RC-1"}}}, res.Coverage)
	assert.Equal(t, 0.0, res.Coverage[0].Percent())
}

func TestCheckRejectsBadRuleSets(t *testing.T) {
	g := pump(t)
	bad := verified
	bad.Severity = ""
	bad.Clause = ""
	_, err := Check(context.Background(), g, []Rule{verified, verified, bad, nil}, CheckOptions{
		Severity: map[string]Severity{"R-VER": "fatal"},
		Waivers:  []Waiver{{Rule: "R-VER"}},
	})
	require.ErrorIs(t, err, ErrBadRuleSet)
	for _, want := range []string{`duplicate rule ID "R-VER"`, `Severity "" must be`, "Clause is required", "rules[3] is nil",
		`"fatal" must be`, "item is required", "rationale is required", "author is required", "date is required"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestCheckHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Check(ctx, pump(t), []Rule{verified}, CheckOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestRecordCovered(t *testing.T) {
	g := pump(t)
	res, err := Check(context.Background(), g, []Rule{verified}, CheckOptions{})
	require.NoError(t, err)
	assert.Nil(t, res.Coverage[0].CoveredItems, "off by default")
	res, err = Check(context.Background(), g, []Rule{verified}, CheckOptions{RecordCovered: true})
	require.NoError(t, err)
	assert.Equal(t, []ID{"SRS-1"}, res.Coverage[0].CoveredItems)
	assert.Equal(t, []ID{"SRS-2"}, res.Coverage[0].Uncovered)
}
