package report

import (
	"cmp"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

type junitSuites struct {
	XMLName   xml.Name     `xml:"testsuites"`
	Name      string       `xml:"name,attr,omitempty"`
	Tests     int          `xml:"tests,attr"`
	Failures  int          `xml:"failures,attr"`
	Errors    int          `xml:"errors,attr"`
	Skipped   int          `xml:"skipped,attr"`
	Timestamp string       `xml:"timestamp,attr,omitempty"`
	Suites    []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the findings as JUnit XML for CI systems: one test suite per
// rule (with its clause and version as properties), one test case per item
// the rule applies to, failed for open findings, skipped with the waiver's
// rationale for waived ones, passed otherwise. The passing items of a
// declarative rule (trace.LinkRule) are found from the graph; those of other
// rules, which trace.Coverage only counts, are one passing test case named
// by their count.
func (f Findings) JUnit(w io.Writer) error {
	if err := f.check(); err != nil {
		return err
	}
	byRule := make(map[string][]trace.Finding)
	for _, fd := range f.Result.Findings {
		byRule[fd.Rule] = append(byRule[fd.Rule], fd)
	}
	covered := make(map[string]trace.Coverage, len(f.Result.Coverage))
	for _, c := range f.Result.Coverage {
		covered[c.Rule] = c
	}
	doc := junitSuites{Name: f.Meta.title()}
	if !f.Meta.Generated.IsZero() {
		// The JUnit schema's timestamp carries no zone; it is UTC here.
		doc.Timestamp = f.Meta.Generated.UTC().Format("2006-01-02T15:04:05")
	}
	for _, r := range catalog(f.Rules, f.Result) {
		s := junitSuiteOf(r, byRule[r.ID], covered[r.ID], f.passing(r.ID, covered[r.ID]))
		s.Timestamp = doc.Timestamp
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitSuiteOf builds one rule's suite from its findings (in item order),
// coverage and, when known, the items that pass.
func junitSuiteOf(r ruleInfo, findings []trace.Finding, cov trace.Coverage, passing []trace.ID) junitSuite {
	s := junitSuite{Name: r.ID}
	if r.Clause != "" {
		s.Properties = append(s.Properties, junitProperty{Name: "clause", Value: r.Clause})
	}
	if r.Version > 0 {
		s.Properties = append(s.Properties, junitProperty{Name: "version", Value: itoa(r.Version)})
	}
	if r.Summary != "" {
		s.Properties = append(s.Properties, junitProperty{Name: "summary", Value: r.Summary})
	}
	for i := 0; i < len(findings); {
		j := i + 1
		for j < len(findings) && findings[j].Item == findings[i].Item {
			j++
		}
		c := junitCaseOf(r.ID, findings[i:j])
		if c.Failure != nil {
			s.Failures++
		} else {
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
		i = j
	}
	switch {
	case passing != nil:
		for _, id := range passing {
			s.Cases = append(s.Cases, junitCase{Name: string(id), Classname: r.ID})
		}
		slices.SortStableFunc(s.Cases, func(a, b junitCase) int { return cmp.Compare(a.Name, b.Name) })
	case cov.Covered > 0:
		name := itoa(cov.Covered) + " of " + itoa(cov.Total) + " items meet the rule"
		s.Cases = append(s.Cases, junitCase{Name: name, Classname: r.ID})
	}
	s.Tests = len(s.Cases)
	return s
}

// passing returns the items that meet a rule: those trace.Check recorded
// (CheckOptions.RecordCovered), else for a declarative rule (trace.LinkRule)
// found from the graph as the rule's subjects without a finding. It returns
// nil when the rule is of another type, the graph is not given, or the
// subjects found do not match the rule's coverage.
func (f Findings) passing(rule string, cov trace.Coverage) []trace.ID {
	if cov.CoveredItems != nil {
		return cov.CoveredItems // recorded by trace.Check (RecordCovered)
	}
	if f.Graph == nil || cov.Covered == 0 {
		return nil
	}
	var lr *trace.LinkRule
	for _, r := range f.Rules {
		switch r := r.(type) {
		case trace.LinkRule:
			if r.ID == rule {
				lr = &r
			}
		case *trace.LinkRule:
			if r != nil && r.ID == rule {
				lr = r
			}
		}
	}
	if lr == nil {
		return nil
	}
	failed := make(map[trace.ID]bool, len(cov.Uncovered))
	for _, id := range cov.Uncovered {
		failed[id] = true
	}
	var pass []trace.ID
	subjects := 0
	for it := range f.Graph.OfKind(lr.Kind) {
		if lr.Where != nil && !lr.Where(it) {
			continue
		}
		subjects++
		if !failed[it.ID] {
			pass = append(pass, it.ID)
		}
	}
	if subjects != cov.Total || len(pass) != cov.Covered {
		return nil
	}
	return pass
}

// junitCaseOf builds the test case of one item from its findings: a failure
// when any is open, otherwise skipped with the waivers' rationales.
func junitCaseOf(rule string, fs []trace.Finding) junitCase {
	c := junitCase{Name: string(fs[0].Item), Classname: rule}
	var open, waived []string
	var worst trace.Severity
	for _, fd := range fs {
		if fd.Waived() {
			waived = append(waived, fd.Waiver.Rationale)
			continue
		}
		text := fd.Message
		if fd.Clause != "" {
			text += " (" + fd.Clause + ")"
		}
		for _, h := range fd.Path {
			text += "\n  via " + h.String()
		}
		open = append(open, text)
		if fd.Severity.Rank() > worst.Rank() {
			worst = fd.Severity
		}
	}
	if len(open) > 0 {
		c.Failure = &junitFailure{Message: fs[0].Message, Type: string(worst), Text: strings.Join(open, "\n")}
		for _, fd := range fs {
			if !fd.Waived() {
				c.Failure.Message = fd.Message
				break
			}
		}
		return c
	}
	c.Skipped = &junitSkipped{Message: "waived: " + strings.Join(waived, "; ")}
	return c
}
