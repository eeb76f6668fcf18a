package security

import (
	"slices"
	"strings"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// harmTargets are the kinds a security record's causes link may reach.
func harmTargets() []trace.Kind { return []trace.Kind{risk.KindSituation, risk.KindHazard} }

// ruleHarmLinked is SEC-014: a threat whose impact can harm a patient causes
// a hazardous situation (or hazard) in the risk file, or carries a reviewed
// no-harm rationale. Threats dismissed as not applicable or false positive
// are exempt.
func ruleHarmLinked() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-014", trace.Error, "AAMI TIR57:2016; ISO/TR 24971:2020 Annex F",
			"a threat that can harm a patient is linked to a hazardous situation in the safety risk file, or carries a no-harm rationale"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreat) {
				if it.Attr(AttrPatientHarm) != "true" || ThreatStatus(it.Attr(AttrStatus)).Dismissed() {
					continue
				}
				if len(linked(g, it.ID, trace.Out, trace.Causes, harmTargets()...)) > 0 || it.Attr(AttrNoHarmRationale) != "" {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "threat %s (%s) can harm a patient but causes no hazardous situation in the risk file and has no no-harm rationale", it.ID, it.Title)
			}
		},
	}
}

// ruleAttackSurface is SEC-020: a safety risk control that opens an attack
// surface (an emergency override, a service port) introduces at least one
// threat. A control opens one when its risk-control item has the attribute
// "attack-surface" = "true" or the threat model lists it in AttackSurfaces.
func ruleAttackSurface() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-020", trace.Error, "AAMI TIR57:2016; IEC 81001-5-1:2021 7.4",
			"a safety risk control that opens an attack surface is linked to the threat it introduces"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			listed := map[trace.ID]trace.ID{} // control → threat model listing it
			for tm := range g.OfKind(KindThreatModel) {
				for _, id := range splitList(tm.Attr(AttrAttackSurfaces)) {
					listed[trace.ID(id)] = tm.ID
				}
			}
			for it := range g.OfKind(risk.KindControl) {
				if _, ok := listed[it.ID]; it.Attr(AttrAttackSurface) != "true" && !ok {
					continue
				}
				delete(listed, it.ID)
				if len(linked(g, it.ID, trace.Out, trace.Introduces, KindThreat)) > 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "risk control %s (%s) opens an attack surface but introduces no threat; add the threat with introducedBy: [%s]",
					it.ID, it.Title, it.ID)
			}
			for _, id := range sortedKeys(stringKeys(listed)) {
				tm := listed[trace.ID(id)]
				r.Failf(tm, "threat model %s lists %s as a safety control opening an attack surface, but no risk control has that ID", tm, id)
			}
		},
	}
}

// ruleClinicalClassLinked is SEC-021: a security risk whose assessment
// affects therapy, diagnosis or clinical workflow (the rubric's clinical
// classes) reaches a hazardous situation, directly or through a threat it
// assesses, or carries a no-harm rationale.
func ruleClinicalClassLinked() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-021", trace.Error, "AAMI TIR57:2016; ISO/TR 24971:2020 Annex F",
			"a security risk affecting therapy, diagnosis or clinical workflow is linked to a hazardous situation, or carries a no-harm rationale"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindRisk) {
				var clinical []string
				for _, c := range splitList(it.Attr(AttrClasses)) {
					if DataClass(c).ClinicalImpact() {
						clinical = append(clinical, c)
					}
				}
				if len(clinical) == 0 {
					continue
				}
				if len(situationsOf(g, it.ID)) > 0 || it.Attr(AttrNoHarmRationale) != "" {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security risk %s affects %s but reaches no hazardous situation in the risk file and has no no-harm rationale",
					it.ID, strings.Join(clinical, ", "))
			}
		},
	}
}

// situationsOf returns the hazardous situations and hazards a security risk
// causes directly or through the threats it assesses, sorted.
func situationsOf(g *trace.Graph, riskID trace.ID) []trace.ID {
	out := linked(g, riskID, trace.Out, trace.Causes, harmTargets()...)
	for _, t := range linked(g, riskID, trace.Out, Assesses, KindThreat) {
		out = append(out, linked(g, t, trace.Out, trace.Causes, harmTargets()...)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ruleResidualMismatch is SEC-023: a security risk uncontrolled after its
// controls does not cause a hazardous situation whose residual risk the risk
// file calls acceptable, unless a benefit-risk analysis weighs that situation.
func ruleResidualMismatch() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-023", trace.Warning, "AAMI TIR57:2016; ISO 14971:2019 7.4",
			"a hazardous situation caused by an uncontrolled security risk is not judged acceptable without a benefit-risk analysis"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindRisk) {
				if it.Attr(AttrPostVerdict) != string(Uncontrolled) {
					continue
				}
				var bad []string
				var path []trace.Hop
				for _, s := range situationsOf(g, it.ID) {
					hs, _ := g.Item(s)
					if hs.Kind != risk.KindSituation || hs.Attr("residual-region") != string(risk.RegionAcceptable) {
						continue
					}
					if len(linked(g, s, trace.In, trace.Reviews, risk.KindBenefitRisk)) > 0 {
						continue
					}
					bad = append(bad, string(s))
					path = append(path, trace.Hop{From: it.ID, Type: trace.Causes, To: s})
				}
				if len(bad) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Fail(it.ID, "security risk "+string(it.ID)+" is uncontrolled, yet the risk file judges the residual risk of "+
					strings.Join(bad, ", ")+" acceptable with no benefit-risk analysis; reconcile the two files", path...)
			}
		},
	}
}

// ruleControlSafetyReview is SEC-024: a security control that affects
// availability, clinical workflow or emergency access has a safety review.
func ruleControlSafetyReview() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-024", trace.Error, "IEC 81001-5-1:2021 5.3.1; AAMI TIR57:2016",
			"a security control that affects availability, clinical workflow or emergency access has a safety review"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindControl) {
				if it.Attr(AttrSafetyImpact) != "true" {
					continue
				}
				if it.Attr(AttrSafetyReview) != "" {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security control %s (%s) can affect availability, workflow or emergency access but records no safety review", it.ID, it.Title)
			}
		},
	}
}
