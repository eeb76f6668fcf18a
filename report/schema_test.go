package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compileFindingsSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	require.NoError(t, c.AddResource(FindingsSchemaID, bytes.NewReader(FindingsJSONSchema())))
	s, err := c.Compile(FindingsSchemaID)
	require.NoError(t, err)
	return s
}

func TestFindingsJSONMatchesSchema(t *testing.T) {
	s := compileFindingsSchema(t)
	for name, f := range map[string]Findings{
		"pump":      pumpFindings(t),
		"no graph":  {Result: pumpFindings(t).Result},
		"synthetic": textFindingsFor(t, "a <b> | c"),
		"empty":     {Result: pumpFindings(t).Result, Rules: nil, Meta: Meta{}},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, f.JSON(&b))
			var v any
			require.NoError(t, json.Unmarshal(b.Bytes(), &v))
			assert.NoError(t, s.Validate(v))
		})
	}
}

func TestFindingsSchemaRejects(t *testing.T) {
	s := compileFindingsSchema(t)
	for name, doc := range map[string]string{
		"other schema":  `{"schema":"medtrace.findings/v2","summary":[],"rules":[],"findings":[],"coverage":[]}`,
		"bad severity":  `{"schema":"medtrace.findings/v1","summary":[{"severity":"fatal","open":0,"waived":0}],"rules":[],"findings":[],"coverage":[]}`,
		"unknown field": `{"schema":"medtrace.findings/v1","summary":[],"rules":[],"findings":[],"coverage":[],"extra":1}`,
	} {
		t.Run(name, func(t *testing.T) {
			var v any
			require.NoError(t, json.Unmarshal([]byte(doc), &v))
			assert.Error(t, s.Validate(v))
		})
	}
	a, b := FindingsJSONSchema(), FindingsJSONSchema()
	a[0] = 'x'
	assert.NotEqual(t, a[0], b[0], "each call returns its own copy")
}
