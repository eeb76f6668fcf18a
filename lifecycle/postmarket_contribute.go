package lifecycle

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// Kinds owned by other packages that post-market records link to, each with
// the owning package's string.
const (
	// pmKindVulnerability is owned by package sbom.
	pmKindVulnerability trace.Kind = "vulnerability"
	// pmKindSecurityRisk is owned by package security.
	pmKindSecurityRisk trace.Kind = "security-risk"
	// pmKindBenefitRisk is owned by package risk.
	pmKindBenefitRisk trace.Kind = "benefit-risk"
)

var (
	// concernedKinds are what a problem report may affect: the product's
	// parts and the risk and security records it bears on.
	concernedKinds = []trace.Kind{KindSystem, KindItem, KindUnit, KindInterface, KindRequirement,
		KindDocument, kindComponent, kindSOUP, pmKindVulnerability, kindHazard, kindSituation,
		kindCause, kindRiskControl, kindSecurityControl, kindThreat, pmKindSecurityRisk}
	// changeableKinds are what a change request may change.
	changeableKinds = []trace.Kind{KindUserNeed, KindRequirement, KindSystem, KindItem, KindUnit,
		KindInterface, KindTest, KindDocument, kindComponent, kindSOUP, kindHazard, kindSituation,
		kindHarm, kindCause, kindRiskControl, pmKindBenefitRisk, kindSecurityControl, kindThreat,
		pmKindSecurityRisk}
	// containedKinds are what a release may contain.
	containedKinds = []trace.Kind{KindSystem, KindItem, KindUnit, KindInterface, KindDocument,
		kindComponent, kindSOUP, KindProblemReport}
)

// allowPostMarketLinks declares the kind pairs of the links post-market
// records write.
func allowPostMarketLinks(b *trace.Builder) {
	b.Allow(trace.Affects, KindProblemReport, concernedKinds...)
	b.Allow(trace.Resolves, KindChangeRequest, KindProblemReport)
	b.Allow(trace.Changes, KindChangeRequest, changeableKinds...)
	b.Allow(trace.Contains, KindRelease, containedKinds...)
	b.Allow(trace.Raises, KindSignal, KindProblemReport)
	for _, k := range []trace.Kind{KindTest, KindTestResult} {
		b.Allow(trace.Verifies, k, KindProblemReport, KindChangeRequest)
	}
}

// contribute adds the post-market records to b and returns the problems
// found in them.
func (pm *PostMarket) contribute(b *trace.Builder) error {
	if pm == nil {
		return nil
	}
	allowPostMarketLinks(b)
	var errs []error
	for i := range pm.ProblemReports {
		p := &pm.ProblemReports[i]
		errs = appendErr(errs, p.validate(indexPath("problemReports", i)))
		contributeProblem(b, p)
	}
	for i := range pm.ChangeRequests {
		c := &pm.ChangeRequests[i]
		errs = appendErr(errs, c.validate(indexPath("changeRequests", i)))
		contributeChange(b, c)
	}
	for i := range pm.Releases {
		r := &pm.Releases[i]
		errs = appendErr(errs, r.validate(indexPath("releases", i)))
		contributeRelease(b, r)
	}
	for i := range pm.Signals {
		s := &pm.Signals[i]
		errs = appendErr(errs, s.validate(indexPath("signals", i)))
		b.AddItem(trace.Item{ID: s.ID, Kind: KindSignal, Title: s.Title, Pos: s.Pos,
			Fingerprint: s.fingerprint(), Attrs: signalAttrs(s)})
		addLinks(b, s.ID, trace.Raises, s.Raises, s.Pos, false)
	}
	for i := range pm.Ledger {
		errs = appendErr(errs, pm.Ledger[i].validate(indexPath("vulnerabilityLedger", i)))
	}
	return errors.Join(errs...)
}

func contributeProblem(b *trace.Builder, p *ProblemReport) {
	attrs := map[string]string{"state": string(p.State), "type": string(p.Type),
		"criticality": string(p.Criticality), "effects": strings.Join(effectStrings(p.Effects), " ")}
	setAttr(attrs, "reason", p.Reason)
	setAttr(attrs, "reported", dayString(p.Reported))
	if inv := p.Investigation; inv != nil {
		attrs["investigated"] = "true"
		attrs["safetyRelevant"] = boolAttr(inv.SafetyRelevant)
		if strings.TrimSpace(inv.NoActionRationale) != "" {
			attrs["noActionRationale"] = "true"
		}
	}
	if p.Verification != nil {
		attrs["verified"] = "true"
	}
	if len(p.Advised) > 0 {
		parties := make([]string, len(p.Advised))
		for i, a := range p.Advised {
			parties[i] = a.Party
		}
		attrs["advised"] = strings.Join(sortedUnique(parties), ", ")
	}
	if a := p.Anomaly; a != nil {
		attrs["anomalyEvaluated"] = "true"
		if a.UnacceptableRisk {
			attrs["unacceptableRisk"] = "true"
		}
	}
	b.AddItem(trace.Item{ID: p.ID, Kind: KindProblemReport, Title: p.Title, Attrs: attrs,
		Fingerprint: p.fingerprint(), Pos: p.Pos})
	concerned := slices.Clone(p.Scope.Items)
	if inv := p.Investigation; inv != nil {
		concerned = append(concerned, inv.Hazards...)
	}
	addLinks(b, p.ID, trace.Affects, concerned, p.Pos, false)
	if v := p.Verification; v != nil {
		addLinks(b, p.ID, trace.Verifies, v.Tests, p.Pos, true)
	}
}

func contributeChange(b *trace.Builder, c *ChangeRequest) {
	attrs := map[string]string{"state": string(c.State), "origin": string(c.Origin)}
	setAttr(attrs, "requested", dayString(c.Requested))
	setAttr(attrs, "release", string(c.Release))
	if ra := c.RiskAnalysis; ra != nil {
		attrs["riskAnalysis"] = "true"
		if strings.TrimSpace(ra.Interference) != "" {
			attrs["interference"] = "true"
		}
	}
	if c.Approval != nil {
		attrs["approved"] = "true"
	}
	if c.Reclassification != nil {
		attrs["reclassification"] = "true"
	}
	b.AddItem(trace.Item{ID: c.ID, Kind: KindChangeRequest, Title: c.Title, Attrs: attrs,
		Fingerprint: c.fingerprint(), Pos: c.Pos})
	addLinks(b, c.ID, trace.Resolves, c.Resolves, c.Pos, false)
	addLinks(b, c.ID, trace.Changes, c.changedItems(), c.Pos, false)
	addLinks(b, c.ID, trace.Verifies, c.Verification, c.Pos, true)
}

func contributeRelease(b *trace.Builder, r *Release) {
	attrs := map[string]string{"version": r.Version, "status": string(r.Status)}
	setAttr(attrs, "product", r.Product)
	setAttr(attrs, "date", dayString(r.Date))
	setAttr(attrs, "previous", string(r.Previous))
	b.AddItem(trace.Item{ID: r.ID, Kind: KindRelease, Title: "Release " + r.Version, Attrs: attrs,
		Fingerprint: r.fingerprint(), Pos: r.Pos})
	addLinks(b, r.ID, trace.Contains, r.Items, r.Pos, false)
	addLinks(b, r.ID, trace.Contains, r.Anomalies, r.Pos, false)
}

func signalAttrs(s *Signal) map[string]string {
	attrs := map[string]string{"type": string(s.Type)}
	setAttr(attrs, "received", dayString(s.Received))
	setAttr(attrs, "reference", s.Reference)
	if strings.TrimSpace(s.NotAProblem) != "" {
		attrs["notAProblem"] = "true"
	}
	return attrs
}

// addLinks adds from -t-> id for each valid id (id -t-> from when reverse);
// invalid IDs are reported by validate.
func addLinks(b *trace.Builder, from trace.ID, t trace.LinkType, ids []trace.ID, pos trace.Position, reverse bool) {
	for _, id := range ids {
		if !id.Valid() {
			continue
		}
		l := trace.Link{From: from, To: id, Type: t, Pos: pos}
		if reverse {
			l.From, l.To = id, from
		}
		b.AddLink(l)
	}
}

func appendErr(errs []error, err error) []error {
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

func indexPath(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func boolAttr(v bool) string {
	if v {
		return "true"
	}
	return "false"
}

// dayString formats t as a calendar day in UTC, or "" for the zero time.
func dayString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
