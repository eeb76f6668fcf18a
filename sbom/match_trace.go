package sbom

import (
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// KindVulnerability is a known vulnerability found in components (one item
// per canonical vulnerability ID).
const KindVulnerability trace.Kind = "vulnerability"

// Attribute keys of vulnerability items. Per-component keys end in ":"
// followed by the component's trace ID.
const (
	// AttrAliases holds the vulnerability's other IDs, comma-separated.
	AttrAliases = "aliases"
	// AttrSnapshot holds the digest of the advisory data matched against.
	AttrSnapshot = "osv-snapshot"
	// AttrVEXStatus holds the most severe VEX status over the affected
	// components (affected, unstated, under_investigation, fixed,
	// not_affected, in that order of severity).
	AttrVEXStatus = "vex-status"
	// AttrVEXStatusPrefix + component ID holds the VEX status for that
	// component, or "unstated" when no statement covers the match.
	AttrVEXStatusPrefix = "vex-status:"
	// AttrReasonPrefix + component ID holds why the vulnerability matched
	// that component (the range events and version compared).
	AttrReasonPrefix = "match-reason:"
)

// VEXUnstated is the status attribute value of a match no VEX statement
// covers.
const VEXUnstated = "unstated"

func vexStatusRank(s string) int {
	switch s {
	case string(VEXAffected):
		return 5
	case VEXUnstated:
		return 4
	case string(VEXUnderInvestigation):
		return 3
	case string(VEXFixed):
		return 2
	case string(VEXNotAffected):
		return 1
	}
	return 0
}

// Contribute adds one vulnerability item per canonical vulnerability of the
// report (its position is the advisory file that first matched) and a link vulnerability -affects-> component for every match,
// whatever its VEX status (the status is an attribute: a not_affected match
// stays traceable as assessed). Component items are those of the SBOM's own
// contribution, identified by Component.Ref. Each item carries the
// aliases, the snapshot digest, the VEX status and match reason per
// component, and a fingerprint over that content, so a change of VEX status
// or of the matching advisory data makes links to it suspect.
func (r *MatchReport) Contribute(b *trace.Builder) error {
	b.Allow(trace.Affects, KindVulnerability, KindComponent)
	type vuln struct {
		m     *Match
		attrs map[string]string
		comps []string
	}
	byID := make(map[string]*vuln)
	var order []string
	for i := range r.Results {
		res := &r.Results[i]
		for j := range res.Matches {
			m := &res.Matches[j]
			v := byID[m.Vulnerability]
			if v == nil {
				v = &vuln{m: m, attrs: map[string]string{AttrSnapshot: r.Snapshot.Digest}}
				if len(m.Aliases) > 0 {
					v.attrs[AttrAliases] = strings.Join(m.Aliases, ",")
				}
				byID[m.Vulnerability] = v
				order = append(order, m.Vulnerability)
			}
			status := VEXUnstated
			if m.VEX != nil {
				status = string(m.VEX.Status)
			}
			v.attrs[AttrVEXStatusPrefix+res.Component] = status
			if vexStatusRank(status) > vexStatusRank(v.attrs[AttrVEXStatus]) {
				v.attrs[AttrVEXStatus] = status
			}
			reasons := make([]string, len(m.Evidence))
			for k, e := range m.Evidence {
				reasons[k] = e.Advisory + " " + e.Path + ": " + e.Reason
			}
			v.attrs[AttrReasonPrefix+res.Component] = strings.Join(reasons, "; ")
			v.comps = append(v.comps, res.Component)
		}
	}
	slices.Sort(order)
	for _, id := range order {
		v := byID[id]
		it := trace.Item{ID: trace.ID(id), Kind: KindVulnerability, Title: v.m.Summary, Attrs: v.attrs}
		if len(v.m.Evidence) > 0 {
			it.Pos = trace.Position{File: v.m.Evidence[0].Source}
		}
		h := trace.NewHasher().String("id", id).String("summary", v.m.Summary).Strings("aliases", v.m.Aliases)
		keys := make([]string, 0, len(v.attrs))
		for k := range v.attrs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			h.String("attr:"+k, v.attrs[k])
		}
		it.Fingerprint = h.Sum()
		b.AddItem(it)
		comps := slices.Compact(slices.Sorted(slices.Values(v.comps)))
		for _, c := range comps {
			b.Link(trace.ID(id), trace.Affects, trace.ID(c))
		}
	}
	return nil
}
