package lifecycle

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkGolden compares got with testdata/classification/name, or rewrites
// the file with -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "classification", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./lifecycle -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

func TestClassificationGolden(t *testing.T) {
	p := pumpProject()
	g, err := p.Graph()
	require.NoError(t, err)
	cl := p.Classify(g, ClassifyOptions{})
	checkGolden(t, "pump-classification.json", cl)
	gaps, err := p.Gaps(g, cl.System.Class)
	require.NoError(t, err)
	checkGolden(t, "pump-gaps-class-c.json", gaps.Missing())

	// Byte-identical on a second run.
	again, _ := json.Marshal(p.Classify(g, ClassifyOptions{}))
	first, _ := json.Marshal(cl)
	assert.Equal(t, string(first), string(again))
}
