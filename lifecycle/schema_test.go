package lifecycle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/medtrace/medtrace/internal/schemagen"
	"github.com/medtrace/medtrace/trace"
)

// generateSchemas builds both schemas from the types and the Go source of
// every package a project file reaches.
func generateSchemas(t *testing.T) (project, manifest []byte) {
	t.Helper()
	const mod = "github.com/medtrace/medtrace/"
	docs, err := schemagen.ReadDocs(os.DirFS(".."), map[string]string{
		mod + "lifecycle": "lifecycle", mod + "risk": "risk", mod + "sbom": "sbom",
		mod + "security": "security", mod + "trace": "trace",
	})
	require.NoError(t, err)
	opts := schemagen.Options{
		Docs: docs,
		Skip: []reflect.Type{reflect.TypeFor[trace.Position]()},
		Formats: map[reflect.Type]map[string]any{
			reflect.TypeFor[trace.Fingerprint](): {"type": "string", "pattern": "^(sha256:[0-9a-f]{64})?$"},
			reflect.TypeFor[trace.ID]():          {"type": "string", "minLength": 1, "maxLength": 512},
		},
	}
	opts.ID, opts.Title, opts.Fragment = ProjectSchemaID, "medtrace project records (one file's fragment of a project)", true
	project, err = schemagen.Generate(reflect.TypeFor[Project](), opts)
	require.NoError(t, err)
	opts.ID, opts.Title, opts.Fragment = ManifestSchemaID, "medtrace project manifest (medtrace.yaml)", false
	manifest, err = schemagen.Generate(reflect.TypeFor[Manifest](), opts)
	require.NoError(t, err)
	return project, manifest
}

// TestSchemasAreCurrent fails when a record type changed and the published
// schemas were not regenerated (go test ./lifecycle -run Schemas -update).
func TestSchemasAreCurrent(t *testing.T) {
	project, manifest := generateSchemas(t)
	for name, got := range map[string][]byte{"project.schema.json": project, "manifest.schema.json": manifest} {
		path := filepath.Join("schema", name)
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s is stale; regenerate with -update", path)
	}
	assert.Equal(t, project, ProjectSchema())
}

func compile(t *testing.T, id string, data []byte) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	require.NoError(t, c.AddResource(id, bytes.NewReader(data)))
	s, err := c.Compile(id)
	require.NoError(t, err)
	return s
}

func yamlValue(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var v any
	require.NoError(t, yaml.Unmarshal(data, &v))
	// Round-trip through JSON types the way an editor's validator sees them.
	return jsonish(v)
}

func jsonish(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonish(e)
		}
	case []any:
		for i := range x {
			x[i] = jsonish(x[i])
		}
	case int:
		return float64(x)
	case uint64:
		return float64(x)
	case int64:
		return float64(x)
	}
	if t, ok := v.(interface{ Format(string) string }); ok {
		return t.Format("2006-01-02")
	}
	return v
}

// TestFixtureValidatesAgainstSchemas checks the schemas against real
// records: every file of the loader fixture must validate, and a file with
// a misspelt field or a wrong enum value must not.
func TestFixtureValidatesAgainstSchemas(t *testing.T) {
	project, manifest := ProjectSchema(), ManifestSchema()
	ps := compile(t, ProjectSchemaID, project)
	ms := compile(t, ManifestSchemaID, manifest)
	require.NoError(t, ms.Validate(yamlValue(t, "testdata/project/medtrace.yaml")))
	files, err := filepath.Glob("testdata/project/records/*.yaml")
	require.NoError(t, err)
	more, _ := filepath.Glob("testdata/project/records/risk/*")
	for _, f := range append(files, more...) {
		assert.NoError(t, ps.Validate(yamlValue(t, f)), f)
	}
	bad := map[string]any{"tests": []any{map[string]any{"id": "TC-1", "title": "t", "type": "smoke", "verfies": []any{"SRS-1"}}}}
	err = ps.Validate(bad)
	require.Error(t, err)
	detail := fmt.Sprintf("%#v", err)
	assert.Contains(t, detail, "verfies")
	assert.Contains(t, detail, `value must be one of "unit"`)
}
