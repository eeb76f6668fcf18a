package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// Thread is the shape of a graph at the level of kinds: how many items of
// each kind it holds and how many links join each pair of kinds, by type. It
// is the overview of the one thread a dashboard shows first.
type Thread struct {
	// Kinds, in kind order.
	Kinds []KindCount
	// Links, ordered by from kind, link type and to kind.
	Links []KindLink
}

// KindCount is the number of items of one kind.
type KindCount struct {
	Kind  trace.Kind
	Items int
}

// KindLink is the number of links of one type from items of one kind to
// items of another.
type KindLink struct {
	From  trace.Kind
	Type  trace.LinkType
	To    trace.Kind
	Links int
}

// NewThread counts the items and links of g by kind.
func NewThread(g *trace.Graph) (*Thread, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: the thread overview needs a graph", ErrMissingInput)
	}
	t := &Thread{}
	for _, k := range g.Kinds() {
		t.Kinds = append(t.Kinds, KindCount{Kind: k, Items: g.CountKind(k)})
	}
	type key struct {
		from, to trace.Kind
		typ      trace.LinkType
	}
	counts := make(map[key]int)
	kindOf := func(id trace.ID) trace.Kind {
		it, _ := g.Item(id)
		return it.Kind
	}
	// Links come ordered by From, so each item's kind is looked up once.
	var last trace.ID
	var lastKind trace.Kind
	for l := range g.AllLinks() {
		if l.From != last {
			last, lastKind = l.From, kindOf(l.From)
		}
		counts[key{from: lastKind, to: kindOf(l.To), typ: l.Type}]++
	}
	for k, n := range counts {
		t.Links = append(t.Links, KindLink{From: k.from, Type: k.typ, To: k.to, Links: n})
	}
	slices.SortFunc(t.Links, func(a, b KindLink) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Type, b.Type), cmp.Compare(a.To, b.To))
	})
	return t, nil
}

// Markdown writes the thread overview: items per kind and links per kind
// pair.
func (t *Thread) Markdown(w io.Writer) error {
	m := newMDWriter(w)
	t.markdown(m)
	return m.flush()
}

func (t *Thread) markdown(m *mdWriter) {
	m.line("## Thread overview")
	m.line()
	m.row("Kind", "Items")
	m.row("---", "---:")
	for _, k := range t.Kinds {
		m.row(md(string(k.Kind)), itoa(k.Items))
	}
	m.line()
	if len(t.Links) == 0 {
		return
	}
	m.row("From", "Link", "To", "Links")
	m.row("---", "---", "---", "---:")
	for _, l := range t.Links {
		m.row(md(string(l.From)), md(string(l.Type)), md(string(l.To)), itoa(l.Links))
	}
	m.line()
}

// SVG draws the thread overview as a standalone SVG image: a box per kind
// with its item count, placed in layers along the links, and an arrow per
// kind pair and link type with its link count.
func (t *Thread) SVG(w io.Writer) error {
	return executeTemplate(w, "thread", t.layout())
}
