package risk

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// controlledRule is RISK-005: a situation whose initial risk is in the ALARP
// or unacceptable region is mitigated by a control or weighed by a
// benefit-risk analysis.
func (rs *ruleSet) controlledRule() trace.Rule {
	return rule("RISK-005", trace.Error, "ISO 14971:2019 7.1",
		"a hazardous situation whose risk is not acceptable (ALARP or unacceptable region) has at least one risk control or a documented benefit-risk decision",
		func(g *trace.Graph, r *trace.Recorder) {
			rs.eachSituation(func(s *Situation, a *Assessment) {
				if a.InitialRegion != RegionALARP && a.InitialRegion != RegionUnacceptable {
					return
				}
				if len(linked(g, s.ID, trace.In, trace.Mitigates, KindControl)) > 0 ||
					len(linked(g, s.ID, trace.In, trace.Reviews, KindBenefitRisk)) > 0 {
					r.Pass(s.ID)
					return
				}
				r.Failf(s.ID, "hazardous situation %s is in the %s region but no risk control mitigates it and no benefit-risk analysis weighs it (ISO 14971:2019 7.1, 7.4)",
					s.ID, a.InitialRegion)
			})
		})
}

// controlRule builds a rule over the file's controls: gap returns "" when a
// control meets the rule and the finding's message when it does not; a
// control for which applies is false is not a subject of the rule.
func (rs *ruleSet) controlRule(id, clause, summary string, applies func(c *Control) bool,
	gap func(g *trace.Graph, c *Control) string) trace.Rule {
	return rule(id, trace.Error, clause, summary, func(g *trace.Graph, r *trace.Recorder) {
		for i := range rs.f.Controls {
			c := &rs.f.Controls[i]
			if applies != nil && !applies(c) {
				continue
			}
			if msg := gap(g, c); msg != "" {
				r.Fail(c.ID, msg)
				continue
			}
			r.Pass(c.ID)
		}
	})
}

// optionRule is RISK-006: every control names its option.
func (rs *ruleSet) optionRule() trace.Rule {
	return rs.controlRule("RISK-006", "ISO 14971:2019 7.1",
		"every risk control names its option: inherent safety by design, protective measure, or information for safety",
		nil, func(_ *trace.Graph, c *Control) string {
			if c.Option.Valid() {
				return ""
			}
			return fmt.Sprintf("risk control %s has no valid option (%q); name one of inherent-safety-by-design, protective-measure, information-for-safety (ISO 14971:2019 7.1)",
				c.ID, c.Option)
		})
}

// rationaleRule is RISK-007: a control of a lower option carries a rationale,
// unless every situation it mitigates also has a control of a higher option.
func (rs *ruleSet) rationaleRule() trace.Rule {
	return rs.controlRule("RISK-007", "ISO 14971:2019 7.1",
		"a risk control of a lower-priority option states why a higher option was not used, unless it only supplements a higher-priority control",
		func(c *Control) bool { return c.Option.Priority() > 1 },
		func(g *trace.Graph, c *Control) string {
			if c.Rationale != nil || rs.supplementsHigher(g, c) {
				return ""
			}
			return fmt.Sprintf("risk control %s is a %s but states no rationale why a higher-priority option was impracticable (ISO 14971:2019 7.1; EU MDR Annex I §4)",
				c.ID, c.Option)
		})
}

// supplementsHigher reports whether every situation c mitigates is also
// mitigated by a control of a higher-priority option.
func (rs *ruleSet) supplementsHigher(g *trace.Graph, c *Control) bool {
	situations := linked(g, c.ID, trace.Out, trace.Mitigates, KindSituation)
	if len(situations) == 0 {
		return false
	}
	for _, s := range situations {
		higher := false
		for _, o := range linked(g, s, trace.In, trace.Mitigates, KindControl) {
			if oc, ok := rs.control(o); ok && oc.Option.Valid() && oc.Option.Priority() < c.Option.Priority() {
				higher = true
				break
			}
		}
		if !higher {
			return false
		}
	}
	return true
}

// verifiedRule is RISK-008: every control is verified for implementation and,
// separately, for effectiveness.
func (rs *ruleSet) verifiedRule() trace.Rule {
	return rs.controlRule("RISK-008", "ISO 14971:2019 7.2",
		"every risk control is verified for implementation and, separately, for effectiveness",
		nil, func(g *trace.Graph, c *Control) string {
			var missing []string
			if len(linked(g, c.ID, trace.In, trace.Verifies, KindTest)) == 0 {
				missing = append(missing, "implementation (no test verifies it)")
			}
			if len(linked(g, c.ID, trace.In, trace.VerifiesEffectiveness, KindTest)) == 0 {
				missing = append(missing, "effectiveness (no test verifies its effectiveness)")
			}
			if len(missing) == 0 {
				return ""
			}
			return fmt.Sprintf("risk control %s lacks verification of %s (ISO 14971:2019 7.2)", c.ID, strings.Join(missing, " and "))
		})
}

// implementedRule is RISK-021: every control is implemented by a requirement.
func (rs *ruleSet) implementedRule() trace.Rule {
	return rs.controlRule("RISK-021", "ISO 14971:2019 7.2",
		"every risk control is implemented by at least one requirement (IEC 62304:2006+A1:2015 5.2.3 for software)",
		nil, func(g *trace.Graph, c *Control) string {
			if len(linked(g, c.ID, trace.Out, trace.ImplementedBy, KindRequirement)) > 0 {
				return ""
			}
			return fmt.Sprintf("risk control %s is implemented by no requirement (ISO 14971:2019 7.2; IEC 62304:2006+A1:2015 5.2.3)", c.ID)
		})
}

// newRisksRule is RISK-009: every control was reviewed for new risks, and
// the new risks it introduces are linked.
func (rs *ruleSet) newRisksRule() trace.Rule {
	return rs.controlRule("RISK-009", "ISO 14971:2019 7.5",
		"every risk control is reviewed for new hazards or hazardous situations it introduces, and those are linked",
		nil, func(g *trace.Graph, c *Control) string {
			introduced := len(linked(g, c.ID, trace.Out, trace.Introduces, KindHazard, KindSituation))
			switch {
			case !c.NewRisks.Valid():
				return fmt.Sprintf("risk control %s has not been reviewed for new risks (newRisks is %q; want none or introduced) (ISO 14971:2019 7.5)", c.ID, c.NewRisks)
			case c.NewRisks == NewRisksIntroduced && introduced == 0:
				return fmt.Sprintf("risk control %s introduces new risks but links no hazard or hazardous situation (ISO 14971:2019 7.5)", c.ID)
			case c.NewRisks == NewRisksNone && introduced > 0:
				return fmt.Sprintf("risk control %s says it introduces no new risk but links %d introduced hazard(s) or situation(s) (ISO 14971:2019 7.5)", c.ID, introduced)
			}
			return ""
		})
}
