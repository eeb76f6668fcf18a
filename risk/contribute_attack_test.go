package risk

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestControlAttackSurfaceAttribute(t *testing.T) {
	for _, open := range []bool{false, true} {
		f := &File{Plan: DefaultPlan("RMP-1", ALARP),
			Hazards:  []Hazard{{ID: "HAZ-1", Title: "h", Situations: []Situation{{ID: "HS-1", Title: "s"}}}},
			Controls: []Control{{ID: "RC-1", Title: "Emergency override", Option: ProtectiveMeasure, Location: LocationSoftware, Mitigates: []trace.ID{"HS-1"}, AttackSurface: open}}}
		b := trace.NewBuilder()
		require.NoError(t, f.Contribute(b))
		g, _ := b.Build()
		it, ok := g.Item("RC-1")
		require.True(t, ok)
		if open {
			assert.Equal(t, "true", it.Attr(AttrAttackSurface))
		} else {
			assert.Empty(t, it.Attr(AttrAttackSurface))
		}
	}
}
