package lifecycle

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// ErrNoBaseline is returned when a release diff needs the baseline of a
// release that does not record one.
var ErrNoBaseline = errors.New("lifecycle: release has no baseline")

// DefaultPropagation is how a change travels through the thread for
// regression selection and re-review (IEC 62304:2006+A1:2015 5.7.3, 7.4,
// 8.2.3): from a component to the items that use it, the model elements that
// host it and the vulnerabilities that affect it; from an item to the requirements allocated to it and the
// hazards it causes; from a requirement to the requirements derived from it
// and the controls it implements; from a control to what it mitigates; from
// a hazard along leads-to; from a vulnerability to the threats it realises;
// from an interface to the items it connects; and from anything verified to
// the tests that verify it.
func DefaultPropagation() []trace.Propagation {
	return []trace.Propagation{
		{Type: trace.Uses, Dir: trace.In},
		{Type: trace.Hosts, Dir: trace.In},
		{Type: trace.Affects, Dir: trace.In},
		{Type: trace.AllocatedTo, Dir: trace.In},
		{Type: trace.Causes, Dir: trace.Out},
		{Type: trace.Derives, Dir: trace.Out},
		{Type: trace.ImplementedBy, Dir: trace.In},
		{Type: trace.Mitigates, Dir: trace.Out},
		{Type: trace.LeadsTo, Dir: trace.Out},
		{Type: trace.Realises, Dir: trace.Out},
		{Type: Connects, Dir: trace.Out},
		{Type: trace.Verifies, Dir: trace.In},
		{Type: trace.VerifiesEffectiveness, Dir: trace.In},
	}
}

// DiffOptions tunes DiffReleases. The zero value follows DefaultPropagation
// with no depth limit.
type DiffOptions struct {
	// Along replaces DefaultPropagation when not empty.
	Along []trace.Propagation
	// MaxDepth bounds the links followed from a changed item; 0 means no
	// bound.
	MaxDepth int
}

// ReleaseDiff is what changed from one release to the next and what the
// change reaches (IEC 62304:2006+A1:2015 6.2.3, 7.4, 8.2.3; FDA 2023
// software guidance VI.I).
type ReleaseDiff struct {
	// From and To are the releases compared, older first.
	From trace.ID `json:"from"`
	To   trace.ID `json:"to"`
	// Items is the diff of the two baselines.
	Items trace.BaselineDiff `json:"items"`
	// Components is the diff of the two SBOMs; empty when either release
	// has no SBOM.
	Components ComponentDiff `json:"components,omitzero"`
	// Impact is what the added and changed items reach in the graph.
	Impact ReleaseImpact `json:"impact"`
}

// ReleaseImpact is the change impact of a release diff: the records to
// review again and the tests to run again, each with the path from a changed
// item, and the links that became suspect.
type ReleaseImpact struct {
	// Changed are the added and changed items the impact starts from that
	// exist in the graph, in ID order.
	Changed []trace.ID `json:"changed,omitempty"`
	// Requirements are user needs and requirements to re-review.
	Requirements []ImpactedRecord `json:"requirements,omitempty"`
	// Risk are risk records to re-review (ISO 14971 hazards, situations,
	// harms, causes, controls, benefit-risk analyses).
	Risk []ImpactedRecord `json:"risk,omitempty"`
	// Security are security records to re-review (threats, controls,
	// security risks, vulnerabilities, model elements).
	Security []ImpactedRecord `json:"security,omitempty"`
	// Tests are the tests to run again: the regression selection.
	Tests []ImpactedRecord `json:"tests,omitempty"`
	// Other are the other items reached (software items, components,
	// documents).
	Other []ImpactedRecord `json:"other,omitempty"`
	// Suspects are the reviewed links whose target changed since review.
	Suspects []SuspectLink `json:"suspects,omitempty"`
}

// SuspectLink is a reviewed link whose target changed since the review
// (trace.Suspect in the release's JSON form).
type SuspectLink struct {
	// From, Type and To are the link as written.
	From trace.ID       `json:"from"`
	Type trace.LinkType `json:"type"`
	To   trace.ID       `json:"to"`
	// Reviewed is the target's fingerprint the reviewer saw; Current is
	// its fingerprint now.
	Reviewed trace.Fingerprint `json:"reviewed"`
	Current  trace.Fingerprint `json:"current"`
}

// ImpactedRecord is one item a change reaches, with the shortest path from
// a changed item.
type ImpactedRecord struct {
	// ID and Kind name the item reached.
	ID   trace.ID   `json:"id"`
	Kind trace.Kind `json:"kind"`
	// Depth is the number of links from the nearest changed item.
	Depth int `json:"depth"`
	// Path is the shortest path from a changed item, each link as written.
	Path []trace.Hop `json:"path"`
}

// Kinds by the group of a release impact they fall in.
var (
	requirementKinds = []trace.Kind{KindUserNeed, KindRequirement}
	riskKinds        = []trace.Kind{kindHazard, kindSituation, kindHarm, kindCause, kindRiskControl, pmKindBenefitRisk}
	securityKinds    = []trace.Kind{kindThreat, kindSecurityControl, pmKindSecurityRisk, pmKindVulnerability,
		"asset", "element", "data-flow", "trust-boundary", "attack-tree"}
)

// DiffReleases compares release prev with release cur and computes the
// change impact in g, the graph of cur. prev must record its baseline; cur's
// baseline is taken from g (ReleaseBaseline) when it records none. Removed
// items are listed in the diff but cannot propagate: they are not in g.
func DiffReleases(g *trace.Graph, prev, cur *Release, opts DiffOptions) (*ReleaseDiff, error) {
	if g == nil || prev == nil || cur == nil {
		return nil, errors.New("lifecycle: DiffReleases needs a graph and two releases")
	}
	if prev.Baseline == nil {
		return nil, fmt.Errorf("%w: %s", ErrNoBaseline, prev.ID)
	}
	curBase := cur.Baseline
	if curBase == nil {
		b := ReleaseBaseline(g, cur.Version, cur.Date)
		curBase = &b
	}
	d := &ReleaseDiff{From: prev.ID, To: cur.ID, Items: trace.DiffBaselines(*prev.Baseline, *curBase)}
	if prev.SBOM != nil && cur.SBOM != nil {
		d.Components = DiffComponents(prev.SBOM, cur.SBOM)
	}
	imp, err := releaseImpact(g, d.Items.ChangedIDs(), opts)
	if err != nil {
		return nil, err
	}
	d.Impact = *imp
	return d, nil
}

// releaseImpact runs the impact analysis from changed and sorts what it
// reaches into groups.
func releaseImpact(g *trace.Graph, changed []trace.ID, opts DiffOptions) (*ReleaseImpact, error) {
	along := opts.Along
	if len(along) == 0 {
		along = DefaultPropagation()
	}
	start := slices.DeleteFunc(slices.Clone(changed), func(id trace.ID) bool { return !g.Has(id) })
	res, err := g.Impact(start, trace.ImpactOptions{Along: along, MaxDepth: opts.MaxDepth})
	if err != nil {
		return nil, err
	}
	imp := &ReleaseImpact{Changed: res.Changed}
	for _, s := range g.Suspects() {
		imp.Suspects = append(imp.Suspects, SuspectLink{From: s.Link.From, Type: s.Link.Type, To: s.Link.To,
			Reviewed: s.Link.Reviewed, Current: s.Current})
	}
	for _, r := range res.Reached {
		rec := ImpactedRecord{ID: r.ID, Kind: r.Kind, Depth: r.Depth, Path: res.Path(r.ID)}
		switch {
		case slices.Contains(requirementKinds, r.Kind):
			imp.Requirements = append(imp.Requirements, rec)
		case slices.Contains(riskKinds, r.Kind):
			imp.Risk = append(imp.Risk, rec)
		case slices.Contains(securityKinds, r.Kind):
			imp.Security = append(imp.Security, rec)
		case r.Kind == KindTest:
			imp.Tests = append(imp.Tests, rec)
		case slices.Contains(recordKinds, r.Kind):
			// process records are not reviewed again
		default:
			imp.Other = append(imp.Other, rec)
		}
	}
	return imp, nil
}

// ComponentVersion is one component of an SBOM, by identity and version.
type ComponentVersion struct {
	// Key is the component's identity without its version: its package URL
	// without version, qualifiers and subpath, or else "group/name".
	Key string `json:"key"`
	// Ref is the component's trace item ID (sbom.Component.Ref).
	Ref string `json:"ref"`
	// Version is its version.
	Version string `json:"version,omitempty"`
}

// ComponentChange is a component whose version differs between two SBOMs.
type ComponentChange struct {
	// Key is the component's identity without its version.
	Key string `json:"key"`
	// Old and New are the component in the older and the newer SBOM.
	Old ComponentVersion `json:"old"`
	New ComponentVersion `json:"new"`
}

// ComponentDiff is the difference between two SBOMs' components (FDA
// premarket cybersecurity guidance VII.D; IEC 62304:2006+A1:2015 8.1.2).
type ComponentDiff struct {
	// Added are components only the newer SBOM has; Removed those only the
	// older has; Changed those whose version changed. Each is ordered by key.
	Added   []ComponentVersion `json:"added,omitempty"`
	Removed []ComponentVersion `json:"removed,omitempty"`
	Changed []ComponentChange  `json:"changed,omitempty"`
}

// IsZero reports whether nothing changed.
func (d ComponentDiff) IsZero() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// DiffComponents compares the components of two SBOMs by identity (package
// URL without version, else group and name). A component present in several
// versions in one SBOM is compared version by version.
func DiffComponents(old, new *sbom.SBOM) ComponentDiff {
	var d ComponentDiff
	o, n := componentVersions(old), componentVersions(new)
	keys := make([]string, 0, len(o)+len(n))
	for k := range o {
		keys = append(keys, k)
	}
	for k := range n {
		if _, ok := o[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		ov, nv := o[k], n[k]
		// Versions present on both sides are unchanged.
		ov, nv = without(ov, nv), without(nv, ov)
		for len(ov) > 0 && len(nv) > 0 {
			d.Changed = append(d.Changed, ComponentChange{Key: k, Old: ov[0], New: nv[0]})
			ov, nv = ov[1:], nv[1:]
		}
		d.Removed = append(d.Removed, ov...)
		d.Added = append(d.Added, nv...)
	}
	return d
}

func componentVersions(s *sbom.SBOM) map[string][]ComponentVersion {
	out := map[string][]ComponentVersion{}
	if s == nil {
		return out
	}
	for i := range s.Components {
		c := &s.Components[i]
		cv := ComponentVersion{Key: componentKey(c), Ref: c.Ref(), Version: c.Version.Text}
		out[cv.Key] = append(out[cv.Key], cv)
	}
	for k := range out {
		slices.SortFunc(out[k], func(a, b ComponentVersion) int {
			return cmp.Or(cmp.Compare(a.Version, b.Version), cmp.Compare(a.Ref, b.Ref))
		})
		out[k] = slices.CompactFunc(out[k], func(a, b ComponentVersion) bool { return a.Version == b.Version })
	}
	return out
}

// without returns the entries of a whose version is not in b.
func without(a, b []ComponentVersion) []ComponentVersion {
	var out []ComponentVersion
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y ComponentVersion) bool { return y.Version == x.Version }) {
			out = append(out, x)
		}
	}
	return out
}

// componentKey is a component's identity without its version.
func componentKey(c *sbom.Component) string {
	if p := c.PURL; p != "" {
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if i := strings.LastIndexByte(p, '@'); i > strings.LastIndexByte(p, '/') {
			p = p[:i]
		}
		return p
	}
	if c.Group != "" {
		return c.Group + "/" + c.Name
	}
	return c.Name
}
