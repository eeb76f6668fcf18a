package trace

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Severity is how much a finding matters. The empty Severity is invalid; it
// never silently becomes a default.
type Severity string

const (
	// Error blocks: the record set does not meet the rule.
	Error Severity = "error"
	// Warning should be looked at; it does not block by itself.
	Warning Severity = "warning"
	// Info is for the record.
	Info Severity = "info"
)

// Valid reports whether s is one of Error, Warning, Info.
func (s Severity) Valid() bool { return s == Error || s == Warning || s == Info }

// Rank orders severities: Error 3, Warning 2, Info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// RuleMeta describes a rule. Every finding records the rule's ID and Version,
// so a report says which edition of a rule produced it.
type RuleMeta struct {
	// ID is stable and unique within a rule set, such as "RISK-005". Required.
	ID string
	// Version is bumped when the rule's logic changes. Required (≥ 1).
	Version int
	// Severity is the default severity. Required.
	Severity Severity
	// Clause is the standard clause the rule rests on, such as
	// "ISO 14971:2019 7.1". Required.
	Clause string
	// Summary says what the rule requires, in one sentence.
	Summary string
	// Message is the finding's message template. Placeholders: {id}, {kind},
	// {title}, {rule}, {link}, {dir}, {to}, {min}, {count}. Finding
	// messages from Go-function rules may ignore it.
	Message string
}

var ruleIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)

// Validate reports what is wrong with m, naming each field.
func (m RuleMeta) Validate() error {
	var errs []string
	if !ruleIDPattern.MatchString(m.ID) {
		errs = append(errs, fmt.Sprintf("ID %q must be a letter followed by up to 63 letters, digits, '.', '_' or '-'", m.ID))
	}
	if m.Version < 1 {
		errs = append(errs, fmt.Sprintf("Version %d must be at least 1", m.Version))
	}
	if !m.Severity.Valid() {
		errs = append(errs, fmt.Sprintf("Severity %q must be error, warning or info", m.Severity))
	}
	if strings.TrimSpace(m.Clause) == "" {
		errs = append(errs, "Clause is required")
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("rule %q: %s", m.ID, strings.Join(errs, "; "))
}

// Rule checks a graph. Declarative rules (LinkRule) and Go-function rules
// (FuncRule) implement it; so can any host type.
//
// Check reports, through r, every item the rule applies to: r.Pass for those
// that meet it and r.Fail for those that do not. The counts give the rule's
// coverage. Check must not retain r after it returns. g is nil when the
// rules are run over data other than a graph (an SBOM's profile checks, say);
// the rules of this package then apply to nothing.
type Rule interface {
	Meta() RuleMeta
	Check(g *Graph, r *Recorder)
}

// SubjectHinter is an optional interface of a Rule: the number of items it
// expects to report on, so that the recorder can size itself once.
type SubjectHinter interface {
	ExpectedSubjects(g *Graph) int
}

// Hop is one step of a path through the graph.
type Hop struct {
	From ID       `json:"from"`
	Type LinkType `json:"type"`
	To   ID       `json:"to"`
}

// String formats the hop as "FROM -type-> TO".
func (h Hop) String() string { return fmt.Sprintf("%s -%s-> %s", h.From, h.Type, h.To) }

// Recorder receives a rule's verdicts. It is created by Check.
type Recorder struct {
	meta     RuleMeta
	failed   []Finding
	subjects map[ID]bool // false = passed, true = failed at least once
}

// Pass records that item id meets the rule.
func (r *Recorder) Pass(id ID) {
	if _, seen := r.subjects[id]; !seen {
		r.subjects[id] = false
	}
}

// Fail records that item id does not meet the rule, with a message and,
// where it explains the finding, the path through the graph.
func (r *Recorder) Fail(id ID, message string, path ...Hop) {
	r.subjects[id] = true
	r.failed = append(r.failed, Finding{
		Rule: r.meta.ID, RuleVersion: r.meta.Version, Severity: r.meta.Severity,
		Clause: r.meta.Clause, Item: id, Message: message, Path: path,
	})
}

// Failf is Fail with a formatted message.
func (r *Recorder) Failf(id ID, format string, args ...any) {
	r.Fail(id, fmt.Sprintf(format, args...))
}

// Expand fills the rule's Message template for item it; extra holds further
// placeholder values ("count" → "0").
func (r *Recorder) Expand(it Item, extra map[string]string) string {
	return expand(r.meta, it, extra)
}

func expand(m RuleMeta, it Item, extra map[string]string) string {
	tmpl := m.Message
	if tmpl == "" {
		tmpl = "{kind} {id} does not meet " + m.ID + ": " + m.Summary
	}
	pairs := []string{"{id}", string(it.ID), "{kind}", string(it.Kind), "{title}", it.Title, "{rule}", m.ID}
	for _, k := range sortedKeys(extra) {
		pairs = append(pairs, "{"+k+"}", extra[k])
	}
	return strings.NewReplacer(pairs...).Replace(tmpl)
}

// FuncRule is a rule written as a Go function.
type FuncRule struct {
	RuleMeta
	Fn func(g *Graph, r *Recorder)
}

// Meta returns the rule's description.
func (f FuncRule) Meta() RuleMeta { return f.RuleMeta }

// Check calls Fn.
func (f FuncRule) Check(g *Graph, r *Recorder) {
	if f.Fn != nil {
		f.Fn(g, r)
	}
}

// LinkRule is the declarative rule: every item of kind Kind (that Where
// accepts) must have at least Min links of type Link in direction Dir whose
// other end is of one of the kinds To.
type LinkRule struct {
	RuleMeta
	// Kind selects the items the rule applies to. Required.
	Kind Kind
	// Where narrows the items; nil accepts all of Kind.
	Where func(Item) bool
	// Link is the link type counted. Required.
	Link LinkType
	// Dir is the direction counted from the item. Required.
	Dir Direction
	// To are the kinds at the other end that count; empty means any kind.
	To []Kind
	// Min is the least number of such links; zero means 1.
	Min int
}

// Meta returns the rule's description.
func (l LinkRule) Meta() RuleMeta { return l.RuleMeta }

// ExpectedSubjects returns the number of items of the rule's kind.
func (l LinkRule) ExpectedSubjects(g *Graph) int { return g.CountKind(l.Kind) }

// Check applies the rule.
func (l LinkRule) Check(g *Graph, r *Recorder) {
	if g == nil {
		return
	}
	ki, ok := g.kindIndex(l.Kind)
	if !ok {
		return
	}
	min := max(l.Min, 1)
	tset, tok := g.typeSet([]LinkType{l.Link})
	var kset []bool
	if len(l.To) > 0 {
		kset = make([]bool, len(g.kinds))
		for _, k := range l.To {
			if i, found := g.kindIndex(k); found {
				kset[i] = true
			}
		}
	}
	for _, v := range g.byKind[ki] {
		it := &g.items[v]
		if l.Where != nil && !l.Where(*it) {
			continue
		}
		n := 0
		if tok {
			g.eachEdge(v, l.Dir, tset, func(e *edge) {
				if kset == nil || kset[g.kindOf[e.other(l.Dir)]] {
					n++
				}
			})
		}
		if n >= min {
			r.Pass(it.ID)
			continue
		}
		r.Fail(it.ID, expand(l.RuleMeta, *it, map[string]string{
			"link": string(l.Link), "dir": l.Dir.String(), "to": kindList(l.To),
			"min": strconv.Itoa(min), "count": strconv.Itoa(n),
		}))
	}
}

func kindList(ks []Kind) string {
	if len(ks) == 0 {
		return "any kind"
	}
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}
