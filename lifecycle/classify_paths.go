package lifecycle

import (
	"cmp"
	"slices"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// Contribution is one hazardous situation a software item (or the system)
// can contribute to, with the path through the graph that shows how
// (IEC 62304:2006+A1:2015 4.3 Q1, 7.1.1; 7.2.2 b for items that implement a
// risk control).
type Contribution struct {
	// Situation is the hazardous situation.
	Situation trace.ID `json:"situation"`
	// Via says how: "cause" (the item causes a hazard, cause or
	// situation), "soup" (through a component it uses), "vulnerability"
	// (through a known vulnerability of such a component), or
	// "risk-control" (the item implements a control of the situation).
	Via string `json:"via"`
	// Path is the chain of links from the item to the situation.
	Path []trace.Hop `json:"path"`
	// Class is the class the situation calls for.
	Class Class `json:"class"`
}

// pathFinder finds the situations an item can contribute to.
type pathFinder struct {
	g     *trace.Graph
	table *situationTable
}

// contributions returns the situations id contributes to directly (not
// through its children), by situation ID, with the first path found.
func (pf *pathFinder) contributions(id trace.ID) []Contribution {
	found := map[trace.ID]Contribution{}
	add := func(hs trace.ID, via string, path []trace.Hop) {
		sc, ok := pf.table.byID[hs]
		if _, dup := found[hs]; ok && !dup {
			found[hs] = Contribution{Situation: hs, Via: via, Path: slices.Clone(path), Class: sc.Class}
		}
	}
	pf.reach(id, nil, "cause", add, 0)
	for _, comp := range pf.g.Neighbours(id, trace.Out, trace.Uses) {
		use := trace.Hop{From: id, Type: trace.Uses, To: comp}
		pf.reach(comp, []trace.Hop{use}, "soup", add, 0)
		for _, v := range pf.g.Neighbours(comp, trace.In, trace.Affects) {
			pf.reach(v, []trace.Hop{use, {From: v, Type: trace.Affects, To: comp}}, "vulnerability", add, 0)
		}
	}
	for _, req := range pf.g.Neighbours(id, trace.In, trace.AllocatedTo) {
		alloc := trace.Hop{From: req, Type: trace.AllocatedTo, To: id}
		for _, ctl := range pf.g.Neighbours(req, trace.In, trace.ImplementedBy) {
			impl := trace.Hop{From: ctl, Type: trace.ImplementedBy, To: req}
			for _, hs := range pf.g.Neighbours(ctl, trace.Out, trace.Mitigates) {
				add(hs, "risk-control", []trace.Hop{alloc, impl, {From: ctl, Type: trace.Mitigates, To: hs}})
			}
		}
	}
	out := make([]Contribution, 0, len(found))
	for _, c := range found {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Contribution) int { return cmp.Compare(a.Situation, b.Situation) })
	return out
}

// reach follows causes links from `from` to situations, through hazards
// (leads-to) and through cause records (up to three causes deep).
func (pf *pathFinder) reach(from trace.ID, prefix []trace.Hop, via string, add func(trace.ID, string, []trace.Hop), depth int) {
	for _, to := range pf.g.Neighbours(from, trace.Out, trace.Causes) {
		it, _ := pf.g.Item(to)
		path := append(slices.Clip(prefix), trace.Hop{From: from, Type: trace.Causes, To: to})
		switch it.Kind {
		case risk.KindSituation:
			add(to, via, path)
		case risk.KindHazard:
			for _, hs := range pf.g.Neighbours(to, trace.Out, trace.LeadsTo) {
				add(hs, via, append(slices.Clip(path), trace.Hop{From: to, Type: trace.LeadsTo, To: hs}))
			}
		case risk.KindCause:
			if depth < 3 {
				pf.reach(to, path, via, add, depth+1)
			}
		}
	}
}
