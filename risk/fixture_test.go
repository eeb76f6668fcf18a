package risk

import (
	"context"
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/require"
)

// pumpFile returns a small, complete risk file of an infusion pump that
// meets every rule under the given policy when checked with pumpGraph.
func pumpFile(policy Policy) *File {
	f := &File{
		Plan: DefaultPlan("RMP-001", policy),
		Harms: []Harm{
			{ID: "HARM-001", Title: "Overdose", Severity: "Critical"},
			{ID: "HARM-002", Title: "Delay of therapy", Severity: "Minor"},
		},
		Hazards: []Hazard{
			{ID: "HAZ-001", Title: "Excess drug delivery", Category: "energy", Situations: []Situation{
				{
					ID: "HS-001", Title: "Free flow during set change", Causes: []trace.ID{"SWI-PUMP"},
					Estimate: Estimate{P1: "1e-3", Harms: []HarmEstimate{{Harm: "HARM-001", P2: "0.5"}}},
					Residual: &Estimate{P1: "1e-6"},
				},
				{
					ID: "HS-002", Title: "Occlusion not detected",
					Estimate: Estimate{P1: "1e-4", Harms: []HarmEstimate{{Harm: "HARM-002", P2: "0.1"}}},
				},
			}},
			{ID: "HAZ-002", Title: "Unauthorised dose change", Category: "security", Situations: []Situation{
				{
					ID: "HS-003", Title: "Dose changed over the network", Causes: []trace.ID{"THR-001"},
					Estimate: Estimate{P1: "Probable", Harms: []HarmEstimate{{Harm: "HARM-001"}}},
					Residual: &Estimate{P1: "Improbable"},
				},
			}},
		},
		Controls: []Control{
			{ID: "RC-001", Title: "Free-flow clamp interlock", Option: InherentSafety, Location: LocationHardware,
				Mitigates: []trace.ID{"HS-001"}, ImplementedBy: []trace.ID{"SYS-010"}, NewRisks: NewRisksNone},
			{ID: "RC-002", Title: "Authenticated dose commands", Option: ProtectiveMeasure, Location: LocationSoftware,
				Mitigates: []trace.ID{"HS-003"}, ImplementedBy: []trace.ID{"SRS-020"}, NewRisks: NewRisksNone,
				Rationale: &Justification{Basis: BasisImpracticable, Text: "the intended use needs remote dose changes"}},
		},
		Overall: &Overall{Date: "2024-06-01", Method: "review of all residual risks together", Outcome: Acceptable,
			Rationale: "every residual risk is acceptable"},
		Reviews: []Review{{ID: "RMR-001", Date: "2024-06-02", Reviews: []trace.ID{"RMP-001"},
			PlanImplemented: true, OverallAcceptable: true, PostProduction: true}},
	}
	f.Plan.Approved = "2024-01-10"
	if policy == AFAP {
		for hi := range f.Hazards {
			for si := range f.Hazards[hi].Situations {
				f.Hazards[hi].Situations[si].Reduction = &Justification{Basis: BasisStateOfTheArt,
					Text: "further controls considered; none more is practicable"}
			}
		}
		f.BenefitRisk = []BenefitRisk{{ID: "BR-001", Date: "2024-05-30", Situations: []trace.ID{"HS-001", "HS-002", "HS-003"},
			Benefits: "continuous infusion at home", Rationale: "weighed all residual risks", Outcome: BenefitsOutweigh}}
		f.Overall.BenefitRisk = "BR-001"
	}
	return f
}

// thread simulates the items and links other packages add: requirements,
// tests verifying the controls of f, the software item and the threat.
func thread(b *trace.Builder, f *File) {
	b.Allow(trace.Verifies, KindTest, KindControl)
	b.Allow(trace.VerifiesEffectiveness, KindTest, KindControl)
	for _, it := range []trace.Item{
		{ID: "SYS-010", Kind: KindRequirement, Title: "Clamp closes when the door opens"},
		{ID: "SRS-020", Kind: KindRequirement, Title: "Dose commands are authenticated"},
		{ID: "SWI-PUMP", Kind: KindSoftwareItem, Title: "Pump controller"},
		{ID: "THR-001", Kind: KindThreat, Title: "Spoofed dose command"},
		{ID: "TST-1", Kind: KindTest}, {ID: "TST-2", Kind: KindTest},
		{ID: "TST-3", Kind: KindTest}, {ID: "TST-4", Kind: KindTest},
	} {
		b.AddItem(it)
	}
	for _, c := range f.Controls {
		switch c.ID {
		case "RC-001":
			b.Link("TST-1", trace.Verifies, "RC-001")
			b.Link("TST-2", trace.VerifiesEffectiveness, "RC-001")
		case "RC-002":
			b.Link("TST-3", trace.Verifies, "RC-002")
			b.Link("TST-4", trace.VerifiesEffectiveness, "RC-002")
		}
	}
}

// checkFile builds the graph of f with the simulated thread (and any extra
// contributions) and runs the risk rules over it. Unless invalid is set, the
// graph must build without problems; when it is set, it must not.
func checkFile(t *testing.T, f *File, invalid bool, extra ...trace.ContributorFunc) *trace.Result {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(f)
	thread(b, f)
	for _, e := range extra {
		b.Add(e)
	}
	g, err := b.Build()
	if invalid {
		require.Error(t, err)
	} else {
		require.NoError(t, err)
	}
	res, err := trace.Check(context.Background(), g, Rules(f), trace.CheckOptions{})
	require.NoError(t, err)
	return res
}

// failed returns the items rule failed on, in order.
func failed(res *trace.Result, rule string) []trace.ID {
	var out []trace.ID
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f.Item)
		}
	}
	return out
}

// situation returns a pointer to the situation with the given ID in f.
func situation(f *File, id trace.ID) *Situation {
	for hi := range f.Hazards {
		for si := range f.Hazards[hi].Situations {
			if f.Hazards[hi].Situations[si].ID == id {
				return &f.Hazards[hi].Situations[si]
			}
		}
	}
	panic("no situation " + id)
}

// control returns a pointer to the control with the given ID in f.
func control(f *File, id trace.ID) *Control {
	for i := range f.Controls {
		if f.Controls[i].ID == id {
			return &f.Controls[i]
		}
	}
	panic("no control " + id)
}
