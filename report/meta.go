package report

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// ErrMissingInput is returned when a view lacks the data it is built from,
// such as findings without a trace.Result.
var ErrMissingInput = errors.New("report: missing input")

// ToolName names the producing tool in machine-readable outputs (SARIF
// tool.driver.name, JUnit).
const ToolName = "medtrace"

// Meta identifies a report: the product and version it is about, when it was
// generated and by which edition of the tool. The package never reads the
// clock; Generated is set by the caller, and the zero time leaves it out.
type Meta struct {
	// Product names the device or software product.
	Product string
	// Version is the product version the report is about.
	Version string
	// Generated is when the report was generated.
	Generated time.Time
	// Tool is the version string of the producing tool ("0.4.1").
	Tool string
}

// title is "Product Version", or what of it is known.
func (m Meta) title() string {
	switch {
	case m.Product == "":
		return m.Version
	case m.Version == "":
		return m.Product
	}
	return m.Product + " " + m.Version
}

// generated formats Generated as RFC 3339 in UTC, or "" when unset.
func (m Meta) generated() string {
	if m.Generated.IsZero() {
		return ""
	}
	return m.Generated.UTC().Format(time.RFC3339)
}

// ruleInfo is what a report says about a rule.
type ruleInfo struct {
	ID       string
	Version  int
	Severity trace.Severity
	Clause   string
	Summary  string
}

// catalog returns the rules a result speaks of, ordered by ID: those given
// with their metadata, and any others met in findings or coverage with what
// the findings record of them.
func catalog(rules []trace.Rule, res *trace.Result) []ruleInfo {
	byID := make(map[string]int)
	var out []ruleInfo
	add := func(ri ruleInfo) {
		if ri.ID == "" {
			return
		}
		if i, ok := byID[ri.ID]; ok {
			fillRule(&out[i], ri)
			return
		}
		byID[ri.ID] = len(out)
		out = append(out, ri)
	}
	for _, r := range rules {
		if r == nil {
			continue
		}
		m := r.Meta()
		add(ruleInfo{ID: m.ID, Version: m.Version, Severity: m.Severity, Clause: m.Clause, Summary: m.Summary})
	}
	if res != nil {
		for _, f := range res.Findings {
			add(ruleInfo{ID: f.Rule, Version: f.RuleVersion, Severity: f.Severity, Clause: f.Clause})
		}
		for _, c := range res.Coverage {
			add(ruleInfo{ID: c.Rule})
		}
	}
	slices.SortFunc(out, func(a, b ruleInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// fillRule completes dst with the fields it lacks from src.
func fillRule(dst *ruleInfo, src ruleInfo) {
	if dst.Version == 0 {
		dst.Version = src.Version
	}
	if dst.Severity == "" {
		dst.Severity = src.Severity
	}
	if dst.Clause == "" {
		dst.Clause = src.Clause
	}
	if dst.Summary == "" {
		dst.Summary = src.Summary
	}
}

// severities lists the severities in report order, most severe first.
var severities = [...]trace.Severity{trace.Error, trace.Warning, trace.Info}

// severityCount is the number of open and waived findings of one severity.
type severityCount struct {
	Severity trace.Severity `json:"severity"`
	Open     int            `json:"open"`
	Waived   int            `json:"waived"`
}

// summarise counts findings by severity, most severe first.
func summarise(res *trace.Result) []severityCount {
	out := make([]severityCount, len(severities))
	for i, s := range severities {
		out[i].Severity = s
	}
	for _, f := range res.Findings {
		i := slices.Index(severities[:], f.Severity)
		if i < 0 {
			continue
		}
		if f.Waived() {
			out[i].Waived++
		} else {
			out[i].Open++
		}
	}
	return out
}

// itemOf looks an item up in g, which may be nil.
func itemOf(g *trace.Graph, id trace.ID) (trace.Item, bool) {
	if g == nil {
		return trace.Item{}, false
	}
	return g.Item(id)
}

// date formats a time as a calendar date, or "" for the zero time.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
