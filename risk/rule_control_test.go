package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
)

func TestControlledRule(t *testing.T) {
	runRuleCases(t, "RISK-005", []ruleCase{
		{name: "controlled"},
		{name: "alarp situation without control", mutate: func(f *File) {
			f.Controls = f.Controls[1:]
		}, want: []trace.ID{"HS-001"}},
		{name: "alarp situation with benefit-risk decision", mutate: func(f *File) {
			f.Controls = f.Controls[1:]
			f.BenefitRisk = append(f.BenefitRisk, BenefitRisk{ID: "BR-009", Situations: []trace.ID{"HS-001"},
				Benefits: "therapy at home", Rationale: "no further control practicable", Outcome: BenefitsOutweigh})
		}},
		{name: "acceptable situation needs nothing", mutate: func(f *File) {
			situation(f, "HS-002").P1 = "1e-6"
		}},
	})
}

func TestOptionRule(t *testing.T) {
	runRuleCases(t, "RISK-006", []ruleCase{
		{name: "options named"},
		{name: "no option", mutate: func(f *File) { control(f, "RC-001").Option = "" }, want: []trace.ID{"RC-001"}},
	})
}

func TestRationaleRule(t *testing.T) {
	runRuleCases(t, "RISK-007", []ruleCase{
		{name: "lower option with rationale"},
		{name: "lower option without rationale", mutate: func(f *File) {
			control(f, "RC-002").Rationale = nil
		}, want: []trace.ID{"RC-002"}},
		{name: "lower option supplementing a higher one", mutate: func(f *File) {
			f.Controls = append(f.Controls, Control{ID: "RC-003", Title: "Warning in the IFU", Option: InformationForSafety,
				Location: LocationLabeling, Mitigates: []trace.ID{"HS-001"}, ImplementedBy: []trace.ID{"SYS-010"}, NewRisks: NewRisksNone})
		}, extra: verifyRC003},
		{name: "lowest option where only a protective measure exists", mutate: func(f *File) {
			control(f, "RC-002").Rationale = nil
			f.Controls = append(f.Controls, Control{ID: "RC-003", Title: "Warning in the IFU", Option: InformationForSafety,
				Location: LocationLabeling, Mitigates: []trace.ID{"HS-003"}, ImplementedBy: []trace.ID{"SRS-020"}, NewRisks: NewRisksNone})
		}, extra: verifyRC003, want: []trace.ID{"RC-002"}},
	})
}

func verifyRC003(b *trace.Builder) error {
	b.AddItem(trace.Item{ID: "TST-5", Kind: KindTest})
	b.Link("TST-5", trace.Verifies, "RC-003")
	b.Link("TST-5", trace.VerifiesEffectiveness, "RC-003")
	return nil
}

func TestVerifiedRule(t *testing.T) {
	unverified := func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "TST-6", Kind: KindTest})
		return nil
	}
	runRuleCases(t, "RISK-008", []ruleCase{
		{name: "verified twice"},
		{name: "no effectiveness test", mutate: func(f *File) {
			f.Controls = append(f.Controls, Control{ID: "RC-003", Title: "Second clamp", Option: InherentSafety,
				Location: LocationHardware, Mitigates: []trace.ID{"HS-001"}, ImplementedBy: []trace.ID{"SYS-010"}, NewRisks: NewRisksNone})
		}, extra: func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "TST-6", Kind: KindTest})
			b.Link("TST-6", trace.Verifies, "RC-003")
			return nil
		}, want: []trace.ID{"RC-003"}},
		{name: "no test at all", mutate: func(f *File) {
			f.Controls = append(f.Controls, Control{ID: "RC-003", Title: "Second clamp", Option: InherentSafety,
				Location: LocationHardware, Mitigates: []trace.ID{"HS-001"}, ImplementedBy: []trace.ID{"SYS-010"}, NewRisks: NewRisksNone})
		}, extra: unverified, want: []trace.ID{"RC-003"}},
	})
}

func TestImplementedRule(t *testing.T) {
	runRuleCases(t, "RISK-021", []ruleCase{
		{name: "implemented"},
		{name: "no requirement", mutate: func(f *File) { control(f, "RC-001").ImplementedBy = nil }, want: []trace.ID{"RC-001"}},
	})
}

func TestNewRisksRule(t *testing.T) {
	runRuleCases(t, "RISK-009", []ruleCase{
		{name: "reviewed, none"},
		{name: "introduced and linked", mutate: func(f *File) {
			c := control(f, "RC-002")
			c.NewRisks, c.Introduces = NewRisksIntroduced, []trace.ID{"HS-002"}
		}},
		{name: "not reviewed", mutate: func(f *File) { control(f, "RC-001").NewRisks = "" }, want: []trace.ID{"RC-001"}},
		{name: "introduced but nothing linked", mutate: func(f *File) {
			control(f, "RC-001").NewRisks = NewRisksIntroduced
		}, want: []trace.ID{"RC-001"}},
		{name: "none but linked", mutate: func(f *File) {
			control(f, "RC-001").Introduces = []trace.ID{"HAZ-002"}
		}, want: []trace.ID{"RC-001"}},
	})
}
