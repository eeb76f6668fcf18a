package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestImpactOfChange(t *testing.T) {
	p := pmProject()
	g := pmGraph(t, p)
	imp, err := ImpactOfChange(g, &p.ChangeRequests[0], DiffOptions{})
	require.NoError(t, err)
	assert.Equal(t, []trace.ID{"ITM-1"}, imp.Changed)
	var tests, risk []trace.ID
	for _, r := range imp.Tests {
		tests = append(tests, r.ID)
	}
	for _, r := range imp.Risk {
		risk = append(risk, r.ID)
	}
	assert.Equal(t, []trace.ID{"TST-1"}, tests)
	assert.Contains(t, risk, trace.ID("HAZ-1"))
	assert.Contains(t, risk, trace.ID("RC-1"))

	_, err = ImpactOfChange(nil, &p.ChangeRequests[0], DiffOptions{})
	assert.Error(t, err)
}
