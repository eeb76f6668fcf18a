package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// pumpRiskFile is a small risk file: a controlled situation estimated after
// control, an uncontrolled one, a controlled one not yet re-estimated, and a
// hostile title.
func pumpRiskFile() *risk.File {
	plan := risk.DefaultPlan("RMP-001", risk.ALARP)
	plan.Title = "Pump plan"
	return &risk.File{
		Plan: plan,
		Harms: []risk.Harm{
			{ID: "HARM-1", Title: "Overdose", Severity: "Critical"},
			{ID: "HARM-2", Title: "Delay of therapy", Severity: "Minor"},
		},
		Hazards: []risk.Hazard{{ID: "HAZ-1", Title: "Over-infusion", Situations: []risk.Situation{
			{ID: "HS-1", Title: "Free flow during set change",
				Estimate: risk.Estimate{P1: "1e-3", Harms: []risk.HarmEstimate{{Harm: "HARM-1", P2: "0.5"}, {Harm: "HARM-2", P2: "1"}}},
				Residual: &risk.Estimate{P1: "1e-6"}},
			{ID: "HS-2", Title: "Occlusion " + xss,
				Estimate: risk.Estimate{P1: "1e-4", Harms: []risk.HarmEstimate{{Harm: "HARM-2", P2: "0.1"}}}},
			{ID: "HS-3", Title: "Battery depleted unnoticed",
				Estimate: risk.Estimate{P1: "1e-2", Harms: []risk.HarmEstimate{{Harm: "HARM-1", P2: "0.5"}}}},
		}}},
		Controls: []risk.Control{
			{ID: "RC-1", Title: "Clamp interlock", Option: risk.InherentSafety, Location: risk.LocationHardware,
				Mitigates: []trace.ID{"HS-1"}, NewRisks: risk.NewRisksNone},
			{ID: "RC-2", Title: "Battery alarm", Option: risk.ProtectiveMeasure, Location: risk.LocationSoftware,
				Mitigates: []trace.ID{"HS-3"}, NewRisks: risk.NewRisksNone},
		},
	}
}

func pumpRisk(t testing.TB) Risk {
	t.Helper()
	f := pumpRiskFile()
	require.NoError(t, f.Validate())
	r, err := NewRisk(f)
	require.NoError(t, err)
	return *r
}

func TestNewRiskNeedsFile(t *testing.T) {
	_, err := NewRisk(nil)
	assert.ErrorIs(t, err, ErrMissingInput)
	_, err = NewRisk(&risk.File{})
	assert.ErrorIs(t, err, ErrMissingInput, "a file without scales")
}

func TestHeatMapCounts(t *testing.T) {
	h, err := pumpRisk(t).HeatMap()
	require.NoError(t, err)
	require.Len(t, h.Cells, 5)
	require.Len(t, h.Probability, 5)
	// Severity ranks: Minor 2, Critical 4; probability: Improbable 1, Remote 2,
	// Occasional 3, Probable 4, Frequent 5.
	type cell struct{ s, q, before, after int }
	want := []cell{
		{4, 4, 1, 0}, // HS-1 Overdose: 5e-4 Probable
		{2, 5, 1, 0}, // HS-1 Delay: 1e-3 Frequent
		{4, 1, 0, 1}, // HS-1 after control, Overdose
		{2, 2, 0, 1}, // HS-1 after control, Delay: 1e-6 Remote
		{2, 3, 1, 1}, // HS-2 uncontrolled: 1e-5 Occasional, before = after
		{4, 5, 1, 0}, // HS-3: 5e-3 Frequent; not estimated after control
	}
	total := 0
	for _, c := range want {
		got := h.Cells[c.s-1][c.q-1]
		assert.Equal(t, c.before, got.Before, "before %d,%d", c.s, c.q)
		assert.Equal(t, c.after, got.After, "after %d,%d", c.s, c.q)
		total += c.before + c.after
	}
	sum := 0
	for _, row := range h.Cells {
		for _, c := range row {
			sum += c.Before + c.After
			assert.True(t, c.Region.Valid())
		}
	}
	assert.Equal(t, total, sum, "no counts outside the expected cells")
	assert.Equal(t, 1, h.NotEstimatedAfter)
	assert.Equal(t, risk.RegionUnacceptable, h.Cells[3][4].Region)
}

func TestHeatMapUnplaced(t *testing.T) {
	f := pumpRiskFile()
	// An unknown level cannot be placed; Evaluate keeps the risk without a
	// region (Validate would report it).
	f.Hazards[0].Situations[1].P1 = "Sometimes"
	h, err := Risk{Plan: f.Plan, Evaluation: f.Evaluate()}.HeatMap()
	require.NoError(t, err)
	assert.Equal(t, 1, h.UnplacedBefore)
	assert.Equal(t, 1, h.UnplacedAfter, "uncontrolled: after equals before")
	assert.Contains(t, h.note(), "1 situation(s) not placed before control.")
	before := 0
	for _, row := range h.Cells {
		for _, c := range row {
			before += c.Before
		}
	}
	assert.Equal(t, 3, before, "HS-1 in two cells, HS-3 in one, HS-2 in none")
}

func TestRegionFill(t *testing.T) {
	fills := map[string]bool{}
	for _, r := range []risk.Region{risk.RegionAcceptable, risk.RegionALARP, risk.RegionUnacceptable, ""} {
		fills[regionFill(r)] = true
	}
	assert.Len(t, fills, 4, "each region and the missing cell have their own colour")
}

func TestRiskGolden(t *testing.T) {
	r := pumpRisk(t)
	golden(t, "heatmap.svg", render(t, func(b *bytes.Buffer) error { return r.HeatMapSVG(b) }))
	golden(t, "risk.md", render(t, func(b *bytes.Buffer) error { return r.Markdown(b) }))
}

func TestHeatMapSVGIsXML(t *testing.T) {
	r := pumpRisk(t)
	r.Plan.Severity.Levels[4].Name = xss
	out := render(t, func(b *bytes.Buffer) error { return r.HeatMapSVG(b) })
	assert.NotContains(t, string(out), "<script>")
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
	}
}

func TestRiskMarkdown(t *testing.T) {
	out := string(render(t, func(b *bytes.Buffer) error { return pumpRisk(t).Markdown(b) }))
	assert.NotContains(t, out, "<script>")
	assert.Contains(t, out, "| unacceptable | 1 | 0 |")
	assert.Contains(t, out, "**Residual risk not accepted:** `HS-3`.")
	assert.Equal(t, 3, strings.Count(out, "#### "))
	assert.Contains(t, out, "P1 1e-3 × P2 0.5 = 0.0005 → Probable")
}

func TestRiskNeedsInput(t *testing.T) {
	for name, r := range map[string]Risk{
		"no evaluation": {Plan: risk.DefaultPlan("RMP-1", risk.ALARP)},
		"no scales":     {Evaluation: pumpRiskFile().Evaluate()},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			assert.ErrorIs(t, r.HeatMapSVG(&b), ErrMissingInput)
			assert.ErrorIs(t, r.Markdown(&b), ErrMissingInput)
			assert.Zero(t, b.Len())
		})
	}
}

func TestRiskMarkdownReductionAndDisclosure(t *testing.T) {
	f := pumpRiskFile()
	hs := &f.Hazards[0].Situations[1]
	hs.Reduction = &risk.Justification{Basis: risk.BasisStateOfTheArt, Text: "pressure sensing is at the state of the art"}
	hs.Disclosure = "IFU section 5.2"
	r, err := NewRisk(f)
	require.NoError(t, err)
	out := string(render(t, func(b *bytes.Buffer) error { return r.Markdown(b) }))
	assert.Contains(t, out, "Further control considered (state-of-the-art): pressure sensing is at the state of the art")
	assert.Contains(t, out, "Disclosed in: IFU section 5.2.")
}
