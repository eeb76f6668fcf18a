package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestFindingsGolden(t *testing.T) {
	f := pumpFindings(t)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"findings.json", func(b *bytes.Buffer) error { return f.JSON(b) }},
		{"findings.sarif", func(b *bytes.Buffer) error { return f.SARIF(b) }},
		{"findings.junit.xml", func(b *bytes.Buffer) error { return f.JUnit(b) }},
		{"findings.md", func(b *bytes.Buffer) error { return f.Markdown(b) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render(t, tc.write))
		})
	}
}

func TestFindingsNeedResult(t *testing.T) {
	var f Findings
	for name, write := range map[string]func(*bytes.Buffer) error{
		"json":  func(b *bytes.Buffer) error { return f.JSON(b) },
		"sarif": func(b *bytes.Buffer) error { return f.SARIF(b) },
		"junit": func(b *bytes.Buffer) error { return f.JUnit(b) },
		"md":    func(b *bytes.Buffer) error { return f.Markdown(b) },
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			err := write(&b)
			assert.True(t, errors.Is(err, ErrMissingInput), "got %v", err)
			assert.Zero(t, b.Len())
		})
	}
}

func TestFindingsJSON(t *testing.T) {
	f := pumpFindings(t)
	var doc struct {
		Schema   string `json:"schema"`
		Summary  []severityCount
		Findings []struct {
			Rule     string
			Item     string
			Kind     string
			Position *trace.Position
			Waiver   *struct{ Rationale, Date string }
		}
	}
	require.NoError(t, json.Unmarshal(render(t, func(b *bytes.Buffer) error { return f.JSON(b) }), &doc))
	assert.Equal(t, FindingsSchema, doc.Schema)
	require.Len(t, doc.Findings, len(f.Result.Findings))
	assert.Equal(t, []severityCount{
		{Severity: trace.Error, Open: 1, Waived: 1},
		{Severity: trace.Warning, Open: 1},
		{Severity: trace.Info, Open: 1},
	}, doc.Summary)
	for _, fd := range doc.Findings {
		if fd.Item == "SRS-3" {
			require.NotNil(t, fd.Waiver)
			assert.Equal(t, "2026-11-02", fd.Waiver.Date)
			require.NotNil(t, fd.Position)
			assert.Equal(t, "requirement", fd.Kind)
		}
	}
}

func TestSARIFShape(t *testing.T) {
	f := pumpFindings(t)
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
						HelpURI          string `json:"helpUri"`
						Properties       struct {
							Clause  string
							Version int
						}
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
					LogicalLocations []struct{ Name, Kind string }
				}
				Suppressions []struct{ Kind, Status, Justification string }
			}
		}
	}
	out := render(t, func(b *bytes.Buffer) error { return f.SARIF(b) })
	require.NoError(t, json.Unmarshal(out, &log))
	assert.Equal(t, "2.1.0", log.Version)
	assert.Contains(t, log.Schema, "sarif-schema-2.1.0.json")
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, ToolName, run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, 4)
	for _, r := range run.Tool.Driver.Rules {
		assert.NotEmpty(t, r.ShortDescription.Text, r.ID)
		assert.NotEmpty(t, r.Properties.Clause, r.ID)
		assert.Positive(t, r.Properties.Version, r.ID)
		assert.Empty(t, r.HelpURI, r.ID)
	}
	require.Len(t, run.Results, len(f.Result.Findings))
	levels := map[string]string{}
	for _, r := range run.Results {
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		levels[r.Locations[0].LogicalLocations[0].Name] = r.Level
		require.Len(t, r.Locations, 1)
		p := r.Locations[0].PhysicalLocation
		if r.RuleID == "SOUP-ANOMALIES" {
			assert.Nil(t, p, "an item without a source position has no physical location")
			assert.Equal(t, "component", r.Locations[0].LogicalLocations[0].Kind)
			continue
		}
		require.NotNil(t, p, r.RuleID)
		assert.Equal(t, "records/thread%20file.yaml", p.ArtifactLocation.URI)
		assert.Positive(t, p.Region.StartLine)
		assert.Equal(t, 3, p.Region.StartColumn)
		if r.Locations[0].LogicalLocations[0].Name == "SRS-3" {
			require.Len(t, r.Suppressions, 1)
			assert.Equal(t, "external", r.Suppressions[0].Kind)
			assert.Equal(t, "accepted", r.Suppressions[0].Status)
			assert.Contains(t, r.Suppressions[0].Justification, "verified by inspection")
		} else {
			assert.Empty(t, r.Suppressions)
		}
	}
	assert.Equal(t, map[string]string{"SRS-3": "error", "HS-2": "error", "TC-2": "warning", "pkg:npm/evil@1.0.0": "note"}, levels)
}

// Only properties the SARIF 2.1.0 schema defines appear on a result (the
// schema forbids others outside "properties").
func TestSARIFResultProperties(t *testing.T) {
	f := pumpFindings(t)
	out := render(t, func(b *bytes.Buffer) error { return f.SARIF(b) })
	var raw struct {
		Runs []struct{ Results []map[string]json.RawMessage }
	}
	require.NoError(t, json.Unmarshal(out, &raw))
	require.Len(t, raw.Runs, 1)
	require.NotEmpty(t, raw.Runs[0].Results)
	allowed := []string{"ruleId", "ruleIndex", "level", "message", "locations", "relatedLocations", "partialFingerprints", "suppressions", "properties"}
	for _, r := range raw.Runs[0].Results {
		for k := range r {
			assert.Contains(t, allowed, k)
		}
	}
}

func TestSARIFRelatedLocations(t *testing.T) {
	g := pumpGraph(t)
	f := Findings{Graph: g, Result: &trace.Result{Findings: []trace.Finding{{
		Rule: "PATH-1", RuleVersion: 1, Severity: trace.Warning, Item: "UN-1", Message: "m", Clause: "c",
		Path: []trace.Hop{{From: "UN-1", Type: trace.Derives, To: "SRS-1"}, {From: "TC-1", Type: trace.Verifies, To: "SRS-1"}},
	}}}}
	var log struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []struct {
					ID               int
					Message          struct{ Text string }
					PhysicalLocation *struct{ Region struct{ StartLine int } }
					LogicalLocations []struct{ Name string }
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal(render(t, func(b *bytes.Buffer) error { return f.SARIF(b) }), &log))
	rel := log.Runs[0].Results[0].RelatedLocations
	require.Len(t, rel, 2, "SRS-1 and TC-1, each once; UN-1 is the finding's own location")
	for i, want := range []struct{ id, msg string }{{"SRS-1", "UN-1 -derives-> SRS-1"}, {"TC-1", "TC-1 -verifies-> SRS-1"}} {
		assert.Equal(t, i, rel[i].ID)
		assert.Equal(t, want.id, rel[i].LogicalLocations[0].Name)
		assert.Equal(t, want.msg, rel[i].Message.Text)
		require.NotNil(t, rel[i].PhysicalLocation)
		assert.Positive(t, rel[i].PhysicalLocation.Region.StartLine)
	}
}

// Without the graph, or for rules that are not declarative, the passing
// items are one aggregate case.
func TestJUnitAggregatePassing(t *testing.T) {
	f := pumpFindings(t)
	f.Graph = nil
	var b bytes.Buffer
	require.NoError(t, f.JUnit(&b))
	assert.Contains(t, b.String(), `<testcase name="2 of 3 items meet the rule" classname="REQ-VERIFIED"></testcase>`)
	f = pumpFindings(t)
	f.Rules = nil
	b.Reset()
	require.NoError(t, f.JUnit(&b))
	assert.Contains(t, b.String(), `<testcase name="1 of 2 items meet the rule" classname="TEST-RUN"></testcase>`)
	f = pumpFindings(t)
	b.Reset()
	require.NoError(t, f.JUnit(&b))
	assert.Contains(t, b.String(), `<testcase name="SRS-1" classname="REQ-VERIFIED"></testcase>`)
	assert.NotContains(t, b.String(), "meet the rule")
}

func TestSARIFLevels(t *testing.T) {
	for _, tc := range []struct {
		in   trace.Severity
		want string
	}{{trace.Error, "error"}, {trace.Warning, "warning"}, {trace.Info, "note"}} {
		t.Run(string(tc.in), func(t *testing.T) { assert.Equal(t, tc.want, sarifLevel(tc.in)) })
	}
}

func TestFileURI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"records/a.yaml", "records/a.yaml"},
		{`records\b c.yaml`, "records/b%20c.yaml"},
		{"c:/x.yaml", "c%3A/x.yaml"},
		{"r/#?.yaml", "r/%23%3F.yaml"},
	} {
		t.Run(tc.in, func(t *testing.T) { assert.Equal(t, tc.want, fileURI(tc.in)) })
	}
}

func TestJUnit(t *testing.T) {
	f := pumpFindings(t)
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Skipped *struct {
					Message string `xml:"message,attr"`
				} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	out := render(t, func(b *bytes.Buffer) error { return f.JUnit(b) })
	require.NoError(t, xml.Unmarshal(out, &doc))
	assert.NotContains(t, string(out), "<script>")
	require.Len(t, doc.Suites, 4)
	assert.Equal(t, 3, doc.Failures)
	assert.Equal(t, 1, doc.Skipped)
	got := map[string]string{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				got[s.Name+"/"+c.Name] = "failed"
			case c.Skipped != nil:
				got[s.Name+"/"+c.Name] = c.Skipped.Message
			}
		}
	}
	assert.Equal(t, map[string]string{
		"HS-CONTROLLED/HS-2":                "failed",
		"REQ-VERIFIED/SRS-3":                "waived: verified by inspection " + xss,
		"TEST-RUN/TC-2":                     "failed",
		"SOUP-ANOMALIES/pkg:npm/evil@1.0.0": "failed",
	}, got)
	// A case per subject item: 3 requirements, 2 situations, 2 tests, 1
	// component.
	assert.Equal(t, 3+2+2+1, doc.Tests, "a case per failing item plus one passing case per rule")
}

func TestFindingsPathInEveryFormat(t *testing.T) {
	f := Findings{Graph: pumpGraph(t), Result: &trace.Result{Findings: []trace.Finding{{
		Rule: "PATH-1", RuleVersion: 1, Severity: trace.Error, Item: "UN-1", Message: "m", Clause: "c",
		Path: []trace.Hop{{From: "UN-1", Type: trace.Derives, To: "SRS-1"}},
	}}}}
	for name, tc := range map[string]struct {
		write func(*bytes.Buffer) error
		want  string
	}{
		"markdown": {func(b *bytes.Buffer) error { return f.Markdown(b) }, "m (via UN-1 -derives-&gt; SRS-1)"},
		"junit":    {func(b *bytes.Buffer) error { return f.JUnit(b) }, "via UN-1 -derives-&gt; SRS-1"},
		"json":     {func(b *bytes.Buffer) error { return f.JSON(b) }, `"path": [`},
		"sarif":    {func(b *bytes.Buffer) error { return f.SARIF(b) }, `"UN-1 -derives-\u003e SRS-1"`},
		"html":     {func(b *bytes.Buffer) error { return Page{Findings: &f}.HTML(b) }, `<span class="path">via UN-1 -derives-&gt; SRS-1</span>`},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, string(render(t, tc.write)), tc.want)
		})
	}
}

func TestFindingsMarkdown(t *testing.T) {
	f := pumpFindings(t)
	out := string(render(t, func(b *bytes.Buffer) error { return f.Markdown(b) }))
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "<none>")
	assert.Contains(t, out, "| error | 1 | 1 |")
	assert.Contains(t, out, "### REQ-VERIFIED (v2): Every requirement is verified by a test.")
	assert.Contains(t, out, "Clause: IEC 62304:2006+A1:2015 5.7.4.")
	assert.Contains(t, out, "## Unused waivers")
	assert.Equal(t, 1, strings.Count(out, "### HS-CONTROLLED"))
}

func TestMarkdownEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a|b", `a\|b`},
		{"line\nbreak", "line break"},
		{xss, "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"[x](javascript:y)", `\[x\](javascript:y)`},
		{"*bold* _it_ `c`", "\\*bold\\* \\_it\\_ \\`c\\`"},
	} {
		t.Run(tc.in, func(t *testing.T) { assert.Equal(t, tc.want, md(tc.in)) })
	}
}
