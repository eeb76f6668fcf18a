package trace

import (
	"flag"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// pump builds a small infusion-pump thread used across the tests.
func pumpBuilder() *Builder {
	b := NewBuilder()
	b.Allow(Derives, "user-need", "requirement")
	b.Allow(AllocatedTo, "requirement", "software-item")
	b.Allow(LeadsTo, "hazard", "hazardous-situation")
	b.Allow(LeadsTo, "hazardous-situation", "harm")
	b.Allow(Mitigates, "risk-control", "hazardous-situation")
	b.Allow(ImplementedBy, "risk-control", "requirement")
	b.Allow(Verifies, "test", "requirement", "risk-control")
	b.Allow(Evidences, "test-result", "test")
	b.Allow(PartOf, "software-item", "software-item")
	items := []Item{
		{ID: "UN-1", Kind: "user-need", Title: "Deliver the prescribed dose"},
		{ID: "SRS-1", Kind: "requirement", Title: "Stop infusion on occlusion"},
		{ID: "SRS-2", Kind: "requirement", Title: "Alarm on occlusion"},
		{ID: "SI-PUMP", Kind: "software-item", Title: "Pump controller"},
		{ID: "SI-ALARM", Kind: "software-item", Title: "Alarm manager"},
		{ID: "HAZ-1", Kind: "hazard", Title: "Over-infusion"},
		{ID: "HS-1", Kind: "hazardous-situation", Title: "Occlusion not detected"},
		{ID: "HARM-1", Kind: "harm", Title: "Overdose"},
		{ID: "RC-1", Kind: "risk-control", Title: "Occlusion detection"},
		{ID: "TC-1", Kind: "test", Title: "Occlusion test"},
		{ID: "TR-1", Kind: "test-result", Title: "Run 1"},
	}
	for i, it := range items {
		it.Pos = Position{File: "records.yaml", Line: i + 1, Column: 1}
		it.Fingerprint = FingerprintOf(it)
		b.AddItem(it)
	}
	b.Link("UN-1", Derives, "SRS-1")
	b.Link("UN-1", Derives, "SRS-2")
	b.Link("SRS-1", AllocatedTo, "SI-PUMP")
	b.Link("SRS-2", AllocatedTo, "SI-ALARM")
	b.Link("SI-ALARM", PartOf, "SI-PUMP")
	b.Link("HAZ-1", LeadsTo, "HS-1")
	b.Link("HS-1", LeadsTo, "HARM-1")
	b.Link("RC-1", Mitigates, "HS-1")
	b.Link("RC-1", ImplementedBy, "SRS-1")
	b.Link("TC-1", Verifies, "SRS-1")
	b.Link("TC-1", Verifies, "RC-1")
	b.Link("TR-1", Evidences, "TC-1")
	return b
}

func pump(t testing.TB) *Graph {
	t.Helper()
	g, err := pumpBuilder().Build()
	require.NoError(t, err)
	return g
}
