package report_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/medtrace/medtrace/report"
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// thread builds a small thread: two user needs, requirements, tests and a
// result.
func thread() *trace.Graph {
	b := trace.NewBuilder()
	b.Allow(trace.Derives, "user-need", "requirement")
	b.Allow(trace.Verifies, "test", "requirement")
	b.Allow(trace.Evidences, "test-result", "test")
	for _, it := range []trace.Item{
		{ID: "UN-1", Kind: "user-need", Title: "Deliver the prescribed dose"},
		{ID: "UN-2", Kind: "user-need", Title: "Warn the nurse"},
		{ID: "SRS-1", Kind: "requirement", Title: "Stop infusion on occlusion"},
		{ID: "SRS-2", Kind: "requirement", Title: "Alarm on occlusion"},
		{ID: "TC-1", Kind: "test", Title: "Occlusion stop test"},
		{ID: "TR-1", Kind: "test-result", Title: "Run 1"},
	} {
		b.AddItem(it)
	}
	b.Link("UN-1", trace.Derives, "SRS-1")
	b.Link("UN-2", trace.Derives, "SRS-2")
	b.Link("TC-1", trace.Verifies, "SRS-1")
	b.Link("TR-1", trace.Evidences, "TC-1")
	g, _ := b.Build()
	return g
}

func ExampleFindings_Markdown() {
	g := thread()
	rules := []trace.Rule{trace.LinkRule{
		RuleMeta: trace.RuleMeta{ID: "REQ-VERIFIED", Version: 1, Severity: trace.Error,
			Clause: "IEC 62304:2006+A1:2015 5.7.4", Summary: "Every requirement is verified by a test.",
			Message: "requirement {id} has no test"},
		Kind: "requirement", Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{"test"},
	}}
	res, _ := trace.Check(context.Background(), g, rules, trace.CheckOptions{})
	f := report.Findings{
		Meta:   report.Meta{Product: "Pump", Version: "2.1.0", Generated: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)},
		Result: res, Graph: g, Rules: rules,
	}
	_ = f.Markdown(os.Stdout)
	// Output:
	// # Findings: Pump 2.1.0
	//
	// Generated 2026-12-04T12:00:00Z by medtrace.
	//
	// ## Summary
	//
	// | Severity | Open | Waived |
	// | --- | ---: | ---: |
	// | error | 1 | 0 |
	// | warning | 0 | 0 |
	// | info | 0 | 0 |
	//
	// **Blocking:** 1 open finding(s) of severity error.
	//
	// ## Findings by rule
	//
	// ### REQ-VERIFIED (v1): Every requirement is verified by a test.
	//
	// Clause: IEC 62304:2006+A1:2015 5.7.4.
	//
	// | Item | Severity | Message | Status |
	// | --- | --- | --- | --- |
	// | `SRS-2` | error | requirement SRS-2 has no test | open |
	//
	// ## Coverage
	//
	// | Rule | Covered | Total | % |
	// | --- | ---: | ---: | ---: |
	// | REQ-VERIFIED | 1 | 2 | 50.0 |
}

func ExampleTraceMatrix_CSV() {
	m, _ := report.NewTraceMatrix(thread(), report.NeedsChain())
	_ = m.CSV(os.Stdout)
	// Output:
	// user-need,title,requirement,test,test-result
	// UN-1,Deliver the prescribed dose,SRS-1,TC-1,TR-1
	// UN-2,Warn the nurse,SRS-2,,
}

// The heat map counts hazardous situations per cell of the plan's matrix,
// before and after control.
func ExampleRisk_HeatMap() {
	plan := risk.DefaultPlan("RMP-001", risk.ALARP)
	f := &risk.File{
		Plan:  plan,
		Harms: []risk.Harm{{ID: "HARM-001", Title: "Overdose", Severity: "Critical"}},
		Hazards: []risk.Hazard{{ID: "HAZ-001", Title: "Excess drug delivery", Situations: []risk.Situation{{
			ID: "HS-001", Title: "Free flow during set change",
			Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-001", P2: "0.5"}}},
			Residual: &risk.Estimate{P1: "1e-6"},
		}}}},
		Controls: []risk.Control{{ID: "RC-001", Title: "Clamp interlock", Option: risk.InherentSafety,
			Location: risk.LocationHardware, Mitigates: []trace.ID{"HS-001"}, NewRisks: risk.NewRisksNone}},
	}
	h, _ := report.Risk{Plan: f.Plan, Evaluation: f.Evaluate()}.HeatMap()
	for s := len(h.Severity) - 1; s >= 0; s-- {
		for q, c := range h.Cells[s] {
			if c.Before+c.After > 0 {
				fmt.Printf("%s × %s (%s): before %d, after %d\n", h.Severity[s], h.Probability[q], c.Region, c.Before, c.After)
			}
		}
	}
	// Output:
	// Critical × Improbable (acceptable): before 0, after 1
	// Critical × Probable (alarp): before 1, after 0
}
