package risk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/medtrace/medtrace/internal/yamldecode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestYAMLFormat reads the risk file as the project loader does and checks
// that it holds the same records as the JSON form, with positions.
func TestYAMLFormat(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "pump.yaml"))
	require.NoError(t, err)
	var fromYAML File
	require.NoError(t, yamldecode.Decode("pump.yaml", data, &fromYAML, yamldecode.Options{}))
	require.NoError(t, fromYAML.Validate())

	s := &fromYAML.Hazards[0].Situations[0]
	assert.Equal(t, "pump.yaml", s.Pos.File)
	assert.Equal(t, 35, s.Pos.Line)
	assert.Equal(t, Probability("0.001"), s.P1, "numbers decode in canonical form")
	assert.Equal(t, Probability("0.5"), s.Harms[0].P2)
	assert.Equal(t, Probability("Probable"), fromYAML.Hazards[1].Situations[0].P1)

	jdata, err := os.ReadFile(filepath.Join("testdata", "pump.json"))
	require.NoError(t, err)
	var fromJSON File
	require.NoError(t, json.Unmarshal(jdata, &fromJSON))
	a, b := fromYAML.Evaluate(), fromJSON.Evaluate()
	a.ix, b.ix = nil, nil
	assert.Equal(t, b, a, "YAML and JSON forms evaluate alike")
}
