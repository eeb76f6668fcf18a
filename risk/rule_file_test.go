package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
)

func TestCriteriaDatedRule(t *testing.T) {
	runRuleCases(t, "RISK-003", []ruleCase{
		{name: "approved before use"},
		{name: "not approved", mutate: func(f *File) { f.Plan.Approved = "" }, want: []trace.ID{"RMP-001"}},
		{name: "review before approval", mutate: func(f *File) { f.Reviews[0].Date = "2023-12-01" }, want: []trace.ID{"RMR-001"}},
		{name: "benefit-risk before approval", policy: AFAP, mutate: func(f *File) { f.BenefitRisk[0].Date = "2023-12-01" },
			want: []trace.ID{"BR-001"}},
	})
}

func TestOverallRule(t *testing.T) {
	runRuleCases(t, "RISK-013", []ruleCase{
		{name: "evaluated"},
		{name: "AFAP with benefit-risk", policy: AFAP},
		{name: "not evaluated", mutate: func(f *File) { f.Overall = nil }, want: []trace.ID{"RMP-001"}},
		{name: "unacceptable", mutate: func(f *File) { f.Overall.Outcome = Unacceptable }, want: []trace.ID{"RMP-001"}},
		{name: "no rationale", mutate: func(f *File) { f.Overall.Rationale = "" }, want: []trace.ID{"RMP-001"}},
		{name: "AFAP with risks outweighing", policy: AFAP, mutate: func(f *File) { f.BenefitRisk[0].Outcome = RisksOutweigh },
			want: []trace.ID{"RMP-001"}},
		{name: "AFAP without benefit-risk", policy: AFAP, mutate: func(f *File) { f.Overall.BenefitRisk = "" },
			want: []trace.ID{"RMP-001"}},
	})
}

func TestReviewRule(t *testing.T) {
	runRuleCases(t, "RISK-014", []ruleCase{
		{name: "complete review"},
		{name: "no review", mutate: func(f *File) { f.Reviews = nil }, want: []trace.ID{"RMP-001"}},
		{name: "post-production not in place", mutate: func(f *File) { f.Reviews[0].PostProduction = false },
			want: []trace.ID{"RMP-001"}},
	})
}

func TestAFAPRule(t *testing.T) {
	economic := &Justification{Basis: BasisEconomic, Text: "a second sensor costs too much"}
	runRuleCases(t, "RISK-016", []ruleCase{
		{name: "ALARP does not apply", mutate: func(f *File) { situation(f, "HS-002").Reduction = economic }},
		{name: "AFAP with reductions considered", policy: AFAP},
		{name: "AFAP without reduction record", policy: AFAP, mutate: func(f *File) {
			situation(f, "HS-002").Reduction = nil
		}, want: []trace.ID{"HS-002"}},
		{name: "AFAP with economic reduction", policy: AFAP, mutate: func(f *File) {
			situation(f, "HS-002").Reduction = economic
		}, want: []trace.ID{"HS-002"}},
		{name: "AFAP with economic option rationale", policy: AFAP, mutate: func(f *File) {
			control(f, "RC-002").Rationale = economic
		}, want: []trace.ID{"RC-002"}},
	})
}
