package trace

import (
	"cmp"
	"iter"
	"slices"
	"sort"
)

// edge is a validated link in compact form; src indexes the Link record it
// came from, which also orders duplicates (the first added is kept).
type edge struct {
	from, to int32
	src      int32
	typ      uint16
}

// Graph is an immutable graph of items and links. It is safe for concurrent
// use by many goroutines. Items are ordered by ID; the links of an item are
// ordered by link type, then by the other item's ID.
type Graph struct {
	vocab  *Vocabulary
	items  []Item // sorted by ID
	index  map[ID]int32
	kinds  []Kind   // sorted
	kindOf []uint16 // per item
	byKind [][]int32

	ltypes []LinkType // sorted; edge.typ indexes it
	links  []Link     // the builder's link records; edge.src indexes it
	edges  []edge     // sorted by (from, typ, to)
	outOff []int32    // len(items)+1, offsets into edges
	inIdx  []int32    // edge indices sorted by (to, typ, from)
	inOff  []int32
}

func (g *Graph) internKinds() {
	seen := map[Kind]struct{}{}
	for i := range g.items {
		seen[g.items[i].Kind] = struct{}{}
	}
	for k := range seen {
		g.kinds = append(g.kinds, k)
	}
	slices.Sort(g.kinds)
	idx := make(map[Kind]uint16, len(g.kinds))
	for i, k := range g.kinds {
		idx[k] = uint16(i)
	}
	g.kindOf = make([]uint16, len(g.items))
	g.byKind = make([][]int32, len(g.kinds))
	for i := range g.items {
		k := idx[g.items[i].Kind]
		g.kindOf[i] = k
		g.byKind[k] = append(g.byKind[k], int32(i))
	}
}

// buildAdjacency sorts edges into CSR form for both directions, dropping
// duplicates of (from, typ, to) but the first added.
func (g *Graph) buildAdjacency(in []edge) {
	n := len(g.items)
	// Counting sort by from.
	g.outOff = make([]int32, n+1)
	for i := range in {
		g.outOff[in[i].from+1]++
	}
	for i := 0; i < n; i++ {
		g.outOff[i+1] += g.outOff[i]
	}
	sorted := make([]edge, len(in))
	next := slices.Clone(g.outOff[:n])
	for i := range in {
		f := in[i].from
		sorted[next[f]] = in[i]
		next[f]++
	}
	// Sort each item's run by (typ, to, seq) and drop duplicates.
	out := sorted[:0]
	newOff := make([]int32, n+1)
	for v := 0; v < n; v++ {
		run := sorted[g.outOff[v]:g.outOff[v+1]]
		slices.SortFunc(run, func(a, b edge) int {
			return cmp.Or(cmp.Compare(a.typ, b.typ), cmp.Compare(a.to, b.to), cmp.Compare(a.src, b.src))
		})
		for i := range run {
			if i > 0 && run[i].typ == run[i-1].typ && run[i].to == run[i-1].to {
				continue
			}
			out = append(out, run[i])
		}
		newOff[v+1] = int32(len(out))
	}
	g.outOff = newOff
	g.edges = slices.Clip(out)

	// In-index: counting sort by to; since edges are already ordered by
	// from within equal (to), order each run by (typ, from).
	g.inOff = make([]int32, n+1)
	for i := range g.edges {
		g.inOff[g.edges[i].to+1]++
	}
	for i := 0; i < n; i++ {
		g.inOff[i+1] += g.inOff[i]
	}
	g.inIdx = make([]int32, len(g.edges))
	next = slices.Clone(g.inOff[:n])
	for i := range g.edges {
		t := g.edges[i].to
		g.inIdx[next[t]] = int32(i)
		next[t]++
	}
	for v := 0; v < n; v++ {
		run := g.inIdx[g.inOff[v]:g.inOff[v+1]]
		slices.SortStableFunc(run, func(a, b int32) int { return cmp.Compare(g.edges[a].typ, g.edges[b].typ) })
	}
}

// Len returns the number of items.
func (g *Graph) Len() int { return len(g.items) }

// LinkCount returns the number of links.
func (g *Graph) LinkCount() int { return len(g.edges) }

// Vocabulary returns the link vocabulary the graph was built with.
func (g *Graph) Vocabulary() *Vocabulary { return g.vocab }

// Item returns the item with the given ID.
func (g *Graph) Item(id ID) (Item, bool) {
	i, ok := g.index[id]
	if !ok {
		return Item{}, false
	}
	return g.items[i], true
}

// Has reports whether an item with the given ID exists.
func (g *Graph) Has(id ID) bool {
	_, ok := g.index[id]
	return ok
}

// Items yields every item in ID order.
func (g *Graph) Items() iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for i := range g.items {
			if !yield(g.items[i]) {
				return
			}
		}
	}
}

// Kinds returns the kinds present in the graph, sorted.
func (g *Graph) Kinds() []Kind { return slices.Clone(g.kinds) }

func (g *Graph) kindIndex(k Kind) (int, bool) {
	i := sort.Search(len(g.kinds), func(i int) bool { return g.kinds[i] >= k })
	return i, i < len(g.kinds) && g.kinds[i] == k
}

// OfKind yields the items of kind k in ID order.
func (g *Graph) OfKind(k Kind) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		ki, ok := g.kindIndex(k)
		if !ok {
			return
		}
		for _, i := range g.byKind[ki] {
			if !yield(g.items[i]) {
				return
			}
		}
	}
}

// CountKind returns the number of items of kind k; 0 on a nil graph.
func (g *Graph) CountKind(k Kind) int {
	if g == nil {
		return 0
	}
	ki, ok := g.kindIndex(k)
	if !ok {
		return 0
	}
	return len(g.byKind[ki])
}

func (g *Graph) typeIndex(t LinkType) (uint16, bool) {
	i := sort.Search(len(g.ltypes), func(i int) bool { return g.ltypes[i] >= t })
	return uint16(i), i < len(g.ltypes) && g.ltypes[i] == t
}

// typeSet returns a membership table over link-type indices, or nil for
// "every type". ok is false when types were given but none is known.
func (g *Graph) typeSet(types []LinkType) (set []bool, ok bool) {
	if len(types) == 0 {
		return nil, true
	}
	set = make([]bool, len(g.ltypes))
	for _, t := range types {
		if i, found := g.typeIndex(t); found {
			set[i] = true
			ok = true
		}
	}
	return set, ok
}

func (g *Graph) link(e *edge) Link {
	src := &g.links[e.src]
	return Link{From: g.items[e.from].ID, To: g.items[e.to].ID, Type: g.ltypes[e.typ], Reviewed: src.Reviewed, Pos: src.Pos}
}

// Links returns the links of item id in direction dir, restricted to the
// given types (all types if none are given), ordered by type and then by the
// other item's ID.
func (g *Graph) Links(id ID, dir Direction, types ...LinkType) []Link {
	v, ok := g.index[id]
	if !ok {
		return nil
	}
	set, ok := g.typeSet(types)
	if !ok {
		return nil
	}
	var out []Link
	g.eachEdge(v, dir, set, func(e *edge) {
		out = append(out, g.link(e))
	})
	return out
}

// Out returns the links from id, of the given types (all if none).
func (g *Graph) Out(id ID, types ...LinkType) []Link { return g.Links(id, Out, types...) }

// In returns the links to id, of the given types (all if none).
func (g *Graph) In(id ID, types ...LinkType) []Link { return g.Links(id, In, types...) }

// Neighbours returns the IDs at the other end of id's links in direction
// dir, of the given types, in link order and without repeats.
func (g *Graph) Neighbours(id ID, dir Direction, types ...LinkType) []ID {
	v, ok := g.index[id]
	if !ok {
		return nil
	}
	set, ok := g.typeSet(types)
	if !ok {
		return nil
	}
	var idx []int32
	g.eachEdge(v, dir, set, func(e *edge) {
		// Items have few links; a linear scan beats a map here.
		if w := e.other(dir); !slices.Contains(idx, w) {
			idx = append(idx, w)
		}
	})
	out := make([]ID, len(idx))
	for i, w := range idx {
		out[i] = g.items[w].ID
	}
	return out
}

// Each yields the links of item id in direction dir, of the given types
// (all if none), in the order Links returns them, without allocating a
// slice. The yielded Link's From and To are the stored IDs.
func (g *Graph) Each(id ID, dir Direction, types ...LinkType) iter.Seq[Link] {
	return func(yield func(Link) bool) {
		v, ok := g.index[id]
		if !ok || !dir.Valid() {
			return
		}
		var t int
		if len(types) == 1 {
			ti, found := g.typeIndex(types[0])
			if !found {
				return
			}
			t = int(ti)
		}
		match := func(e *edge) bool {
			switch len(types) {
			case 0:
				return true
			case 1:
				return int(e.typ) == t
			}
			return slices.Contains(types, g.ltypes[e.typ])
		}
		if dir == Out {
			for i := g.outOff[v]; i < g.outOff[v+1]; i++ {
				if e := &g.edges[i]; match(e) && !yield(g.link(e)) {
					return
				}
			}
			return
		}
		for _, j := range g.inIdx[g.inOff[v]:g.inOff[v+1]] {
			if e := &g.edges[j]; match(e) && !yield(g.link(e)) {
				return
			}
		}
	}
}

// AllLinks yields every link, ordered by From, type and To.
func (g *Graph) AllLinks() iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for i := range g.edges {
			if !yield(g.link(&g.edges[i])) {
				return
			}
		}
	}
}

func (e *edge) other(dir Direction) int32 {
	if dir == In {
		return e.from
	}
	return e.to
}

// eachEdge calls fn for each edge of item v in direction dir whose type is in
// set (nil means every type).
func (g *Graph) eachEdge(v int32, dir Direction, set []bool, fn func(e *edge)) {
	switch dir {
	case Out:
		for i := g.outOff[v]; i < g.outOff[v+1]; i++ {
			e := &g.edges[i]
			if set == nil || set[e.typ] {
				fn(e)
			}
		}
	case In:
		for _, j := range g.inIdx[g.inOff[v]:g.inOff[v+1]] {
			e := &g.edges[j]
			if set == nil || set[e.typ] {
				fn(e)
			}
		}
	}
}
