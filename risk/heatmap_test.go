package risk

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHeatmap(t *testing.T) {
	f := explainFile(ALARP)
	ev := f.Evaluate()

	before := ev.Heatmap(false)
	assert.Equal(t, []string{"Negligible", "Minor", "Serious", "Critical", "Catastrophic"}, before.Severity)
	assert.Equal(t, []string{"Improbable", "Remote", "Occasional", "Probable", "Frequent"}, before.Probability)
	assert.Equal(t, RegionALARP, before.Regions[3][3], "(Critical, Probable)")
	assert.Equal(t, RegionUnacceptable, before.Regions[4][4], "(Catastrophic, Frequent)")
	// Before control: HS-001 and HS-003 at (Critical, Probable); HS-005 and
	// HS-007 at (Critical, Frequent); HS-009 names an unknown harm.
	assert.Equal(t, 2, before.Counts[3][3])
	assert.Equal(t, 2, before.Counts[3][4])
	assert.Equal(t, 1, before.Unevaluated)
	assert.Equal(t, 10, total(before)+before.Unevaluated, "one count per (situation, harm)")

	after := ev.Heatmap(true)
	assert.Equal(t, 2, after.Counts[3][0], "HS-001 and HS-003 at (Critical, Improbable)")
	assert.Equal(t, 2, after.Unevaluated, "HS-004 has no residual estimate; HS-009 an unknown harm")
	assert.Equal(t, 10, total(after)+after.Unevaluated)

	assert.Empty(t, (&Evaluation{}).Heatmap(false).Counts)
}

func total(h Heatmap) int {
	n := 0
	for _, row := range h.Counts {
		for _, c := range row {
			n += c
		}
	}
	return n
}
