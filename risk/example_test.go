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

// A plan of its own: four severity and four probability levels per
// device-year, and a binary matrix read under the EU "as far as possible"
// policy.
func ExamplePlan() {
	bound := func(v float64) *float64 { return &v }
	a, u := risk.RegionAcceptable, risk.RegionUnacceptable
	plan := risk.Plan{
		ID: "RMP-002", Policy: risk.AFAP, NotEstimable: "Likely",
		Severity: risk.Scale{Levels: []risk.Level{{Name: "Negligible"}, {Name: "Marginal"}, {Name: "Critical"}, {Name: "Catastrophic"}}},
		Probability: risk.Scale{Unit: "device-year", Levels: []risk.Level{
			{Name: "Rare", Upper: bound(1e-8)},
			{Name: "Unlikely", Lower: bound(1e-8), Upper: bound(1e-5)},
			{Name: "Possible", Lower: bound(1e-5), Upper: bound(1e-2)},
			{Name: "Likely", Lower: bound(1e-2)},
		}},
		Matrix: risk.Matrix{
			"Catastrophic": {a, u, u, u},
			"Critical":     {a, a, u, u},
			"Marginal":     {a, a, a, u},
			"Negligible":   {a, a, a, a},
		},
	}
	if err := (&risk.File{Plan: plan}).Validate(); err != nil {
		fmt.Println(err)
		return
	}
	p := plan.Probability.Bucket(3e-6)
	fmt.Println(p.Name, plan.Matrix.Region(plan.Severity.Rating("Critical"), p))
	fmt.Println(p.Name, plan.Matrix.Region(plan.Severity.Rating("Catastrophic"), p))

	// A matrix that misses a row is reported with its field path.
	delete(plan.Matrix, "Marginal")
	fmt.Println((&risk.File{Plan: plan}).Validate())
	// Output:
	// Unlikely acceptable
	// Unlikely unacceptable
	// risk: 1 problem(s) in the risk file
	//	plan.matrix (RMP-002): no row for severity "Marginal": every cell needs a region
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
