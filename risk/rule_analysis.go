package risk

import (
	"github.com/medtrace/medtrace/trace"
)

// chainRule is RISK-001: every hazard leads to a hazardous situation, every
// situation to a harm, and every harm has a severity on the plan's scale.
func (rs *ruleSet) chainRule() trace.Rule {
	return rule("RISK-001", trace.Error, "ISO 14971:2019 5.4",
		"every hazard leads to at least one hazardous situation, every situation to at least one harm, and every harm has a severity on the plan's scale",
		func(g *trace.Graph, r *trace.Recorder) {
			for hi := range rs.f.Hazards {
				h := &rs.f.Hazards[hi]
				if len(linked(g, h.ID, trace.Out, trace.LeadsTo, KindSituation)) == 0 {
					r.Failf(h.ID, "hazard %s leads to no hazardous situation (ISO 14971:2019 5.4)", h.ID)
				} else {
					r.Pass(h.ID)
				}
				for si := range h.Situations {
					s := &h.Situations[si]
					if len(linked(g, s.ID, trace.Out, trace.LeadsTo, KindHarm)) == 0 {
						r.Failf(s.ID, "hazardous situation %s leads to no harm (ISO 14971:2019 5.4)", s.ID)
					} else {
						r.Pass(s.ID)
					}
				}
			}
			for i := range rs.f.Harms {
				h := &rs.f.Harms[i]
				switch {
				case h.Severity == "":
					r.Failf(h.ID, "harm %s has no severity (ISO 14971:2019 5.5)", h.ID)
				case rs.f.Plan.Severity.Rank(h.Severity) == 0:
					r.Failf(h.ID, "harm %s has severity %q, which is not on the plan's severity scale", h.ID, h.Severity)
				default:
					r.Pass(h.ID)
				}
			}
		})
}

// estimated reports why a situation's initial estimate is incomplete, or "".
func estimateGap(s *Situation) string {
	e := &s.Estimate
	switch {
	case e.NotEstimable && e.Explanation == "":
		return "P1 is marked not estimable but no explanation lists the possible consequences"
	case e.NotEstimable:
		return ""
	case e.P1.IsZero():
		return "P1 (the probability that the situation occurs) is not estimated"
	}
	if e.P1.Numeric() {
		for _, he := range e.Harms {
			if he.P2.IsZero() {
				return "P2 for harm " + string(he.Harm) + " is not estimated"
			}
		}
	}
	return ""
}

// estimatedRule is RISK-002: every hazardous situation has an initial
// estimate, or is marked not estimable with its possible consequences.
func (rs *ruleSet) estimatedRule() trace.Rule {
	return rule("RISK-002", trace.Error, "ISO 14971:2019 5.5",
		"every hazardous situation has an initial risk estimate (P1, and P2 per harm), or is marked not estimable with its possible consequences",
		func(_ *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, _ *Assessment) {
				if gap := estimateGap(s); gap != "" {
					r.Failf(s.ID, "hazardous situation %s: %s (ISO 14971:2019 5.5)", s.ID, gap)
					return
				}
				r.Pass(s.ID)
			})
		})
}

// evaluatedRule is RISK-004: every estimated situation evaluates to a region
// of the plan's matrix.
func (rs *ruleSet) evaluatedRule() trace.Rule {
	return rule("RISK-004", trace.Error, "ISO 14971:2019 6",
		"every estimated hazardous situation is evaluated against the plan's acceptability criteria",
		func(_ *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if estimateGap(s) != "" || len(s.Harms) == 0 {
					return // RISK-001 and RISK-002 report these
				}
				if a.InitialRegion.Valid() {
					r.Pass(s.ID)
					return
				}
				r.Failf(s.ID, "hazardous situation %s cannot be evaluated against the plan's criteria: %s", s.ID, firstProblem(a.Initial))
			})
		})
}

func firstProblem(rs []Risk) string {
	for _, r := range rs {
		if r.Problem != "" {
			return "harm " + string(r.Harm) + ": " + r.Problem
		}
	}
	return "no harm to evaluate"
}

// securityRule is RISK-019: a situation caused by a security threat (or an
// assessed security risk) carries no numeric probability unless the plan
// allows it.
func (rs *ruleSet) securityRule() trace.Rule {
	return rule("RISK-019", trace.Error, "ISO/TR 24971:2020 Annex F",
		"a hazardous situation caused by a security threat is estimated by level (exploitability), not by a numeric probability, unless the plan allows numbers",
		func(g *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, _ *Assessment) {
				threats := linked(g, s.ID, trace.In, trace.Causes, KindThreat, KindSecurityRisk)
				if len(threats) == 0 {
					return
				}
				numeric := s.P1.Numeric() || (s.Residual != nil && s.Residual.P1.Numeric())
				if numeric && !rs.f.Plan.NumericSecurityProbability {
					r.Fail(s.ID, "hazardous situation "+string(s.ID)+" is caused by threat "+string(threats[0])+
						" but its P1 is a number; estimate it by a probability level from exploitability, or let the plan allow numbers (ISO/TR 24971:2020 Annex F)",
						trace.Hop{From: threats[0], Type: trace.Causes, To: s.ID})
					return
				}
				r.Pass(s.ID)
			})
		})
}
