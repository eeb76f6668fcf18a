package security

import (
	"cmp"
	"slices"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// VulnerabilityMatch is a known vulnerability found in components of the
// device by composition analysis (package sbom's OSV matching), with the
// maker's VEX statement if one applies.
type VulnerabilityMatch struct {
	// Vulnerability is the vulnerability's item ID (the canonical ID). Required.
	Vulnerability trace.ID `json:"vulnerability"`
	// Aliases are its other IDs.
	Aliases []string `json:"aliases,omitempty"`
	// Summary is the advisory's summary.
	Summary string `json:"summary,omitempty"`
	// Components are the affected components' item IDs. Required.
	Components []trace.ID `json:"components"`
	// VEX is the applicable VEX statement, if any.
	VEX *VEX `json:"vex,omitempty"`
	// AdvisoryCVSS is the advisory's CVSS vector, if any.
	AdvisoryCVSS string `json:"advisoryCvss,omitempty"`
}

// DraftOptions tunes DraftRisks. The zero value uses the prefix "SR-".
type DraftOptions struct {
	// Prefix starts each draft's ID; "" means "SR-".
	Prefix string
	// Existing are the risks already recorded; a vulnerability one of them
	// assesses gets no draft.
	Existing []Risk
}

// DraftRisks turns vulnerability matches into security risk records to be
// assessed: one per vulnerability not yet assessed, with the affected
// components, the advisory's vector for reference and the VEX statement.
// The drafts carry no assessment: exploitability in this device's context
// and patient-harm impact are for a person to judge (FDA premarket
// cybersecurity guidance (2023) V.A.4), and SEC-011 reports them until then.
// Drafts come back in ID order.
func DraftRisks(matches []VulnerabilityMatch, opts DraftOptions) []Risk {
	prefix := cmpOr(opts.Prefix, "SR-")
	done := map[trace.ID]bool{}
	for _, r := range opts.Existing {
		for _, v := range r.Vulnerabilities {
			done[v] = true
		}
	}
	byVuln := map[trace.ID]*Risk{}
	for _, m := range matches {
		if m.Vulnerability == "" || done[m.Vulnerability] {
			continue
		}
		r := byVuln[m.Vulnerability]
		if r == nil {
			r = &Risk{ID: trace.ID(prefix + string(m.Vulnerability)), Vulnerabilities: []trace.ID{m.Vulnerability},
				AdvisoryCVSS: m.AdvisoryCVSS}
			title := string(m.Vulnerability)
			if m.Summary != "" {
				title += ": " + m.Summary
			}
			r.Title = title
			byVuln[m.Vulnerability] = r
		}
		r.Components = append(r.Components, m.Components...)
		if m.VEX != nil && (r.VEX == nil || vexRank(m.VEX.Status) > vexRank(r.VEX.Status)) {
			v := *m.VEX
			r.VEX = &v
		}
		if r.AdvisoryCVSS == "" {
			r.AdvisoryCVSS = m.AdvisoryCVSS
		}
	}
	out := make([]Risk, 0, len(byVuln))
	for _, r := range byVuln {
		slices.Sort(r.Components)
		r.Components = slices.Compact(r.Components)
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Risk) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// vexRank orders VEX statuses by how much they leave to do, so a draft
// keeps the most severe statement over its components.
func vexRank(s sbom.VEXStatus) int {
	switch s {
	case sbom.VEXAffected:
		return 4
	case sbom.VEXUnderInvestigation:
		return 3
	case sbom.VEXFixed:
		return 2
	case sbom.VEXNotAffected:
		return 1
	}
	return 0
}

// MatchesFromReport reads the vulnerability matches of an sbom match report
// (after sbom.ApplyVEX, if VEX documents apply): one VulnerabilityMatch per
// matched (component, vulnerability), in report order. Components that
// could not be assessed are not matches; sbom's own checks report them.
func MatchesFromReport(rep *sbom.MatchReport) []VulnerabilityMatch {
	if rep == nil {
		return nil
	}
	var out []VulnerabilityMatch
	for i := range rep.Results {
		res := &rep.Results[i]
		for _, m := range res.Matches {
			vm := VulnerabilityMatch{Vulnerability: trace.ID(m.Vulnerability), Aliases: slices.Clone(m.Aliases),
				Summary: m.Summary, Components: []trace.ID{trace.ID(res.Component)}}
			if m.VEX != nil {
				vm.VEX = &VEX{Status: sbom.VEXStatus(m.VEX.Status), Justification: sbom.VEXJustification(m.VEX.Justification),
					Statement: m.VEX.ImpactStatement}
			}
			out = append(out, vm)
		}
	}
	return out
}

// Reevaluate returns what a vulnerability touches in the graph and must be
// re-evaluated: the elements hosting the affected components, the threats
// on those elements, the security risks assessing those threats or the
// vulnerability, and the hazardous situations and hazards they cause; in ID
// order without repeats.
func Reevaluate(g *trace.Graph, vuln trace.ID) []trace.ID {
	if g == nil {
		return nil
	}
	seen := map[trace.ID]bool{}
	add := func(ids ...trace.ID) {
		for _, id := range ids {
			seen[id] = true
		}
	}
	var threats, risks []trace.ID
	for _, c := range linked(g, vuln, trace.Out, trace.Affects, sbom.KindComponent) {
		for _, e := range linked(g, c, trace.In, trace.Hosts, KindElement) {
			add(e)
			ts := linked(g, e, trace.In, trace.Targets, KindThreat)
			add(ts...)
			threats = append(threats, ts...)
		}
	}
	risks = append(risks, linked(g, vuln, trace.In, Assesses, KindRisk)...)
	for _, t := range threats {
		risks = append(risks, linked(g, t, trace.In, Assesses, KindRisk)...)
		add(linked(g, t, trace.Out, trace.Causes, harmTargets()...)...)
	}
	for _, r := range risks {
		add(r)
		add(situationsOf(g, r)...)
	}
	out := make([]trace.ID, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
