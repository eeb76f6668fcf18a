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

func TestLifecycleGolden(t *testing.T) {
	l := pumpLifecycle(t)
	golden(t, "lifecycle.md", render(t, func(b *bytes.Buffer) error { return l.Markdown(b) }))
	golden(t, "soup.csv", render(t, func(b *bytes.Buffer) error { return l.SOUP.CSV(b) }))
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
