package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

var update = flag.Bool("update", false, "rewrite golden files")

// xss is untrusted text that must never reach a page as markup.
const xss = `<script>alert(1)</script>`

// pumpGraph is a small infusion-pump thread: one need, two requirements,
// a hazard chain with one control, tests and a result, and a SOUP
// component whose name is hostile.
func pumpGraph(t testing.TB) *trace.Graph {
	t.Helper()
	b := trace.NewBuilder()
	b.Allow(trace.Derives, "user-need", "requirement")
	b.Allow(trace.LeadsTo, "hazard", "hazardous-situation")
	b.Allow(trace.LeadsTo, "hazardous-situation", "harm")
	b.Allow(trace.Mitigates, "risk-control", "hazardous-situation")
	b.Allow(trace.ImplementedBy, "risk-control", "requirement")
	b.Allow(trace.Verifies, "test", "requirement", "risk-control")
	b.Allow(trace.Evidences, "test-result", "test")
	b.Allow(trace.Uses, "software-item", "component")
	items := []trace.Item{
		{ID: "UN-1", Kind: "user-need", Title: "Deliver the prescribed dose"},
		{ID: "UN-2", Kind: "user-need", Title: "Warn the nurse"},
		{ID: "SRS-1", Kind: "requirement", Title: "Stop infusion on occlusion"},
		{ID: "SRS-2", Kind: "requirement", Title: "Alarm on occlusion | loudly"},
		{ID: "SRS-3", Kind: "requirement", Title: "Log every alarm"},
		{ID: "HAZ-1", Kind: "hazard", Title: "Over-infusion"},
		{ID: "HS-1", Kind: "hazardous-situation", Title: "Occlusion not detected"},
		{ID: "HS-2", Kind: "hazardous-situation", Title: "Free flow"},
		{ID: "HARM-1", Kind: "harm", Title: "Overdose"},
		{ID: "RC-1", Kind: "risk-control", Title: "Occlusion detection"},
		{ID: "TC-1", Kind: "test", Title: "Occlusion stop test"},
		{ID: "TC-2", Kind: "test", Title: "Alarm test"},
		{ID: "TR-1", Kind: "test-result", Title: "Run 1"},
		{ID: "SI-1", Kind: "software-item", Title: "Pump controller"},
		{ID: "pkg:npm/evil@1.0.0", Kind: "component", Title: xss},
	}
	for i, it := range items {
		if it.Kind != "component" {
			it.Pos = trace.Position{File: "records/thread file.yaml", Line: 3 * (i + 1), Column: 3}
		}
		b.AddItem(it)
	}
	for _, l := range []trace.Link{
		{From: "UN-1", Type: trace.Derives, To: "SRS-1"},
		{From: "UN-1", Type: trace.Derives, To: "SRS-2"},
		{From: "UN-2", Type: trace.Derives, To: "SRS-2"},
		{From: "HAZ-1", Type: trace.LeadsTo, To: "HS-1"},
		{From: "HAZ-1", Type: trace.LeadsTo, To: "HS-2"},
		{From: "HS-1", Type: trace.LeadsTo, To: "HARM-1"},
		{From: "RC-1", Type: trace.Mitigates, To: "HS-1"},
		{From: "RC-1", Type: trace.ImplementedBy, To: "SRS-1"},
		{From: "TC-1", Type: trace.Verifies, To: "SRS-1"},
		{From: "TC-1", Type: trace.Verifies, To: "RC-1"},
		{From: "TC-2", Type: trace.Verifies, To: "SRS-2"},
		{From: "TR-1", Type: trace.Evidences, To: "TC-1"},
		{From: "SI-1", Type: trace.Uses, To: "pkg:npm/evil@1.0.0"},
	} {
		b.AddLink(l)
	}
	g, err := b.Build()
	require.NoError(t, err)
	return g
}

// pumpRules are three small thread rules over the pump graph.
func pumpRules() []trace.Rule {
	return []trace.Rule{
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "REQ-VERIFIED", Version: 2, Severity: trace.Error,
				Clause: "IEC 62304:2006+A1:2015 5.7.4", Summary: "Every requirement is verified by a test.",
				Message: "requirement {id} is verified by {count} tests; needs {min}"},
			Kind: "requirement", Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{"test"},
		},
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "HS-CONTROLLED", Version: 1, Severity: trace.Error,
				Clause: "ISO 14971:2019 7.1", Summary: "Every hazardous situation is mitigated by a risk control.",
				Message: "hazardous situation {id} has no risk control"},
			Kind: "hazardous-situation", Link: trace.Mitigates, Dir: trace.In, To: []trace.Kind{"risk-control"},
		},
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "TEST-RUN", Version: 1, Severity: trace.Warning,
				Clause: "IEC 62304:2006+A1:2015 5.7.5", Summary: "Every test has a recorded result.",
				Message: "test {id} has no result <none>"},
			Kind: "test", Link: trace.Evidences, Dir: trace.In, To: []trace.Kind{"test-result"},
		},
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "SOUP-ANOMALIES", Version: 1, Severity: trace.Info,
				Clause: "IEC 62304:2006+A1:2015 7.1.3", Summary: "Every SOUP component has its published anomaly list evaluated.",
				Message: "component {id} ({title}) has no evaluated anomaly list"},
			Kind: "component", Link: trace.Reviews, Dir: trace.In, To: []trace.Kind{"document"},
		},
	}
}

// pumpFindings checks the pump graph with one waiver and one stale waiver.
func pumpFindings(t testing.TB) Findings {
	t.Helper()
	g := pumpGraph(t)
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	res, err := trace.Check(context.Background(), g, pumpRules(), trace.CheckOptions{
		Waivers: []trace.Waiver{
			{Rule: "REQ-VERIFIED", Item: "SRS-3", Rationale: "verified by inspection " + xss, Author: "QA", Date: day},
			{Rule: "TEST-RUN", Item: "TC-9", Rationale: "retired test", Author: "QA", Date: day},
		},
	})
	require.NoError(t, err)
	return Findings{Meta: pumpMeta(), Result: res, Graph: g, Rules: pumpRules()}
}

func pumpMeta() Meta {
	return Meta{Product: "Pump", Version: "2.1.0", Tool: "0.1.0",
		Generated: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)}
}

// render runs write twice and checks the outputs are byte-identical.
func render(t *testing.T, write func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var a, b bytes.Buffer
	require.NoError(t, write(&a))
	require.NoError(t, write(&b))
	require.Equal(t, a.String(), b.String(), "output differs between two renderings of equal input")
	return a.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing; run go test ./report -update")
	assert.Equal(t, string(want), string(got))
}
