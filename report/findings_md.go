package report

import (
	"io"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Markdown writes the findings for people: a summary table by severity,
// the findings grouped by rule with the rule's clause, coverage per rule and
// the waivers that matched nothing. Every field is escaped.
func (f Findings) Markdown(w io.Writer) error {
	if err := f.check(); err != nil {
		return err
	}
	m := newMDWriter(w)
	m.line("# Findings", titleSuffix(f.Meta))
	m.line()
	if by := byline(f.Meta); by != "" {
		m.line(by)
		m.line()
	}
	f.markdown(m, "Summary")
	return m.flush()
}

// markdown writes the findings sections, the summary under the given
// heading.
func (f Findings) markdown(m *mdWriter, summary string) {
	f.mdSummary(m, summary)
	f.mdByRule(m)
	f.mdCoverage(m)
	f.mdUnusedWaivers(m)
}

// titleSuffix is ": Product Version", escaped, or "".
func titleSuffix(meta Meta) string {
	if t := meta.title(); t != "" {
		return ": " + md(t)
	}
	return ""
}

// byline says when and by which tool a report was generated.
func byline(meta Meta) string {
	var parts []string
	if g := meta.generated(); g != "" {
		parts = append(parts, "Generated "+g)
	}
	if meta.Tool != "" {
		parts = append(parts, "by "+ToolName+" "+md(meta.Tool))
	} else if len(parts) > 0 {
		parts = append(parts, "by "+ToolName)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " ") + "."
}

func (f Findings) mdSummary(m *mdWriter, heading string) {
	m.line("## ", heading)
	m.line()
	m.row("Severity", "Open", "Waived")
	m.row("---", "---:", "---:")
	for _, c := range summarise(f.Result) {
		m.row(string(c.Severity), itoa(c.Open), itoa(c.Waived))
	}
	m.line()
	if n := len(f.Result.Blocking()); n > 0 {
		m.line("**Blocking:** ", itoa(n), " open finding(s) of severity error.")
	} else {
		m.line("**Blocking:** none.")
	}
	m.line()
}

func (f Findings) mdByRule(m *mdWriter) {
	m.line("## Findings by rule")
	m.line()
	if len(f.Result.Findings) == 0 {
		m.line("No findings.")
		m.line()
		return
	}
	rules := make(map[string]ruleInfo)
	for _, r := range catalog(f.Rules, f.Result) {
		rules[r.ID] = r
	}
	// Findings are ordered by rule, so each rule's findings are a run.
	fs := f.Result.Findings
	for start := 0; start < len(fs); {
		end := start + 1
		for end < len(fs) && fs[end].Rule == fs[start].Rule {
			end++
		}
		f.mdRule(m, rules[fs[start].Rule], fs[start:end])
		start = end
	}
}

// mdRule writes one rule's heading and its findings table.
func (f Findings) mdRule(m *mdWriter, r ruleInfo, fs []trace.Finding) {
	head := "### " + md(r.ID)
	if r.Version > 0 {
		head += " (v" + itoa(r.Version) + ")"
	}
	if r.Summary != "" {
		head += ": " + md(r.Summary)
	}
	m.line(head)
	m.line()
	if r.Clause != "" {
		m.line("Clause: ", md(r.Clause), ".")
		m.line()
	}
	m.row("Item", "Severity", "Message", "Status")
	m.row("---", "---", "---", "---")
	for _, fd := range fs {
		msg := md(fd.Message)
		if len(fd.Path) > 0 {
			hops := make([]string, len(fd.Path))
			for i, h := range fd.Path {
				hops[i] = md(h.String())
			}
			msg += " (via " + strings.Join(hops, "; ") + ")"
		}
		m.row(mdCode(string(fd.Item)), string(fd.Severity), msg, mdStatus(fd))
	}
	m.line()
}

// mdStatus is "open" or "waived: rationale (author, date)".
func mdStatus(fd trace.Finding) string {
	wv := fd.Waiver
	if wv == nil {
		return "open"
	}
	who := md(wv.Author)
	if d := date(wv.Date); d != "" {
		who += ", " + d
	}
	return "waived: " + md(wv.Rationale) + " (" + who + ")"
}

func (f Findings) mdCoverage(m *mdWriter) {
	m.line("## Coverage")
	m.line()
	if len(f.Result.Coverage) == 0 {
		m.line("No rules ran.")
		m.line()
		return
	}
	m.row("Rule", "Covered", "Total", "%")
	m.row("---", "---:", "---:", "---:")
	for _, c := range f.Result.Coverage {
		pct := percent(c.Percent())
		if c.Total == 0 {
			pct = "n/a" // nothing the rule applies to
		}
		m.row(md(c.Rule), itoa(c.Covered), itoa(c.Total), pct)
	}
	m.line()
}

func (f Findings) mdUnusedWaivers(m *mdWriter) {
	if len(f.Result.UnusedWaivers) == 0 {
		return
	}
	m.line("## Unused waivers")
	m.line()
	m.line("These waivers match no finding: the rule now holds, or the waiver is stale.")
	m.line()
	m.row("Rule", "Item", "Rationale", "Author", "Date")
	m.row("---", "---", "---", "---", "---")
	for _, wv := range f.Result.UnusedWaivers {
		m.row(md(wv.Rule), mdCode(string(wv.Item)), md(wv.Rationale), md(wv.Author), date(wv.Date))
	}
	m.line()
}
