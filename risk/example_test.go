package risk_test

import (
	"context"
	"fmt"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// infusionPump is a small risk file: one hazardous situation, estimated
// before and after the control that mitigates it.
func infusionPump() *risk.File {
	plan := risk.DefaultPlan("RMP-001", risk.ALARP)
	plan.Approved = "2024-01-10"
	return &risk.File{
		Plan:  plan,
		Harms: []risk.Harm{{ID: "HARM-001", Title: "Overdose", Severity: "Critical"}},
		Hazards: []risk.Hazard{{ID: "HAZ-001", Title: "Excess drug delivery", Situations: []risk.Situation{{
			ID: "HS-001", Title: "Free flow during set change",
			// Before control: P1 × P2 = 1e-3 × 0.5.
			Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-001", P2: "0.5"}}},
			// After control: the clamp makes free flow improbable; P2 carries over.
			Residual: &risk.Estimate{P1: "1e-6"},
		}}}},
		Controls: []risk.Control{{
			ID: "RC-001", Title: "Free-flow clamp interlock",
			Option: risk.InherentSafety, Location: risk.LocationHardware,
			Mitigates: []trace.ID{"HS-001"}, ImplementedBy: []trace.ID{"SYS-010"}, NewRisks: risk.NewRisksNone,
		}},
	}
}

// A plan is data: scales, a matrix and the policy that reads it.
func ExampleDefaultPlan() {
	plan := risk.DefaultPlan("RMP-001", risk.ALARP)
	sev := plan.Severity.Rating("Critical")
	prob := plan.Probability.Bucket(5e-4)
	fmt.Println(sev.Name, prob.Name, plan.Matrix.Region(sev, prob))

	afap := risk.DefaultPlan("RMP-001", risk.AFAP)
	fmt.Println(afap.Matrix.Region(sev, prob))
	// Output:
	// Critical Probable alarp
	// unacceptable
}

// Evaluate estimates and evaluates every situation before and after control.
func ExampleFile_Evaluate() {
	f := infusionPump()
	if err := f.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	a, _ := f.Evaluate().Situation("HS-001")
	before, after := a.Initial[0], a.Residual[0]
	fmt.Printf("before: P = %g, %s × %s → %s\n", before.P, before.Severity.Name, before.Probability.Name, before.Region)
	fmt.Printf("after:  P = %g, %s × %s → %s\n", after.P, after.Severity.Name, after.Probability.Name, after.Region)
	fmt.Println("controls:", a.Controls[0].ID, "external to the software:", a.External())
	// Output:
	// before: P = 0.0005, Critical × Probable → alarp
	// after:  P = 5e-07, Critical × Improbable → acceptable
	// controls: RC-001 external to the software: true
}

// Explain says why a situation's risk is where it is.
func ExampleFile_Explain() {
	x, err := infusionPump().Explain("HS-001")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(x)
	// Output:
	// HS-001 Free flow during set change (hazard HAZ-001)
	// severity scale: Negligible < Minor < Serious < Critical < Catastrophic
	// probability scale (per use): Improbable < Remote < Occasional < Probable < Frequent
	// policy: alarp
	// before control:
	//   HARM-001 Overdose, severity Critical: P1 1e-3 × P2 0.5 = 0.0005 → Probable; cell (Critical, Probable) → alarp
	// controls: RC-001 inherent-safety-by-design (hardware, external to the software)
	// after control:
	//   HARM-001 Overdose, severity Critical: P1 1e-6 × P2 0.5 = 5e-7 → Improbable; cell (Critical, Improbable) → acceptable
	// verdict: residual risk acceptable
}

// Rules check the file in the graph, where other packages add the tests
// that verify controls.
func ExampleRules() {
	f := infusionPump()
	b := trace.NewBuilder()
	b.Add(f)
	b.AddItem(trace.Item{ID: "SYS-010", Kind: risk.KindRequirement, Title: "Clamp closes when the door opens"})
	b.AddItem(trace.Item{ID: "TST-001", Kind: risk.KindTest, Title: "Clamp test"})
	b.Allow(trace.Verifies, risk.KindTest, risk.KindControl)
	b.Link("TST-001", trace.Verifies, "RC-001")
	g, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := trace.Check(context.Background(), g, risk.Rules(f), trace.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fd := range res.Findings {
		fmt.Printf("%s %s [%s]\n", fd.Rule, fd.Item, fd.Clause)
	}
	// Output:
	// RISK-008 RC-001 [ISO 14971:2019 7.2]
	// RISK-013 RMP-001 [ISO 14971:2019 8]
	// RISK-014 RMP-001 [ISO 14971:2019 9]
}
