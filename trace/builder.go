package trace

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Contributor adds records to a graph. Every domain package (risk, sbom,
// security, lifecycle) implements it; trace imports none of them.
//
// Contribute should add its items and links, declare the kind pairs its link
// types may join (Builder.Allow), and return an error only for problems that
// belong to the contributor's own records. Problems with the graph as a whole
// (duplicate IDs, dangling links) are found by Build.
type Contributor interface {
	Contribute(b *Builder) error
}

// ContributorFunc adapts a function to the Contributor interface.
type ContributorFunc func(b *Builder) error

// Contribute calls f(b).
func (f ContributorFunc) Contribute(b *Builder) error { return f(b) }

// Sentinel errors for builder problems; test with errors.Is on a Problem or
// on the BuildError that holds it.
var (
	ErrInvalidItem      = errors.New("invalid item")
	ErrDuplicateID      = errors.New("duplicate item ID")
	ErrUnknownItem      = errors.New("link to an unknown item")
	ErrUnknownLinkType  = errors.New("unknown link type")
	ErrLinkNotAllowed   = errors.New("link type not allowed between these kinds")
	ErrSelfLink         = errors.New("self-link")
	ErrContributorError = errors.New("contributor reported a problem")
)

// Problem is one thing wrong with the records given to a Builder.
type Problem struct {
	// Err is one of the sentinel errors above, or the contributor's error.
	Err error
	// Item is the item concerned (for a link, its From item).
	Item ID
	// Pos is where the record was written, if known.
	Pos Position
	// Detail is a sentence a person can act on.
	Detail string
}

// Error formats the problem with its position first.
func (p Problem) Error() string {
	if pos := p.Pos.String(); pos != "" {
		return pos + ": " + p.Detail
	}
	return p.Detail
}

// Unwrap returns the sentinel or contributor error.
func (p Problem) Unwrap() error { return p.Err }

// BuildError holds every problem Build found, in a deterministic order.
type BuildError struct {
	Problems []Problem
}

// Error lists every problem, one a line.
func (e *BuildError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "trace: %d problem(s) building the graph", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns each problem, so errors.Is and errors.As see them all.
func (e *BuildError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i := range e.Problems {
		out[i] = e.Problems[i]
	}
	return out
}

type allowKey struct {
	t        LinkType
	from, to Kind
}

// anyKind stands for every kind in an allowKey; it is not a valid Kind, so
// no item can have it.
const anyKind Kind = "*"

// Builder collects items and links from contributors and builds an immutable
// Graph. A Builder is not safe for concurrent use. Its zero value is not
// usable; call NewBuilder.
type Builder struct {
	vocab    *Vocabulary
	items    []Item
	links    []Link
	allowed  map[allowKey]struct{}
	problems []Problem
}

// NewBuilder returns a builder over the default link vocabulary.
func NewBuilder() *Builder {
	return &Builder{vocab: DefaultVocabulary(), allowed: make(map[allowKey]struct{})}
}

// DeclareLinkType adds a link type to this builder's vocabulary, or replaces
// the documentation of an existing one.
func (b *Builder) DeclareLinkType(info LinkTypeInfo) {
	b.vocab.add(info)
}

// Allow declares that links of type t may go from items of kind from to
// items of each kind in to. A link whose kind pair was never allowed is a
// build problem (ErrLinkNotAllowed).
func (b *Builder) Allow(t LinkType, from Kind, to ...Kind) {
	for _, k := range to {
		b.allowed[allowKey{t, from, k}] = struct{}{}
	}
}

// AllowToAny declares that links of type t may go from items of kind from
// to items of any kind, for relations whose target the contributor cannot
// know (a review record may cover any record of the thread).
func (b *Builder) AllowToAny(t LinkType, from Kind) {
	b.allowed[allowKey{t, from, anyKind}] = struct{}{}
}

// Allowed reports whether a link of type t from kind from to kind to has been
// declared, directly or with AllowToAny.
func (b *Builder) Allowed(t LinkType, from, to Kind) bool {
	_, ok := b.allowed[allowKey{t, from, to}]
	if !ok {
		_, ok = b.allowed[allowKey{t, from, anyKind}]
	}
	return ok
}

// Grow pre-sizes the builder for n more items and m more links.
func (b *Builder) Grow(n, m int) {
	b.items = slices.Grow(b.items, n)
	b.links = slices.Grow(b.links, m)
}

// AddItem adds an item. Problems are reported by Build.
func (b *Builder) AddItem(it Item) { b.items = append(b.items, it) }

// AddLink adds a link. Problems are reported by Build. Adding the same
// (From, Type, To) twice keeps the first.
func (b *Builder) AddLink(l Link) { b.links = append(b.links, l) }

// Link adds a link from → to of type t with no position.
func (b *Builder) Link(from ID, t LinkType, to ID) { b.AddLink(Link{From: from, To: to, Type: t}) }

// Add runs a contributor. An error it returns is kept and reported by Build
// with the other problems.
func (b *Builder) Add(c Contributor) {
	if c == nil {
		return
	}
	if err := c.Contribute(b); err != nil {
		b.Report(err)
	}
}

// Report records a problem found by a contributor. If err is (or joins)
// Problems, they are kept as they are; any other error becomes a Problem
// wrapping it.
func (b *Builder) Report(err error) {
	if err == nil {
		return
	}
	var be *BuildError
	if errors.As(err, &be) {
		b.problems = append(b.problems, be.Problems...)
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			b.Report(e)
		}
		return
	}
	var p Problem
	if errors.As(err, &p) {
		b.problems = append(b.problems, p)
		return
	}
	b.problems = append(b.problems, Problem{Err: err, Detail: err.Error()})
}

// Len returns the number of items added so far.
func (b *Builder) Len() int { return len(b.items) }

// Build checks every item and link and returns the graph. It reports every
// problem at once in a *BuildError. Even on error it returns a graph of
// everything that was valid (invalid items and links dropped, a duplicated ID
// keeping its first item), so a host can still show what it has; a nil error
// means the graph holds all that was added.
func (b *Builder) Build() (*Graph, error) {
	problems := slices.Clone(b.problems)
	g := &Graph{vocab: b.vocab, index: make(map[ID]int32, len(b.items))}
	problems = b.buildItems(g, problems)
	g.internKinds()
	edges, problems := b.buildLinks(g, problems)
	// The builder only ever appends, so the records behind these indices
	// never change; the graph can share them instead of copying.
	g.links = b.links[:len(b.links):len(b.links)]
	g.buildAdjacency(edges)
	if len(problems) == 0 {
		return g, nil
	}
	slices.SortStableFunc(problems, func(a, c Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, c.Pos.File),
			cmp.Compare(a.Pos.Line, c.Pos.Line),
			cmp.Compare(a.Pos.Column, c.Pos.Column),
			cmp.Compare(a.Item, c.Item),
			cmp.Compare(a.Detail, c.Detail))
	})
	return g, &BuildError{Problems: problems}
}

// buildItems validates the items and stores them in ID order; the first of
// duplicated IDs wins.
func (b *Builder) buildItems(g *Graph, problems []Problem) []Problem {
	order := make([]int32, 0, len(b.items))
	for i := range b.items {
		it := &b.items[i]
		switch {
		case !it.ID.Valid():
			problems = append(problems, Problem{Err: ErrInvalidItem, Item: it.ID, Pos: it.Pos,
				Detail: fmt.Sprintf("item %q: ID must be 1-512 bytes without control characters", it.ID)})
			continue
		case !it.Kind.Valid():
			problems = append(problems, Problem{Err: ErrInvalidItem, Item: it.ID, Pos: it.Pos,
				Detail: fmt.Sprintf("item %q: kind %q is not a valid kind name", it.ID, it.Kind)})
			continue
		}
		order = append(order, int32(i))
	}
	slices.SortStableFunc(order, func(a, c int32) int { return cmp.Compare(b.items[a].ID, b.items[c].ID) })
	g.items = make([]Item, 0, len(order))
	for _, i := range order {
		it := b.items[i]
		if n := len(g.items); n > 0 && g.items[n-1].ID == it.ID {
			first := g.items[n-1]
			problems = append(problems, Problem{Err: ErrDuplicateID, Item: it.ID, Pos: it.Pos,
				Detail: itemErrorf(it, "duplicate ID; first defined as %s at %s", first.Kind, posOrUnknown(first.Pos))})
			continue
		}
		g.index[it.ID] = int32(len(g.items))
		g.items = append(g.items, it)
	}
	return problems
}

// buildLinks validates every link against the vocabulary, the items and the
// declared kind pairs, and returns the valid ones in compact form.
func (b *Builder) buildLinks(g *Graph, problems []Problem) ([]edge, []Problem) {
	typeIdx := make(map[LinkType]uint16)
	for _, info := range b.vocab.Types() {
		typeIdx[info.Type] = uint16(len(g.ltypes))
		g.ltypes = append(g.ltypes, info.Type)
	}
	allowed := b.allowedTable(g, typeIdx)
	nk := len(g.kinds)
	edges := make([]edge, 0, len(b.links))
	for i := range b.links {
		l := &b.links[i]
		t, ok := typeIdx[l.Type]
		if !ok {
			problems = append(problems, Problem{Err: ErrUnknownLinkType, Item: l.From, Pos: l.Pos,
				Detail: fmt.Sprintf("%s: link type %q is not in the vocabulary", l, l.Type)})
			continue
		}
		if l.From == l.To {
			problems = append(problems, Problem{Err: ErrSelfLink, Item: l.From, Pos: l.Pos,
				Detail: fmt.Sprintf("%s: an item cannot link to itself", l)})
			continue
		}
		from, okf := g.index[l.From]
		to, okt := g.index[l.To]
		if !okf || !okt {
			missing := l.To
			if !okf {
				missing = l.From
			}
			problems = append(problems, Problem{Err: ErrUnknownItem, Item: l.From, Pos: l.Pos,
				Detail: fmt.Sprintf("%s: no item has ID %q", l, missing)})
			continue
		}
		fk, tk := g.kindOf[from], g.kindOf[to]
		if !allowed[(int(t)*nk+int(fk))*nk+int(tk)] {
			problems = append(problems, Problem{Err: ErrLinkNotAllowed, Item: l.From, Pos: l.Pos,
				Detail: fmt.Sprintf("%s: %s may not link from %s to %s", l, l.Type, g.kinds[fk], g.kinds[tk])})
			continue
		}
		edges = append(edges, edge{from: from, to: to, typ: t, src: int32(i)})
	}
	return edges, problems
}

// allowedTable is a dense (type, from kind, to kind) table of the declared
// kind pairs, so checking a link costs no map lookup.
func (b *Builder) allowedTable(g *Graph, typeIdx map[LinkType]uint16) []bool {
	nk := len(g.kinds)
	allowed := make([]bool, len(g.ltypes)*nk*nk)
	kindIdx := make(map[Kind]int, nk)
	for i, k := range g.kinds {
		kindIdx[k] = i
	}
	for key := range b.allowed {
		t, ok1 := typeIdx[key.t]
		f, ok2 := kindIdx[key.from]
		if !ok1 || !ok2 {
			continue
		}
		if key.to == anyKind {
			for to := 0; to < nk; to++ {
				allowed[(int(t)*nk+f)*nk+to] = true
			}
			continue
		}
		if to, ok := kindIdx[key.to]; ok {
			allowed[(int(t)*nk+f)*nk+to] = true
		}
	}
	return allowed
}

func posOrUnknown(p Position) string {
	if s := p.String(); s != "" {
		return s
	}
	return "(no position)"
}
