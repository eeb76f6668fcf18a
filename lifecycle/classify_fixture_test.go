package lifecycle

import (
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// pumpProject is an infusion pump's software with a risk file:
//
//   - ITM-DOSE computes the rate; its failure can lead to an overdose
//     (HS-OVER, Critical harm) controlled only in software (RC-LIMIT), so
//     it calls for class C;
//   - ITM-UI shows the rate; a wrong display delays therapy (HS-DELAY,
//     Minor harm) with no control, so it calls for class B; it is
//     segregated from the dose engine;
//   - ITM-LOG records events; a lost log can hide an occlusion
//     (HS-HIDDEN, Critical harm), but a hardware occlusion alarm (RC-ALARM)
//     makes the risk acceptable even with the software failure certain, so
//     it calls for class A; it is segregated too.
func pumpProject() *Project {
	plan := risk.DefaultPlan("RMP-1", risk.ALARP)
	plan.Approved = "2026-01-05"
	return &Project{
		System: System{ID: "SYS-PUMP", Name: "Pump software", Edition: Edition2015, Class: ClassC,
			FDA: FDAProfile{Level: Enhanced}},
		Items: []Item{
			{ID: "ITM-DOSE", Title: "Dose engine", Parent: "SYS-PUMP"},
			{ID: "ITM-UI", Title: "User interface", Parent: "SYS-PUMP", Class: ClassB,
				Segregation: &Segregation{Mechanism: "separate process", Argument: "memory-protected process; read-only rate channel", VerifiedBy: []trace.ID{"TST-SEG"}}},
			{ID: "ITM-LOG", Title: "Event log", Parent: "SYS-PUMP", Class: ClassA,
				Segregation: &Segregation{Mechanism: "separate process", Argument: "write-only queue", VerifiedBy: []trace.ID{"TST-SEG"}}},
			{ID: "UNIT-RATE", Title: "Rate limiter", Parent: "ITM-DOSE", Unit: true},
		},
		Requirements: []Requirement{
			{ID: "SRS-LIMIT", Title: "Limit the rate to the prescribed maximum", Level: LevelSoftware, Category: CategoryFunctional,
				AllocatedTo: []trace.ID{"UNIT-RATE"}, RiskControls: []trace.ID{"RC-LIMIT"}},
		},
		Tests: []Test{
			{ID: "TST-SEG", Title: "Process isolation test", Type: TestIntegration, Verifies: []trace.ID{"ITM-UI", "ITM-LOG"}},
		},
		Risk: &risk.File{
			Plan: plan,
			Harms: []risk.Harm{
				{ID: "HARM-OD", Title: "Overdose injury", Severity: "Critical"},
				{ID: "HARM-DELAY", Title: "Delayed therapy", Severity: "Minor"},
			},
			Hazards: []risk.Hazard{
				{ID: "HAZ-RATE", Title: "Excess flow", Causes: []trace.ID{"ITM-DOSE"}, Situations: []risk.Situation{
					{ID: "HS-OVER", Title: "Patient receives an overdose", Estimate: risk.Estimate{P1: "1e-3",
						Harms: []risk.HarmEstimate{{Harm: "HARM-OD", P2: "0.5"}}}},
				}},
				{ID: "HAZ-DISPLAY", Title: "Wrong rate shown", Situations: []risk.Situation{
					{ID: "HS-DELAY", Title: "Clinician acts on a wrong rate", Causes: []trace.ID{"ITM-UI"}, Estimate: risk.Estimate{P1: "1e-3",
						Harms: []risk.HarmEstimate{{Harm: "HARM-DELAY", P2: "0.5"}}}},
				}},
				{ID: "HAZ-OCCL", Title: "Occlusion", Situations: []risk.Situation{
					{ID: "HS-HIDDEN", Title: "Occlusion goes unnoticed", Causes: []trace.ID{"ITM-LOG"},
						Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-OD", P2: "0.01"}}},
						Residual: &risk.Estimate{P1: "1e-7", Harms: []risk.HarmEstimate{{Harm: "HARM-OD", P2: "0.01"}}}},
				}},
			},
			Controls: []risk.Control{
				{ID: "RC-LIMIT", Title: "Software rate limit", Option: risk.ProtectiveMeasure, Location: risk.LocationSoftware,
					Mitigates: []trace.ID{"HS-OVER"}},
				{ID: "RC-ALARM", Title: "Hardware occlusion alarm", Option: risk.ProtectiveMeasure, Location: risk.LocationHardware,
					Mitigates: []trace.ID{"HS-HIDDEN"}},
			},
		},
	}
}
