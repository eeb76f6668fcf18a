package lifecycle

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites golden files: go test ./lifecycle -update
var update = flag.Bool("update", false, "rewrite golden files")

// goldenJSON compares v, as indented JSON, with testdata/dir/name, or
// rewrites the file under -update.
func goldenJSON(t *testing.T, dir, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", dir, name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./lifecycle -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}
