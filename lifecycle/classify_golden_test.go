package lifecycle

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassificationGolden(t *testing.T) {
	p := pumpProject()
	g, err := p.Graph()
	require.NoError(t, err)
	cl := p.Classify(g, ClassifyOptions{})
	goldenJSON(t, "classification", "pump-classification.json", cl)
	gaps, err := p.Gaps(g, cl.System.Class)
	require.NoError(t, err)
	goldenJSON(t, "classification", "pump-gaps-class-c.json", gaps.Missing())

	// Byte-identical on a second run.
	again, _ := json.Marshal(p.Classify(g, ClassifyOptions{}))
	first, _ := json.Marshal(cl)
	assert.Equal(t, string(first), string(again))
}
