package risk

import (
	"github.com/medtrace/medtrace/trace"
)

// residualRule is RISK-010: a situation with controls has a residual
// estimate that evaluates to a region.
func (rs *ruleSet) residualRule() trace.Rule {
	return rule("RISK-010", trace.Error, "ISO 14971:2019 7.3",
		"every hazardous situation with risk controls has a residual risk estimate that is evaluated against the plan's criteria",
		func(g *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if len(linked(g, s.ID, trace.In, trace.Mitigates, KindControl)) == 0 {
					return
				}
				switch {
				case s.Residual == nil:
					r.Failf(s.ID, "hazardous situation %s has risk controls but no residual risk estimate (ISO 14971:2019 7.3)", s.ID)
				case !a.ResidualRegion.Valid():
					r.Failf(s.ID, "the residual risk of hazardous situation %s cannot be evaluated: %s (ISO 14971:2019 7.3)", s.ID, residualGap(s, a))
				default:
					r.Pass(s.ID)
				}
			})
		})
}

func residualGap(s *Situation, a *Assessment) string {
	if s.Residual.P1.IsZero() && !s.Residual.NotEstimable {
		return "residual P1 is not estimated"
	}
	return firstProblem(a.Residual)
}

// benefitRiskRule is RISK-011: an unacceptable residual risk is weighed by a
// benefit-risk analysis that finds the benefits outweigh it.
func (rs *ruleSet) benefitRiskRule() trace.Rule {
	return rule("RISK-011", trace.Error, "ISO 14971:2019 7.4",
		"a residual risk that is not acceptable is weighed by a benefit-risk analysis concluding that the benefits outweigh it",
		func(g *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if a.ResidualRegion != RegionUnacceptable {
					return
				}
				analyses := linked(g, s.ID, trace.In, trace.Reviews, KindBenefitRisk)
				if len(analyses) == 0 {
					r.Failf(s.ID, "the residual risk of hazardous situation %s is unacceptable and no benefit-risk analysis weighs it (ISO 14971:2019 7.4)", s.ID)
					return
				}
				for _, id := range analyses {
					if br := rs.benefitRisk(id); br != nil && br.Outcome == BenefitsOutweigh {
						r.Pass(s.ID)
						return
					}
				}
				r.Fail(s.ID, "the residual risk of hazardous situation "+string(s.ID)+
					" is unacceptable and its benefit-risk analysis does not find that the benefits outweigh it; it stays unacceptable (ISO 14971:2019 7.4)",
					trace.Hop{From: analyses[0], Type: trace.Reviews, To: s.ID})
			})
		})
}

func (rs *ruleSet) benefitRisk(id trace.ID) *BenefitRisk {
	if i, ok := rs.ix.benefitRiskByID[id]; ok {
		return &rs.f.BenefitRisk[i]
	}
	return nil
}

// notWorseRule is RISK-022: a residual estimate is not higher than the
// initial one unless it explains why.
func (rs *ruleSet) notWorseRule() trace.Rule {
	return rule("RISK-022", trace.Error, "ISO 14971:2019 7.5",
		"a risk estimate after control is not higher than before control unless an explanation says why",
		func(_ *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if s.Residual == nil || len(a.Residual) != len(a.Initial) {
					return
				}
				for i := range a.Initial {
					if worse(a.Initial[i], a.Residual[i]) && s.Residual.Explanation == "" {
						r.Failf(s.ID, "the residual risk of hazardous situation %s for harm %s is higher than before control, without an explanation (ISO 14971:2019 7.5)",
							s.ID, a.Initial[i].Harm)
						return
					}
				}
				r.Pass(s.ID)
			})
		})
}

// worse reports whether the residual risk after exceeds the initial risk
// before: a higher severity, a higher probability level, or a higher
// numeric probability.
func worse(before, after Risk) bool {
	if after.Severity.Rank > before.Severity.Rank || after.Probability.Rank > before.Probability.Rank {
		return true
	}
	return before.Numeric && after.Numeric && after.P > before.P
}

// disclosureRule is RISK-023: residual risks the plan says are significant
// are disclosed in the accompanying documentation.
func (rs *ruleSet) disclosureRule() trace.Rule {
	return rule("RISK-023", trace.Error, "ISO 14971:2019 8",
		"every residual risk the plan deems significant (not in the acceptable region, or at or above its disclosure severity) is disclosed in the accompanying documentation",
		func(_ *trace.Graph, r *trace.Recorder) {
			threshold := rs.f.Plan.Severity.Rank(rs.f.Plan.DiscloseSeverity)
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if !rs.significant(a, threshold) {
					return
				}
				if s.Disclosure != "" {
					r.Pass(s.ID)
					return
				}
				r.Failf(s.ID, "the residual risk of hazardous situation %s is significant under the plan but is not disclosed in the accompanying documentation (ISO 14971:2019 8)", s.ID)
			})
		})
}

// significant reports whether the plan requires a situation's residual risk
// to be disclosed.
func (rs *ruleSet) significant(a *Assessment, threshold int) bool {
	if a.ResidualRegion == RegionALARP || a.ResidualRegion == RegionUnacceptable {
		return true
	}
	if threshold == 0 {
		return false
	}
	for _, r := range a.Residual {
		if r.Severity.Rank >= threshold {
			return true
		}
	}
	return false
}
