package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/lifecycle"
)

// projectFS is a small project directory: a system of two items, a need,
// a requirement verified by a passing test, a hazard controlled in software,
// a release candidate, an SBOM with a hostile component and one advisory.
func projectFS() fstest.MapFS {
	return fstest.MapFS{
		"medtrace.yaml": {Data: []byte(`schema: medtrace.project/v1
name: Syringe pump controller
records: [records]
sboms: [sbom/controller.cdx.json]
advisories: [osv]
results:
  - {path: results/junit.xml, format: junit, version: 2.1.0, date: 2026-11-30, by: ci/main}
`)},
		"records/system.yaml": {Data: []byte(`system:
  id: SYS-PUMP
  name: Syringe pump controller
  edition: IEC 62304:2006+A1:2015
items:
  - id: SI-CTRL
    title: Motor control
    parent: SYS-PUMP
  - id: SI-UI
    title: User interface
    parent: SYS-PUMP
`)},
		"records/requirements.yaml": {Data: []byte(`userNeeds:
  - id: UN-1
    title: Deliver the prescribed volume
requirements:
  - id: SRS-1
    title: Stop the motor within 1 s of an occlusion
    level: software
    category: alarm
    derivedFrom: [UN-1]
    allocatedTo: [SI-CTRL]
    riskControl: true
tests:
  - id: TC-1
    title: Occlusion stop
    type: system
    verifies: [SRS-1, RC-1]
    verifiesEffectiveness: [RC-1]
releases:
  - id: REL-2.1.0
    version: 2.1.0
    status: candidate
    items: [SYS-PUMP]
soup:
  - id: SOUP-001
    purl: pkg:golang/example.com/evil@v1.0.0
    title: "Widget library <img src=x onerror=alert(2)>"
    manufacturer: Example maker
    functionalRequirements: [draw widgets]
    anomalyEvaluation: no anomaly bears on the widgets used
    anomalyListReviewedAt: 2026-11-15
    support: {level: actively-maintained, endOfSupport: "2027-12-31"}
    usedBy: [SI-UI]
`)},
		"records/risk.yaml": {Data: []byte(`risk:
  plan:
    id: RMP-1
    approved: 2026-01-15
    policy: alarp
    notEstimable: Frequent
    severity: {levels: [{name: Negligible}, {name: Minor}, {name: Serious}, {name: Critical}, {name: Catastrophic}]}
    probability:
      unit: use
      levels:
        - {name: Improbable, upper: 1e-6}
        - {name: Remote, lower: 1e-6, upper: 1e-5}
        - {name: Occasional, lower: 1e-5, upper: 1e-4}
        - {name: Probable, lower: 1e-4, upper: 1e-3}
        - {name: Frequent, lower: 1e-3}
    matrix:
      Negligible: [acceptable, acceptable, acceptable, acceptable, acceptable]
      Minor: [acceptable, acceptable, acceptable, acceptable, alarp]
      Serious: [acceptable, acceptable, acceptable, alarp, alarp]
      Critical: [acceptable, acceptable, alarp, alarp, unacceptable]
      Catastrophic: [acceptable, alarp, alarp, unacceptable, unacceptable]
  harms:
    - id: HARM-1
      title: Overdose
      severity: Critical
  hazards:
    - id: HAZ-1
      title: Over-delivery
      causes: [SI-CTRL]
      situations:
        - id: HS-1
          title: Occlusion released as a bolus
          causes: [SI-CTRL]
          p1: 1e-3
          harms: [{harm: HARM-1, p2: 0.5}]
          residual: {p1: 1e-6}
  controls:
    - id: RC-1
      title: Occlusion detection stops the motor
      option: protective-measure
      location: software
      mitigates: [HS-1]
      implementedBy: [SRS-1]
      newRisks: none
`)},
		"results/junit.xml": {Data: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="system" timestamp="2026-11-30T12:00:00">
  <testcase classname="pump" name="TestOcclusionStop_TC_1"/>
</testsuite>
`)},
		"sbom/controller.cdx.json": {Data: []byte(`{
  "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "metadata": {"timestamp": "2026-11-30T10:00:00Z",
    "component": {"type": "firmware", "bom-ref": "pump", "name": "pump-controller", "version": "2.1.0"}},
  "components": [
    {"type": "library", "bom-ref": "evil", "name": "<script>alert(1)</script>", "version": "v1.0.0",
     "purl": "pkg:golang/example.com/evil@v1.0.0", "supplier": {"name": "=cmd|' /C calc'!A0"}},
    {"type": "library", "bom-ref": "fw-rtos", "name": "rtos-kernel", "version": "10.4.3",
     "supplier": {"name": "RTOS vendor"}}
  ],
  "dependencies": [{"ref": "pump", "dependsOn": ["evil", "fw-rtos"]}]
}`)},
		"osv/MT-2026-0001.json": {Data: []byte(`{
  "schema_version": "1.3.1", "id": "MT-2026-0001", "modified": "2026-10-01T00:00:00Z",
  "summary": "Widget overflow <b>bold</b>",
  "affected": [{"package": {"name": "example.com/evil", "ecosystem": "Go"},
    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]}]}]
}`)},
	}
}

// pumpLifecycle loads the project and computes every lifecycle view.
func pumpLifecycle(t testing.TB) Lifecycle {
	t.Helper()
	ctx := context.Background()
	ws, err := lifecycle.Load(ctx, projectFS(), lifecycle.LoadOptions{})
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
