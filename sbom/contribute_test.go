package sbom

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestContribution(t *testing.T) {
	s, recs := laravelWithSOUP(t)
	b := trace.NewBuilder()
	for _, sw := range []trace.ID{"SWI-DOSE", "SWI-PARSER"} {
		b.AddItem(trace.Item{ID: sw, Kind: KindSoftwareItem, Title: string(sw)})
	}
	b.Add(Contribution{SBOM: s, SOUP: recs[:2]})
	g, err := b.Build()
	require.NoError(t, err)

	assert.Equal(t, len(s.Components)+1, g.CountKind(KindComponent))
	assert.Equal(t, 2, g.CountKind(KindSOUP))
	math, ok := g.Item("pkg:composer/brick/math@0.9.3")
	require.True(t, ok)
	assert.Equal(t, "true", math.Attr("soup"))
	assert.Equal(t, "brick/math@0.9.3", math.Title)
	assert.False(t, math.Fingerprint.IsZero())
	primary, ok := g.Item("pkg:composer/cyclonedx/cyclonedx-php-composer-demo@dev-master")
	require.True(t, ok)
	assert.Equal(t, "true", primary.Attr("primary"))

	assert.Equal(t, []trace.ID{"pkg:composer/brick/math@0.9.3"}, g.Neighbours("SOUP-001", trace.Out, trace.Relates))
	assert.Equal(t, []trace.ID{"SWI-DOSE"}, g.Neighbours("pkg:composer/brick/math@0.9.3", trace.In, trace.Uses))

	res, err := trace.Check(context.Background(), g, SOUPRules(), trace.CheckOptions{})
	require.NoError(t, err)
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Rule+" "+string(f.Item))
	}
	// SOUP-001 is complete; SOUP-002 states only hardware.
	assert.Equal(t, []string{"SBOM-052 SOUP-002", "SBOM-054 SOUP-002"}, rules)
}

func TestSOUPRulesFire(t *testing.T) {
	s, recs := laravelWithSOUP(t)
	recs[0].UsedBy = nil // brick/math: SOUP without a user → SBOM-051
	b := trace.NewBuilder()
	b.AddItem(trace.Item{ID: "SWI-PARSER", Kind: KindSoftwareItem})
	b.Add(Contribution{SBOM: s, SOUP: recs}) // SOUP-003 matches nothing → SBOM-050
	g, err := b.Build()
	require.NoError(t, err)
	res, err := trace.Check(context.Background(), g, SOUPRules(), trace.CheckOptions{})
	require.NoError(t, err)
	byRule := map[string][]trace.ID{}
	for _, f := range res.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f.Item)
	}
	assert.Equal(t, []trace.ID{"SOUP-003"}, byRule["SBOM-050"])
	assert.Equal(t, []trace.ID{"pkg:composer/brick/math@0.9.3"}, byRule["SBOM-051"])
	assert.Equal(t, []trace.ID{"SOUP-002", "SOUP-003"}, byRule["SBOM-052"])
	assert.Equal(t, []trace.ID{"SOUP-003"}, byRule["SBOM-053"])
	assert.Equal(t, []trace.ID{"SOUP-002", "SOUP-003"}, byRule["SBOM-054"])
}

func TestContributionErrors(t *testing.T) {
	b := trace.NewBuilder()
	b.Add(Contribution{})
	_, err := b.Build()
	assert.Error(t, err)

	b = trace.NewBuilder()
	b.Add(Contribution{SBOM: compliantSBOM(), SOUP: []SOUP{{ID: "S-1"}}})
	_, err = b.Build()
	assert.ErrorIs(t, err, ErrInvalidSOUP)
}
