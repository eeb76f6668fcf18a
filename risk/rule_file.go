package risk

import (
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// criteriaDatedRule is RISK-003: the plan's acceptability criteria are
// approved, and no dated evaluation record predates them.
func (rs *ruleSet) criteriaDatedRule() trace.Rule {
	return rule("RISK-003", trace.Warning, "ISO 14971:2019 4.4 d",
		"the plan's acceptability criteria are approved and dated before the evaluations that use them",
		func(_ *trace.Graph, r *trace.Recorder) {
			p := &rs.f.Plan
			if !p.Approved.Valid() {
				r.Failf(p.ID, "risk management plan %s has no approval date for its acceptability criteria (ISO 14971:2019 4.4 d)", p.ID)
				return
			}
			r.Pass(p.ID)
			check := func(id trace.ID, d Date, what string) {
				if !d.Valid() {
					return
				}
				if d.Before(p.Approved) {
					r.Failf(id, "%s %s is dated %s, before the plan's criteria were approved on %s (ISO 14971:2019 4.4 d)", what, id, d, p.Approved)
					return
				}
				r.Pass(id)
			}
			for i := range rs.f.BenefitRisk {
				check(rs.f.BenefitRisk[i].ID, rs.f.BenefitRisk[i].Date, "benefit-risk analysis")
			}
			for i := range rs.f.Reviews {
				check(rs.f.Reviews[i].ID, rs.f.Reviews[i].Date, "review")
			}
		})
}

// overallRule is RISK-013: the overall residual risk is evaluated by a
// method, with a verdict and its rationale, and found acceptable.
func (rs *ruleSet) overallRule() trace.Rule {
	return rule("RISK-013", trace.Error, "ISO 14971:2019 8",
		"the overall residual risk is evaluated by the plan's method, with a rationale, and found acceptable (under AFAP, by a benefit-risk analysis)",
		func(_ *trace.Graph, r *trace.Recorder) {
			p, o := &rs.f.Plan, rs.f.Overall
			var gaps []string
			switch {
			case o == nil:
				r.Failf(p.ID, "the overall residual risk has not been evaluated (ISO 14971:2019 8)")
				return
			case o.Outcome == Unacceptable:
				r.Failf(p.ID, "the overall residual risk was judged unacceptable: the design or the intended use must change (ISO 14971:2019 8)")
				return
			}
			if !o.Outcome.Valid() {
				gaps = append(gaps, "no verdict")
			}
			if strings.TrimSpace(o.Method) == "" {
				gaps = append(gaps, "no method")
			}
			if strings.TrimSpace(o.Rationale) == "" {
				gaps = append(gaps, "no rationale")
			}
			if p.Policy == AFAP && o.BenefitRisk == "" {
				gaps = append(gaps, "no benefit-risk analysis (required under AFAP)")
			}
			if br := rs.benefitRisk(o.BenefitRisk); br != nil && br.Outcome != BenefitsOutweigh {
				gaps = append(gaps, "a benefit-risk analysis that does not find the benefits outweigh it")
			}
			if len(gaps) > 0 {
				r.Failf(p.ID, "the overall residual risk evaluation has %s (ISO 14971:2019 8)", strings.Join(gaps, ", "))
				return
			}
			r.Pass(p.ID)
		})
}

// reviewRule is RISK-014: a risk management review states that the plan was
// carried out, the overall residual risk is acceptable and post-production
// methods are in place.
func (rs *ruleSet) reviewRule() trace.Rule {
	return rule("RISK-014", trace.Error, "ISO 14971:2019 9",
		"a dated risk management review states that the plan was carried out, the overall residual risk is acceptable and post-production methods are in place",
		func(_ *trace.Graph, r *trace.Recorder) {
			p := &rs.f.Plan
			var last []string
			for i := range rs.f.Reviews {
				gaps := reviewGaps(&rs.f.Reviews[i])
				if len(gaps) == 0 {
					r.Pass(p.ID)
					return
				}
				last = gaps
			}
			if last == nil {
				r.Failf(p.ID, "there is no risk management review (ISO 14971:2019 9)")
				return
			}
			r.Failf(p.ID, "no risk management review is complete; the last lacks %s (ISO 14971:2019 9)", strings.Join(last, ", "))
		})
}

func reviewGaps(rv *Review) []string {
	var gaps []string
	if !rv.Date.Valid() {
		gaps = append(gaps, "a date")
	}
	if !rv.PlanImplemented {
		gaps = append(gaps, "that the plan was carried out (9 a)")
	}
	if !rv.OverallAcceptable {
		gaps = append(gaps, "that the overall residual risk is acceptable (9 b)")
	}
	if !rv.PostProduction {
		gaps = append(gaps, "that post-production methods are in place (9 c)")
	}
	return gaps
}

// afapRule is RISK-016: under AFAP every situation records that further
// control was considered, and no reason given is economic.
func (rs *ruleSet) afapRule() trace.Rule {
	return rule("RISK-016", trace.Error, "EN ISO 14971:2019+A11:2021 Annex ZA; EU MDR Annex I §2",
		"under the AFAP policy every hazardous situation records that further risk control was considered, and no reduction or option rationale rests on cost",
		func(_ *trace.Graph, r *trace.Recorder) {
			if rs.f.Plan.Policy != AFAP {
				return
			}
			rs.eachSituation(func(s *Situation, _ *Assessment) {
				switch {
				case s.Reduction == nil:
					r.Failf(s.ID, "hazardous situation %s does not record that further risk control was considered, as AFAP requires for every risk (EU MDR Annex I §2)", s.ID)
				case s.Reduction.Basis == BasisEconomic:
					r.Failf(s.ID, "hazardous situation %s stops risk reduction for economic reasons, which AFAP does not accept (EU MDR Annex I §2)", s.ID)
				default:
					r.Pass(s.ID)
				}
			})
			for i := range rs.f.Controls {
				c := &rs.f.Controls[i]
				if c.Rationale == nil {
					continue
				}
				if c.Rationale.Basis == BasisEconomic {
					r.Failf(c.ID, "risk control %s justifies its option by cost, which AFAP does not accept (EU MDR Annex I §4)", c.ID)
					continue
				}
				r.Pass(c.ID)
			}
		})
}
