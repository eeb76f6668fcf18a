package trace

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrphans(t *testing.T) {
	b := pumpBuilder()
	b.AddItem(Item{ID: "SRS-9", Kind: "requirement"})
	b.AddItem(Item{ID: "HAZ-9", Kind: "hazard"})
	g, err := b.Build()
	require.NoError(t, err)
	assert.Equal(t, []ID{"HAZ-9", "SRS-9"}, g.Orphans())
	assert.Equal(t, []ID{"SRS-9"}, g.Orphans("requirement"))
	assert.Empty(t, pump(t).Orphans())
}

func TestCycles(t *testing.T) {
	b := pumpBuilder()
	b.AddItem(Item{ID: "SI-X", Kind: "software-item"})
	b.Link("SI-PUMP", PartOf, "SI-X")
	b.Link("SI-X", PartOf, "SI-ALARM")
	g, err := b.Build()
	require.NoError(t, err)
	assert.Equal(t, [][]ID{{"SI-ALARM", "SI-PUMP", "SI-X"}}, g.Cycles(PartOf))
	assert.Empty(t, g.Cycles(Derives))
	assert.Empty(t, pump(t).Cycles())

	rule := CycleRule(RuleMeta{ID: "R-CYC", Version: 1, Severity: Error, Clause: "IEC 62304 5.3.1", Message: "{id} is in a part-of cycle of {count} items"}, PartOf)
	res, err := Check(context.Background(), g, []Rule{rule}, CheckOptions{})
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "SI-ALARM is in a part-of cycle of 3 items", res.Findings[0].Message)
	assert.Len(t, res.Findings[0].Path, 3)

	res, err = Check(context.Background(), pump(t), []Rule{rule}, CheckOptions{})
	require.NoError(t, err)
	assert.Empty(t, res.Findings)
}

func TestClosure(t *testing.T) {
	g := pump(t)
	assert.Equal(t, []ID{"HARM-1", "HS-1"}, g.Downstream([]ID{"HAZ-1"}, LeadsTo))
	assert.Equal(t, []ID{"SI-ALARM", "SI-PUMP", "SRS-1", "SRS-2"}, g.Downstream([]ID{"UN-1"}, Derives, AllocatedTo, PartOf))
	assert.Equal(t, []ID{"RC-1", "TC-1", "TR-1", "UN-1"}, g.Upstream([]ID{"SRS-1"}))
	assert.Nil(t, g.Closure([]ID{"UN-1"}, Direction(9)))
	assert.Nil(t, g.Downstream([]ID{"NOPE"}))
}

func TestImpact(t *testing.T) {
	g := pump(t)
	along := []Propagation{{Type: Verifies, Dir: In}, {Type: ImplementedBy, Dir: In}, {Type: Evidences, Dir: In}, {Type: Mitigates, Dir: Out}, {Type: AllocatedTo, Dir: Out}}
	res, err := g.Impact([]ID{"SRS-1"}, ImpactOptions{Along: along})
	require.NoError(t, err)
	var got []string
	for _, r := range res.Reached {
		got = append(got, string(r.ID)+"@"+string(rune('0'+r.Depth)))
	}
	assert.Equal(t, []string{"RC-1@1", "SI-PUMP@1", "TC-1@1", "HS-1@2", "TR-1@2"}, got)
	assert.Equal(t, []Hop{{"RC-1", ImplementedBy, "SRS-1"}, {"RC-1", Mitigates, "HS-1"}}, res.Path("HS-1"))
	assert.Equal(t, []Hop{{"TC-1", Verifies, "SRS-1"}, {"TR-1", Evidences, "TC-1"}}, res.Path("TR-1"))
	assert.Nil(t, res.Path("SRS-1"))
	assert.Equal(t, []ID{"SRS-1"}, res.Changed)
	assert.Len(t, res.OfKind("test"), 1)

	limited, err := g.Impact([]ID{"SRS-1"}, ImpactOptions{Along: along, MaxDepth: 1})
	require.NoError(t, err)
	assert.Len(t, limited.Reached, 3)

	all, err := g.Impact([]ID{"HARM-1"}, ImpactOptions{})
	require.NoError(t, err)
	assert.Len(t, all.Reached, g.Len()-1, "the zero options follow every link both ways")

	_, err = g.Impact([]ID{"NOPE", "SRS-1", "GONE"}, ImpactOptions{})
	assert.ErrorIs(t, err, ErrUnknownItem)
	assert.Contains(t, err.Error(), "NOPE, GONE")
	_, err = g.Impact([]ID{"SRS-1"}, ImpactOptions{Along: []Propagation{{Type: Verifies}}})
	assert.ErrorContains(t, err, "invalid direction")
}

func TestSuspects(t *testing.T) {
	b := pumpBuilder()
	old := FingerprintOf(Item{ID: "SRS-2", Kind: "requirement", Title: "Alarm on occlusion (old wording)"})
	cur := FingerprintOf(Item{ID: "SRS-1", Kind: "requirement", Title: "Stop infusion on occlusion"})
	b.AddLink(Link{From: "UN-1", Type: Relates, To: "SRS-2", Reviewed: old})
	b.AddLink(Link{From: "TR-1", Type: Relates, To: "SRS-1", Reviewed: cur})
	b.Allow(Relates, "user-need", "requirement")
	b.Allow(Relates, "test-result", "requirement")
	g, err := b.Build()
	require.NoError(t, err)
	sus := g.Suspects()
	require.Len(t, sus, 1)
	assert.Equal(t, ID("SRS-2"), sus[0].Link.To)
	assert.Equal(t, old, sus[0].Link.Reviewed)
	item, _ := g.Item("SRS-2")
	assert.Equal(t, item.Fingerprint, sus[0].Current)
	assert.Len(t, g.Unreviewed(Relates), 0)
	assert.Len(t, g.Unreviewed(), 12)

	rule := SuspectRule(RuleMeta{ID: "R-SUS", Version: 1, Severity: Warning, Clause: "IEC 62304 8.2.3", Message: "{id} -{link}-> {to} is suspect: reviewed {reviewed}, now {current}"})
	res, err := Check(context.Background(), g, []Rule{rule}, CheckOptions{})
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "UN-1 -relates-> SRS-2 is suspect: reviewed "+old.Short()+", now "+item.Fingerprint.Short(), res.Findings[0].Message)
	assert.Equal(t, 1, res.Coverage[0].Covered)
}

func TestImpactFromKinds(t *testing.T) {
	g := pump(t)
	// Verifies-in only from risk controls: a change to SRS-1 reaches RC-1
	// (implemented-by) but not TC-1 directly; from RC-1 it reaches TC-1.
	along := []Propagation{{Type: ImplementedBy, Dir: In}, {Type: Verifies, Dir: In, From: []Kind{"risk-control"}}}
	res, err := g.Impact([]ID{"SRS-1"}, ImpactOptions{Along: along})
	require.NoError(t, err)
	require.Len(t, res.Reached, 2)
	assert.Equal(t, ID("RC-1"), res.Reached[0].ID)
	assert.Equal(t, ID("TC-1"), res.Reached[1].ID)
	assert.Equal(t, 2, res.Reached[1].Depth, "reached through RC-1, not directly")
}

func TestAllowToAnyAndNilGraph(t *testing.T) {
	b := pumpBuilder()
	b.AddItem(Item{ID: "RMR-1", Kind: "risk-review"})
	b.AllowToAny(Reviews, "risk-review")
	b.Link("RMR-1", Reviews, "SRS-1")
	b.Link("RMR-1", Reviews, "TC-1")
	assert.True(t, b.Allowed(Reviews, "risk-review", "test"))
	assert.False(t, b.Allowed(Reviews, "test", "risk-review"))
	g, err := b.Build()
	require.NoError(t, err)
	assert.Len(t, g.Out("RMR-1", Reviews), 2)

	res, err := Check(context.Background(), nil, []Rule{verified,
		CycleRule(RuleMeta{ID: "C", Version: 1, Severity: Error, Clause: "x"}),
		SuspectRule(RuleMeta{ID: "S", Version: 1, Severity: Error, Clause: "x"}),
		FuncRule{RuleMeta: RuleMeta{ID: "F", Version: 1, Severity: Error, Clause: "x"}, Fn: func(_ *Graph, r *Recorder) { r.Fail("DOC-1", "checked without a graph") }},
	}, CheckOptions{})
	require.NoError(t, err, "rules that read no graph run on a nil graph")
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "F", res.Findings[0].Rule)
}

func TestEachMatchesLinks(t *testing.T) {
	g := pump(t)
	for _, tt := range []struct {
		id    ID
		dir   Direction
		types []LinkType
	}{
		{"SRS-1", In, nil}, {"SRS-1", In, []LinkType{Verifies}}, {"TC-1", Out, []LinkType{Verifies, Evidences}},
		{"TC-1", Out, []LinkType{"nope"}}, {"NOPE", Out, nil}, {"UN-1", Out, nil},
	} {
		var got []Link
		for l := range g.Each(tt.id, tt.dir, tt.types...) {
			got = append(got, l)
		}
		assert.Equal(t, g.Links(tt.id, tt.dir, tt.types...), got, "%s %s %v", tt.id, tt.dir, tt.types)
	}
	n := 0
	for range g.Each("SRS-1", In) {
		n++
		break
	}
	assert.Equal(t, 1, n, "stops when the loop breaks")
	allocs := testing.AllocsPerRun(100, func() {
		for range g.Each("SRS-1", In, Verifies) {
		}
	})
	assert.LessOrEqual(t, allocs, 1.0)
}

func TestAcyclicRule(t *testing.T) {
	rule := AcyclicRule(RuleMeta{ID: "R-ACY", Version: 1, Severity: Error, Clause: "IEC 62304 5.3.1",
		Message: "{id} is in a {link} cycle of {count} items"})
	res, err := Check(context.Background(), pump(t), []Rule{rule}, CheckOptions{})
	require.NoError(t, err)
	assert.Empty(t, res.Findings, "silent on an acyclic thread")

	b := pumpBuilder()
	b.AddItem(Item{ID: "SI-X", Kind: "software-item"})
	b.Link("SI-PUMP", PartOf, "SI-X")
	b.Link("SI-X", PartOf, "SI-ALARM")
	b.Allow(Derives, "requirement", "requirement")
	b.Link("SRS-1", Derives, "SRS-2")
	b.Link("SRS-2", Derives, "SRS-1")
	b.Allow(Verifies, "test", "test")
	g, err := b.Build()
	require.NoError(t, err)
	res, err = Check(context.Background(), g, []Rule{rule}, CheckOptions{})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Message)
	}
	assert.Equal(t, []string{"SI-ALARM is in a part-of cycle of 3 items", "SRS-1 is in a derives cycle of 2 items"}, got)
	assert.Equal(t, []Hop{{"SRS-1", Derives, "SRS-2"}, {"SRS-2", Derives, "SRS-1"}}, res.Findings[1].Path)
}
