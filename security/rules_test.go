package security

import (
	"context"
	"fmt"
	"github.com/medtrace/medtrace/sbom"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

func runRules(t *testing.T, g *trace.Graph, opts RuleOptions) *trace.Result {
	t.Helper()
	res, err := trace.Check(context.Background(), g, Rules(opts), trace.CheckOptions{})
	require.NoError(t, err)
	return res
}

func TestCleanFilePassesEveryRule(t *testing.T) {
	f := cleanFile(t)
	g := buildGraph(t, f)
	res := runRules(t, g, RuleOptions{AsOf: day.AddDate(0, 6, 0)})
	assert.Empty(t, res.Findings)
	ids := map[string]bool{}
	for _, c := range res.Coverage {
		ids[c.Rule] = c.Total > 0
	}
	for _, r := range Rules(RuleOptions{}) {
		assert.True(t, ids[r.Meta().ID], "rule %s applied to nothing in the clean fixture", r.Meta().ID)
	}
}

func findThreat(f *File, id trace.ID) *Threat {
	for i := range f.Threats {
		if f.Threats[i].ID == id {
			return &f.Threats[i]
		}
	}
	return nil
}

func TestRulesFire(t *testing.T) {
	spoof := ThreatID("MED-PUMP-COMMAND", "EL-PUMP")
	tests := []struct {
		rule   string
		item   trace.ID
		opts   RuleOptions
		mutate func(f *File)
		noTest trace.ID
	}{
		{rule: "SEC-001", item: "EL-PATIENT", mutate: func(f *File) { f.Model.Elements[3].Boundary = "" }},
		{rule: "SEC-002", item: "FL-SYNC", mutate: func(f *File) { f.Model.Flows[1].IntegrityProtected = false }},
		{rule: "SEC-003", item: "EL-CLOUD", mutate: func(f *File) {
			var kept []Threat
			for _, th := range f.Threats {
				if th.ID != ThreatID("STRIDE-PROC-R", "EL-CLOUD") {
					kept = append(kept, th)
				}
			}
			f.Threats = kept
		}},
		{rule: "SEC-004", item: "TM-PUMP", mutate: func(f *File) { f.Model.CyberDevice = nil }},
		{rule: "SEC-005", item: "TM-PUMP", mutate: func(f *File) { f.Pasta.Stages = f.Pasta.Stages[1:] }},
		{rule: "SEC-011", item: "SR-SPOOF", mutate: func(f *File) { f.Risks[0].Post = nil }},
		{rule: "SEC-013", item: "SR-SPOOF", mutate: func(f *File) {
			f.Risks[0].Post = &Assessment{Method: AssessDirect, Exploitability: ExploitHigh, Basis: "pairing is optional", Impact: ImpactCritical}
		}},
		{rule: "SEC-013", item: "SR-SPOOF", opts: RuleOptions{AsOf: day.AddDate(0, 2, 0)}, mutate: func(f *File) {
			f.Risks[0].Post = &Assessment{Method: AssessDirect, Exploitability: ExploitHigh, Basis: "pairing is optional", Impact: ImpactCritical}
			f.Risks[0].ChangeRequests = []trace.ID{"CR-001"}
			f.Risks[0].Patch = &PatchPlan{Class: PatchOutOfCycle, Due: day.AddDate(0, 1, 0)}
		}},
		{rule: "SEC-014", item: spoof, mutate: func(f *File) { findThreat(f, spoof).Causes = nil }},
		{rule: "SEC-015", item: spoof, mutate: func(f *File) {
			findThreat(f, spoof).Status = StatusOpen
			f.Risks[0].Threats = []trace.ID{ThreatID("MED-PUMP-DOS", "EL-PUMP")}
		}},
		{rule: "SEC-016", item: spoof, mutate: func(f *File) { findThreat(f, spoof).Stale = true }},
		{rule: "SEC-020", item: "RC-STOP", mutate: func(f *File) { findThreat(f, "THR-OVERRIDE").IntroducedBy = nil }},
		{rule: "SEC-020", item: "TM-PUMP", mutate: func(f *File) { f.Model.AttackSurfaces = []trace.ID{"RC-GONE"} }},
		{rule: "SEC-021", item: "SR-CVE", mutate: func(f *File) { f.Risks[1].NoHarmRationale = "" }},
		{rule: "SEC-023", item: "SR-SPOOF", mutate: func(f *File) {
			f.Risks[0].Post = &Assessment{Method: AssessDirect, Exploitability: ExploitHigh, Basis: "pairing is optional", Impact: ImpactCritical}
		}},
		{rule: "SEC-024", item: "CTL-A", mutate: func(f *File) { f.Controls[0].SafetyImpact = true }},
		{rule: "SEC-051", item: "TM-PUMP", noTest: "CTL-H", mutate: func(f *File) { f.Controls = f.Controls[:7] }},
		{rule: "SEC-060", item: "CTL-B", noTest: "CTL-B", mutate: func(f *File) {}},
		{rule: "SEC-061", item: "CTL-C", mutate: func(f *File) { f.Controls[2].ImplementedBy = nil }},
		{rule: "SEC-062", item: spoof, mutate: func(f *File) { f.Controls[0].Mitigates = []trace.ID{"SR-CVE"} }},
		{rule: "SEC-072", item: "CVE-2026-0001", mutate: func(f *File) {
			f.Risks = slices.DeleteFunc(f.Risks, func(r Risk) bool { return r.ID == "SR-CVE" })
			f.Controls[0].Mitigates = []trace.ID{spoof}
		}},
		{rule: "SEC-073", item: "SR-PLAN", opts: RuleOptions{AsOf: day.AddDate(0, 2, 0)}, mutate: func(f *File) {
			f.Risks[2].Pre.Signals.KEV = []KEV{{Listed: true, DateAdded: day, RetrievedAt: day}}
		}},
		{rule: "SEC-073", item: "SR-PLAN", opts: RuleOptions{AsOf: day.AddDate(0, 0, 10)}, mutate: func(f *File) {
			f.Risks[2].Pre.Signals.KEV = []KEV{{Listed: true, DateAdded: day, DueDate: day.AddDate(0, 0, 7), RetrievedAt: day}}
		}},
		{rule: "SEC-073", item: "SR-PLAN", opts: RuleOptions{AsOf: day}, mutate: func(f *File) {
			f.Risks[2].Pre.Signals.KEV = []KEV{{Listed: true, RetrievedAt: day}}
		}},
		{rule: "SEC-074", item: "SR-CVE", mutate: func(f *File) { f.Controls[0].Mitigates = []trace.ID{spoof} }},
		{rule: "SEC-090", item: "TM-PUMP", mutate: func(f *File) { f.Model.Exemptions = nil }},
		{rule: "SEC-090", item: "TM-PUMP", opts: RuleOptions{AsOf: day.AddDate(2, 0, 0)}, mutate: func(f *File) {}},
	}
	for _, tc := range tests {
		t.Run(tc.rule+"/"+string(tc.item), func(t *testing.T) {
			f := cleanFile(t)
			tc.mutate(f)
			res := runRules(t, buildGraphWith(t, f, others(tc.noTest)), tc.opts)
			assertFinding(t, res, tc.rule, tc.item)
		})
	}
}

func assertFinding(t *testing.T, res *trace.Result, rule string, item trace.ID) {
	t.Helper()
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+" "+string(f.Item)+": "+f.Message)
		if f.Rule == rule && f.Item == item {
			assert.NotEmpty(t, f.Clause)
			assert.NotEmpty(t, f.Message)
			return
		}
	}
	t.Errorf("want a %s finding on %s; got %q", rule, item, got)
}

func TestControlVerifiedOnlyByNonSecurityTest(t *testing.T) {
	f := cleanFile(t)
	g := buildGraphWith(t, f, others("CTL-B"), trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "TST-USE", Kind: KindTest, Title: "usability", Attrs: map[string]string{"type": "usability"}})
		b.Link("TST-USE", trace.Verifies, "CTL-B")
		return nil
	}))
	res := runRules(t, g, RuleOptions{})
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "SEC-060", res.Findings[0].Rule)
	assert.Contains(t, res.Findings[0].Message, "not security tests (TST-USE)")
}

func TestAttackSurfaceListedByModel(t *testing.T) {
	f := cleanFile(t)
	f.Model.AttackSurfaces = []trace.ID{"RC-SERVICE"}
	service := trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "RC-SERVICE", Kind: risk.KindControl, Title: "Service port for field recalibration"})
		return nil
	})
	res := runRules(t, buildGraph(t, f, service), RuleOptions{})
	assertFinding(t, res, "SEC-020", "RC-SERVICE")

	f.Threats = append(f.Threats, Threat{ID: "THR-SERVICE", Title: "Service port abused", STRIDE: []Category{ElevationOfPrivilege},
		Targets: []trace.ID{"EL-PUMP"}, Status: StatusAccepted, Rationale: "port sealed and needs a key", IntroducedBy: []trace.ID{"RC-SERVICE"}})
	res = runRules(t, buildGraph(t, f, service), RuleOptions{})
	assert.Empty(t, res.Findings)
}

func TestKEVWithinWindow(t *testing.T) {
	f := cleanFile(t)
	f.Risks[2].Pre.Signals.KEV = []KEV{{Listed: true, DateAdded: day, RetrievedAt: day}}
	f.Risks[1].Post.Signals.KEV = []KEV{{Listed: true, DateAdded: day.AddDate(-1, 0, 0), RetrievedAt: day}}
	f.Risks[1].VEX = &VEX{Status: sbom.VEXFixed}
	res := runRules(t, buildGraph(t, f), RuleOptions{AsOf: day.AddDate(0, 0, 20)})
	var sec073 []trace.Finding
	for _, fd := range res.Findings {
		if fd.Rule == "SEC-073" {
			sec073 = append(sec073, fd)
		}
	}
	assert.Empty(t, sec073, "SR-PLAN is inside the 30-day window; SR-CVE is fixed")
	cov := map[string]trace.Coverage{}
	for _, c := range res.Coverage {
		cov[c.Rule] = c
	}
	assert.Equal(t, 2, cov["SEC-073"].Total)
}

// TestFindingsGolden keeps the wording of every finding on a file with one
// fault per rule under review.
func TestFindingsGolden(t *testing.T) {
	f := cleanFile(t)
	spoof := ThreatID("MED-PUMP-COMMAND", "EL-PUMP")
	f.Model.Elements[3].Boundary = ""
	f.Model.Flows[1].IntegrityProtected = false
	f.Model.CyberDevice = nil
	f.Model.Exemptions = nil
	f.Pasta.Stages = f.Pasta.Stages[2:]
	findThreat(f, spoof).Causes = nil
	findThreat(f, "THR-OVERRIDE").IntroducedBy = nil
	f.Risks[1].NoHarmRationale = ""
	f.Controls[0].SafetyImpact = true
	f.Controls[2].ImplementedBy = nil
	f.Risks[0].Post = nil
	res := runRules(t, buildGraph(t, f), RuleOptions{AsOf: day.AddDate(2, 0, 0)})
	var b strings.Builder
	for _, fd := range res.Findings {
		fmt.Fprintf(&b, "%s %s %s [%s]: %s\n", fd.Severity, fd.Rule, fd.Item, fd.Clause, fd.Message)
	}
	golden(t, "findings.golden", []byte(b.String()))
}
