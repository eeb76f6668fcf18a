package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

func classifyPump(t *testing.T, p *Project, opts ClassifyOptions) *Classification {
	t.Helper()
	g, err := p.Graph()
	require.NoError(t, err)
	return p.Classify(g, opts)
}

func TestClassifyPump(t *testing.T) {
	cl := classifyPump(t, pumpProject(), ClassifyOptions{})
	assert.False(t, cl.Unclassified)
	assert.Equal(t, ClassC, cl.System.Class)
	assert.Equal(t, BasisComputed, cl.System.Basis)

	want := map[trace.ID]struct {
		class, computed Class
		basis           Basis
	}{
		"ITM-DOSE":  {ClassC, ClassC, BasisInherited},
		"UNIT-RATE": {ClassC, ClassC, BasisInherited},
		"ITM-UI":    {ClassB, ClassB, BasisSegregated},
		"ITM-LOG":   {ClassA, ClassA, BasisSegregated},
	}
	require.Len(t, cl.Items, len(want))
	for id, w := range want {
		ic, ok := cl.Item(id)
		require.True(t, ok, id)
		assert.Equal(t, w.class, ic.Class, id)
		assert.Equal(t, w.computed, ic.Computed, id)
		assert.Equal(t, w.basis, ic.Basis, id)
	}

	// The rate limiter implements RC-LIMIT, so it carries the class of the
	// situation that control mitigates (7.2.2 b).
	unit, _ := cl.Item("UNIT-RATE")
	require.Len(t, unit.Contributions, 1)
	assert.Equal(t, "risk-control", unit.Contributions[0].Via)
	assert.Equal(t, []trace.Hop{
		{From: "SRS-LIMIT", Type: trace.AllocatedTo, To: "UNIT-RATE"},
		{From: "RC-LIMIT", Type: trace.ImplementedBy, To: "SRS-LIMIT"},
		{From: "RC-LIMIT", Type: trace.Mitigates, To: "HS-OVER"},
	}, unit.Contributions[0].Path)

	hidden, ok := cl.Situation("HS-HIDDEN")
	require.True(t, ok)
	assert.True(t, hidden.Acceptable)
	assert.Equal(t, []trace.ID{"RC-ALARM"}, hidden.External)
	over, _ := cl.Situation("HS-OVER")
	assert.Equal(t, []trace.ID{"RC-LIMIT"}, over.Software)
	assert.Equal(t, "HARM-OD", string(over.WorstHarm))
}

func TestClassifyVariants(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Project)
		opts   ClassifyOptions
		item   trace.ID
		want   Class
		basis  Basis
	}{
		{"without segregation the UI inherits C", func(p *Project) { p.Items[1].Segregation = nil }, ClassifyOptions{}, "ITM-UI", ClassC, BasisInherited},
		{"a declared class higher than computed is kept", func(p *Project) { p.Items[2].Class = ClassB }, ClassifyOptions{}, "ITM-LOG", ClassB, BasisDeclared},
		{"severity map: Critical to B", func(p *Project) { p.System.Class = "" }, ClassifyOptions{Severity: SeverityMap{"Critical": ClassB, "Minor": ClassB}}, "SYS-PUMP", ClassB, BasisComputed},
		{"unmapped severity counts as C", func(p *Project) {}, ClassifyOptions{Severity: SeverityMap{"Critical": ClassB}}, "ITM-UI", ClassC, BasisSegregated},
		{"no risk file: everything C", withoutRisk, ClassifyOptions{}, "ITM-LOG", ClassC, BasisDefault},
		{"software control alone does not lower", func(p *Project) {
			p.Risk.Controls[1].Location = risk.LocationSoftware
		}, ClassifyOptions{}, "ITM-LOG", ClassC, BasisSegregated},
		{"edition 2006: hardware control lowers one class", func(p *Project) { p.System.Edition = Edition2006 }, ClassifyOptions{}, "ITM-LOG", ClassB, BasisSegregated},
		{"acceptable without control is A", func(p *Project) {
			p.Risk.Hazards[2].Situations[0].Harms[0].P2 = "1e-9"
			p.Risk.Hazards[2].Situations[0].Residual = nil
			p.Risk.Controls = p.Risk.Controls[:1]
		}, ClassifyOptions{}, "ITM-LOG", ClassA, BasisSegregated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pumpProject()
			tc.change(p)
			cl := classifyPump(t, p, tc.opts)
			ic, ok := cl.Item(tc.item)
			require.True(t, ok)
			assert.Equal(t, tc.want, ic.Class)
			assert.Equal(t, tc.basis, ic.Basis)
		})
	}
}

func TestClassifyToleratesBadTrees(t *testing.T) {
	p := pumpProject()
	p.Items = append(p.Items,
		Item{ID: "LOOP-1", Title: "a", Parent: "LOOP-2"},
		Item{ID: "LOOP-2", Title: "b", Parent: "LOOP-1"},
		Item{ID: "ORPHAN", Title: "c", Parent: "NOWHERE"},
		Item{ID: "ITM-DOSE", Title: "duplicate", Parent: "SYS-PUMP"},
	)
	g, err := p.Graph()
	require.Error(t, err)
	cl := p.Classify(g, ClassifyOptions{})
	orphan, ok := cl.Item("ORPHAN")
	require.True(t, ok)
	assert.Equal(t, ClassC, orphan.Class)
	for _, id := range []trace.ID{"LOOP-1", "LOOP-2"} {
		loop, ok := cl.Item(id)
		require.True(t, ok)
		assert.Equal(t, ClassC, loop.Class, "an item in a parent cycle still gets a class")
	}
}

func TestDocumentationLevel(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Project)
		want   DocumentationLevel
	}{
		{"probable serious harm before control", func(p *Project) {}, Enhanced},
		{"improbable serious harm", func(p *Project) {
			for hi := range p.Risk.Hazards {
				for si := range p.Risk.Hazards[hi].Situations {
					p.Risk.Hazards[hi].Situations[si].P1 = "1e-6"
				}
			}
		}, Basic},
		{"class III device", func(p *Project) {
			p.System.FDA.ClassIII = true
			p.Risk.Hazards[0].Situations[0].P1 = "1e-6"
			p.Risk.Hazards[2].Situations[0].P1 = "1e-6"
		}, Enhanced},
		{"no risk analysis", withoutRisk, Enhanced},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pumpProject()
			tc.change(p)
			d := classifyPump(t, p, ClassifyOptions{}).Documentation
			assert.Equal(t, tc.want, d.Level)
			assert.NotEmpty(t, d.Reasons)
		})
	}
}

func withoutRisk(p *Project) {
	p.Risk = nil
	p.Requirements[0].RiskControls = nil
}

func TestDocumentationLevelCountsCompromise(t *testing.T) {
	p := pumpProject()
	// No item's failure reaches the overdose any more, but a spoofed
	// command (a threat) does.
	p.Risk.Hazards[0].Causes = nil
	p.Requirements[0].RiskControls = nil
	threat := trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "THR-SPOOF", Kind: kindThreat, Title: "Spoofed rate command"})
		b.Allow(trace.Causes, kindThreat, kindHazard)
		b.Link("THR-SPOOF", trace.Causes, "HAZ-RATE")
		return nil
	})
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(threat)
	g, err := b.Build()
	require.NoError(t, err)
	d := p.Classify(g, ClassifyOptions{}).Documentation
	assert.Equal(t, Enhanced, d.Level)
	assert.Equal(t, []trace.ID{"HS-OVER"}, d.Situations)

	g, err = p.Graph()
	require.NoError(t, err)
	assert.Empty(t, p.Classify(g, ClassifyOptions{}).Documentation.Situations)
}
