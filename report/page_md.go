package report

import "io"

// Markdown writes the page as one Markdown document with the same sections
// as HTML, in the same order: the summary, the thread overview, the findings
// and coverage, the risk management section, the trace matrices, the
// security risk report and the lifecycle views.
func (p Page) Markdown(w io.Writer) error {
	v, err := p.view()
	if err != nil {
		return err
	}
	m := newMDWriter(w)
	m.line("# ", md(v.Title))
	m.line()
	if by := byline(p.Meta); by != "" {
		m.line(by)
		m.line()
	}
	m.line("## Summary")
	m.line()
	if len(v.Summary) == 0 {
		m.line("No sections.")
	} else {
		m.row("", "Section", "State")
		m.row("---", "---", "---")
		for _, s := range v.Summary {
			m.row(summaryMark(s.Class), md(s.Label), md(s.Value))
		}
	}
	m.line()
	if p.Thread != nil {
		p.Thread.markdown(m)
	}
	if p.Findings != nil {
		p.Findings.markdown(m, "Findings summary")
	}
	if p.Risk != nil {
		if err := p.Risk.markdown(m); err != nil {
			return err
		}
	}
	for _, tm := range p.Matrices {
		if tm != nil {
			tm.markdown(m)
		}
	}
	if p.Security != nil {
		p.Security.markdown(m)
	}
	if p.Lifecycle != nil {
		p.Lifecycle.markdown(m)
	}
	return m.flush()
}

// summaryMark is ✓ for a summary line that is fine, ✗ for one that is not.
func summaryMark(class string) string {
	switch class {
	case "ok":
		return "✓"
	case "bad":
		return "✗"
	}
	return ""
}
