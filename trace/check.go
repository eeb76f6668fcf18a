package trace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Waiver accepts one finding: a person decided that this rule need not hold
// for this item, and said why. A waived finding stays in the result, marked.
type Waiver struct {
	// Rule is the rule ID. Required.
	Rule string `json:"rule"`
	// Item is the item the finding is about. Required.
	Item ID `json:"item"`
	// Rationale says why the finding is acceptable. Required.
	Rationale string `json:"rationale"`
	// Author is who accepted it. Required.
	Author string `json:"author"`
	// Date is when it was accepted. Required.
	Date time.Time `json:"date"`
	// Pos is where the waiver was written, if it came from a file.
	Pos Position `json:"-"`
}

// Validate names each missing field.
func (w Waiver) Validate() error {
	var errs []error
	if w.Rule == "" {
		errs = append(errs, errors.New("rule is required"))
	}
	if w.Item == "" {
		errs = append(errs, errors.New("item is required"))
	}
	if w.Rationale == "" {
		errs = append(errs, errors.New("rationale is required"))
	}
	if w.Author == "" {
		errs = append(errs, errors.New("author is required"))
	}
	if w.Date.IsZero() {
		errs = append(errs, errors.New("date is required"))
	}
	if len(errs) == 0 {
		return nil
	}
	if pos := w.Pos.String(); pos != "" {
		return fmt.Errorf("%s: waiver %s/%s: %w", pos, w.Rule, w.Item, errors.Join(errs...))
	}
	return fmt.Errorf("waiver %s/%s: %w", w.Rule, w.Item, errors.Join(errs...))
}

// Finding is one rule's verdict on one item.
type Finding struct {
	Rule        string   `json:"rule"`
	RuleVersion int      `json:"ruleVersion"`
	Severity    Severity `json:"severity"`
	Item        ID       `json:"item"`
	Message     string   `json:"message"`
	Clause      string   `json:"clause"`
	// Path is the path through the graph that explains the finding, if any.
	Path []Hop `json:"path,omitempty"`
	// Waiver is set when the finding was accepted.
	Waiver *Waiver `json:"waiver,omitempty"`
}

// Waived reports whether the finding was accepted by a waiver.
func (f Finding) Waived() bool { return f.Waiver != nil }

// Coverage is how many of the items a rule applies to meet it.
type Coverage struct {
	Rule      string `json:"rule"`
	Covered   int    `json:"covered"`
	Total     int    `json:"total"`
	Uncovered []ID   `json:"uncovered,omitempty"`
	// CoveredItems are the items that meet the rule, in ID order; filled
	// only with CheckOptions.RecordCovered.
	CoveredItems []ID `json:"coveredItems,omitempty"`
}

// Percent returns Covered/Total as a percentage; 100 when Total is 0.
func (c Coverage) Percent() float64 {
	if c.Total == 0 {
		return 100
	}
	return 100 * float64(c.Covered) / float64(c.Total)
}

// CheckOptions tunes a check. The zero value runs every rule at its default
// severity with no waivers.
type CheckOptions struct {
	// Severity overrides the default severity of rules by ID.
	Severity map[string]Severity
	// Disabled rules, by ID, are not run.
	Disabled map[string]bool
	// Waivers accept individual findings.
	Waivers []Waiver
	// RecordCovered fills Coverage.CoveredItems, for reports that list
	// every subject (a JUnit case per item); off by default, as it costs a
	// slice of IDs per rule.
	RecordCovered bool
}

// Result is the outcome of Check.
type Result struct {
	// Findings, ordered by rule ID, item ID and message.
	Findings []Finding `json:"findings"`
	// Coverage per rule that ran, ordered by rule ID.
	Coverage []Coverage `json:"coverage"`
	// UnusedWaivers matched no finding: the rule now holds, or the waiver is
	// stale. Ordered by rule and item.
	UnusedWaivers []Waiver `json:"unusedWaivers,omitempty"`
}

// Count returns the number of unwaived findings of severity s.
func (r *Result) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s && f.Waiver == nil {
			n++
		}
	}
	return n
}

// Blocking returns the unwaived findings of severity Error.
func (r *Result) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == Error && f.Waiver == nil {
			out = append(out, f)
		}
	}
	return out
}

// ErrBadRuleSet is wrapped by Check when rules or options are malformed.
var ErrBadRuleSet = errors.New("trace: bad rule set")

// Check runs rules over g, which may be nil for rules that read other data.
// It validates the rule set and options first and
// reports every problem at once (duplicate rule IDs, malformed metadata,
// invalid severity overrides, incomplete waivers). It stops early with
// ctx.Err() if ctx is cancelled between rules.
func Check(ctx context.Context, g *Graph, rules []Rule, opts CheckOptions) (*Result, error) {
	waivers, err := validateRuleSet(rules, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	used := make([]bool, len(opts.Waivers))
	for _, rule := range rules {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := rule.Meta()
		if opts.Disabled[m.ID] {
			continue
		}
		if s, ok := opts.Severity[m.ID]; ok {
			m.Severity = s
		}
		hint := 0
		if h, ok := rule.(SubjectHinter); ok && g != nil {
			hint = h.ExpectedSubjects(g)
		}
		rec := &Recorder{meta: m, subjects: make(map[ID]bool, hint)}
		rule.Check(g, rec)
		cov := Coverage{Rule: m.ID, Total: len(rec.subjects)}
		for id, failed := range rec.subjects {
			if failed {
				cov.Uncovered = append(cov.Uncovered, id)
			} else if opts.RecordCovered {
				cov.CoveredItems = append(cov.CoveredItems, id)
			}
		}
		slices.Sort(cov.Uncovered)
		slices.Sort(cov.CoveredItems)
		cov.Covered = cov.Total - len(cov.Uncovered)
		res.Coverage = append(res.Coverage, cov)
		for _, f := range rec.failed {
			// A rule may not change its own identity through the recorder.
			f.Rule, f.RuleVersion, f.Severity, f.Clause = m.ID, m.Version, m.Severity, m.Clause
			if i, ok := waivers[[2]string{f.Rule, string(f.Item)}]; ok {
				w := opts.Waivers[i]
				f.Waiver = &w
				used[i] = true
			}
			res.Findings = append(res.Findings, f)
		}
	}
	slices.SortStableFunc(res.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Item, b.Item), cmp.Compare(a.Message, b.Message))
	})
	slices.SortFunc(res.Coverage, func(a, b Coverage) int { return cmp.Compare(a.Rule, b.Rule) })
	for i, w := range opts.Waivers {
		if !used[i] && !opts.Disabled[w.Rule] {
			res.UnusedWaivers = append(res.UnusedWaivers, w)
		}
	}
	slices.SortFunc(res.UnusedWaivers, func(a, b Waiver) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Item, b.Item))
	})
	return res, nil
}

// validateRuleSet checks rules and options and indexes the waivers by
// (rule, item).
func validateRuleSet(rules []Rule, opts CheckOptions) (map[[2]string]int, error) {
	var errs []error
	seen := map[string]bool{}
	for i, r := range rules {
		if r == nil {
			errs = append(errs, fmt.Errorf("rules[%d] is nil", i))
			continue
		}
		m := r.Meta()
		if err := m.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("rules[%d]: %w", i, err))
		}
		if seen[m.ID] {
			errs = append(errs, fmt.Errorf("rules[%d]: duplicate rule ID %q", i, m.ID))
		}
		seen[m.ID] = true
	}
	for _, id := range sortedKeys(opts.Severity) {
		if s := opts.Severity[id]; !s.Valid() {
			errs = append(errs, fmt.Errorf("severity override for %q: %q must be error, warning or info", id, s))
		}
	}
	waivers := map[[2]string]int{}
	for i, w := range opts.Waivers {
		if err := w.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("waivers[%d]: %w", i, err))
			continue
		}
		waivers[[2]string{w.Rule, string(w.Item)}] = i
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrBadRuleSet, errors.Join(errs...))
	}
	return waivers, nil
}
