package trace

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Propagation says that a change to an item reaches the item at the other
// end of its links of type Type, followed in direction Dir from the changed
// item. For example {Verifies, In}: when a requirement changes, the tests
// that verify it are impacted.
type Propagation struct {
	Type LinkType
	Dir  Direction
	// From restricts the propagation to items of these kinds: the link is
	// followed only from an item of one of them. Empty means any kind.
	From []Kind
}

// ImpactOptions tunes Graph.Impact. The zero value follows every link type in
// both directions with no depth limit.
type ImpactOptions struct {
	// Along lists the propagations to follow; empty means every link type
	// in both directions.
	Along []Propagation
	// MaxDepth bounds the number of links followed; 0 means no bound.
	MaxDepth int
}

// Impacted is one item reached by a change.
type Impacted struct {
	ID    ID
	Kind  Kind
	Depth int
	// Via is the last link on the shortest path that reached the item, as
	// the link is written (From → To), whichever way it was followed.
	Via Hop
}

// ImpactResult is the set of items a change reaches, each with the shortest
// path from a changed item.
type ImpactResult struct {
	g       *Graph
	Changed []ID
	// Reached, ordered by depth and then ID; the changed items are not
	// included.
	Reached []Impacted
	parent  []int32 // per item: edge index that reached it, or -1
	from    []int32 // per item: item it was reached from
}

// Impact returns every item that a change to the given items reaches along
// opts.Along, breadth first, with the shortest path to each. Unknown IDs are
// an error naming each of them.
func (g *Graph) Impact(changed []ID, opts ImpactOptions) (*ImpactResult, error) {
	var unknown []string
	start := make([]int32, 0, len(changed))
	for _, id := range changed {
		v, ok := g.index[id]
		if !ok {
			unknown = append(unknown, string(id))
			continue
		}
		start = append(start, v)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("trace: impact: %w: %s", ErrUnknownItem, strings.Join(unknown, ", "))
	}
	outSet, inSet, err := g.propagationSets(opts.Along)
	if err != nil {
		return nil, err
	}

	n := len(g.items)
	res := &ImpactResult{g: g, parent: make([]int32, n), from: make([]int32, n)}
	depth := make([]int32, n)
	for i := range depth {
		depth[i], res.parent[i] = -1, -1
	}
	queue := make([]int32, 0, len(start))
	for _, v := range start {
		if depth[v] < 0 {
			depth[v] = 0
			queue = append(queue, v)
			res.Changed = append(res.Changed, g.items[v].ID)
		}
	}
	slices.Sort(res.Changed)
	visit := func(v, w int32, ei int32) {
		if depth[w] >= 0 {
			return
		}
		depth[w] = depth[v] + 1
		res.parent[w], res.from[w] = ei, v
		queue = append(queue, w)
	}
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		if opts.MaxDepth > 0 && int(depth[v]) >= opts.MaxDepth {
			continue
		}
		row := int(g.kindOf[v]) * len(g.ltypes)
		for i := g.outOff[v]; i < g.outOff[v+1]; i++ {
			if outSet[row+int(g.edges[i].typ)] {
				visit(v, g.edges[i].to, i)
			}
		}
		for _, j := range g.inIdx[g.inOff[v]:g.inOff[v+1]] {
			if inSet[row+int(g.edges[j].typ)] {
				visit(v, g.edges[j].from, j)
			}
		}
	}
	// Item indices follow ID order, so ordering by (depth, index) orders by
	// (depth, ID) without comparing strings.
	reached := queue[len(res.Changed):]
	slices.SortFunc(reached, func(a, b int32) int { return cmp.Or(cmp.Compare(depth[a], depth[b]), cmp.Compare(a, b)) })
	res.Reached = make([]Impacted, len(reached))
	for i, w := range reached {
		e := &g.edges[res.parent[w]]
		res.Reached[i] = Impacted{
			ID: g.items[w].ID, Kind: g.items[w].Kind, Depth: int(depth[w]),
			Via: Hop{From: g.items[e.from].ID, Type: g.ltypes[e.typ], To: g.items[e.to].ID},
		}
	}
	return res, nil
}

// propagationSets turns propagations into per-direction tables indexed by
// (kind of the current item, link type); no propagations means every type
// both ways from every kind.
func (g *Graph) propagationSets(along []Propagation) (out, in []bool, err error) {
	nt := len(g.ltypes)
	out, in = make([]bool, len(g.kinds)*nt), make([]bool, len(g.kinds)*nt)
	if len(along) == 0 {
		for i := range out {
			out[i], in[i] = true, true
		}
	}
	for _, p := range along {
		t, ok := g.typeIndex(p.Type)
		if !ok {
			continue
		}
		var set []bool
		switch p.Dir {
		case Out:
			set = out
		case In:
			set = in
		default:
			return nil, nil, fmt.Errorf("trace: impact: propagation %s has invalid direction %v", p.Type, p.Dir)
		}
		for k := range g.kinds {
			if len(p.From) == 0 || slices.Contains(p.From, g.kinds[k]) {
				set[k*nt+int(t)] = true
			}
		}
	}
	return out, in, nil
}

// Path returns the links from a changed item to id, in order, each as it is
// written (From → To). It returns nil for a changed item or one not reached.
func (r *ImpactResult) Path(id ID) []Hop {
	w, ok := r.g.index[id]
	if !ok {
		return nil
	}
	var rev []Hop
	for {
		ei := r.parent[w]
		if ei < 0 {
			break
		}
		e := &r.g.edges[ei]
		rev = append(rev, Hop{From: r.g.items[e.from].ID, Type: r.g.ltypes[e.typ], To: r.g.items[e.to].ID})
		w = r.from[w]
	}
	slices.Reverse(rev)
	return rev
}

// OfKind returns the reached items of kind k, in result order.
func (r *ImpactResult) OfKind(k Kind) []Impacted {
	var out []Impacted
	for _, it := range r.Reached {
		if it.Kind == k {
			out = append(out, it)
		}
	}
	return out
}
