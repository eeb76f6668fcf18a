package lifecycle

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/medtrace/medtrace/internal/textpos"
)

// ErrBadResults is wrapped by every error reading a test-result file.
var ErrBadResults = errors.New("lifecycle: bad test results")

type junitCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Failure   *junitNote `xml:"failure"`
	Error     *junitNote `xml:"error"`
	Skipped   *junitNote `xml:"skipped"`
}

type junitNote struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSuite struct {
	Name      string       `xml:"name,attr"`
	Timestamp string       `xml:"timestamp,attr"`
	Cases     []junitCase  `xml:"testcase"`
	Suites    []junitSuite `xml:"testsuite"`
}

// ImportJUnit reads a JUnit XML report (a <testsuites> or a single
// <testsuite> root, suites nested to any depth) and returns one Result per
// matched test. A <failure> or <error> fails a case, <skipped> blocks it.
// Malformed XML is an error naming the line and column.
func ImportJUnit(ctx context.Context, r io.Reader, opts ImportOptions) (*ImportReport, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, opts.maxBytes()+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadResults, opts.Name, err)
	}
	if int64(len(data)) > opts.maxBytes() {
		return nil, fmt.Errorf("%w: %s: larger than %d bytes", ErrBadResults, opts.Name, opts.maxBytes())
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root struct {
		XMLName xml.Name
		junitSuite
	}
	if err := dec.Decode(&root); err != nil {
		line, col := textpos.LineCol(data, dec.InputOffset())
		return nil, fmt.Errorf("%w: %w", ErrBadResults, &textpos.Error{Name: opts.Name, Line: line, Column: col, Err: err})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var suites []junitSuite
	switch root.XMLName.Local {
	case "testsuites":
		suites = root.Suites
	case "testsuite":
		suites = []junitSuite{root.junitSuite}
	default:
		return nil, fmt.Errorf("%w: %s: root element <%s>, want <testsuites> or <testsuite>", ErrBadResults, opts.Name, root.XMLName.Local)
	}
	var cases []caseOutcome
	var walk func(s []junitSuite, depth int) error
	walk = func(ss []junitSuite, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%w: %s: test suites nested deeper than 32", ErrBadResults, opts.Name)
		}
		for _, s := range ss {
			var date time.Time
			if s.Timestamp != "" {
				for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05"} {
					if t, err := time.Parse(layout, s.Timestamp); err == nil {
						date = t.UTC()
						break
					}
				}
			}
			for _, c := range s.Cases {
				cases = append(cases, junitOutcome(c, date))
			}
			if err := walk(s.Suites, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(suites, 0); err != nil {
		return nil, err
	}
	return combine(cases, opts), nil
}

func junitOutcome(c junitCase, date time.Time) caseOutcome {
	name := c.Name
	if c.Classname != "" {
		name = c.Classname + "." + c.Name
	}
	out := caseOutcome{name: name, outcome: Pass, date: date}
	note := func(n *junitNote) string {
		return strings.TrimSpace(strings.Join(strings.Fields(n.Message+" "+firstLine(n.Text)), " "))
	}
	switch {
	case c.Failure != nil:
		out.outcome, out.detail = Fail, note(c.Failure)
	case c.Error != nil:
		out.outcome, out.detail = Fail, "error: "+note(c.Error)
	case c.Skipped != nil:
		out.outcome, out.detail = Blocked, "skipped: "+note(c.Skipped)
	}
	return out
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return line
}
