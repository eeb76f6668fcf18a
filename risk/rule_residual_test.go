package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
)

func TestResidualRule(t *testing.T) {
	runRuleCases(t, "RISK-010", []ruleCase{
		{name: "residual estimated"},
		{name: "controlled without residual estimate", mutate: func(f *File) {
			situation(f, "HS-001").Residual = nil
		}, want: []trace.ID{"HS-001"}},
		{name: "residual not evaluable", mutate: func(f *File) {
			situation(f, "HS-001").Residual.P1 = "Rare"
		}, invalid: true, want: []trace.ID{"HS-001"}},
	})
}

// unacceptableResidual leaves HS-001 unacceptable after control.
func unacceptableResidual(f *File) {
	s := situation(f, "HS-001")
	s.Residual = &Estimate{P1: "1e-2", Explanation: "the clamp fails under field conditions"}
}

func TestBenefitRiskRule(t *testing.T) {
	runRuleCases(t, "RISK-011", []ruleCase{
		{name: "no unacceptable residual"},
		{name: "unacceptable residual without analysis", mutate: unacceptableResidual, want: []trace.ID{"HS-001"}},
		{name: "benefits outweigh", mutate: func(f *File) {
			unacceptableResidual(f)
			f.BenefitRisk = []BenefitRisk{{ID: "BR-002", Situations: []trace.ID{"HS-001"}, Benefits: "life-saving therapy",
				Rationale: "no alternative", Outcome: BenefitsOutweigh}}
		}},
		{name: "risks outweigh", mutate: func(f *File) {
			unacceptableResidual(f)
			f.BenefitRisk = []BenefitRisk{{ID: "BR-002", Situations: []trace.ID{"HS-001"}, Benefits: "convenience",
				Rationale: "weighed", Outcome: RisksOutweigh}}
		}, want: []trace.ID{"HS-001"}},
	})
}

func TestNotWorseRule(t *testing.T) {
	runRuleCases(t, "RISK-022", []ruleCase{
		{name: "residual lower"},
		{name: "residual higher without explanation", mutate: func(f *File) {
			situation(f, "HS-001").Residual = &Estimate{P1: "2e-3"}
		}, want: []trace.ID{"HS-001"}},
		{name: "residual higher with explanation", mutate: func(f *File) {
			situation(f, "HS-001").Residual = &Estimate{P1: "2e-3", Explanation: "the clamp adds a handling step"}
		}},
		{name: "residual severity higher", mutate: func(f *File) {
			situation(f, "HS-001").Residual = &Estimate{P1: "1e-6", Harms: []HarmEstimate{{Harm: "HARM-001", Severity: "Catastrophic"}}}
		}, want: []trace.ID{"HS-001"}},
	})
}

func TestDisclosureRule(t *testing.T) {
	runRuleCases(t, "RISK-023", []ruleCase{
		{name: "nothing significant"},
		{name: "severity threshold without disclosure", mutate: func(f *File) {
			f.Plan.DiscloseSeverity = "Critical"
			situation(f, "HS-003").Disclosure = "IFU section 7.1"
		}, want: []trace.ID{"HS-001"}},
		{name: "severity threshold with disclosure", mutate: func(f *File) {
			f.Plan.DiscloseSeverity = "Critical"
			situation(f, "HS-001").Disclosure = "IFU section 5.2"
			situation(f, "HS-003").Disclosure = "IFU section 7.1"
		}},
		{name: "alarp residual without disclosure", mutate: func(f *File) {
			situation(f, "HS-001").Residual = &Estimate{P1: "1e-4"}
		}, want: []trace.ID{"HS-001"}},
	})
}
