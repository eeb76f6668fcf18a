package security

import (
	"strings"
	"time"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// ruleAssessedBothSides is SEC-011: a security risk has a pre-control and a
// post-control assessment.
func ruleAssessedBothSides() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-011", trace.Error, "FDA premarket cybersecurity guidance (2023) V.A.2",
			"each security risk is assessed before and after its controls"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindRisk) {
				var missing []string
				if it.Attr(AttrPreVerdict) == "" {
					missing = append(missing, "pre-control")
				}
				if it.Attr(AttrPostVerdict) == "" {
					missing = append(missing, "post-control")
				}
				if len(missing) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security risk %s has no valid %s assessment", it.ID, strings.Join(missing, " or "))
			}
		},
	}
}

// ruleUncontrolledPlan is SEC-013: a security risk still uncontrolled after
// its controls (and not VEX not_affected) is tracked by a change request and
// has an out-of-cycle patch plan; with opts.AsOf set, the plan is not
// overdue.
func ruleUncontrolledPlan(opts RuleOptions) trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-013", trace.Error, "FD&C Act 524B(b)(2)(B)",
			"an uncontrolled residual security risk has a change request and an out-of-cycle patch plan with a date"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindRisk) {
				if it.Attr(AttrPostVerdict) != string(Uncontrolled) || it.Attr(AttrVEXStatus) == string(sbom.VEXNotAffected) {
					continue
				}
				var missing []string
				if len(linked(g, it.ID, trace.Out, TrackedBy, KindChangeRequest)) == 0 {
					missing = append(missing, "no change request tracks it")
				}
				if it.Attr(AttrPatchClass) != string(PatchOutOfCycle) {
					missing = append(missing, "it has no out-of-cycle patch plan")
				} else if due, err := time.Parse(time.DateOnly, it.Attr(AttrPatchDue)); err == nil && !opts.AsOf.IsZero() && opts.AsOf.After(due) {
					missing = append(missing, "its patch was due on "+it.Attr(AttrPatchDue))
				}
				if len(missing) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security risk %s is uncontrolled after its controls, but %s", it.ID, strings.Join(missing, " and "))
			}
		},
	}
}

// ruleThreatAssessed is SEC-015: an open threat is assessed by a security
// risk record.
func ruleThreatAssessed() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-015", trace.Warning, "FDA premarket cybersecurity guidance (2023) V.A.2",
			"each open threat is assessed in a security risk record"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreat) {
				if it.Attr(AttrStatus) != string(StatusOpen) {
					continue
				}
				if len(linked(g, it.ID, trace.In, Assesses, KindRisk)) > 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "open threat %s (%s) is assessed in no security risk record", it.ID, it.Title)
			}
		},
	}
}

// ruleVulnerabilityAssessed is SEC-072: every known vulnerability of the
// SBOM is assessed in a security risk record.
func ruleVulnerabilityAssessed() trace.Rule {
	m := meta("SEC-072", trace.Error, "FDA premarket cybersecurity guidance (2023) V.A.4",
		"each known vulnerability of a component is assessed for safety and security in a security risk record")
	m.Message = "vulnerability {id} is assessed in no security risk record; assess its exploitability in this device and its patient-harm impact"
	return trace.LinkRule{RuleMeta: m, Kind: sbom.KindVulnerability, Link: Assesses, Dir: trace.In, To: []trace.Kind{KindRisk}}
}

// ruleVulnerabilityDisposed is SEC-074: a security risk that assesses a
// vulnerability is either VEX not_affected with a justification, or
// controlled after controls with at least one security control, or tracked
// by a change request.
func ruleVulnerabilityDisposed() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-074", trace.Error, "FDA premarket cybersecurity guidance (2023) V.A.4",
			"a vulnerability's security risk is controlled by a security control, closed by a VEX not_affected justification, or tied to a change request"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindRisk) {
				if len(linked(g, it.ID, trace.Out, Assesses, sbom.KindVulnerability)) == 0 {
					continue
				}
				notAffected := it.Attr(AttrVEXStatus) == string(sbom.VEXNotAffected) && it.Attr(AttrVEXJustification) != ""
				controlled := it.Attr(AttrPostVerdict) == string(Controlled) && len(controlsOf(g, it.ID)) > 0
				tracked := len(linked(g, it.ID, trace.Out, TrackedBy, KindChangeRequest)) > 0
				if notAffected || controlled || tracked {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security risk %s assesses a vulnerability but no security control controls it, no VEX not_affected justification closes it and no change request tracks it", it.ID)
			}
		},
	}
}

// controlsOf returns the security controls that mitigate a risk directly or
// through the threats it assesses.
func controlsOf(g *trace.Graph, riskID trace.ID) []trace.ID {
	out := linked(g, riskID, trace.In, trace.Mitigates, KindControl)
	for _, t := range linked(g, riskID, trace.Out, Assesses, KindThreat) {
		out = append(out, linked(g, t, trace.In, trace.Mitigates, KindControl)...)
	}
	return out
}

// ruleStaleThreat is SEC-016: a generated threat that its rule no longer
// produces from the model (see Reconcile) is reviewed and removed, or kept
// as a threat written by hand.
func ruleStaleThreat() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-016", trace.Warning, "IEC 81001-5-1:2021 7.2",
			"the threat model is kept current: no generated threat remains whose rule no longer matches the model"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreat) {
				if it.Attr("rule") == "" {
					continue
				}
				if it.Attr("stale") != "true" {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "threat %s: rule %s no longer produces it from the model; review and remove it, or keep it as a threat written by hand",
					it.ID, it.Attr("rule"))
			}
		},
	}
}

// ruleKEVOverdue is SEC-073: with opts.AsOf set, a security risk whose
// vulnerability is in the CISA KEV catalogue is controlled, VEX
// not_affected, or fixed before the catalogue's due date (or the date added
// plus opts.KEVWindow when the catalogue gives none).
func ruleKEVOverdue(opts RuleOptions) trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-073", trace.Error, "FD&C Act 524B(b)(2)(B)",
			"a known exploited vulnerability does not stay uncontrolled past its due date"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			if opts.AsOf.IsZero() {
				return
			}
			for it := range g.OfKind(KindRisk) {
				if it.Attr(AttrKEV) != "true" {
					continue
				}
				if it.Attr(AttrPostVerdict) == string(Controlled) || it.Attr(AttrVEXStatus) == string(sbom.VEXNotAffected) ||
					it.Attr(AttrVEXStatus) == string(sbom.VEXFixed) {
					r.Pass(it.ID)
					continue
				}
				deadline, err := time.Parse(time.DateOnly, it.Attr(AttrKEVDue))
				if err != nil {
					added, aerr := time.Parse(time.DateOnly, it.Attr(AttrKEVAdded))
					if aerr != nil {
						r.Failf(it.ID, "security risk %s is KEV-listed and not controlled, and records no KEV date to measure the out-of-cycle deadline from", it.ID)
						continue
					}
					deadline = added.Add(opts.kevWindow())
				}
				if !opts.AsOf.After(deadline) {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "security risk %s is KEV-listed and still not controlled on %s, past its deadline %s",
					it.ID, opts.AsOf.UTC().Format(time.DateOnly), deadline.UTC().Format(time.DateOnly))
			}
		},
	}
}
