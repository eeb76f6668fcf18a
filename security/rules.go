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
}

func (o RuleOptions) reviewInterval() time.Duration {
	if o.ReviewInterval <= 0 {
		return 365 * 24 * time.Hour
	}
	return o.ReviewInterval
}

// Rules returns the security rule set in ID order. Each rule reads only the
// graph (items, attributes and links), so it applies to a project assembled
// from any loader. See the doc of each rule constructor for what it checks.
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
		ruleAttackSurface(),
		ruleClinicalClassLinked(),
		ruleResidualMismatch(),
		ruleControlSafetyReview(),
		ruleCategories(),
		ruleControlVerified(),
		ruleControlImplemented(),
		ruleMitigatedHasControl(),
		ruleVulnerabilityAssessed(),
		ruleVulnerabilityDisposed(),
		ruleModelCoverage(opts),
	}
}

// linked returns the IDs at the other end of id's links of type t in
// direction dir whose item is of one of kinds (any kind if none).
func linked(g *trace.Graph, id trace.ID, dir trace.Direction, t trace.LinkType, kinds ...trace.Kind) []trace.ID {
	var out []trace.ID
	for _, other := range g.Neighbours(id, dir, t) {
		if len(kinds) == 0 {
			out = append(out, other)
			continue
		}
		if it, ok := g.Item(other); ok && slices.Contains(kinds, it.Kind) {
			out = append(out, other)
		}
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
