package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func TestPurlWithoutVersion(t *testing.T) {
	for in, want := range map[string]string{
		"pkg:golang/golang.org/x/text@v0.3.2":           "pkg:golang/golang.org/x/text",
		"pkg:npm/%40angular/core@16.0.0?arch=x86#src/a": "pkg:npm/%40angular/core",
		"pkg:generic/thing":                             "pkg:generic/thing",
	} {
		assert.Equal(t, want, purlWithoutVersion(in), in)
	}
}

// TestComponentInGraphFindsThePackage: a release in the field ships an older
// version than the project holds; its users are found through the package.
func TestComponentInGraphFindsThePackage(t *testing.T) {
	b := trace.NewBuilder()
	b.Allow(trace.Uses, KindItem, sbom.KindComponent)
	b.AddItem(trace.Item{ID: "SI-1", Kind: KindItem})
	b.AddItem(trace.Item{ID: "pkg:golang/golang.org/x/text@v0.3.7", Kind: sbom.KindComponent,
		Attrs: map[string]string{"purl": "pkg:golang/golang.org/x/text@v0.3.7"}})
	b.Link("SI-1", trace.Uses, "pkg:golang/golang.org/x/text@v0.3.7")
	g, err := b.Build()
	require.NoError(t, err)
	old := sbom.ComponentResult{Component: "pkg:golang/golang.org/x/text@v0.3.2", PURL: "pkg:golang/golang.org/x/text@v0.3.2"}
	assert.Equal(t, trace.ID("pkg:golang/golang.org/x/text@v0.3.7"), componentInGraph(g, old))
	items, _ := reach(g, componentInGraph(g, old))
	assert.Equal(t, []trace.ID{"SI-1"}, items)
	other := sbom.ComponentResult{Component: "pkg:golang/example.com/x@v1.0.0", PURL: "pkg:golang/example.com/x@v1.0.0"}
	assert.Equal(t, trace.ID("pkg:golang/example.com/x@v1.0.0"), componentInGraph(g, other), "unknown packages keep their own ID")
}
