package lifecycle

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// AdvisoryOptions tunes Project.MatchAdvisories.
type AdvisoryOptions struct {
	// Received is when the advisories were received: the date of the
	// signals, problem reports and ledger events made. Required.
	Received time.Time
	// Source names the feed ("OSV"); it becomes each signal's Source.
	Source string
	// SignalPrefix and ProblemPrefix prefix the IDs made from a
	// vulnerability ID; empty means "SIG-" and "PR-".
	SignalPrefix, ProblemPrefix string
}

// AdvisoryMatch is one vulnerability of a new advisory found in one
// component of one release in the field, with what it reaches.
type AdvisoryMatch struct {
	// Release, Product and Version name the release.
	Release trace.ID `json:"release"`
	Product string   `json:"product,omitempty"`
	Version string   `json:"version"`
	// Component is the component's trace item ID (sbom.Component.Ref).
	Component string `json:"component"`
	// Vulnerability is the canonical vulnerability ID; Aliases the others.
	Vulnerability string   `json:"vulnerability"`
	Aliases       []string `json:"aliases,omitempty"`
	// Summary is the advisory's one-line summary.
	Summary string `json:"summary,omitempty"`
	// Evidence says which advisory range matched and why.
	Evidence []sbom.MatchEvidence `json:"evidence"`
	// Items are the software items and units that use the component: for
	// a version the project no longer holds, those that use the same
	// package in the version it does.
	Items []trace.ID `json:"items,omitempty"`
	// Hazards are the hazards and hazardous situations those items can
	// contribute to, through causes and leads-to links.
	Hazards []trace.ID `json:"hazards,omitempty"`
}

// AdvisoryIntake is what the post-market loop makes of new advisories: the
// matches, and the records to add to the project so that the next version's
// design input traces back to the signal (IEC 62304:2006+A1:2015 6.2.1,
// 9.1; FDA premarket cybersecurity guidance V.A.4, VI.B).
type AdvisoryIntake struct {
	// Matches, ordered by vulnerability, release and component.
	Matches []AdvisoryMatch `json:"matches,omitempty"`
	// Signals holds one advisory signal per vulnerability, raising its
	// problem report.
	Signals []Signal `json:"signals,omitempty"`
	// Problems holds one open problem report per vulnerability that the
	// project does not already have, affecting the components, the items
	// that use them and the hazards those contribute to.
	Problems []ProblemReport `json:"problems,omitempty"`
	// Ledger holds one identified event per vulnerability and product,
	// naming the releases affected: the start of the FDA metrics clock.
	Ledger []LedgerEvent `json:"ledger,omitempty"`
}

// Add appends the intake's signals, problem reports and ledger events to
// pm, leaving out signals and reports whose ID pm already holds.
func (in *AdvisoryIntake) Add(pm *PostMarket) {
	if in == nil || pm == nil {
		return
	}
	for _, s := range in.Signals {
		if !slices.ContainsFunc(pm.Signals, func(x Signal) bool { return x.ID == s.ID }) {
			pm.Signals = append(pm.Signals, s)
		}
	}
	for _, p := range in.Problems {
		if !slices.ContainsFunc(pm.ProblemReports, func(x ProblemReport) bool { return x.ID == p.ID }) {
			pm.ProblemReports = append(pm.ProblemReports, p)
		}
	}
	pm.Ledger = append(pm.Ledger, in.Ledger...)
}

// MatchAdvisories matches new advisories against the SBOM of every release
// still in the field. ix is a matcher index built over the new advisories
// (sbom.BuildIndex); g is the project's graph, used to find the items that
// use a matched component and the hazards they contribute to. For each
// vulnerability found it makes an advisory signal that raises an open
// problem report, and one ledger event per product; a problem report the
// project already holds (same ID) is not made again, but its signal still
// raises it.
func (p *Project) MatchAdvisories(ctx context.Context, g *trace.Graph, ix *sbom.Index, opts AdvisoryOptions) (*AdvisoryIntake, error) {
	if p == nil || g == nil || ix == nil {
		return nil, errors.New("lifecycle: MatchAdvisories needs a project, a graph and an index")
	}
	if opts.Received.IsZero() {
		return nil, fmt.Errorf("%w: AdvisoryOptions.Received is required", ErrInvalidRecord)
	}
	in := &AdvisoryIntake{}
	for i := range p.Releases {
		rel := &p.Releases[i]
		if !rel.InField() || rel.SBOM == nil {
			continue
		}
		rep, err := ix.MatchSBOM(ctx, rel.SBOM)
		if err != nil {
			return nil, err
		}
		for _, res := range rep.Results {
			items, hazards := reach(g, componentInGraph(g, res))
			for _, m := range res.Matches {
				in.Matches = append(in.Matches, AdvisoryMatch{Release: rel.ID, Product: rel.Product, Version: rel.Version,
					Component: res.Component, Vulnerability: m.Vulnerability, Aliases: m.Aliases, Summary: m.Summary,
					Evidence: m.Evidence, Items: items, Hazards: hazards})
			}
		}
	}
	slices.SortFunc(in.Matches, func(a, b AdvisoryMatch) int {
		return cmp.Or(cmp.Compare(a.Vulnerability, b.Vulnerability), cmp.Compare(a.Release, b.Release),
			cmp.Compare(a.Component, b.Component))
	})
	p.intake(g, in, opts)
	return in, nil
}

// componentInGraph returns the graph item of a matched component. A release
// in the field may ship a version the project no longer has; its package is
// then found in the version the graph holds, so that the items using the
// package and their hazards are still named.
func componentInGraph(g *trace.Graph, res sbom.ComponentResult) trace.ID {
	id := trace.ID(res.Component)
	if g.Has(id) || res.PURL == "" {
		return id
	}
	key := purlWithoutVersion(res.PURL)
	for it := range g.OfKind(sbom.KindComponent) {
		if p := it.Attr("purl"); p != "" && purlWithoutVersion(p) == key {
			return it.ID
		}
	}
	return id
}

// purlWithoutVersion drops a package URL's version, qualifiers and subpath
// (an '@' in a name is percent-encoded, so the last '@' starts the version).
func purlWithoutVersion(purl string) string {
	if i := strings.IndexAny(purl, "?#"); i >= 0 {
		purl = purl[:i]
	}
	if i := strings.LastIndexByte(purl, '@'); i >= 0 {
		purl = purl[:i]
	}
	return purl
}

// reach returns the items that use component and the hazards and
// hazardous situations they can contribute to, each sorted.
func reach(g *trace.Graph, component trace.ID) (items, hazards []trace.ID) {
	items = g.Neighbours(component, trace.In, trace.Uses)
	slices.Sort(items)
	for _, id := range g.Closure(items, trace.Out, trace.Causes, trace.LeadsTo) {
		if it, ok := g.Item(id); ok && (it.Kind == kindHazard || it.Kind == kindSituation) {
			hazards = append(hazards, id)
		}
	}
	return items, hazards
}

// intake turns the matches, grouped by vulnerability, into records.
func (p *Project) intake(g *trace.Graph, in *AdvisoryIntake, opts AdvisoryOptions) {
	sigPrefix, prPrefix := cmp.Or(opts.SignalPrefix, "SIG-"), cmp.Or(opts.ProblemPrefix, "PR-")
	for start := 0; start < len(in.Matches); {
		end := start
		for end < len(in.Matches) && in.Matches[end].Vulnerability == in.Matches[start].Vulnerability {
			end++
		}
		group := in.Matches[start:end]
		start = end
		vuln := group[0].Vulnerability
		prID, sigID := trace.ID(prPrefix+vuln), trace.ID(sigPrefix+vuln)
		var versions []string
		var concerned []trace.ID
		releases := map[string][]trace.ID{}
		for _, m := range group {
			versions = append(versions, m.Version)
			if g.Has(trace.ID(m.Component)) {
				concerned = append(concerned, trace.ID(m.Component))
			}
			concerned = append(concerned, m.Items...)
			concerned = append(concerned, m.Hazards...)
			releases[m.Product] = append(releases[m.Product], m.Release)
		}
		versions, concerned = sortedUnique(versions), sortedUnique(concerned)
		in.Signals = append(in.Signals, Signal{ID: sigID, Type: SignalAdvisory, Title: advisoryTitle(group[0]),
			Received: opts.Received, Source: opts.Source, Reference: vuln, Versions: versions, Raises: []trace.ID{prID}})
		if _, exists := p.problemReport(prID); !exists {
			in.Problems = append(in.Problems, advisoryProblem(prID, group, versions, concerned, opts.Received))
		}
		for _, product := range sortedMapKeys(releases) {
			in.Ledger = append(in.Ledger, LedgerEvent{Vulnerability: vuln, Product: product, Type: LedgerIdentified,
				At: opts.Received, Releases: sortedUnique(releases[product]), Source: string(sigID)})
		}
	}
}

func advisoryTitle(m AdvisoryMatch) string {
	if m.Summary != "" {
		return m.Vulnerability + ": " + m.Summary
	}
	return m.Vulnerability + " in " + m.Component
}

// advisoryProblem makes the open problem report a matched vulnerability
// raises. It is high criticality when the component reaches a hazard (the
// risk may have become unacceptable) and medium otherwise, until the
// investigation says more.
func advisoryProblem(id trace.ID, group []AdvisoryMatch, versions []string, concerned []trace.ID, at time.Time) ProblemReport {
	crit, effects := CriticalityMedium, []Effect{EffectSecurity}
	if slices.ContainsFunc(group, func(m AdvisoryMatch) bool { return len(m.Hazards) > 0 }) {
		crit, effects = CriticalityHigh, []Effect{EffectSafety, EffectSecurity}
	}
	var comps []string
	for _, m := range group {
		comps = append(comps, m.Component)
	}
	m := group[0]
	return ProblemReport{
		ID: id, Title: advisoryTitle(m), Reported: at, Reporter: "advisory " + m.Vulnerability,
		Description: fmt.Sprintf("%s matches %v in released versions %v", m.Vulnerability, sortedUnique(comps), versions),
		Type:        ProblemCorrective, Criticality: crit, Effects: effects,
		Scope:  ProblemScope{Versions: versions, Items: concerned},
		State:  ProblemOpen,
		Reason: "raised by a new advisory; awaiting investigation of exploitability and safety impact",
		History: []StateChange{{To: ProblemOpen, At: at, By: "post-market monitoring",
			Reason: "advisory " + m.Vulnerability}},
	}
}

func (pm *PostMarket) problemReport(id trace.ID) (*ProblemReport, bool) {
	if pm == nil {
		return nil, false
	}
	for i := range pm.ProblemReports {
		if pm.ProblemReports[i].ID == id {
			return &pm.ProblemReports[i], true
		}
	}
	return nil, false
}

func sortedUnique[T cmp.Ordered](s []T) []T {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
