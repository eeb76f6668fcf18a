package report

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// projectDir is a small project directory (testdata/project): a system of
// two items, a need, a requirement verified by a passing test, a hazard
// controlled in software, a release candidate, an SBOM with a hostile
// component name and supplier, a SOUP record with a hostile title, and one
// advisory (made up for the test) that the component matches.
func projectDir() fs.FS {
	return os.DirFS(filepath.Join("testdata", "project"))
}

// pumpLifecycle loads the project and computes every lifecycle view.
func pumpLifecycle(t testing.TB) Lifecycle {
	t.Helper()
	ctx := context.Background()
	ws, err := lifecycle.Load(ctx, projectDir(), lifecycle.LoadOptions{})
	require.NoError(t, err)
	_, err = ws.Match(ctx)
	require.NoError(t, err)
	p := ws.Project
	g, err := p.Graph()
	require.NoError(t, err)
	cls := p.Classify(g, lifecycle.ClassifyOptions{})
	gaps, err := p.Gaps(g, cls.System.Class)
	require.NoError(t, err)
	ready, err := p.Readiness(ctx, "REL-2.1.0", lifecycle.ReadinessOptions{Graph: g})
	require.NoError(t, err)
	soup, err := NewSOUPList(p.SBOMs, p.SOUP, p.Vulnerabilities)
	require.NoError(t, err)
	return Lifecycle{Classification: cls, Gaps: gaps, Readiness: ready, SOUP: soup}
}

// handLifecycle is a lifecycle view written out by hand, so that the golden
// files test this package's rendering and not the lifecycle package's
// wording, which evolves on its own.
func handLifecycle() Lifecycle {
	sys := lifecycle.ItemClass{Item: "SYS-PUMP", Kind: "software-system", Title: "Syringe pump controller",
		Class: lifecycle.ClassC, Computed: lifecycle.ClassC, Basis: lifecycle.BasisComputed}
	hop := []trace.Hop{{From: "SI-CTRL", Type: trace.Causes, To: "HS-1"}}
	cls := &lifecycle.Classification{
		Edition: lifecycle.Edition2015, System: sys,
		Items: []lifecycle.ItemClass{
			{Item: "SI-CTRL", Kind: "software-item", Title: "Motor control", Parent: "SYS-PUMP", Class: lifecycle.ClassC,
				Computed: lifecycle.ClassC, Basis: lifecycle.BasisInherited,
				Contributions: []lifecycle.Contribution{{Situation: "HS-1", Via: "cause", Path: hop, Class: lifecycle.ClassC}}},
			{Item: "SI-UI", Kind: "software-item", Title: "User interface <b>", Parent: "SYS-PUMP", Class: lifecycle.ClassB,
				Computed: lifecycle.ClassA, Declared: lifecycle.ClassB, Basis: lifecycle.BasisDeclared},
		},
		Situations: []lifecycle.SituationClass{{Situation: "HS-1", Hazard: "HAZ-1", Class: lifecycle.ClassC, WorstHarm: "HARM-1",
			Severity: "Critical", Software: []trace.ID{"RC-1"}, Reason: "no external control; worst harm Critical"}},
		Documentation: lifecycle.DocumentationDecision{Level: lifecycle.Enhanced, Situations: []trace.ID{"HS-1"},
			Declared: lifecycle.Enhanced, Rationale: "agreed with the reviewer <u>",
			Reasons: []string{"HS-1 can lead to a serious injury before control"}},
	}
	act := func(clause, title string, ok bool) lifecycle.ActivityEvidence {
		return lifecycle.ActivityEvidence{Activity: lifecycle.Activity{Clause: clause, Title: title, Outputs: title + " record",
			Classes: []lifecycle.Class{lifecycle.ClassA, lifecycle.ClassB, lifecycle.ClassC}}, Satisfied: ok}
	}
	gaps := &lifecycle.GapReport{Edition: lifecycle.Edition2015, Class: lifecycle.ClassC, Activities: []lifecycle.ActivityEvidence{
		act("5.1.1", "Software development plan", false), act("5.2.1", "Software requirements", true), act("5.8.5", "Build record", false),
	}}
	ready := &lifecycle.Readiness{Release: "REL-2.1.0", Version: "2.1.0", Class: lifecycle.ClassC, Requirements: 2, Verified: 1,
		Blockers: []lifecycle.Blocker{
			{Check: lifecycle.CheckActivity, Reason: "no evidence of 5.1.1", Clause: "IEC 62304:2006+A1:2015 5.1.1"},
			{Check: lifecycle.CheckActivity, Reason: "no evidence of 5.8.5", Clause: "IEC 62304:2006+A1:2015 5.8.5"},
			{Check: lifecycle.CheckVerification, Item: "SRS-2", Reason: "no passing result on 2.1.0 | <i>", Clause: "IEC 62304:2006+A1:2015 5.7.4",
				Path: []trace.Hop{{From: "TC-2", Type: trace.Verifies, To: "SRS-2"}}},
		}}
	soup := &SOUPList{
		Entries: []SOUPEntry{
			{Component: "fw-rtos", Name: "rtos-kernel", Version: "10.4.3", Supplier: "RTOS vendor", Assessment: sbom.NotAssessed},
			{Component: "pkg:golang/example.com/evil@v1.0.0", Name: xss, Version: "v1.0.0", PURL: "pkg:golang/example.com/evil@v1.0.0",
				Supplier: "=cmd|' /C calc'!A0", Record: "SOUP-001", Title: "Widget library <img src=x onerror=alert(2)>", Manufacturer: "Example maker",
				Support: sbom.Support{Level: sbom.SupportActive, EndOfSupport: "2027-12-31"}, AnomalyEvaluation: "none bears on the widgets",
				ReviewedAt: "2026-11-15", UsedBy: []string{"SI-UI"}, Assessment: sbom.AssessedAffected,
				Vulnerabilities: []SOUPVulnerability{{ID: "MT-2026-0001", Summary: "overflow", Status: sbom.VEXUnstated}}},
		},
		Unmatched: []string{"SOUP-009"},
	}
	return Lifecycle{Classification: cls, Gaps: gaps, Readiness: ready, SOUP: soup}
}

func TestLifecycleGolden(t *testing.T) {
	l := handLifecycle()
	golden(t, "lifecycle.md", render(t, func(b *bytes.Buffer) error { return l.Markdown(b) }))
	golden(t, "soup.csv", render(t, func(b *bytes.Buffer) error { return l.SOUP.CSV(b) }))
}

func TestLifecycleHandMarkdown(t *testing.T) {
	out := string(render(t, func(b *bytes.Buffer) error { return handLifecycle().Markdown(b) }))
	assert.Contains(t, out, "| `SI-UI` User interface &lt;b&gt; |")
	assert.Equal(t, 1, strings.Count(out, "<b>"), "only inside the fenced explanation, which Markdown shows verbatim")
	assert.NotContains(t, out, "<i>")
	assert.NotContains(t, out, "<img")
	assert.Contains(t, out, "2 blocker(s) are required activities without evidence")
	assert.Contains(t, out, "1 of 3 required activities have evidence")
	assert.Contains(t, out, "| 5.8.5 | Build record | Build record record |")
	assert.NotContains(t, out, "| 5.2.1 |", "satisfied activities are not gaps")
	assert.Contains(t, out, "SOUP records matching no component: `SOUP-009`.")
	assert.Contains(t, out, `no passing result on 2.1.0 \| &lt;i&gt; (via TC-2 -verifies-&gt; SRS-2)`)
}

func TestSOUPList(t *testing.T) {
	l := pumpLifecycle(t).SOUP
	require.Len(t, l.Entries, 2)
	assert.Equal(t, "fw-rtos", string(l.Entries[0].Component), "entries in component ID order")
	evil := l.Entries[1]
	assert.Equal(t, "<script>alert(1)</script>", evil.Name)
	assert.Equal(t, "SOUP-001", evil.Record)
	assert.Equal(t, "2027-12-31", evil.Support.EndOfSupport)
	require.Len(t, evil.Vulnerabilities, 1)
	assert.Equal(t, "MT-2026-0001", evil.Vulnerabilities[0].ID)
	assert.Empty(t, l.Entries[0].Record, "the kernel has no SOUP record")
	assert.Empty(t, l.Unmatched)
}

func TestSOUPListEscapes(t *testing.T) {
	l := pumpLifecycle(t)
	md := string(render(t, func(b *bytes.Buffer) error { return l.Markdown(b) }))
	assert.NotContains(t, md, "<script>")
	assert.NotContains(t, md, "<img")
	assert.NotContains(t, md, "<b>")
	assert.Contains(t, md, "&lt;script&gt;alert(1)&lt;/script&gt;")
	csvOut := string(render(t, func(b *bytes.Buffer) error { return l.SOUP.CSV(b) }))
	assert.Contains(t, csvOut, `'=cmd|`, "a formula-like supplier is defused")
}

func TestLifecycleMarkdownSections(t *testing.T) {
	l := pumpLifecycle(t)
	md := string(render(t, func(b *bytes.Buffer) error { return l.Markdown(b) }))
	for _, want := range []string{"## Software safety classification", "## Activity gaps", "## Release readiness", "## SOUP list", "### FDA documentation level"} {
		assert.Contains(t, md, want)
	}
	assert.Equal(t, strings.Count(md, "####"), 1+len(l.Classification.Items), "an explanation per class")
	var b bytes.Buffer
	require.NoError(t, Lifecycle{}.Markdown(&b))
	assert.Zero(t, b.Len(), "no parts, no sections")
}

func TestMDFence(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "```text\nplain\n```"},
		{"a ``` b", "````text\na ``` b\n````"},
	} {
		t.Run(tc.in, func(t *testing.T) { assert.Equal(t, tc.want, mdFence(tc.in)) })
	}
}
