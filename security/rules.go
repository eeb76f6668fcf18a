package security

import (
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// RuleOptions tunes the rule set. The zero value checks everything that does
// not need a date.
type RuleOptions struct {
	// AsOf is the date the checks are made on; it enables the review-age
	// check of SEC-090 and the overdue-patch check of SEC-013. Zero skips
	// them (time is never read from the clock).
	AsOf time.Time
	// ReviewInterval is the longest gap between threat-model reviews of a
	// released product; 0 means 365 days (IEC 81001-5-1:2021 7.2).
	ReviewInterval time.Duration
	// KEVWindow is the out-of-cycle time allowed from a vulnerability's
	// addition to the CISA KEV catalogue when the catalogue gives no due
	// date; 0 means 30 days (SEC-073, with AsOf).
	KEVWindow time.Duration
}

func (o RuleOptions) kevWindow() time.Duration {
	if o.KEVWindow <= 0 {
		return 30 * 24 * time.Hour
	}
	return o.KEVWindow
}

func (o RuleOptions) reviewInterval() time.Duration {
	if o.ReviewInterval <= 0 {
		return 365 * 24 * time.Hour
	}
	return o.ReviewInterval
}

// Rules returns the security rule set in ID order. Each rule reads only the
// graph (items, attributes and links), so it applies to a project assembled
// from any loader:
//
//	SEC-001 element in no trust boundary                    IEC 81001-5-1:2021 5.3.2 a, 7.2 b
//	SEC-002 boundary-crossing flow without authentication
//	        or integrity protection                         FDA premarket guidance (2023) App. 1 A, D
//	SEC-003 element or flow × applicable STRIDE category
//	        without a threat or not-applicable threat       FDA premarket guidance (2023) V.A.1
//	SEC-004 no cyber-device determination                   FD&C Act 524B(c)
//	SEC-005 PASTA named but a stage unrecorded              FDA premarket guidance (2023) V.A.1
//	SEC-011 security risk without pre- or post-control
//	        assessment                                      FDA premarket guidance (2023) V.A.2
//	SEC-013 uncontrolled residual without change request
//	        and dated out-of-cycle patch (or overdue)       FD&C Act 524B(b)(2)(B)
//	SEC-014 patient-harm threat causing no hazardous
//	        situation and without no-harm rationale         AAMI TIR57:2016; ISO/TR 24971:2020 Annex F
//	SEC-015 open threat assessed by no security risk        FDA premarket guidance (2023) V.A.2
//	SEC-016 generated threat its rule no longer produces    IEC 81001-5-1:2021 7.2
//	SEC-020 risk control opening an attack surface that
//	        introduces no threat                            AAMI TIR57:2016; IEC 81001-5-1:2021 7.4
//	SEC-021 risk affecting therapy, diagnosis or workflow
//	        reaching no hazardous situation                 AAMI TIR57:2016; ISO/TR 24971:2020 Annex F
//	SEC-023 uncontrolled security risk causing a situation
//	        judged acceptable without benefit-risk          AAMI TIR57:2016; ISO 14971:2019 7.4
//	SEC-024 control affecting availability, workflow or
//	        emergency access without safety review          IEC 81001-5-1:2021 5.3.1; AAMI TIR57:2016
//	SEC-051 FDA control category neither addressed nor
//	        exempted                                        FDA premarket guidance (2023) App. 1
//	SEC-060 control verified by no security test            IEC 81001-5-1:2021 5.7.2; FDA V.C
//	SEC-061 control implemented by no requirement           IEC 81001-5-1:2021 5.2.1, 7.4
//	SEC-062 threat marked mitigated without a control       FDA premarket guidance (2023) V.B.1
//	SEC-072 vulnerability assessed by no security risk      FDA premarket guidance (2023) V.A.4
//	SEC-073 KEV-listed risk still open past its due date
//	        (with AsOf)                                     FD&C Act 524B(b)(2)(B)
//	SEC-074 vulnerability risk neither controlled, VEX
//	        not_affected nor tracked by a change request    FDA premarket guidance (2023) V.A.4
//	SEC-090 threat model misses 7.2 a–l, or review older
//	        than the interval (with AsOf)                   IEC 81001-5-1:2021 7.2
//
// A situation caused by a threat is estimated without a numeric probability:
// package risk checks that (RISK-019) over the same causes links.
func Rules(opts RuleOptions) []trace.Rule {
	return []trace.Rule{
		ruleBoundary(),
		ruleCrossingFlow(),
		ruleSTRIDECoverage(),
		ruleCyberDevice(),
		rulePastaStages(),
		ruleAssessedBothSides(),
		ruleUncontrolledPlan(opts),
		ruleHarmLinked(),
		ruleThreatAssessed(),
		ruleStaleThreat(),
		ruleAttackSurface(),
		ruleClinicalClassLinked(),
		ruleResidualMismatch(),
		ruleControlSafetyReview(),
		ruleCategories(),
		ruleControlVerified(),
		ruleControlImplemented(),
		ruleMitigatedHasControl(),
		ruleVulnerabilityAssessed(),
		ruleKEVOverdue(opts),
		ruleVulnerabilityDisposed(),
		ruleModelCoverage(opts),
	}
}

// linked returns the IDs at the other end of id's links of type t in
// direction dir whose item is of one of kinds (any kind if none), in link
// order. The graph keeps one link per (from, type, to), so there are no
// repeats.
func linked(g *trace.Graph, id trace.ID, dir trace.Direction, t trace.LinkType, kinds ...trace.Kind) []trace.ID {
	links := g.Links(id, dir, t)
	if len(links) == 0 {
		return nil
	}
	out := make([]trace.ID, 0, len(links))
	for _, l := range links {
		other := l.To
		if dir == trace.In {
			other = l.From
		}
		if len(kinds) > 0 {
			if it, ok := g.Item(other); !ok || !slices.Contains(kinds, it.Kind) {
				continue
			}
		}
		out = append(out, other)
	}
	return out
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func meta(id string, sev trace.Severity, clause, summary string) trace.RuleMeta {
	return trace.RuleMeta{ID: id, Version: 1, Severity: sev, Clause: clause, Summary: summary}
}
