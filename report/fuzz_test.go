package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// textFindings checks a one-item graph whose title, finding message and
// waiver rationale are all text.
func textFindings(t *testing.T, text string) (Findings, *TraceMatrix) {
	t.Helper()
	b := trace.NewBuilder()
	b.Allow(trace.Derives, "user-need", "requirement")
	b.AddItem(trace.Item{ID: "UN-1", Kind: "user-need", Title: text, Pos: trace.Position{File: text, Line: 1}})
	b.AddItem(trace.Item{ID: "UN-2", Kind: "user-need", Title: text})
	g, err := b.Build()
	require.NoError(t, err)
	rule := trace.FuncRule{
		RuleMeta: trace.RuleMeta{ID: "TXT-1", Version: 1, Severity: trace.Error, Clause: "IEC 62304:2006+A1:2015 5.1.1", Summary: text},
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			r.Fail("UN-1", text)
			r.Fail("UN-2", text)
		},
	}
	res, err := trace.Check(context.Background(), g, []trace.Rule{rule}, trace.CheckOptions{Waivers: []trace.Waiver{
		{Rule: "TXT-1", Item: "UN-2", Rationale: "r" + text, Author: "a" + text, Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
	}})
	require.NoError(t, err)
	m, err := NewTraceMatrix(g, NeedsChain())
	require.NoError(t, err)
	return Findings{Meta: Meta{Product: text}, Result: res, Graph: g, Rules: []trace.Rule{rule}}, m
}

// textFindingsFor is textFindings without the matrix.
func textFindingsFor(t *testing.T, text string) Findings {
	f, _ := textFindings(t, text)
	return f
}

// FuzzRenderText renders untrusted text through every format and checks that
// each output stays well-formed and that the text cannot add markup.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{"plain", xss, "a|b\nc", "`code` **b** [l](javascript:x)", "=1+2", `"quoted" & 'single'`,
		"\x00\x01bad\xff", "]]><!--", "{{.}}", "</td></tr></table>", "line\r\nbreak", "\\|"} {
		f.Add(s)
	}
	schema := compileFindingsSchema(f)
	f.Fuzz(func(t *testing.T, text string) {
		fs, m := textFindings(t, text)
		var b bytes.Buffer
		require.NoError(t, fs.JSON(&b))
		var doc any
		require.NoError(t, json.Unmarshal(b.Bytes(), &doc), "findings JSON")
		require.NoError(t, schema.Validate(doc), "findings JSON against its schema")
		b.Reset()
		require.NoError(t, fs.SARIF(&b))
		require.True(t, json.Valid(b.Bytes()), "SARIF")
		b.Reset()
		require.NoError(t, fs.JUnit(&b))
		var junit struct{ XMLName xml.Name }
		require.NoError(t, xml.Unmarshal(b.Bytes(), &junit), "JUnit XML")
		checkMarkdownTables(t, fs)
		checkHTMLMarkup(t, fs, m, text)
		checkCSV(t, m, text)
	})
}

// checkMarkdownTables checks that every table row has as many cells as its
// table's header: text cannot add a cell or end a row.
func checkMarkdownTables(t *testing.T, fs Findings) {
	var b bytes.Buffer
	require.NoError(t, fs.Markdown(&b))
	text := fs.Meta.Product
	soup := &SOUPList{Entries: []SOUPEntry{{Component: trace.ID("c" + text), Name: text, Version: text, Supplier: text,
		Record: text, Title: text, ReviewedAt: text, Vulnerabilities: []SOUPVulnerability{{ID: text, Status: text}}}}}
	require.NoError(t, soup.Markdown(&b))
	want := -1
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.HasPrefix(line, "| ") {
			want = -1
			continue
		}
		n := cellSeparators(line)
		if want < 0 {
			want = n
		}
		require.Equal(t, want, n, "row %q", line)
	}
}

// cellSeparators counts the pipes not escaped by a backslash.
func cellSeparators(line string) int {
	n, escaped := 0, false
	for _, r := range line {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '|':
			n++
		}
	}
	return n
}

// checkHTMLMarkup checks that the text adds no markup: the page has as many
// '<' as the page made from neutral text of the same emptiness.
func checkHTMLMarkup(t *testing.T, fs Findings, m *TraceMatrix, text string) {
	page := func(fs Findings, m *TraceMatrix) string {
		var b bytes.Buffer
		text := fs.Meta.Product
		soup := &SOUPList{Entries: []SOUPEntry{{Component: "c", Name: text, Version: text, Supplier: text, Record: "S-1",
			Title: text, AnomalyEvaluation: text, Vulnerabilities: []SOUPVulnerability{{ID: text, Status: text}}}}}
		require.NoError(t, Page{Meta: fs.Meta, Findings: &fs, Matrices: []*TraceMatrix{m}, Lifecycle: &Lifecycle{SOUP: soup}}.HTML(&b))
		return b.String()
	}
	got := page(fs, m)
	require.NotContains(t, strings.ToLower(got), "<script")
	neutral := "x"
	if text == "" {
		neutral = ""
	}
	nfs, nm := textFindings(t, neutral)
	require.Equal(t, strings.Count(page(nfs, nm), "<"), strings.Count(got, "<"))
}

// checkCSV checks that the matrix CSV reads back to the titles, defused.
func checkCSV(t *testing.T, m *TraceMatrix, text string) {
	var b bytes.Buffer
	require.NoError(t, m.CSV(&b))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	if strings.Contains(text, "\r") || !utf8.ValidString(text) {
		return // the CSV reader normalises line ends; invalid UTF-8 is kept as bytes
	}
	require.Equal(t, csvCell(text), recs[1][1])
}
