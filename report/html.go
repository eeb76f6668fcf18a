package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Page is one self-contained, printable HTML report that puts together the
// sections it is given: a summary, the findings with coverage bars, the risk
// heat map and situations, the trace matrices and the lifecycle views. Nil
// sections are left out.
type Page struct {
	// Meta identifies the report.
	Meta Meta
	// Thread is the overview of the graph by kind.
	Thread *Thread
	// Findings are the outcome of the thread rules.
	Findings *Findings
	// Risk is the risk management view.
	Risk *Risk
	// Matrices are trace matrices, shown in order.
	Matrices []*TraceMatrix
	// Security is the security risk report.
	Security *Security
	// Lifecycle is the IEC 62304 view of a project.
	Lifecycle *Lifecycle
}

// HTML writes the page as one HTML5 file with inline CSS and inline SVG: no
// scripts, no external resources, laid out for print. Every field goes
// through html/template, which escapes it for its context, and a content
// security policy forbids scripts should any markup slip through.
func (p Page) HTML(w io.Writer) error {
	v, err := p.view()
	if err != nil {
		return err
	}
	return executeTemplate(w, "page", v)
}

// pageView is the page laid out for the template.
type pageView struct {
	Title     string
	Meta      Meta
	Generated string
	Summary   []summaryLine
	Thread    *svgThread
	Findings  *findingsView
	Risk      *riskView
	Matrices  []matrixView
	Security  *securityView
	Lifecycle *lifecycleView
}

type summaryLine struct {
	Label, Value, Class string
}

func (p Page) view() (*pageView, error) {
	v := &pageView{Title: "Traceability report", Meta: p.Meta, Generated: p.Meta.generated()}
	if t := p.Meta.title(); t != "" {
		v.Title += ": " + t
	}
	if p.Thread != nil {
		th := p.Thread.layout()
		v.Thread = &th
	}
	if p.Findings != nil {
		if err := p.Findings.check(); err != nil {
			return nil, err
		}
		v.Findings = p.Findings.view()
		v.Summary = append(v.Summary, v.Findings.summary()...)
	}
	if p.Risk != nil {
		rv, err := p.Risk.view()
		if err != nil {
			return nil, err
		}
		v.Risk = rv
		v.Summary = append(v.Summary, rv.Summary...)
	}
	for i, m := range p.Matrices {
		if m == nil {
			continue
		}
		mv := m.view(i)
		v.Matrices = append(v.Matrices, mv)
		v.Summary = append(v.Summary, summaryLine{Label: mv.Name, Value: fmt.Sprintf("%d row(s), %d with a gap", len(mv.Rows), mv.Gaps), Class: okClass(mv.Gaps == 0)})
	}
	if p.Security != nil {
		v.Security = p.Security.view()
		v.Summary = append(v.Summary, v.Security.Status...)
	}
	if p.Lifecycle != nil {
		lv := p.Lifecycle.view()
		v.Lifecycle = lv
		v.Summary = append(v.Summary, lv.Summary...)
	}
	return v, nil
}

func okClass(ok bool) string {
	if ok {
		return "ok"
	}
	return "bad"
}

// findingsView is the findings section.
type findingsView struct {
	Counts   []severityCount
	Blocking int
	Rules    []ruleView
	Coverage coverageChart
	Unused   []trace.Waiver
}

type ruleView struct {
	ID, Summary, Clause string
	Version             int
	Rows                []findingRow
}

type findingRow struct {
	Item, Kind, Title, Severity, Message, Position, Status string
	Path                                                   []string
	Waived                                                 bool
}

func (fv *findingsView) summary() []summaryLine {
	open := 0
	for _, c := range fv.Counts {
		open += c.Open
	}
	return []summaryLine{
		{Label: "Blocking findings", Value: itoa(fv.Blocking), Class: okClass(fv.Blocking == 0)},
		{Label: "Open findings", Value: itoa(open), Class: okClass(open == 0)},
	}
}

func (f Findings) view() *findingsView {
	fv := &findingsView{Counts: summarise(f.Result), Blocking: len(f.Result.Blocking()), Unused: f.Result.UnusedWaivers}
	rules := make(map[string]ruleInfo)
	for _, r := range catalog(f.Rules, f.Result) {
		rules[r.ID] = r
	}
	for _, fd := range f.Result.Findings {
		if n := len(fv.Rules); n == 0 || fv.Rules[n-1].ID != fd.Rule {
			r := rules[fd.Rule]
			fv.Rules = append(fv.Rules, ruleView{ID: fd.Rule, Summary: r.Summary, Clause: cmpOr(r.Clause, fd.Clause), Version: fd.RuleVersion})
		}
		rv := &fv.Rules[len(fv.Rules)-1]
		rv.Rows = append(rv.Rows, f.findingRow(fd))
	}
	fv.Coverage = coverageBars(f.Result.Coverage)
	return fv
}

func (f Findings) findingRow(fd trace.Finding) findingRow {
	row := findingRow{Item: string(fd.Item), Severity: string(fd.Severity), Message: fd.Message, Status: "open"}
	if it, ok := itemOf(f.Graph, fd.Item); ok {
		row.Kind, row.Title = string(it.Kind), it.Title
		row.Position = it.Pos.String()
	}
	for _, h := range fd.Path {
		row.Path = append(row.Path, h.String())
	}
	if wv := fd.Waiver; wv != nil {
		row.Waived = true
		row.Status = "waived: " + wv.Rationale + " (" + strings.TrimSuffix(wv.Author+", "+date(wv.Date), ", ") + ")"
	}
	return row
}

// coverageChart is the coverage bars, laid out for an inline SVG.
type coverageChart struct {
	Width, Height int
	Bars          []coverageBar
}

type coverageBar struct {
	Rule       string
	Label      string
	Y, TextY   int
	W          int
	Fill       string
	BarX, MaxW int
	ValueX     int
}

// Geometry of the coverage chart.
const (
	covLabelW = 170
	covBarW   = 360
	covRowH   = 22
)

func coverageBars(cs []trace.Coverage) coverageChart {
	ch := coverageChart{Width: covLabelW + covBarW + 150, Height: len(cs)*covRowH + 8}
	for i, c := range cs {
		p := c.Percent()
		fill := "#d9534f"
		switch {
		case c.Covered == c.Total:
			fill = "#5cb85c"
		case p >= 80:
			fill = "#f0ad4e"
		}
		y := 4 + i*covRowH
		label, w := fmt.Sprintf("%d / %d (%s %%)", c.Covered, c.Total, percent(p)), int(p*covBarW/100)
		if c.Total == 0 {
			// Nothing the rule applies to: not a pass, not a failure.
			label, w, fill = "no items to check", 0, "#999999"
		}
		ch.Bars = append(ch.Bars, coverageBar{
			Rule: c.Rule, Label: label,
			Y: y, TextY: y + 14, W: w, Fill: fill,
			BarX: covLabelW, MaxW: covBarW, ValueX: covLabelW + covBarW + 8,
		})
	}
	return ch
}

// matrixView is one trace matrix section.
type matrixView struct {
	Anchor, Name string
	Headers      []string
	Rows         []matrixRowView
	Gaps         int
}

type matrixRowView struct {
	Root, Title string
	Cells       [][]string
	Gap         bool
}

func (m *TraceMatrix) view(i int) matrixView {
	mv := matrixView{Anchor: "matrix-" + itoa(i+1), Name: cmpOr(m.Chain.Name, "Trace matrix"), Headers: m.Chain.headers(), Gaps: m.Gaps()}
	for _, r := range m.Rows {
		rv := matrixRowView{Root: string(r.Root.ID), Title: r.Root.Title, Gap: !r.Complete(), Cells: make([][]string, len(m.Chain.Steps))}
		for j := range rv.Cells {
			rv.Cells[j] = idStrings(r.cell(j))
		}
		mv.Rows = append(mv.Rows, rv)
	}
	return mv
}
