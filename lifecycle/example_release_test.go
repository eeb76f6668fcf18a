package lifecycle_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// pump is a small infusion-pump project: two items, their requirements and
// system tests with results on 1.1.0, a hazard of the dose engine controlled
// by the rate-limit requirement, and a life-cycle file claiming clauses 4–9.
func pump() *lifecycle.Project {
	day := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)
	rf := &risk.File{
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
	rf.Plan.Approved = "2025-06-01"
	return &lifecycle.Project{
		Risk:   rf,
		System: lifecycle.System{ID: "SYS", Name: "Infusion controller", Edition: lifecycle.Edition2015},
		Items: []lifecycle.Item{
			{ID: "ITM-1", Title: "Dose engine", Parent: "SYS", Causes: []trace.ID{"HAZ-1"}},
			{ID: "ITM-2", Title: "Display", Parent: "SYS"},
		},
		Requirements: []lifecycle.Requirement{
			{ID: "SRS-1", Title: "Limit the rate", Level: lifecycle.LevelSoftware, Category: lifecycle.CategoryFunctional,
				AllocatedTo: []trace.ID{"ITM-1"}, RiskControl: true},
			{ID: "SRS-2", Title: "Show the rate", Level: lifecycle.LevelSoftware, Category: lifecycle.CategoryFunctional,
				AllocatedTo: []trace.ID{"ITM-2"}},
		},
		Tests: []lifecycle.Test{
			{ID: "TST-1", Title: "Rate limit", Type: lifecycle.TestSystem, Verifies: []trace.ID{"SRS-1", "RC-1"}},
			{ID: "TST-2", Title: "Rate display", Type: lifecycle.TestSystem, Verifies: []trace.ID{"SRS-2"}},
		},
		Results: []lifecycle.Result{
			{ID: "RES-1", Test: "TST-1", Outcome: lifecycle.Pass, Date: day, Version: "1.1.0", By: "QA"},
			{ID: "RES-2", Test: "TST-2", Outcome: lifecycle.Fail, Date: day, Version: "1.1.0", By: "QA"},
		},
		Documents: []lifecycle.Document{{ID: "DOC-LC", Title: "Software life-cycle file",
			Type: lifecycle.DocDevelopmentPlan, Clauses: []string{"4", "5", "6", "7", "8", "9"}}},
	}
}

// A release's baseline records every configuration item's fingerprint. The
// diff against the previous release's baseline, run through the graph,
// selects what to review again and which tests to run again.
func ExampleDiffReleases() {
	p := pump()
	g, _ := p.Graph()
	v1 := lifecycle.ReleaseBaseline(g, "1.0.0", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	p.Releases = []lifecycle.Release{
		{ID: "REL-1.0", Version: "1.0.0", Status: lifecycle.ReleaseInField, Date: v1.Created, Baseline: &v1},
		{ID: "REL-1.1", Version: "1.1.0", Status: lifecycle.ReleaseCandidate, Previous: "REL-1.0"},
	}

	// Version 1.1.0 changes the dose engine.
	p.Items[0].Description = "applies the rate limit after a restart too"
	g, err := p.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := lifecycle.DiffReleases(g, &p.Releases[0], &p.Releases[1], lifecycle.DiffOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("changed:", d.Items.ChangedIDs())
	show := func(what string, recs []lifecycle.ImpactedRecord) {
		for _, r := range recs {
			fmt.Printf("%s %s via %s\n", what, r.ID, hops(r.Path))
		}
	}
	show("re-review requirement", d.Impact.Requirements)
	show("re-review risk record", d.Impact.Risk)
	show("re-run test", d.Impact.Tests)
	// Output:
	// changed: [ITM-1]
	// re-review requirement SRS-1 via SRS-1 -allocated-to-> ITM-1
	// re-review risk record HAZ-1 via ITM-1 -causes-> HAZ-1
	// re-review risk record HS-1 via ITM-1 -causes-> HAZ-1; HAZ-1 -leads-to-> HS-1
	// re-review risk record RC-1 via SRS-1 -allocated-to-> ITM-1; RC-1 -implemented-by-> SRS-1
	// re-review risk record HARM-1 via ITM-1 -causes-> HAZ-1; HAZ-1 -leads-to-> HS-1; HS-1 -leads-to-> HARM-1
	// re-run test TST-1 via SRS-1 -allocated-to-> ITM-1; TST-1 -verifies-> SRS-1
}

// hops formats a path as its links, in order.
func hops(path []trace.Hop) string {
	s := make([]string, len(path))
	for i, h := range path {
		s[i] = h.String()
	}
	return strings.Join(s, "; ")
}

// Release readiness runs every check and returns every blocker with its
// reason and clause.
func ExampleProject_Readiness() {
	p := pump()
	p.ProblemReports = []lifecycle.ProblemReport{{ID: "PR-7", Title: "Display flickers at night",
		Reported: time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), Type: lifecycle.ProblemCorrective,
		Criticality: lifecycle.CriticalityLow, Effects: []lifecycle.Effect{lifecycle.EffectPerformance},
		State: lifecycle.ProblemOpen, Reason: "awaiting triage"}}
	p.Releases = []lifecycle.Release{{ID: "REL-1.1", Version: "1.1.0", Status: lifecycle.ReleaseCandidate,
		Items: []trace.ID{"SYS"}}}

	rd, err := p.Readiness(context.Background(), "REL-1.1", lifecycle.ReadinessOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ready: %v; %d of %d requirements verified on %s\n", rd.Ready(), rd.Verified, rd.Requirements, rd.Version)
	for _, b := range rd.Blockers {
		fmt.Printf("[%s] %s: %s (%s)\n", b.Check, b.Item, b.Reason, b.Clause)
	}
	// Output:
	// ready: false; 1 of 2 requirements verified on 1.1.0
	// [verification] SRS-2: requirement SRS-2 has no passing result on 1.1.0: the latest result of TST-2 on version 1.1.0 is fail (RES-2) (IEC 62304:2006+A1:2015 5.7.4)
	// [anomaly] PR-7: problem report PR-7 is open but not listed as a known anomaly of REL-1.1 (IEC 62304:2006+A1:2015 5.8.2)
	// [finding] RC-1: RISK-008: risk control RC-1 lacks verification of effectiveness (no test verifies its effectiveness) (ISO 14971:2019 7.2) (ISO 14971:2019 7.2)
	// [finding] RMP-1: RISK-013: the overall residual risk has not been evaluated (ISO 14971:2019 8) (ISO 14971:2019 8)
	// [finding] RMP-1: RISK-014: there is no risk management review (ISO 14971:2019 9) (ISO 14971:2019 9)
	// [finding] TST-2: LC-006: test TST-2: latest result RES-2 (2026-02-02T00:00:00Z, version 1.1.0) is fail (IEC 62304:2006+A1:2015 5.7.4 c)
}
