package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Kinds named by the predefined chains; the owning packages declare them
// (risk for the risk kinds, lifecycle for the rest).
const (
	kindUserNeed    trace.Kind = "user-need"
	kindRequirement trace.Kind = "requirement"
	kindTest        trace.Kind = "test"
	kindTestResult  trace.Kind = "test-result"
	kindHazard      trace.Kind = "hazard"
	kindSituation   trace.Kind = "hazardous-situation"
	kindControl     trace.Kind = "risk-control"
)

// Step is one column of a trace matrix after the first: the items of kind
// Kind at the other end of links of type Link, followed in direction Dir from
// the items of the column before.
type Step struct {
	// Header names the column; empty uses Kind.
	Header string
	// Link is the link type followed. Required.
	Link trace.LinkType
	// Dir is the direction followed from the previous column. Required.
	Dir trace.Direction
	// Kind is the kind of the items the column lists. Required.
	Kind trace.Kind
}

// Chain says what a trace matrix shows: one row per item of kind Root, and
// one column per step, each reached from the column before.
type Chain struct {
	// Name titles the matrix ("Requirements traceability").
	Name string
	// Root is the kind of the items that make the rows. Required.
	Root trace.Kind
	// RootHeader names the first column; empty uses Root.
	RootHeader string
	// Steps are the further columns, in order.
	Steps []Step
}

// NeedsChain is the design-input chain of IEC 62304:2006+A1:2015 5.1.1 and
// 5.7: user need → requirement (derives) → test (verifies) → test result
// (evidences).
func NeedsChain() Chain {
	return Chain{
		Name: "Requirements traceability", Root: kindUserNeed,
		Steps: []Step{
			{Link: trace.Derives, Dir: trace.Out, Kind: kindRequirement},
			{Link: trace.Verifies, Dir: trace.In, Kind: kindTest},
			{Link: trace.Evidences, Dir: trace.In, Kind: kindTestResult},
		},
	}
}

// HazardChain is the risk control chain of ISO 14971:2019 7 and
// IEC 62304:2006+A1:2015 7.3: hazard → hazardous situation (leads-to) → risk
// control (mitigates) → requirement (implemented-by) → test (verifies).
func HazardChain() Chain {
	return Chain{
		Name: "Risk control traceability", Root: kindHazard,
		Steps: []Step{
			{Link: trace.LeadsTo, Dir: trace.Out, Kind: kindSituation},
			{Link: trace.Mitigates, Dir: trace.In, Kind: kindControl},
			{Link: trace.ImplementedBy, Dir: trace.Out, Kind: kindRequirement},
			{Link: trace.Verifies, Dir: trace.In, Kind: kindTest},
		},
	}
}

// Validate reports every problem with the chain, each naming its field.
func (c Chain) Validate() error {
	var errs []error
	if !c.Root.Valid() {
		errs = append(errs, fmt.Errorf("%w: root: invalid kind %q", ErrBadChain, c.Root))
	}
	for i, s := range c.Steps {
		if s.Link == "" {
			errs = append(errs, fmt.Errorf("%w: steps[%d].link: required", ErrBadChain, i))
		}
		if !s.Dir.Valid() {
			errs = append(errs, fmt.Errorf("%w: steps[%d].dir: must be in or out", ErrBadChain, i))
		}
		if !s.Kind.Valid() {
			errs = append(errs, fmt.Errorf("%w: steps[%d].kind: invalid kind %q", ErrBadChain, i, s.Kind))
		}
	}
	return errors.Join(errs...)
}

// ErrBadChain is wrapped by the errors of Chain.Validate.
var ErrBadChain = errors.New("report: bad trace matrix chain")

// headers returns the column headers.
func (c Chain) headers() []string {
	h := make([]string, 0, len(c.Steps)+1)
	h = append(h, cmpOr(c.RootHeader, string(c.Root)))
	for _, s := range c.Steps {
		h = append(h, cmpOr(s.Header, string(s.Kind)))
	}
	return h
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TraceMatrix is a trace matrix computed from a graph: one row per root item,
// in ID order, with the items each column reaches.
type TraceMatrix struct {
	// Chain is what the matrix shows.
	Chain Chain
	// Rows, one per item of the chain's root kind, in ID order.
	Rows []MatrixRow
}

// MatrixRow is one root item and, per step, the IDs of the items reached, in
// ID order and without repeats.
type MatrixRow struct {
	Root  trace.Item
	Cells [][]trace.ID
}

// cell returns the IDs of column i after the root, or nil when the row has
// no such column.
func (r MatrixRow) cell(i int) []trace.ID {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return nil
}

// Complete reports whether every column of the row reaches an item.
func (r MatrixRow) Complete() bool {
	for _, c := range r.Cells {
		if len(c) == 0 {
			return false
		}
	}
	return true
}

// NewTraceMatrix computes the trace matrix of chain c over g.
func NewTraceMatrix(g *trace.Graph, c Chain) (*TraceMatrix, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: trace matrix needs a graph", ErrMissingInput)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	m := &TraceMatrix{Chain: c}
	// Items are reached from many rows; each step's neighbours of an item
	// are looked up once.
	memo := make([]map[trace.ID][]trace.ID, len(c.Steps))
	for i := range memo {
		memo[i] = make(map[trace.ID][]trace.ID)
	}
	var next []trace.ID
	for root := range g.OfKind(c.Root) {
		row := MatrixRow{Root: root, Cells: make([][]trace.ID, len(c.Steps))}
		cur := []trace.ID{root.ID}
		for i, s := range c.Steps {
			next = next[:0]
			for _, id := range cur {
				next = append(next, stepFrom(g, s, id, memo[i])...)
			}
			slices.Sort(next)
			cur = slices.Clone(slices.Compact(next))
			row.Cells[i] = cur
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

// stepFrom returns the items of the step's kind at the other end of id's
// links of the step's type, through memo.
func stepFrom(g *trace.Graph, s Step, id trace.ID, memo map[trace.ID][]trace.ID) []trace.ID {
	if ids, ok := memo[id]; ok {
		return ids
	}
	var ids []trace.ID
	for _, n := range g.Neighbours(id, s.Dir, s.Link) {
		if it, ok := g.Item(n); ok && it.Kind == s.Kind {
			ids = append(ids, n)
		}
	}
	memo[id] = ids
	return ids
}

// Gaps returns the number of rows with an empty column.
func (m *TraceMatrix) Gaps() int {
	n := 0
	for _, r := range m.Rows {
		if !r.Complete() {
			n++
		}
	}
	return n
}

// CSV writes the matrix as RFC 4180 CSV: a header row, then per root item
// its ID, its title and one cell per column listing the reached IDs one a
// line. A cell that a spreadsheet would read as a formula is prefixed with
// an apostrophe.
func (m *TraceMatrix) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	h := m.Chain.headers()
	head := append([]string{h[0], "title"}, h[1:]...)
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for _, r := range m.Rows {
		rec[0], rec[1] = csvCell(string(r.Root.ID)), csvCell(r.Root.Title)
		for i := range h[1:] {
			rec[i+2] = csvCell(joinIDs(r.cell(i), "\n"))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell defuses formula injection (a cell starting with = + - @ or a tab).
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func joinIDs(ids []trace.ID, sep string) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(string(id))
	}
	return b.String()
}

// Markdown writes the matrix as a Markdown section: its name, a line counting
// the rows with a gap, and a table whose empty cells show "—".
func (m *TraceMatrix) Markdown(w io.Writer) error {
	mw := newMDWriter(w)
	m.markdown(mw)
	return mw.flush()
}

func (m *TraceMatrix) markdown(mw *mdWriter) {
	mw.line("## ", md(cmpOr(m.Chain.Name, "Trace matrix")))
	mw.line()
	mw.line(itoa(len(m.Rows)), " ", md(string(m.Chain.Root)), " item(s); ", itoa(m.Gaps()), " with a gap.")
	mw.line()
	h := m.Chain.headers()
	cells := make([]string, len(h))
	for i := range h {
		cells[i] = md(h[i])
	}
	mw.row(cells...)
	for i := range cells {
		cells[i] = "---"
	}
	mw.row(cells...)
	for _, r := range m.Rows {
		cells[0] = mdCode(string(r.Root.ID))
		if r.Root.Title != "" {
			cells[0] += " " + md(r.Root.Title)
		}
		for i := range h[1:] {
			cells[i+1] = mdIDs(r.cell(i))
		}
		mw.row(cells...)
	}
	mw.line()
}

// mdIDs lists IDs as code, one a line, or "—" when there are none.
func mdIDs(ids []trace.ID) string {
	if len(ids) == 0 {
		return "—"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = mdCode(string(id))
	}
	return strings.Join(parts, "<br>")
}
