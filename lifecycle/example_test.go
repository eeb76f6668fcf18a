package lifecycle_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// exampleProject is a small infusion pump software: a dose engine whose
// failure can cause an overdose, and a segregated display whose failure can
// delay therapy.
func exampleProject() *lifecycle.Project {
	plan := risk.DefaultPlan("RMP-1", risk.ALARP)
	return &lifecycle.Project{
		System: lifecycle.System{ID: "SYS", Name: "Pump software", Edition: lifecycle.Edition2015},
		Items: []lifecycle.Item{
			{ID: "ITM-DOSE", Title: "Dose engine", Parent: "SYS"},
			{ID: "ITM-UI", Title: "Display", Parent: "SYS",
				Segregation: &lifecycle.Segregation{Mechanism: "separate process", Argument: "read-only rate channel"}},
		},
		Risk: &risk.File{
			Plan: plan,
			Harms: []risk.Harm{
				{ID: "HARM-OD", Title: "Overdose injury", Severity: "Critical"},
				{ID: "HARM-DELAY", Title: "Delayed therapy", Severity: "Minor"},
			},
			Hazards: []risk.Hazard{
				{ID: "HAZ-RATE", Title: "Excess flow", Causes: []trace.ID{"ITM-DOSE"}, Situations: []risk.Situation{
					{ID: "HS-OVER", Title: "Overdose", Estimate: risk.Estimate{P1: "1e-3",
						Harms: []risk.HarmEstimate{{Harm: "HARM-OD", P2: "0.5"}}}},
				}},
				{ID: "HAZ-DISPLAY", Title: "Wrong rate shown", Situations: []risk.Situation{
					{ID: "HS-DELAY", Title: "Clinician acts on a wrong rate", Causes: []trace.ID{"ITM-UI"},
						Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-DELAY", P2: "0.5"}}}},
				}},
			},
		},
	}
}

// Classify computes each item's IEC 62304 class from the risk file and
// explains it.
func ExampleProject_Classify() {
	p := exampleProject()
	g, err := p.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	cl := p.Classify(g, lifecycle.ClassifyOptions{})
	for _, id := range []trace.ID{"SYS", "ITM-UI"} {
		text, _ := cl.Explain(id)
		fmt.Print(text)
	}
	fmt.Println("FDA documentation level:", cl.Documentation.Level)
	// Output:
	// software-system SYS "Pump software": class C — highest class of the hazardous situations it and its parts can contribute to (4.3 a)
	//   part ITM-DOSE: computed C
	//   part ITM-UI: computed B
	// software-item ITM-UI "Display": class B — its own situations under its segregation argument (4.3 d, 5.3.5)
	//   HS-DELAY (class B) via cause: ITM-UI -causes-> HS-DELAY
	//     worst harm HARM-DELAY, severity Minor
	//     risk with the software failure certain is not acceptable (HARM-DELAY Minor/Frequent: alarp); no external control counts; worst harm severity Minor gives class B
	// FDA documentation level: enhanced
}

// Gaps lists the IEC 62304 activities a class B system must perform that
// have no evidence yet in the project.
func ExampleProject_Gaps() {
	p := exampleProject()
	p.Documents = []lifecycle.Document{
		{ID: "DOC-SDP", Title: "Software development plan", Type: lifecycle.DocDevelopmentPlan, Clauses: []string{"4.1", "5.1", "5.8"}},
		{ID: "DOC-SMP", Title: "Software maintenance plan", Type: lifecycle.DocMaintenancePlan, Clauses: []string{"6", "8", "9"}},
		{ID: "DOC-RMP", Title: "Risk management plan", Type: lifecycle.DocRiskManagementPlan, Clauses: []string{"7"}},
		{ID: "DOC-SAD", Title: "Architecture", Type: lifecycle.DocArchitecture, Clauses: []string{"5.3", "5.4"}},
	}
	p.Requirements = []lifecycle.Requirement{{ID: "SRS-1", Title: "Limit the rate", Level: lifecycle.LevelSoftware,
		Category: lifecycle.CategoryFunctional, AllocatedTo: []trace.ID{"ITM-DOSE"}}}
	p.Tests = []lifecycle.Test{{ID: "TST-1", Title: "Rate limit", Type: lifecycle.TestSystem, Verifies: []trace.ID{"SRS-1"}}}
	g, _ := p.Graph()
	rep, err := p.Gaps(g, lifecycle.ClassB)
	if err != nil {
		fmt.Println(err)
		return
	}
	missing := rep.Missing()
	fmt.Printf("%s, class %s: %d of %d activities without evidence\n", rep.Edition, rep.Class, len(missing), len(rep.Activities))
	for _, a := range missing {
		fmt.Printf("%s %s\n", a.Activity.Clause, a.Activity.Title)
	}
	// Output:
	// IEC 62304:2006+A1:2015, class B: 20 of 88 activities without evidence
	// 4.3 Software safety classification
	// 5.2.3 Risk control measures in requirements
	// 5.2.4 Re-evaluate the risk analysis
	// 5.2.5 Update requirements
	// 5.2.6 Verify software requirements
	// 5.5.2 Unit verification process
	// 5.5.3 Unit acceptance criteria
	// 5.5.5 Unit verification
	// 5.6.1 Integrate software units
	// 5.6.2 Verify software integration
	// 5.6.3 Software integration testing
	// 5.6.4 Integration test content
	// 5.6.5 Evaluate integration test procedures
	// 5.6.6 Regression tests
	// 5.6.7 Integration test record
	// 5.6.8 Integration anomalies to problem resolution
	// 5.7.2 System test anomalies to problem resolution
	// 5.7.3 Retest after changes
	// 5.7.4 Evaluate software system testing
	// 5.7.5 Software system test record
}

// Check runs the whole thread's rules; a host disables or retunes rules and
// waives findings through the options. (The risk file's own findings are
// left out of the output here.)
func ExampleProject_Check() {
	p := exampleProject()
	p.System.Class = lifecycle.ClassB // lower than the dose engine's situations call for
	p.UserNeeds = []lifecycle.UserNeed{{ID: "UN-1", Title: "Deliver the prescribed dose"}}
	p.Requirements = []lifecycle.Requirement{{ID: "SRS-1", Title: "Limit the rate", Level: lifecycle.LevelSoftware,
		Category: lifecycle.CategoryFunctional, DerivedFrom: []trace.ID{"UN-1"}, AllocatedTo: []trace.ID{"ITM-DOSE"}}}
	opts := lifecycle.CheckOptions{CheckOptions: trace.CheckOptions{
		Disabled: map[string]bool{"LC-009": true},
		Severity: map[string]trace.Severity{"LC-004": trace.Warning},
	}}
	res, err := p.Check(context.Background(), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule, "RISK-") {
			fmt.Printf("%s %s %s: %s\n", f.Severity, f.Rule, f.Item, f.Message)
		}
	}
	// Output:
	// error CLS-001 SYS: software-system SYS declares class B but its hazardous situations call for class C (HS-OVER through its part ITM-DOSE)
	// error CLS-004 ITM-UI: software-item ITM-UI is class B in a class C system by segregation, but no test verifies the segregation
	// warning LC-004 SRS-1: requirement SRS-1 is verified by no test
}

// Activities is the requirements-by-class matrix as data; Amd1 extended
// system testing to class A.
func ExampleActivities() {
	for _, ed := range []lifecycle.Edition{lifecycle.Edition2006, lifecycle.Edition2015} {
		acts, _ := lifecycle.Activities(ed)
		for _, a := range acts {
			if a.Clause == "5.7.5" || a.Clause == "5.3.5" {
				fmt.Printf("%s %s %s: %v\n", ed, a.Clause, a.Title, a.Classes)
			}
		}
	}
	// Output:
	// IEC 62304:2006 5.3.5 Segregation needed for risk control: [C]
	// IEC 62304:2006 5.7.5 Software system test record: [B C]
	// IEC 62304:2006+A1:2015 5.3.5 Segregation needed for risk control: [C]
	// IEC 62304:2006+A1:2015 5.7.5 Software system test record: [A B C]
}
