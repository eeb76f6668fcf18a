package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "differs from %s (go test -update rewrites it)", path)
}

func laravelWithSOUP(t *testing.T) (*SBOM, []SOUP) {
	t.Helper()
	s, err := DecodeCycloneDXJSON(context.Background(), bytes.NewReader(readTestdata(t, "sbom", "laravel-7.12.0.cdx-1.4.json")), DecodeOptions{Name: "laravel-7.12.0.cdx-1.4.json"})
	require.NoError(t, err)
	var recs []SOUP
	require.NoError(t, json.Unmarshal(readTestdata(t, "soup", "laravel-soup.json"), &recs))
	return s, recs
}

func TestAnnotate(t *testing.T) {
	s, recs := laravelWithSOUP(t)
	out, rep, err := Annotate(s, recs)
	require.NoError(t, err)
	assert.Equal(t, []SOUPMatch{
		{SOUP: "SOUP-001", Component: "pkg:composer/brick/math@0.9.3"},
		{SOUP: "SOUP-002", Component: "pkg:composer/doctrine/lexer@1.2.3"},
	}, rep.Matches)
	assert.Equal(t, []string{"SOUP-003"}, rep.Unmatched)
	assert.Len(t, rep.Unannotated, len(s.Components)-2)
	assert.NotContains(t, rep.Unannotated, "pkg:composer/brick/math@0.9.3")

	math, ok := out.Component("brick/math-0.9.3.0")
	require.True(t, ok)
	assert.Equal(t, SupportActive, math.Support.Level)
	assert.Equal(t, "2027-12-31", math.Support.EndOfSupport)
	assert.Equal(t, Origin{Document: "SOUP-001", Format: FormatSOUP, Path: "soup:SOUP-001"}, math.OriginOf(FieldSupport))
	assert.Equal(t, "laravel-7.12.0.cdx-1.4.json", math.OriginOf(FieldName).Document)
	v, ok := math.Property(PropUsedBy)
	assert.True(t, ok)
	assert.Equal(t, "SWI-DOSE", v)

	orig, _ := s.Component("brick/math-0.9.3.0")
	assert.True(t, orig.Support.IsZero(), "Annotate must not modify its input")

	var buf bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&buf, out, EncodeOptions{}))
	golden(t, "laravel-enriched.cdx.json", buf.Bytes())

	// The submission SBOM is schema-valid and reads back with its FDA fields.
	require.NoError(t, NewValidator().ValidateJSON(context.Background(), bytes.NewReader(buf.Bytes()), DecodeOptions{}))
	back, err := DecodeCycloneDXJSON(context.Background(), bytes.NewReader(buf.Bytes()), DecodeOptions{})
	require.NoError(t, err)
	m2, _ := back.Component("brick/math-0.9.3.0")
	assert.Equal(t, math.Support, m2.Support)
	lexer, _ := back.Component("doctrine/lexer-1.2.3.0")
	assert.Equal(t, SupportUnknown, lexer.Support.Level)
	assert.Equal(t, "no published support policy; monitored each release", lexer.Support.Justification)

	// The FDA support check now passes for the annotated components only.
	rep2 := runProfile(t, back, FDA(), &VulnerabilityData{})
	for _, f := range rep2.Result.Findings {
		if f.Rule == "SBOM-020" {
			assert.NotEqual(t, "pkg:composer/brick/math@0.9.3", string(f.Item))
			assert.NotEqual(t, "pkg:composer/doctrine/lexer@1.2.3", string(f.Item))
		}
	}
}

func TestValidateSOUP(t *testing.T) {
	err := ValidateSOUP([]SOUP{
		{ID: "S-1", PURL: "pkg:npm/a@1"},
		{ID: "S-1", Name: "b"},
		{PURL: "not a purl"},
		{ID: "S-3"},
		{ID: "S-4", Name: "c", Support: Support{Level: "sometimes", EndOfSupport: "soon"}, UsedBy: []string{" "}},
	})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrInvalidSOUP))
	for _, want := range []string{"soup[1].id (S-1): duplicate ID", "soup[2].id (no ID)", "soup[2].purl", "soup[3] (S-3): purl or name",
		"soup[4].support.level", "soup[4].support.endOfSupport", "soup[4].usedBy[0]"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NoError(t, ValidateSOUP([]SOUP{{ID: "S-1", PURL: "pkg:npm/a@1"}}))
	_, _, err = Annotate(&SBOM{}, []SOUP{{ID: ""}})
	assert.ErrorIs(t, err, ErrInvalidSOUP)
}

func TestSOUPMatching(t *testing.T) {
	c := Component{Name: "jackson-core", Group: "com.fasterxml", Version: Known("2.9.10"),
		PURL: "pkg:maven/com.fasterxml/jackson-core@2.9.10?type=jar"}
	for _, tt := range []struct {
		rec  SOUP
		want bool
	}{
		{SOUP{PURL: "pkg:maven/com.fasterxml/jackson-core@2.9.10"}, true},
		{SOUP{PURL: "pkg:maven/com.fasterxml/jackson-core"}, true},
		{SOUP{PURL: "pkg:maven/com.fasterxml/jackson-core@2.9.11"}, false},
		{SOUP{PURL: "pkg:npm/jackson-core@2.9.10"}, false},
		{SOUP{Name: "com.fasterxml/jackson-core", Version: "2.9.10"}, true},
		{SOUP{Name: "jackson-core"}, true},
		{SOUP{Name: "jackson-core", Version: "1"}, false},
	} {
		assert.Equal(t, tt.want, tt.rec.matches(&c), "%+v", tt.rec)
	}
}
