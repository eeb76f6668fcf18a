package report

import (
	"io"
	"strings"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/trace"
)

// Lifecycle is the IEC 62304 view of a project: its software safety
// classification, the activity gaps for its class, the readiness of a release
// and the SOUP list. Nil parts are left out.
type Lifecycle struct {
	// Classification is the result of lifecycle.Project.Classify.
	Classification *lifecycle.Classification
	// Gaps is the result of lifecycle.Project.Gaps.
	Gaps *lifecycle.GapReport
	// Readiness is the result of lifecycle.Project.Readiness.
	Readiness *lifecycle.Readiness
	// SOUP is the SOUP list (NewSOUPList).
	SOUP *SOUPList
}

// Markdown writes the lifecycle sections that are present: the safety
// classification with the explanation of every class (IEC 62304:2006+A1:2015
// 4.3) and the FDA documentation level, the activities required for the class
// that lack evidence, the release readiness verdict with its blockers
// (5.8), and the SOUP list (8.1.2).
func (l Lifecycle) Markdown(w io.Writer) error {
	m := newMDWriter(w)
	l.markdown(m)
	return m.flush()
}

func (l Lifecycle) markdown(m *mdWriter) {
	if l.Classification != nil {
		mdClassification(m, l.Classification)
	}
	if l.Gaps != nil {
		mdGaps(m, l.Gaps)
	}
	if l.Readiness != nil {
		mdReadiness(m, l.Readiness, l.Gaps != nil)
	}
	if l.SOUP != nil {
		l.SOUP.markdown(m)
	}
}

func mdClassification(m *mdWriter, c *lifecycle.Classification) {
	m.line("## Software safety classification")
	m.line()
	m.line("System ", mdCode(string(c.System.Item)), " ", md(c.System.Title), ": class **", md(string(c.System.Class)),
		"** (", md(string(c.System.Basis)), "; ", md(string(c.Edition)), ").")
	m.line()
	if c.Unclassified {
		m.line("No risk analysis to classify from: every class is C (IEC 62304:2006+A1:2015 4.3).")
		m.line()
	}
	m.row("Item", "Kind", "Parent", "Class", "Computed", "Declared", "Basis")
	m.row("---", "---", "---", "---", "---", "---", "---")
	for _, it := range append([]lifecycle.ItemClass{c.System}, c.Items...) {
		m.row(mdCode(string(it.Item))+" "+md(it.Title), md(string(it.Kind)), mdCode(string(it.Parent)),
			"**"+md(string(it.Class))+"**", md(string(it.Computed)), md(string(it.Declared)), md(string(it.Basis)))
	}
	m.line()
	if len(c.Situations) > 0 {
		m.line("### Hazardous situations the software contributes to")
		m.line()
		m.row("Situation", "Hazard", "Class", "Worst harm", "External controls", "Reason")
		m.row("---", "---", "---", "---", "---", "---")
		for _, s := range c.Situations {
			m.row(mdCode(string(s.Situation)), mdCode(string(s.Hazard)), md(string(s.Class)),
				strings.TrimSpace(mdCode(string(s.WorstHarm))+" "+md(s.Severity)), mdIDList(s.External), md(s.Reason))
		}
		m.line()
	}
	m.line("### Why each class")
	m.line()
	for _, it := range append([]lifecycle.ItemClass{c.System}, c.Items...) {
		if x, ok := c.Explain(it.Item); ok {
			m.line("#### ", mdCode(string(it.Item)), ": class ", md(string(it.Class)))
			m.line()
			m.line(mdFence(x))
			m.line()
		}
	}
	d := c.Documentation
	m.line("### FDA documentation level: ", md(string(d.Level)))
	m.line()
	for _, r := range d.Reasons {
		m.line("- ", md(r))
	}
	if d.Declared != "" {
		m.line("- declared ", md(string(d.Declared)), ": ", md(d.Rationale))
	}
	m.line()
}

// mdIDList lists IDs as code separated by commas, or "—".
func mdIDList(ids []trace.ID) string {
	if len(ids) == 0 {
		return "—"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = mdCode(string(id))
	}
	return strings.Join(parts, ", ")
}

// mdFence wraps text in a fenced code block whose fence is longer than any
// run of backticks in it, so the text cannot close it.
func mdFence(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "text\n" + strings.TrimRight(text, "\n") + "\n" + fence
}

func mdGaps(m *mdWriter, g *lifecycle.GapReport) {
	missing := g.Missing()
	m.line("## Activity gaps")
	m.line()
	m.line("Class ", md(string(g.Class)), " under ", md(string(g.Edition)), ": ",
		itoa(len(g.Activities)-len(missing)), " of ", itoa(len(g.Activities)), " required activities have evidence.")
	m.line()
	if len(missing) == 0 {
		m.line("No gaps.")
		m.line()
		return
	}
	m.row("Clause", "Activity", "Expected")
	m.row("---", "---", "---")
	for _, a := range missing {
		m.row(md(a.Activity.Clause), md(a.Activity.Title), md(a.Activity.Outputs))
	}
	m.line()
}

// mdReadiness writes the readiness verdict and its blockers; with
// gapsShown, the activity blockers are counted, not listed, since the gap
// section lists them.
func mdReadiness(m *mdWriter, r *lifecycle.Readiness, gapsShown bool) {
	m.line("## Release readiness")
	m.line()
	verdict := "**not ready**"
	if r.Ready() {
		verdict = "**ready**"
	}
	m.line("Release ", mdCode(string(r.Release)), " (version ", md(r.Version), ", class ", md(string(r.Class)), "): ", verdict,
		"; ", itoa(r.Verified), " of ", itoa(r.Requirements), " requirements verified on this version.")
	m.line()
	blockers, activity := r.Blockers, 0
	if gapsShown {
		blockers = nil
		for _, b := range r.Blockers {
			if b.Check == lifecycle.CheckActivity {
				activity++
			} else {
				blockers = append(blockers, b)
			}
		}
	}
	if activity > 0 {
		m.line(itoa(activity), " blocker(s) are required activities without evidence, listed under Activity gaps.")
		m.line()
	}
	if len(blockers) == 0 {
		return
	}
	m.row("Check", "Item", "Reason", "Clause")
	m.row("---", "---", "---", "---")
	for _, b := range blockers {
		reason := md(b.Reason)
		for _, h := range b.Path {
			reason += " (via " + md(h.String()) + ")"
		}
		m.row(md(string(b.Check)), mdCode(string(b.Item)), reason, md(b.Clause))
	}
	m.line()
}
