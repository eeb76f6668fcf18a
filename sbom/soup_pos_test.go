package sbom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestSOUPPositionInErrorsAndItems(t *testing.T) {
	pos := trace.Position{File: "records/soup.yaml", Line: 12, Column: 5}
	err := ValidateSOUP([]SOUP{{ID: "SOUP-1", Pos: pos}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "records/soup.yaml:12:5: soup[0] (SOUP-1): purl or name is required")

	s := &SBOM{Components: []Component{{BOMRef: "a", Name: "a", PURL: "pkg:npm/a@1.0.0"}}}
	b := trace.NewBuilder()
	b.AddItem(trace.Item{ID: "SI-1", Kind: KindSoftwareItem})
	require.NoError(t, Contribution{SBOM: s, SOUP: []SOUP{{ID: "SOUP-1", PURL: "pkg:npm/a@1.0.0", UsedBy: []string{"SI-1"}, Pos: pos}}}.Contribute(b))
	g, err := b.Build()
	require.NoError(t, err)
	it, ok := g.Item("SOUP-1")
	require.True(t, ok)
	assert.Equal(t, pos, it.Pos)
	links := g.In("pkg:npm/a@1.0.0", trace.Uses)
	require.Len(t, links, 1)
	assert.Equal(t, pos, links[0].Pos, "the uses link points at the record that declared it")
}
