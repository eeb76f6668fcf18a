package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testConfig(out string) config {
	return config{Project: os.DirFS("project"), Out: out, Release: "REL-1.1.0",
		Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
}

// TestDeviceEndToEnd runs the whole job twice and checks the verdicts a
// reader of the example relies on, and that the evidence reproduces byte
// for byte.
func TestDeviceEndToEnd(t *testing.T) {
	var runs [2]map[string][]byte
	var log bytes.Buffer
	for i := range runs {
		dir := t.TempDir()
		log.Reset()
		sum, err := run(context.Background(), testConfig(dir), &log)
		require.NoError(t, err)
		assert.False(t, sum.Ready, "the example release has a deliberate blocker")
		assert.Equal(t, 4, sum.Blockers, "the unassessed CVE, the unannotated SOUP component and the two review links CR-001 made suspect")
		runs[i] = map[string][]byte{}
		for _, name := range sum.Files {
			data, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			runs[i][name] = data
		}
	}
	assert.Equal(t, runs[0], runs[1], "same inputs, byte-identical reports")
	out := log.String()
	for _, want := range []string{
		"software safety class: C (computed); FDA documentation level: enhanced",
		"LC-011 pkg:golang/gopkg.in/yaml.v2@v2.4.0",
		"SEC-072 CVE-2020-28483",
		"release REL-1.1.0 (1.1.0) is NOT ready: 4 blocker(s)",
		"[suspect-link] DR-001 link DR-001 -reviews-> SI-OCC is suspect",
		"activities for class C: 94 required, 0 without evidence",
	} {
		assert.Contains(t, out, want)
	}
	files := runs[0]
	for _, name := range []string{"findings.json", "classification.txt", "readiness.json", "release-diff.json",
		"vulnerabilities.json", "submission.cdx.json", "baseline-REL-1.1.0.json", "activity-gaps.json",
		"report.html", "report.md", "findings.sarif", "findings.junit.xml", "findings.md", "trace-matrix-needs.csv",
		"trace-matrix-hazards.csv", "risk-heatmap.svg", "soup-list.csv", "sbom-fda-profile.txt"} {
		assert.Contains(t, files, name)
	}
	assert.Contains(t, string(files["classification.txt"]), `software-item SI-DOSE "Dose controller": class C`)
	assert.Contains(t, string(files["submission.cdx.json"]), `"medtrace:soup:id"`)
	assert.Contains(t, string(files["sbom-fda-profile.txt"]), "FDA premarket SBOM (V.A.4): FAIL")
	assert.Contains(t, out, "submission SBOM, FDA profile: has findings")
	assert.True(t, strings.Contains(string(files["vulnerabilities.json"]), "not_affected"), "VEX statements are applied")
}

// TestDeviceBadProjectWritesNothing checks that a broken project fails with
// the place of the problem and leaves the output directory untouched.
func TestDeviceBadProjectWritesNothing(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(filepath.Join(dir, "out"))
	cfg.Project = os.DirFS(t.TempDir())
	_, err := run(context.Background(), cfg, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "medtrace.yaml")
	_, statErr := os.Stat(filepath.Join(dir, "out"))
	assert.True(t, os.IsNotExist(statErr), "nothing is written on error")
}

// TestDeviceMinimalProject runs the job on a project with nothing but a
// system and a release: sections it lacks are left out, and readiness
// says what is missing instead of failing.
func TestDeviceMinimalProject(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.Release = "REL-1"
	cfg.Project = fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: Minimal\nrecords: [a.yaml]\n")},
		"a.yaml": {Data: []byte("system: {id: SYS, name: Minimal, edition: IEC 62304:2006+A1:2015}\n" +
			"releases:\n  - {id: REL-1, version: 1.0.0, status: candidate, items: [SYS]}\n")},
	}
	var log bytes.Buffer
	sum, err := run(context.Background(), cfg, &log)
	require.NoError(t, err)
	assert.False(t, sum.Ready)
	assert.Contains(t, log.String(), "the project has no risk management file")
	assert.NotContains(t, sum.Files, "risk-heatmap.svg")
	assert.Contains(t, sum.Files, "report.html")
}

// BenchmarkDevice is the DESIGN.md target: the example device end to end,
// all reports, in at most one second.
func BenchmarkDevice(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(context.Background(), testConfig(dir), &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
