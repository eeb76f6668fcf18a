package trace

import (
	"cmp"
	"slices"
)

// Orphans returns the items, of the given kinds (all kinds if none), that
// have no link at all, in ID order.
func (g *Graph) Orphans(kinds ...Kind) []ID {
	var want []bool
	if len(kinds) > 0 {
		want = make([]bool, len(g.kinds))
		for _, k := range kinds {
			if i, ok := g.kindIndex(k); ok {
				want[i] = true
			}
		}
	}
	var out []ID
	for v := range g.items {
		if want != nil && !want[g.kindOf[v]] {
			continue
		}
		if g.outOff[v] == g.outOff[v+1] && g.inOff[v] == g.inOff[v+1] {
			out = append(out, g.items[v].ID)
		}
	}
	return out
}

// Cycles returns the cycles formed by links of the given types (all types
// if none): each strongly connected component of more than one item, as its
// IDs in order, the components ordered by their first ID.
func (g *Graph) Cycles(types ...LinkType) [][]ID {
	set, ok := g.typeSet(types)
	if !ok {
		return nil
	}
	n := len(g.items)
	// Iterative Tarjan.
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	var out [][]ID
	type frame struct {
		v int32
		e int32 // next out-edge offset
	}
	next := int32(0)
	for root := int32(0); root < int32(n); root++ {
		if index[root] >= 0 {
			continue
		}
		calls := []frame{{root, g.outOff[root]}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			advanced := false
			for f.e < g.outOff[v+1] {
				e := &g.edges[f.e]
				f.e++
				if set != nil && !set[e.typ] {
					continue
				}
				w := e.to
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, g.outOff[w]})
					advanced = true
					break
				}
				if onStack[w] {
					low[v] = min(low[v], index[w])
				}
			}
			if advanced {
				continue
			}
			if low[v] == index[v] {
				var comp []ID
				stack, comp = g.popComponent(stack, onStack, v)
				if len(comp) > 1 {
					out = append(out, comp)
				}
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
		}
	}
	slices.SortFunc(out, func(a, b []ID) int { return cmp.Compare(a[0], b[0]) })
	return out
}

// popComponent pops the strongly connected component rooted at v off the
// Tarjan stack and returns its IDs sorted.
func (g *Graph) popComponent(stack []int32, onStack []bool, v int32) ([]int32, []ID) {
	var comp []ID
	for {
		w := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		onStack[w] = false
		comp = append(comp, g.items[w].ID)
		if w == v {
			break
		}
	}
	slices.Sort(comp)
	return stack, comp
}

// CycleRule returns a rule that reports every cycle among links of the
// given types, once per cycle, on the cycle's first item; the path lists the
// links that close it.
func CycleRule(meta RuleMeta, types ...LinkType) Rule {
	return FuncRule{RuleMeta: meta, Fn: func(g *Graph, r *Recorder) {
		if g == nil {
			return
		}
		set, _ := g.typeSet(types)
		inCycle := map[ID]bool{}
		for _, comp := range g.Cycles(types...) {
			members := map[int32]bool{}
			for _, id := range comp {
				members[g.index[id]] = true
				inCycle[id] = true
			}
			var path []Hop
			for _, id := range comp {
				v := g.index[id]
				g.eachEdge(v, Out, set, func(e *edge) {
					if members[e.to] {
						path = append(path, Hop{From: id, Type: g.ltypes[e.typ], To: g.items[e.to].ID})
					}
				})
			}
			it := g.items[g.index[comp[0]]]
			r.Fail(it.ID, expand(meta, it, map[string]string{"count": itoaInt(len(comp))}), path...)
		}
		for i := range g.items {
			if !inCycle[g.items[i].ID] {
				r.Pass(g.items[i].ID)
			}
		}
	}}
}

// AcyclicRule returns a rule that reports every cycle among the links of
// each type the graph's vocabulary marks acyclic (derives, part-of, causes,
// leads-to by default), once per cycle and type, on the cycle's first item,
// with the links that close it as the path. Items in no such cycle pass.
func AcyclicRule(meta RuleMeta) Rule {
	return FuncRule{RuleMeta: meta, Fn: func(g *Graph, r *Recorder) {
		if g == nil {
			return
		}
		failed := map[ID]bool{}
		for _, info := range g.vocab.Types() {
			if !info.Acyclic {
				continue
			}
			set, ok := g.typeSet([]LinkType{info.Type})
			if !ok {
				continue
			}
			for _, comp := range g.Cycles(info.Type) {
				members := map[int32]bool{}
				for _, id := range comp {
					members[g.index[id]] = true
				}
				var path []Hop
				for _, id := range comp {
					g.eachEdge(g.index[id], Out, set, func(e *edge) {
						if members[e.to] {
							path = append(path, Hop{From: id, Type: info.Type, To: g.items[e.to].ID})
						}
					})
				}
				it := g.items[g.index[comp[0]]]
				failed[it.ID] = true
				r.Fail(it.ID, expand(meta, it, map[string]string{"link": string(info.Type), "count": itoaInt(len(comp))}), path...)
			}
		}
		for i := range g.items {
			if !failed[g.items[i].ID] {
				r.Pass(g.items[i].ID)
			}
		}
	}}
}

// Closure returns every item reachable from the start items by following
// links of the given types (all if none) in direction dir, not including
// the start items unless a cycle returns to them. IDs are in ID order;
// unknown start IDs are ignored.
func (g *Graph) Closure(start []ID, dir Direction, types ...LinkType) []ID {
	set, ok := g.typeSet(types)
	if !ok || !dir.Valid() {
		return nil
	}
	seen := make([]bool, len(g.items))
	var queue []int32
	for _, id := range start {
		if v, ok := g.index[id]; ok {
			queue = append(queue, v)
		}
	}
	reached := make([]bool, len(g.items))
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if seen[v] {
			continue
		}
		seen[v] = true
		g.eachEdge(v, dir, set, func(e *edge) {
			w := e.other(dir)
			if !reached[w] {
				reached[w] = true
				queue = append(queue, w)
			}
		})
	}
	var out []ID
	for v, ok := range reached {
		if ok {
			out = append(out, g.items[v].ID)
		}
	}
	return out
}

// Downstream is Closure in the Out direction.
func (g *Graph) Downstream(start []ID, types ...LinkType) []ID {
	return g.Closure(start, Out, types...)
}

// Upstream is Closure in the In direction.
func (g *Graph) Upstream(start []ID, types ...LinkType) []ID { return g.Closure(start, In, types...) }
