package lifecycle

import (
	"cmp"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// ClassifyOptions tunes Classify. The zero value uses the default severity
// map and reads "probable" as the plan's level named "Probable".
type ClassifyOptions struct {
	// Severity maps severity levels to classes; nil means
	// DefaultSeverityMap.
	Severity SeverityMap `json:"severity,omitempty"`
	// FDAProbable names the probability level from which a risk before
	// control counts as probable for the FDA documentation level. Empty:
	// the plan's level named "Probable"; if the plan has none, every
	// probability counts (the cautious reading).
	FDAProbable string `json:"fdaProbable,omitempty"`
}

// Basis says where an item's class comes from.
type Basis string

const (
	// BasisComputed: from the hazardous situations the item (or system)
	// and its parts can contribute to (IEC 62304:2006+A1:2015 4.3 a).
	BasisComputed Basis = "computed"
	// BasisInherited: the parent's class (4.3 d).
	BasisInherited Basis = "inherited"
	// BasisSegregated: the item's own contributions, under a documented
	// segregation argument (4.3 d, 5.3.5).
	BasisSegregated Basis = "segregated"
	// BasisDeclared: the declared class, higher than the computed one
	// (4.3 e).
	BasisDeclared Basis = "declared"
	// BasisDefault: nothing to classify from, so class C (4.3 g).
	BasisDefault Basis = "default"
)

// Valid reports whether b is a known basis.
func (b Basis) Valid() bool {
	switch b {
	case BasisComputed, BasisInherited, BasisSegregated, BasisDeclared, BasisDefault:
		return true
	}
	return false
}

// ItemClass is the classification of the system or of one item or unit.
type ItemClass struct {
	// Item is the system's, item's or unit's ID.
	Item trace.ID `json:"item"`
	// Kind is its kind (software-system, software-item, software-unit).
	Kind trace.Kind `json:"kind"`
	// Title is its title.
	Title string `json:"title"`
	// Parent is the item or system it is part of; empty for the system.
	Parent trace.ID `json:"parent,omitempty"`
	// Class is the class that applies.
	Class Class `json:"class"`
	// Computed is the class of the situations it and its parts can
	// contribute to (A when none).
	Computed Class `json:"computed"`
	// Declared is the declared class, if any.
	Declared Class `json:"declared,omitempty"`
	// Basis says where Class comes from.
	Basis Basis `json:"basis"`
	// Segregated says the item carries a segregation argument.
	Segregated bool `json:"segregated,omitempty"`
	// Contributions are the situations the item contributes to directly.
	Contributions []Contribution `json:"contributions,omitempty"`
}

// Classification is the software safety classification of a project
// (IEC 62304:2006+A1:2015 4.3) and its FDA documentation level.
type Classification struct {
	// Edition is the IEC 62304 edition applied.
	Edition Edition `json:"edition"`
	// Unclassified says there was no risk analysis to classify from, so
	// every class is C (4.3 g).
	Unclassified bool `json:"unclassified,omitempty"`
	// System is the software system's classification.
	System ItemClass `json:"system"`
	// Items are the items' and units' classifications, by ID.
	Items []ItemClass `json:"items,omitempty"`
	// Situations are the hazardous situations the software contributes
	// to, with the class each calls for, by ID.
	Situations []SituationClass `json:"situations,omitempty"`
	// Documentation is the FDA documentation level decision.
	Documentation DocumentationDecision `json:"documentation"`
}

// Item returns the classification of the system or item with the given ID.
func (c *Classification) Item(id trace.ID) (ItemClass, bool) {
	if c.System.Item == id {
		return c.System, true
	}
	i, ok := slices.BinarySearchFunc(c.Items, id, func(ic ItemClass, id trace.ID) int { return cmp.Compare(ic.Item, id) })
	if !ok {
		return ItemClass{}, false
	}
	return c.Items[i], true
}

// Situation returns the class of the hazardous situation with the given ID,
// if the software contributes to it.
func (c *Classification) Situation(id trace.ID) (SituationClass, bool) {
	i, ok := slices.BinarySearchFunc(c.Situations, id, func(s SituationClass, id trace.ID) int { return cmp.Compare(s.Situation, id) })
	if !ok {
		return SituationClass{}, false
	}
	return c.Situations[i], true
}

// node is one element of the item tree during classification.
type node struct {
	ic       ItemClass
	children []int
	state    uint8 // 0 new, 1 in progress, 2 done (computed)
}

// Classify computes the software safety class of the system and of every
// item and unit (IEC 62304:2006+A1:2015 4.3), and the FDA documentation
// level, from g (the project's graph, see Graph) and the project's risk
// file.
//
// Each item's computed class is the highest class of the situations it or
// its parts can contribute to (see SituationClass). The system's class is
// the highest of all. An item inherits its parent's class unless it carries
// a segregation argument, in which case its own computed class applies. A
// declared class higher than the applicable one is kept; a lower one is
// ignored (the rules report it). Without a risk file holding hazardous
// situations, every class is C (4.3 g).
func (p *Project) Classify(g *trace.Graph, opts ClassifyOptions) *Classification {
	if p == nil {
		p = &Project{}
	}
	if g == nil {
		g = emptyGraph()
	}
	ed := p.System.Edition
	if !ed.Valid() {
		ed = Edition2015 // an invalid edition is a build problem; classify by the current edition
	}
	table := newSituationTable(p.Risk, ed, opts.Severity)
	cl := &Classification{Edition: ed, Unclassified: len(table.byID) == 0}
	nodes := p.itemTree()
	pf := &pathFinder{g: g, table: table}
	used := map[trace.ID]bool{}
	for i := range nodes {
		if cl.Unclassified {
			continue
		}
		nodes[i].ic.Contributions = pf.contributions(nodes[i].ic.Item)
		for _, c := range nodes[i].ic.Contributions {
			used[c.Situation] = true
		}
	}
	for i := range nodes {
		computeClass(nodes, i)
	}
	assignClasses(nodes, 0, cl.Unclassified)
	cl.System = nodes[0].ic
	for _, n := range nodes[1:] {
		cl.Items = append(cl.Items, n.ic)
	}
	slices.SortFunc(cl.Items, func(a, b ItemClass) int { return cmp.Compare(a.Item, b.Item) })
	for id := range used {
		cl.Situations = append(cl.Situations, *table.byID[id])
	}
	slices.SortFunc(cl.Situations, func(a, b SituationClass) int { return cmp.Compare(a.Situation, b.Situation) })
	cl.Documentation = p.documentationLevel(g, cl, opts)
	return cl
}

// itemTree returns the system (index 0) and the items, with children
// linked by Parent; an item whose parent is unknown hangs under the system.
func (p *Project) itemTree() []node {
	nodes := []node{{ic: ItemClass{Item: p.System.ID, Kind: KindSystem, Title: p.System.Name, Declared: p.System.Class}}}
	index := map[trace.ID]int{p.System.ID: 0}
	for i := range p.Items {
		it := &p.Items[i]
		if _, dup := index[it.ID]; dup || it.ID == "" {
			continue
		}
		kind := KindItem
		if it.Unit {
			kind = KindUnit
		}
		index[it.ID] = len(nodes)
		nodes = append(nodes, node{ic: ItemClass{Item: it.ID, Kind: kind, Title: it.Title, Parent: it.Parent,
			Declared: it.Class, Segregated: it.Segregation != nil}})
	}
	parents := make([]int, len(nodes))
	for i := 1; i < len(nodes); i++ {
		parent, ok := index[nodes[i].ic.Parent]
		if !ok || parent == i {
			parent = 0
		}
		parents[i] = parent
	}
	cutCycles(parents)
	for i := 1; i < len(nodes); i++ {
		nodes[parents[i]].children = append(nodes[parents[i]].children, i)
	}
	return nodes
}

// cutCycles hangs under the root (index 0) the node where a chain of
// parents closes on itself, so that every node reaches the root. It runs in
// linear time.
func cutCycles(parents []int) {
	state := make([]uint8, len(parents)) // 0 unknown, 1 reaches the root, 2 on the current walk
	if len(state) > 0 {
		state[0] = 1
	}
	var walk []int
	for i := range parents {
		walk = walk[:0]
		j := i
		for state[j] == 0 {
			state[j] = 2
			walk = append(walk, j)
			j = parents[j]
		}
		if state[j] == 2 {
			parents[j] = 0
		}
		for _, k := range walk {
			state[k] = 1
		}
	}
}

// computeClass sets the computed class of node i: the highest class of its
// own contributions and of its children's computed classes.
func computeClass(nodes []node, i int) Class {
	n := &nodes[i]
	switch n.state {
	case 1:
		return ClassA
	case 2:
		return n.ic.Computed
	}
	n.state = 1
	c := ClassA
	for _, con := range n.ic.Contributions {
		c = maxClass(c, con.Class)
	}
	for _, ch := range n.children {
		c = maxClass(c, computeClass(nodes, ch))
	}
	n.ic.Computed, n.state = c, 2
	return c
}

// assignClasses sets Class and Basis top-down from node i.
func assignClasses(nodes []node, root int, unclassified bool) {
	type frame struct{ i, parent int }
	stack := []frame{{root, -1}}
	seen := make([]bool, len(nodes))
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[f.i] {
			continue
		}
		seen[f.i] = true
		ic := &nodes[f.i].ic
		switch {
		case unclassified:
			ic.Class, ic.Computed, ic.Basis = ClassC, ClassC, BasisDefault
		case f.parent < 0:
			ic.Class, ic.Basis = ic.Computed, BasisComputed
		case ic.Segregated:
			ic.Class, ic.Basis = ic.Computed, BasisSegregated
		default:
			ic.Class, ic.Basis = nodes[f.parent].ic.Class, BasisInherited
		}
		if ic.Declared.Valid() && ic.Declared.Rank() > ic.Class.Rank() {
			ic.Class, ic.Basis = ic.Declared, BasisDeclared
		}
		for k := len(nodes[f.i].children) - 1; k >= 0; k-- {
			stack = append(stack, frame{nodes[f.i].children[k], f.i})
		}
	}
}

// maxClass returns the higher of a and b; an invalid class ranks lowest.
func maxClass(a, b Class) Class {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}
