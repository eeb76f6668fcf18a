package lifecycle

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// pmDay is the first day of the post-market fixture's timeline.
var pmDay = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

func pmAt(days int) time.Time { return pmDay.AddDate(0, 0, days) }

// sbomFixture contributes the SBOM records the post-market fixture links
// to: one component.
var sbomFixture = trace.ContributorFunc(func(b *trace.Builder) error {
	b.AddItem(trace.Item{ID: "pkg:npm/lodash@4.17.20", Kind: kindComponent, Title: "lodash 4.17.20"})
	return nil
})

// pmRiskFile is a small risk file: a hazard of the dose engine whose one
// situation is controlled by a software control implemented by SRS-1 down
// to an acceptable residual risk.
func pmRiskFile() *risk.File {
	f := &risk.File{
		Plan:  risk.DefaultPlan("RMP-1", risk.ALARP),
		Harms: []risk.Harm{{ID: "HARM-1", Title: "Overdose", Severity: "Critical"}},
		Hazards: []risk.Hazard{{ID: "HAZ-1", Title: "Excess drug delivery", Category: "energy", Situations: []risk.Situation{{
			ID: "HS-1", Title: "Pump runs too fast",
			Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-1", P2: "0.5"}}},
			Residual: &risk.Estimate{P1: "1e-7"},
		}}}},
		Controls: []risk.Control{{ID: "RC-1", Title: "Rate limiter", Option: risk.InherentSafety,
			Location: risk.LocationSoftware, Mitigates: []trace.ID{"HS-1"}, ImplementedBy: []trace.ID{"SRS-1"},
			NewRisks: risk.NewRisksNone}},
	}
	f.Plan.Approved = "2025-06-01"
	return f
}

// pmProject is a consistent project with a released version 1.0.0, a
// candidate 1.1.0, a problem fixed by a change, a deferred known anomaly
// and the signal that raised the fixed problem. Every post-market rule is
// silent on it.
func pmProject() *Project {
	p := &Project{
		Risk:   pmRiskFile(),
		System: System{ID: "SYS", Name: "Infusion controller", Edition: Edition2015, Class: ClassB},
		Items: []Item{
			{ID: "ITM-1", Title: "Dose engine", Parent: "SYS", Causes: []trace.ID{"HAZ-1"}, Uses: []trace.ID{"pkg:npm/lodash@4.17.20"}},
			{ID: "ITM-2", Title: "Display", Parent: "SYS"},
		},
		Requirements: []Requirement{
			{ID: "SRS-1", Title: "Limit rate", Level: LevelSoftware, Category: CategoryFunctional, AllocatedTo: []trace.ID{"ITM-1"}},
			{ID: "SRS-2", Title: "Show rate", Level: LevelSoftware, Category: CategoryFunctional, AllocatedTo: []trace.ID{"ITM-2"}},
		},
		Tests: []Test{
			{ID: "TST-1", Title: "Rate limit test", Type: TestSystem, Verifies: []trace.ID{"SRS-1"}},
			{ID: "TST-2", Title: "Display test", Type: TestSystem, Verifies: []trace.ID{"SRS-2"}},
		},
		Documents: []Document{{ID: "DOC-LC", Title: "Software life-cycle file", Type: DocDevelopmentPlan,
			Clauses: []string{"4", "5", "6", "7", "8", "9"}}},
		Results: []Result{
			{ID: "RES-1", Test: "TST-1", Outcome: Pass, Date: pmAt(1), Version: "1.1.0", By: "QA"},
			{ID: "RES-2", Test: "TST-2", Outcome: Pass, Date: pmAt(1), Version: "1.1.0", By: "QA"},
		},
	}
	p.Signals = []Signal{{ID: "SIG-1", Type: SignalComplaint, Title: "Rate overshoot reported", Received: pmAt(10),
		Source: "Clinic A", Raises: []trace.ID{"PR-1"}}}
	p.ProblemReports = []ProblemReport{
		{ID: "PR-1", Title: "Rate overshoots on restart", Reported: pmAt(10), Type: ProblemCorrective,
			Criticality: CriticalityHigh, Effects: []Effect{EffectSafety}, Scope: ProblemScope{Items: []trace.ID{"ITM-1"}},
			Investigation: &Investigation{At: pmAt(12), By: "Dev", SafetyRelevant: true, Hazards: []trace.ID{"HAZ-1"}, Outcome: "restart skips the limiter"},
			State:         ProblemClosed, Advised: []Advice{{Party: "users", At: pmAt(21)}},
			Verification: &ResolutionVerification{At: pmAt(20), By: "QA", Tests: []trace.ID{"TST-1"}, Version: "1.1.0"}},
		{ID: "PR-2", Title: "Display flickers at night", Reported: pmAt(15), Type: ProblemCorrective,
			Criticality: CriticalityLow, Effects: []Effect{EffectPerformance},
			Investigation: &Investigation{At: pmAt(16), By: "Dev", Outcome: "backlight driver timing"},
			State:         ProblemDeferred, Reason: "fix planned for 1.2.0",
			Anomaly: &AnomalyEvaluation{Impact: "cosmetic; no effect on dosing", Rationale: "acceptable per RM plan"}},
	}
	p.ChangeRequests = []ChangeRequest{{ID: "CR-1", Title: "Apply limiter on restart", Requested: pmAt(12),
		Origin: OriginProblem, State: ChangeReleased, Resolves: []trace.ID{"PR-1"}, Changes: []trace.ID{"ITM-1"},
		RiskAnalysis: &ChangeRiskAnalysis{At: pmAt(13), By: "RM", Conclusion: "no new causes; limiter control restored",
			Interference: "the limiter is the control; restored, no other control touched"},
		Approval:     &Approval{By: "CCB", At: pmAt(14)},
		Verification: []trace.ID{"TST-1"}, Release: "REL-1.1"}}
	p.Releases = []Release{
		{ID: "REL-1.0", Version: "1.0.0", Status: ReleaseInField, Date: pmAt(0), Items: []trace.ID{"SYS"},
			Baseline: &trace.Baseline{Name: "1.0.0"}},
		{ID: "REL-1.1", Version: "1.1.0", Status: ReleaseCandidate, Previous: "REL-1.0",
			Items: []trace.ID{"SYS"}, Anomalies: []trace.ID{"PR-2"}},
	}
	return p
}

// pmGraph builds the fixture's graph with the risk records.
func pmGraph(t testing.TB, p *Project) *trace.Graph {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(sbomFixture)
	g, err := b.Build()
	require.NoError(t, err)
	return g
}

// runRule checks g with one rule and returns the unwaived findings'
// items and the rule's coverage.
func runRule(t *testing.T, g *trace.Graph, r trace.Rule) ([]trace.Finding, trace.Coverage) {
	t.Helper()
	res, err := trace.Check(context.Background(), g, []trace.Rule{r}, trace.CheckOptions{})
	require.NoError(t, err)
	require.Len(t, res.Coverage, 1)
	return res.Findings, res.Coverage[0]
}
