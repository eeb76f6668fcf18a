package risk

import (
	"slices"
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func buildPump(t *testing.T, f *File) *trace.Graph {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(f)
	thread(b, f)
	g, err := b.Build()
	require.NoError(t, err)
	return g
}

func TestContribute(t *testing.T) {
	f := pumpFile(ALARP)
	situation(f, "HS-001").Pos = trace.Position{File: "hazards.yaml", Line: 12, Column: 7}
	f.Causes = []Cause{{ID: "CAUSE-001", Title: "Set loaded wrongly", Category: "use-error"}}
	situation(f, "HS-002").Causes = []trace.ID{"CAUSE-001"}
	c := control(f, "RC-002")
	c.NewRisks, c.Introduces = NewRisksIntroduced, []trace.ID{"HS-002"}
	g := buildPump(t, f)

	kinds := map[trace.Kind]int{}
	for it := range g.Items() {
		kinds[it.Kind]++
		if slices.Contains(Kinds(), it.Kind) {
			assert.False(t, it.Fingerprint.IsZero(), it.ID)
		}
	}
	assert.Equal(t, 1, kinds[KindPlan])
	assert.Equal(t, 2, kinds[KindHazard])
	assert.Equal(t, 3, kinds[KindSituation])
	assert.Equal(t, 2, kinds[KindHarm])
	assert.Equal(t, 2, kinds[KindControl])
	assert.Equal(t, 1, kinds[KindCause])
	assert.Equal(t, 1, kinds[KindReview])

	hs, ok := g.Item("HS-001")
	require.True(t, ok)
	assert.Equal(t, "hazards.yaml:12:7", hs.Pos.String())
	assert.Equal(t, "alarp", hs.Attr("region"))
	assert.Equal(t, "acceptable", hs.Attr("residual-region"))
	assert.Equal(t, "Critical", hs.Attr("severity"))
	rc, _ := g.Item("RC-001")
	assert.Equal(t, "true", rc.Attr("external"))
	assert.Equal(t, string(InherentSafety), rc.Attr("option"))

	assert.Equal(t, []trace.ID{"HS-001", "HS-002"}, g.Neighbours("HAZ-001", trace.Out, trace.LeadsTo))
	assert.Equal(t, []trace.ID{"HARM-001"}, g.Neighbours("HS-001", trace.Out, trace.LeadsTo))
	assert.Equal(t, []trace.ID{"SWI-PUMP"}, g.Neighbours("HS-001", trace.In, trace.Causes))
	assert.Equal(t, []trace.ID{"CAUSE-001"}, g.Neighbours("HS-002", trace.In, trace.Causes))
	assert.Equal(t, []trace.ID{"THR-001"}, g.Neighbours("HS-003", trace.In, trace.Causes))
	assert.Equal(t, []trace.ID{"HS-001"}, g.Neighbours("RC-001", trace.Out, trace.Mitigates))
	assert.Equal(t, []trace.ID{"SRS-020"}, g.Neighbours("RC-002", trace.Out, trace.ImplementedBy))
	assert.Equal(t, []trace.ID{"HS-002"}, g.Neighbours("RC-002", trace.Out, trace.Introduces))
	assert.Equal(t, []trace.ID{"RMP-001"}, g.Neighbours("RMR-001", trace.Out, trace.Reviews))
	for _, l := range g.In("HAZ-001") {
		t.Errorf("unexpected link into the hazard: %s", l)
	}
	links := g.Links("HS-001", trace.In, trace.LeadsTo)
	require.Len(t, links, 1)
	assert.Equal(t, "hazards.yaml:12:7", links[0].Pos.String(), "links carry the recording record's position")
}

func TestContributeBenefitRisk(t *testing.T) {
	g := buildPump(t, pumpFile(AFAP))
	assert.Equal(t, []trace.ID{"HS-001", "HS-002", "HS-003"}, g.Neighbours("BR-001", trace.Out, trace.Reviews))
	br, ok := g.Item("BR-001")
	require.True(t, ok)
	assert.Equal(t, string(BenefitsOutweigh), br.Attr("outcome"))
}

func TestFingerprints(t *testing.T) {
	fp := func(f *File, id trace.ID) trace.Fingerprint {
		it, ok := buildPump(t, f).Item(id)
		require.True(t, ok)
		return it.Fingerprint
	}
	base := pumpFile(ALARP)
	assert.Equal(t, fp(base, "HS-001"), fp(pumpFile(ALARP), "HS-001"), "same content, same fingerprint")

	moved := pumpFile(ALARP)
	situation(moved, "HS-001").Pos = trace.Position{File: "x.yaml", Line: 1}
	assert.Equal(t, fp(base, "HS-001"), fp(moved, "HS-001"), "position is not content")

	changes := []struct {
		id     trace.ID
		mutate func(f *File)
	}{
		{"HS-001", func(f *File) { situation(f, "HS-001").P1 = "2e-3" }},
		{"HS-001", func(f *File) { situation(f, "HS-001").Residual.P1 = "2e-6" }},
		{"HS-001", func(f *File) { situation(f, "HS-001").Harms[0].P2 = "0.4" }},
		{"HARM-001", func(f *File) { f.Harms[0].Severity = "Catastrophic" }},
		{"RC-001", func(f *File) { control(f, "RC-001").Location = LocationSoftware }},
		{"RC-002", func(f *File) { control(f, "RC-002").Rationale.Text = "other" }},
		{"HAZ-001", func(f *File) { f.Hazards[0].Title = "Renamed" }},
		{"RMP-001", func(f *File) { f.Plan.Matrix["Minor"][3] = RegionALARP }},
		{"RMP-001", func(f *File) { f.Plan.Probability.Levels[1].Lower = bound(2e-6) }},
		{"RMR-001", func(f *File) { f.Reviews[0].PostProduction = false }},
	}
	for _, c := range changes {
		f := pumpFile(ALARP)
		c.mutate(f)
		b := trace.NewBuilder()
		b.Add(f)
		thread(b, f)
		g, _ := b.Build() // some changes make the plan invalid; the items remain
		it, ok := g.Item(c.id)
		require.True(t, ok)
		assert.NotEqual(t, fp(base, c.id), it.Fingerprint, c.id)
	}
}
