package lifecycle

import (
	"bytes"
	"context"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncodeJSONRoundTrip: a project written as one JSON record file loads
// back to the same records, and writing it again gives the same bytes.
func TestEncodeJSONRoundTrip(t *testing.T) {
	ws, err := Load(context.Background(), os.DirFS("testdata/project"), LoadOptions{})
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, ws.Project.EncodeJSON(&first))
	assert.NotContains(t, first.String(), `"pos"`, "positions are where a record was read, not part of it")

	fsys := fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: round trip\nrecords: [project.json]\n")},
		"project.json":  {Data: first.Bytes()},
	}
	back, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	var second bytes.Buffer
	require.NoError(t, back.Project.EncodeJSON(&second))
	assert.Equal(t, first.String(), second.String())
	assert.Equal(t, "project.json", back.Project.Requirements[0].Pos.File, "loaded records point into the JSON file")

	ws.Project.SBOMs = nil // SBOMs stay in their own files
	g1, err := ws.Project.Graph()
	require.NoError(t, err)
	g2, err := back.Project.Graph()
	require.NoError(t, err)
	assert.Equal(t, g1.Baseline("x", ws.Project.Results[0].Date), g2.Baseline("x", ws.Project.Results[0].Date),
		"the same items at the same fingerprints")
}
