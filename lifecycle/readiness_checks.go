package lifecycle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// latestResult returns the latest result of test on version: the one with
// the latest date, the highest ID among equal dates.
func latestResult(g *trace.Graph, test trace.ID, version string) (trace.Item, bool) {
	var best trace.Item
	found := false
	for _, l := range g.In(test, trace.Evidences) {
		it, ok := g.Item(l.From)
		if !ok || it.Kind != KindTestResult || it.Attr("version") != version {
			continue
		}
		if !found || it.Attr("date") > best.Attr("date") || (it.Attr("date") == best.Attr("date") && it.ID > best.ID) {
			best, found = it, true
		}
	}
	return best, found
}

// passedOn reports whether test's latest result on version passed, and
// otherwise why not.
func passedOn(g *trace.Graph, test trace.ID, version string) (bool, string) {
	res, ok := latestResult(g, test, version)
	switch {
	case !ok:
		return false, fmt.Sprintf("%s has no result on version %s", test, version)
	case Outcome(res.Attr("outcome")) != Pass:
		return false, fmt.Sprintf("the latest result of %s on version %s is %s (%s)", test, version, res.Attr("outcome"), res.ID)
	}
	return true, ""
}

// readyVerification checks that every requirement is verified by a passing
// result on the release's version (IEC 62304:2006+A1:2015 5.7.4 a, 5.8.1).
func (rd *Readiness) readyVerification(g *trace.Graph, rel *Release) {
	for req := range g.OfKind(KindRequirement) {
		rd.Requirements++
		var why []string
		verified := false
		for _, l := range g.In(req.ID, trace.Verifies) {
			if t, ok := g.Item(l.From); !ok || t.Kind != KindTest {
				continue
			}
			ok, reason := passedOn(g, l.From, rel.Version)
			if ok {
				verified = true
				break
			}
			why = append(why, reason)
		}
		switch {
		case verified:
			rd.Verified++
		case len(why) == 0:
			rd.block(CheckVerification, req.ID, fmt.Sprintf("requirement %s is verified by no test", req.ID), pmClause+"5.7.4")
		default:
			rd.block(CheckVerification, req.ID, fmt.Sprintf("requirement %s has no passing result on %s: %s",
				req.ID, rel.Version, strings.Join(why, "; ")), pmClause+"5.7.4")
		}
	}
}

// readyChanges checks that every change request shipped in the release is
// verified and that the tests it requires passed on the version
// (IEC 62304:2006+A1:2015 8.2.3, 5.7.3).
func (p *Project) readyChanges(g *trace.Graph, rel *Release, rd *Readiness) {
	for i := range p.ChangeRequests {
		c := &p.ChangeRequests[i]
		if c.Release != rel.ID || c.State == ChangeRejected {
			continue
		}
		if !c.State.AtLeast(ChangeVerified) {
			rd.block(CheckChange, c.ID, fmt.Sprintf("change request %s ships in %s but is only %s", c.ID, rel.ID, c.State),
				pmClause+"8.2.3")
		}
		for _, t := range c.Verification {
			if !g.Has(t) {
				continue // a dangling reference is a records blocker
			}
			if ok, reason := passedOn(g, t, rel.Version); !ok {
				rd.block(CheckChange, c.ID, fmt.Sprintf("change request %s requires %s to pass: %s", c.ID, t, reason),
					pmClause+"5.7.3", trace.Hop{From: t, Type: trace.Verifies, To: c.ID})
			}
		}
	}
}

// readyRisk checks that no hazardous situation's residual risk is left
// unaccepted (ISO 14971:2019 7.3, 7.4).
func (p *Project) readyRisk(rd *Readiness) {
	if p.Risk == nil {
		rd.block(CheckResidualRisk, "", "the project has no risk management file; residual risk cannot be judged",
			"ISO 14971:2019 4.5; "+pmClause+"4.2")
		return
	}
	ev := p.Risk.Evaluate()
	for _, id := range ev.NotAccepted() {
		a, _ := ev.Situation(id)
		var reason string
		switch a.ResidualRegion {
		case "":
			reason = fmt.Sprintf("the residual risk of %s could not be evaluated", id)
		case risk.RegionUnacceptable:
			reason = fmt.Sprintf("the residual risk of %s is unacceptable and no benefit-risk analysis concludes the benefits outweigh it", id)
		default:
			reason = fmt.Sprintf("the residual risk of %s is in region %s, with no control and no favourable benefit-risk analysis", id, a.ResidualRegion)
		}
		rd.block(CheckResidualRisk, id, reason, "ISO 14971:2019 7.3, 7.4")
	}
}

// readyAnomalies checks that every unresolved problem report is a known
// anomaly of the release, evaluated, and not found to contribute to an
// unacceptable risk (IEC 62304:2006+A1:2015 5.8.2, 5.8.3).
func (p *Project) readyAnomalies(rel *Release, rd *Readiness) {
	for i := range p.ProblemReports {
		pr := &p.ProblemReports[i]
		if pr.Resolved() || (!rel.Date.IsZero() && pr.Reported.After(rel.Date)) {
			continue
		}
		hop := trace.Hop{From: rel.ID, Type: trace.Contains, To: pr.ID}
		switch {
		case !slices.Contains(rel.Anomalies, pr.ID):
			rd.block(CheckAnomaly, pr.ID, fmt.Sprintf("problem report %s is %s but not listed as a known anomaly of %s",
				pr.ID, pr.State, rel.ID), pmClause+"5.8.2")
		case pr.Anomaly == nil:
			rd.block(CheckAnomaly, pr.ID, fmt.Sprintf("known anomaly %s has no evaluation of its impact and rationale", pr.ID),
				pmClause+"5.8.3", hop)
		case pr.Anomaly.UnacceptableRisk:
			rd.block(CheckAnomaly, pr.ID, fmt.Sprintf("known anomaly %s contributes to an unacceptable risk", pr.ID),
				pmClause+"5.8.3", hop)
		}
	}
}

// vulnerabilityAssessed reports whether a vulnerability item is assessed
// (FDA premarket cybersecurity guidance V.A.4): its VEX status says the
// product is not affected or has the fix, a security risk assesses it, or
// an investigated problem report affects it. Otherwise it says what is
// missing.
func vulnerabilityAssessed(g *trace.Graph, it trace.Item) (bool, string) {
	status := it.Attr(sbom.AttrVEXStatus)
	if status == string(sbom.VEXNotAffected) || status == string(sbom.VEXFixed) {
		return true, ""
	}
	for _, l := range g.In(it.ID) {
		from, ok := g.Item(l.From)
		if !ok {
			continue
		}
		if (from.Kind == security.KindRisk && l.Type == security.Assesses) ||
			(from.Kind == KindProblemReport && from.Attr("investigated") == "true") {
			return true, ""
		}
	}
	if status == "" {
		status = sbom.VEXUnstated
	}
	return false, fmt.Sprintf("vulnerability %s (VEX status %s) is not assessed: no security risk assesses it and no investigated problem report covers it", it.ID, status)
}

// readyVulnerabilities checks that every known vulnerability is assessed
// (FDA premarket cybersecurity guidance V.A.4; IEC 81001-5-1 5.7.3).
func (rd *Readiness) readyVulnerabilities(g *trace.Graph) {
	for it := range g.OfKind(pmKindVulnerability) {
		if ok, reason := vulnerabilityAssessed(g, it); !ok {
			rd.block(CheckVulnerability, it.ID, reason, "FDA premarket cybersecurity guidance (2023) V.A.4")
		}
	}
}

// readySuspects checks that no reviewed link is suspect: its target changed
// since the link was reviewed (IEC 62304:2006+A1:2015 8.2.3).
func (rd *Readiness) readySuspects(g *trace.Graph) {
	for _, s := range g.Suspects() {
		l := s.Link
		rd.block(CheckSuspect, l.From, fmt.Sprintf("link %s is suspect: %s changed since the link was reviewed (%s → %s)",
			l, l.To, l.Reviewed.Short(), s.Current.Short()), pmClause+"8.2.3",
			trace.Hop{From: l.From, Type: l.Type, To: l.To})
	}
}
