package schemagen

import (
	"encoding/json"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type Color string

const (
	Red  Color = "red"
	Blue Color = "blue"
)

type Node struct {
	// Name names the node.
	Name     string            `json:"name"`
	Color    Color             `json:"color,omitempty"`
	Children []Node            `json:"children,omitempty"`
	Tags     map[string]string `json:"tags,omitempty"`
	Weight   float64           `json:"weight"`
	Secret   string            `json:"-"`
	Embedded
}

type Embedded struct {
	Count int `json:"count,omitempty"`
}

type Root struct {
	Node  Node   `json:"node"`
	Nodes []Node `json:"nodes"`
	Flag  bool   `json:"flag"`
}

const src = `package x
type Node struct {
	// Name names the node.
	Name string
}
const (
	Red  Color = "red"
	Blue Color = "blue"
	n = 3
)
`

func TestGenerate(t *testing.T) {
	docs, err := ReadDocs(fstest.MapFS{"x/x.go": {Data: []byte(src)}, "x/x_test.go": {Data: []byte("not go")}},
		map[string]string{"github.com/medtrace/medtrace/internal/schemagen": "x"})
	require.NoError(t, err)
	assert.Equal(t, []string{"red", "blue"}, docs.Enums["github.com/medtrace/medtrace/internal/schemagen.Color"])

	for _, fragment := range []bool{false, true} {
		out, err := Generate(reflect.TypeFor[Root](), Options{ID: "urn:x", Docs: docs, Fragment: fragment})
		require.NoError(t, err)
		var s map[string]any
		require.NoError(t, json.Unmarshal(out, &s))
		defs := s["$defs"].(map[string]any)
		node := defs["schemagen.Node"].(map[string]any)
		props := node["properties"].(map[string]any)
		assert.Equal(t, map[string]any{"type": "string", "enum": []any{"red", "blue"}}, props["color"])
		assert.Equal(t, "Name names the node.", props["name"].(map[string]any)["description"])
		assert.Equal(t, map[string]any{"$ref": "#/$defs/schemagen.Node"}, props["children"].(map[string]any)["items"], "recursion goes through $defs")
		assert.Contains(t, props, "count", "embedded fields are flattened")
		assert.NotContains(t, props, "Secret")
		assert.Equal(t, false, node["additionalProperties"])
		root := defs["schemagen.Root"].(map[string]any)
		if fragment {
			assert.NotContains(t, root, "required", "a fragment's root fields are optional")
			assert.NotContains(t, node, "required", "so are those of structs merged field by field")
		} else {
			assert.Equal(t, []any{"flag", "node", "nodes"}, root["required"])
			assert.Equal(t, []any{"name", "weight"}, node["required"])
		}
	}
	_, err = Generate(reflect.TypeFor[Root](), Options{})
	assert.Error(t, err, "ID is required")
}
