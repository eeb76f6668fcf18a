package sbom

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decodeTestSBOM(t *testing.T, path string) *SBOM {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	s, err := Decode(context.Background(), f, DecodeOptions{Name: path})
	require.NoError(t, err)
	return s
}

// TestMatchRealSBOMs matches the components of two real SBOMs (Maven and
// Composer purls as their tools write them, with qualifiers) against
// advisories written for two of their components.
func TestMatchRealSBOMs(t *testing.T) {
	ix := mustIndex(t,
		adv("GHSA-test-0001", "Maven", "com.fasterxml.jackson.core:jackson-databind",
			[]OSVRange{rng(RangeEcosystem, "introduced:2.9.0", "fixed:2.9.10.1")}),
		adv("GHSA-test-0002", "Packagist", "guzzlehttp/guzzle",
			[]OSVRange{rng(RangeEcosystem, "introduced:6.0.0", "fixed:6.5.9")}),
		adv("GHSA-test-0003", "Packagist", "guzzlehttp/psr7",
			[]OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:1.9.0")}))
	tests := []struct {
		file     string
		affected map[string]string // component → vulnerability
	}{
		{"testdata/sbom/dropwizard-1.3.15.cdx.json", map[string]string{
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10?type=jar": "GHSA-test-0001"}},
		{"testdata/sbom/dropwizard-1.3.15.cdx.xml", map[string]string{
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10?type=jar": "GHSA-test-0001"}},
		{"testdata/sbom/laravel-7.12.0.cdx-1.4.json", map[string]string{
			"pkg:composer/guzzlehttp/guzzle@6.5.8": "GHSA-test-0002"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := decodeTestSBOM(t, tt.file)
			require.NotEmpty(t, s.Components)
			rep, err := ix.MatchSBOM(context.Background(), s)
			require.NoError(t, err)
			require.Len(t, rep.Results, len(s.Components))
			got := map[string]string{}
			for _, r := range rep.Results {
				if r.Assessment == NotAssessed {
					// Only purl-less or versionless components may be unassessed.
					assert.Contains(t, []NotAssessedReason{ReasonNoPURL, ReasonNoVersion, ReasonUnknownEcosystem}, r.Reason, r.Component)
				}
				for _, m := range r.Matches {
					got[r.Component] = m.Vulnerability
				}
			}
			assert.Equal(t, tt.affected, got)
		})
	}
}
