package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
)

func TestChainRule(t *testing.T) {
	runRuleCases(t, "RISK-001", []ruleCase{
		{name: "complete chain"},
		{name: "hazard without situation", mutate: func(f *File) {
			f.Hazards = append(f.Hazards, Hazard{ID: "HAZ-003", Title: "Battery heat"})
		}, want: []trace.ID{"HAZ-003"}},
		{name: "situation without harm", mutate: func(f *File) {
			situation(f, "HS-002").Harms = nil
		}, want: []trace.ID{"HS-002"}},
		{name: "harm without severity", mutate: func(f *File) {
			f.Harms[1].Severity = ""
		}, want: []trace.ID{"HARM-002"}},
		{name: "harm severity off the scale", mutate: func(f *File) {
			f.Harms[1].Severity = "Severe"
		}, invalid: true, want: []trace.ID{"HARM-002"}},
	})
}

func TestEstimatedRule(t *testing.T) {
	runRuleCases(t, "RISK-002", []ruleCase{
		{name: "estimated"},
		{name: "not estimable with consequences", mutate: func(f *File) {
			s := situation(f, "HS-002")
			s.P1, s.NotEstimable, s.Explanation = "", true, "software failure: assume it occurs; delay of therapy"
		}},
		{name: "no P1", mutate: func(f *File) {
			situation(f, "HS-002").P1 = ""
		}, want: []trace.ID{"HS-002"}},
		{name: "not estimable without consequences", mutate: func(f *File) {
			s := situation(f, "HS-002")
			s.P1, s.NotEstimable = "", true
		}, want: []trace.ID{"HS-002"}},
		{name: "numeric P1 without P2", mutate: func(f *File) {
			situation(f, "HS-002").Harms[0].P2 = ""
		}, want: []trace.ID{"HS-002"}},
	})
}

func TestEvaluatedRule(t *testing.T) {
	runRuleCases(t, "RISK-004", []ruleCase{
		{name: "evaluated"},
		{name: "unestimated is left to RISK-002", mutate: func(f *File) {
			situation(f, "HS-002").P1 = ""
		}},
		{name: "probability out of range", mutate: func(f *File) {
			situation(f, "HS-002").P1 = "2"
		}, invalid: true, want: []trace.ID{"HS-002"}},
		{name: "matrix row missing", mutate: func(f *File) {
			delete(f.Plan.Matrix, "Minor")
		}, invalid: true, want: []trace.ID{"HS-002"}},
	})
}

func TestSecurityRule(t *testing.T) {
	runRuleCases(t, "RISK-019", []ruleCase{
		{name: "threat-caused situation estimated by level"},
		{name: "numeric P1 on threat-caused situation", mutate: func(f *File) {
			s := situation(f, "HS-003")
			s.P1, s.Harms[0].P2 = "1e-3", "1"
		}, want: []trace.ID{"HS-003"}},
		{name: "numeric residual P1 on threat-caused situation", mutate: func(f *File) {
			situation(f, "HS-003").Residual.P1 = "1e-7"
		}, want: []trace.ID{"HS-003"}},
		{name: "plan allows numbers", mutate: func(f *File) {
			f.Plan.NumericSecurityProbability = true
			s := situation(f, "HS-003")
			s.P1, s.Harms[0].P2 = "1e-3", "1"
		}},
		{name: "security risk link added by another package", extra: func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "SR-001", Kind: KindSecurityRisk})
			b.Allow(trace.Causes, KindSecurityRisk, KindSituation)
			b.Link("SR-001", trace.Causes, "HS-001")
			return nil
		}, want: []trace.ID{"HS-001"}},
		{name: "threat link added by another package", mutate: func(f *File) {
			s := situation(f, "HS-002")
			s.P1 = "1e-4"
		}, extra: func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "THR-002", Kind: KindThreat})
			b.Allow(trace.Causes, KindThreat, KindSituation)
			b.Link("THR-002", trace.Causes, "HS-002")
			return nil
		}, want: []trace.ID{"HS-002"}},
	})
}
