package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/trace"
)

func pumpPage(t *testing.T) Page {
	t.Helper()
	f := pumpFindings(t)
	r := pumpRisk(t)
	needs, err := NewTraceMatrix(f.Graph, NeedsChain())
	require.NoError(t, err)
	hazards, err := NewTraceMatrix(f.Graph, HazardChain())
	require.NoError(t, err)
	l := handLifecycle()
	th, err := NewThread(f.Graph)
	require.NoError(t, err)
	return Page{Meta: pumpMeta(), Thread: th, Findings: &f, Risk: &r, Matrices: []*TraceMatrix{needs, hazards}, Lifecycle: &l}
}

func TestPageGolden(t *testing.T) {
	p := pumpPage(t)
	golden(t, "report.html", render(t, func(b *bytes.Buffer) error { return p.HTML(b) }))
	golden(t, "report.md", render(t, func(b *bytes.Buffer) error { return p.Markdown(b) }))
}

func TestPageMarkdown(t *testing.T) {
	out := string(render(t, func(b *bytes.Buffer) error { return pumpPage(t).Markdown(b) }))
	assert.NotContains(t, out, "<script")
	assert.True(t, strings.HasPrefix(out, "# Traceability report: Pump 2.1.0\n"))
	assert.Zero(t, strings.Count(out, "\n# "), "one title")
	for _, want := range []string{"## Summary", "## Thread overview", "## Findings summary", "## Findings by rule", "## Coverage",
		"## Risk management", "## Requirements traceability", "## Risk control traceability",
		"## Software safety classification", "## Activity gaps", "## Release readiness", "## SOUP list",
		"| ✗ | Blocking findings | 1 |"} {
		assert.Contains(t, out, want)
	}
	var b bytes.Buffer
	require.NoError(t, Page{}.Markdown(&b))
	assert.Contains(t, b.String(), "No sections.")
}

func TestHTMLSelfContained(t *testing.T) {
	out := string(render(t, func(b *bytes.Buffer) error { return pumpPage(t).HTML(b) }))
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"))
	// No scripts, no resources fetched: no script, link, image or frame
	// elements, no src attributes, no style imports or URLs, no links out.
	for _, banned := range []string{"<script", "<link", "<img", "<iframe", "<object", ` src="`, "@import", "url(", `href="http`} {
		assert.NotContains(t, out, banned)
	}
	for _, want := range []string{`id="summary"`, `id="thread"`, `id="findings"`, `id="coverage"`, `id="risk"`, `id="matrix-1"`, `id="matrix-2"`,
		`id="classification"`, `id="gaps"`, `id="readiness"`, `id="soup"`, "<svg", "@media print"} {
		assert.Contains(t, out, want)
	}
}

func TestHTMLEscapesUntrustedText(t *testing.T) {
	p := pumpPage(t)
	p.Meta.Product = xss
	out := string(render(t, func(b *bytes.Buffer) error { return p.HTML(b) }))
	assert.NotContains(t, out, "<script>")
	assert.NotContains(t, out, "alert(1)</")
	assert.NotContains(t, out, "<img")
	// The hostile component title (in the item cell and in the finding's
	// message), the waiver rationale, the situation title, the product
	// name (title, heading, meta line) and the SBOM component name in the
	// SOUP list all appear, escaped.
	assert.Equal(t, 8, strings.Count(out, "&lt;script&gt;alert(1)&lt;/script&gt;"))
	assert.Contains(t, out, `<span class="title">&lt;script&gt;alert(1)&lt;/script&gt;</span>`)
	assert.Contains(t, out, `<td>&lt;script&gt;alert(1)&lt;/script&gt;<br><code>pkg:golang/example.com/evil@v1.0.0</code></td>`)
	assert.Contains(t, out, `Widget library &lt;img src=x onerror=alert(2)&gt;`)
	assert.Contains(t, out, "<li>declared enhanced: agreed with the reviewer &lt;u&gt;</li>")
}

func TestHTMLSections(t *testing.T) {
	for name, p := range map[string]Page{
		"empty":         {},
		"findings only": {Findings: &Findings{Result: pumpFindings(t).Result}},
	} {
		t.Run(name, func(t *testing.T) {
			out := string(render(t, func(b *bytes.Buffer) error { return p.HTML(b) }))
			assert.Contains(t, out, `id="summary"`)
			assert.NotContains(t, out, `id="risk"`)
			assert.Equal(t, p.Findings != nil, strings.Contains(out, `id="findings"`))
		})
	}
	var b bytes.Buffer
	assert.ErrorIs(t, Page{Findings: &Findings{}}.HTML(&b), ErrMissingInput)
	assert.ErrorIs(t, Page{Risk: &Risk{}}.HTML(&b), ErrMissingInput)
}

// The other side of every branch in the templates: no findings, no rules,
// no gaps, a ready release, no security risks, an unclassified system.
func TestHTMLQuietBranches(t *testing.T) {
	cls := &lifecycle.Classification{Edition: lifecycle.Edition2015, Unclassified: true,
		System:        lifecycle.ItemClass{Item: "SYS-1", Kind: "software-system", Class: lifecycle.ClassC, Computed: lifecycle.ClassC, Basis: lifecycle.BasisDefault},
		Documentation: lifecycle.DocumentationDecision{Level: lifecycle.Basic}}
	p := Page{
		Findings: &Findings{Result: &trace.Result{}},
		Security: &Security{},
		Thread:   &Thread{},
		Lifecycle: &Lifecycle{
			Classification: cls,
			Gaps:           &lifecycle.GapReport{Edition: lifecycle.Edition2015, Class: lifecycle.ClassA},
			Readiness:      &lifecycle.Readiness{Release: "REL-1", Version: "1.0.0", Class: lifecycle.ClassA},
			SOUP:           &SOUPList{},
		},
	}
	out := string(render(t, func(b *bytes.Buffer) error { return p.HTML(b) }))
	for _, want := range []string{"<p>No findings.</p>", "<p>No rules ran.</p>", "<p>No gaps.</p>", "<strong>ready</strong>",
		"<p>No security risks.</p>", "Uncontrolled after controls: none.", "0 component(s), 0 with a SOUP record."} {
		assert.Contains(t, out, want)
	}
	md := string(render(t, func(b *bytes.Buffer) error { return p.Markdown(b) }))
	for _, want := range []string{"No findings.", "No rules ran.", "No gaps.", "**ready**", "No security risks.",
		"every class is C"} {
		assert.Contains(t, md, want)
	}
}
