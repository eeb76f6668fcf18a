// Package synth generates realistic synthetic trace graphs of a given size
// for benchmarks: needs derive requirements allocated to software items,
// hazards lead to hazardous situations and harms, risk controls mitigate
// situations and are implemented by requirements, tests verify requirements
// and controls and are evidenced by results, items use components that
// vulnerabilities affect. Generation is deterministic for a given seed.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/medtrace/medtrace/trace"
)

// Kinds used by the generator; they match the thread's kind names.
const (
	Need      trace.Kind = "user-need"
	Req       trace.Kind = "requirement"
	Item      trace.Kind = "software-item"
	Hazard    trace.Kind = "hazard"
	Situation trace.Kind = "hazardous-situation"
	Harm      trace.Kind = "harm"
	Control   trace.Kind = "risk-control"
	Test      trace.Kind = "test"
	Result    trace.Kind = "test-result"
	Component trace.Kind = "component"
	Vuln      trace.Kind = "vulnerability"
)

// share is each kind's share of the items, in per-mille.
var shares = []struct {
	kind   trace.Kind
	prefix string
	permil int
}{
	{Need, "UN", 20}, {Req, "SRS", 200}, {Item, "SI", 30}, {Hazard, "HAZ", 30},
	{Situation, "HS", 60}, {Harm, "HARM", 10}, {Control, "RC", 60}, {Test, "TC", 250},
	{Result, "TR", 250}, {Component, "pkg:golang/example.com/mod", 50}, {Vuln, "GO-2026-", 40},
}

// Graph is a generated graph's raw records, before building.
type Graph struct {
	Items  []trace.Item
	Links  []trace.Link
	byKind map[trace.Kind][]trace.ID
}

// IDs returns the generated IDs of kind k.
func (g *Graph) IDs(k trace.Kind) []trace.ID { return g.byKind[k] }

// Builder returns a builder holding the generated records and the kind
// pairs they need.
func (g *Graph) Builder() *trace.Builder {
	b := trace.NewBuilder()
	Allow(b)
	b.Grow(len(g.Items), len(g.Links))
	for _, it := range g.Items {
		b.AddItem(it)
	}
	for _, l := range g.Links {
		b.AddLink(l)
	}
	return b
}

// Allow declares the kind pairs the generated links use.
func Allow(b *trace.Builder) {
	b.Allow(trace.Derives, Need, Req)
	b.Allow(trace.AllocatedTo, Req, Item)
	b.Allow(trace.Verifies, Test, Req, Control)
	b.Allow(trace.VerifiesEffectiveness, Test, Control)
	b.Allow(trace.Evidences, Result, Test)
	b.Allow(trace.LeadsTo, Hazard, Situation)
	b.Allow(trace.LeadsTo, Situation, Harm)
	b.Allow(trace.Mitigates, Control, Situation)
	b.Allow(trace.ImplementedBy, Control, Req)
	b.Allow(trace.Causes, Item, Situation)
	b.Allow(trace.Uses, Item, Component)
	b.Allow(trace.Affects, Vuln, Component)
}

// New generates about n items and about m links (m is reached by adding
// further verification and allocation links once the thread is complete;
// if m is below what the thread needs, the thread wins).
func New(n, m int, seed uint64) *Graph {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &Graph{byKind: map[trace.Kind][]trace.ID{}}
	for _, s := range shares {
		count := max(1, n*s.permil/1000)
		for i := 0; i < count; i++ {
			var id trace.ID
			if s.kind == Component {
				id = trace.ID(fmt.Sprintf("%s%d@v1.%d.0", s.prefix, i, i%20))
			} else {
				id = trace.ID(fmt.Sprintf("%s-%06d", s.prefix, i))
			}
			it := trace.Item{ID: id, Kind: s.kind, Title: fmt.Sprintf("%s %d", s.kind, i)}
			it.Fingerprint = trace.NewHasher().String("id", string(id)).Int("rev", 1).Sum()
			g.Items = append(g.Items, it)
			g.byKind[s.kind] = append(g.byKind[s.kind], id)
		}
	}
	link := func(from trace.ID, t trace.LinkType, to trace.ID) {
		g.Links = append(g.Links, trace.Link{From: from, Type: t, To: to})
	}
	pick := func(k trace.Kind) trace.ID { ids := g.byKind[k]; return ids[rng.IntN(len(ids))] }
	for i, r := range g.byKind[Req] {
		link(g.byKind[Need][i%len(g.byKind[Need])], trace.Derives, r)
		link(r, trace.AllocatedTo, pick(Item))
	}
	for i, t := range g.byKind[Test] {
		link(t, trace.Verifies, g.byKind[Req][i%len(g.byKind[Req])])
	}
	for i, r := range g.byKind[Result] {
		link(r, trace.Evidences, g.byKind[Test][i%len(g.byKind[Test])])
	}
	for i, s := range g.byKind[Situation] {
		link(g.byKind[Hazard][i%len(g.byKind[Hazard])], trace.LeadsTo, s)
		link(s, trace.LeadsTo, pick(Harm))
		link(pick(Item), trace.Causes, s)
	}
	for i, c := range g.byKind[Control] {
		link(c, trace.Mitigates, g.byKind[Situation][i%len(g.byKind[Situation])])
		link(c, trace.ImplementedBy, pick(Req))
		link(pick(Test), trace.Verifies, c)
		link(pick(Test), trace.VerifiesEffectiveness, c)
	}
	for i, c := range g.byKind[Component] {
		link(g.byKind[Item][i%len(g.byKind[Item])], trace.Uses, c)
	}
	for _, v := range g.byKind[Vuln] {
		link(v, trace.Affects, pick(Component))
	}
	for len(g.Links) < m {
		switch rng.IntN(4) {
		case 0:
			link(pick(Req), trace.AllocatedTo, pick(Item))
		case 1:
			link(pick(Item), trace.Uses, pick(Component))
		default:
			link(pick(Test), trace.Verifies, pick(Req))
		}
	}
	return g
}

// Rules returns a default-sized thread rule set over the generated kinds.
func Rules() []trace.Rule {
	meta := func(id, clause, summary string) trace.RuleMeta {
		return trace.RuleMeta{ID: id, Version: 1, Severity: trace.Error, Clause: clause, Summary: summary}
	}
	lr := func(id, clause string, k trace.Kind, t trace.LinkType, d trace.Direction, to ...trace.Kind) trace.Rule {
		return trace.LinkRule{RuleMeta: meta(id, clause, fmt.Sprintf("%s needs %s %s", k, t, d)), Kind: k, Link: t, Dir: d, To: to}
	}
	return []trace.Rule{
		lr("T-001", "IEC 62304 5.2", Need, trace.Derives, trace.Out, Req),
		lr("T-002", "IEC 62304 5.1.1", Req, trace.Derives, trace.In, Need),
		lr("T-003", "IEC 62304 5.3", Req, trace.AllocatedTo, trace.Out, Item),
		lr("T-004", "IEC 62304 5.7.4", Req, trace.Verifies, trace.In, Test),
		lr("T-005", "IEC 62304 5.7.5", Test, trace.Evidences, trace.In, Result),
		lr("T-006", "ISO 14971 5.4", Hazard, trace.LeadsTo, trace.Out, Situation),
		lr("T-007", "ISO 14971 5.5", Situation, trace.LeadsTo, trace.Out, Harm),
		lr("T-008", "ISO 14971 7.1", Situation, trace.Mitigates, trace.In, Control),
		lr("T-009", "ISO 14971 7.2", Control, trace.ImplementedBy, trace.Out, Req),
		lr("T-010", "ISO 14971 7.2", Control, trace.Verifies, trace.In, Test),
		lr("T-011", "ISO 14971 7.2", Control, trace.VerifiesEffectiveness, trace.In, Test),
		lr("T-012", "IEC 62304 7.1.2", Situation, trace.Causes, trace.In, Item),
		lr("T-013", "IEC 62304 8.1.2", Component, trace.Uses, trace.In, Item),
		lr("T-014", "FDA 524B(b)(2)", Vuln, trace.Affects, trace.Out, Component),
		trace.CycleRule(meta("T-015", "IEC 62304 5.1.1", "requirements derive without cycles"), trace.Derives),
		trace.SuspectRule(meta("T-016", "IEC 62304 8.2.3", "reviewed links are current")),
	}
}
