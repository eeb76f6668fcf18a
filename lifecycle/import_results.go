package lifecycle

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// ImportOptions says how executed test cases become Result records. Version,
// Date and By are required: a result must name the software version under
// test, when it ran and who (or which pipeline) ran it (IEC 62304:2006+A1:2015
// 5.7.5).
type ImportOptions struct {
	// Name names the input in errors (a file path).
	Name string
	// Version is the software version under test. Required.
	Version string
	// Date is when the run happened; a JUnit suite's own timestamp, when
	// present, wins. Required.
	Date time.Time
	// By names who or what ran the tests (a CI job). Required.
	By string
	// Tests are the project's test records; a case is matched to the test
	// whose ID its name contains ("TestOcclusion_TC_012" → "TC-012"; '_'
	// and '-' are interchangeable).
	Tests []Test
	// MaxBytes bounds the input; 0 means 64 MiB.
	MaxBytes int64
}

func (o ImportOptions) validate() error {
	var errs []error
	if o.Version == "" {
		errs = append(errs, errors.New("version is required"))
	}
	if o.Date.IsZero() {
		errs = append(errs, errors.New("date is required"))
	}
	if o.By == "" {
		errs = append(errs, errors.New("by is required"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("lifecycle: import options: %w", errors.Join(errs...))
	}
	return nil
}

func (o ImportOptions) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 64 << 20
}

// ImportReport is what an import produced: one Result per matched test
// (cases of the same test combined: any failure fails it, otherwise any skip
// blocks it) and the cases that matched no test record, which are listed,
// never dropped silently.
type ImportReport struct {
	Results   []Result `json:"results"`
	Unmatched []string `json:"unmatched,omitempty"`
}

// caseOutcome is one executed case before matching.
type caseOutcome struct {
	name    string
	outcome Outcome
	detail  string
	date    time.Time
}

func normaliseID(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, "_", "-"))
}

// matcher finds the test whose ID appears in a case name, preferring the
// longest ID so "TC-1" does not claim "TC-12".
type matcher struct {
	ids  []trace.ID
	norm []string
}

func newMatcher(tests []Test) *matcher {
	m := &matcher{}
	for _, t := range tests {
		m.ids = append(m.ids, t.ID)
	}
	slices.SortFunc(m.ids, func(a, b trace.ID) int { return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b)) })
	for _, id := range m.ids {
		m.norm = append(m.norm, normaliseID(string(id)))
	}
	return m
}

var idBoundary = regexp.MustCompile(`[A-Z0-9]`)

func (m *matcher) match(name string) (trace.ID, bool) {
	n := normaliseID(name)
	for i, id := range m.norm {
		at := strings.Index(n, id)
		for at >= 0 {
			end := at + len(id)
			// The ID must not run on into more letters or digits.
			if end == len(n) || !idBoundary.MatchString(n[end:end+1]) {
				return m.ids[i], true
			}
			next := strings.Index(n[at+1:], id)
			if next < 0 {
				break
			}
			at += 1 + next
		}
	}
	return "", false
}

// combine turns cases into results, one per matched test.
func combine(cases []caseOutcome, opts ImportOptions) *ImportReport {
	m := newMatcher(opts.Tests)
	byTest := map[trace.ID]*Result{}
	rep := &ImportReport{}
	for _, c := range cases {
		id, ok := m.match(c.name)
		if !ok {
			rep.Unmatched = append(rep.Unmatched, c.name)
			continue
		}
		r := byTest[id]
		if r == nil {
			date := opts.Date
			if !c.date.IsZero() {
				date = c.date
			}
			r = &Result{ID: trace.ID(fmt.Sprintf("%s@%s", id, opts.Version)), Test: id, Outcome: Pass,
				Date: date, Version: opts.Version, By: opts.By, Pos: trace.Position{File: opts.Name}}
			byTest[id] = r
		}
		switch {
		case c.outcome == Fail:
			r.Outcome = Fail
		case c.outcome == Blocked && r.Outcome == Pass:
			r.Outcome = Blocked
		}
		if c.detail != "" {
			r.Anomalies = strings.TrimSpace(r.Anomalies + "\n" + c.name + ": " + c.detail)
		}
	}
	for _, r := range byTest {
		rep.Results = append(rep.Results, *r)
	}
	slices.SortFunc(rep.Results, func(a, b Result) int { return cmp.Compare(a.ID, b.ID) })
	slices.Sort(rep.Unmatched)
	rep.Unmatched = slices.Compact(rep.Unmatched)
	return rep
}
