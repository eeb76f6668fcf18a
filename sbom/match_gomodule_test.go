package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoPackagePathMatchesItsModule: Go advisories are filed by module
// path, so a purl naming a package inside the module must still match,
// never read as clean.
func TestGoPackagePathMatchesItsModule(t *testing.T) {
	adv := Advisory{ID: "GO-2021-0227", Affected: []OSVAffected{{
		Package: OSVPackage{Ecosystem: "Go", Name: "golang.org/x/crypto"},
		Ranges: []OSVRange{{Type: RangeSemver, Events: []OSVEvent{
			{Kind: EventIntroduced, Version: "0"}, {Kind: EventFixed, Version: "0.0.0-20201216223049-8b5274cf687f"}}}},
	}}}
	ix, err := BuildIndex(context.Background(), []Advisory{adv}, IndexOptions{})
	require.NoError(t, err)
	tests := []struct {
		purl  string
		want  Assessment
		note  bool
		match int
	}{
		{"pkg:golang/golang.org/x/crypto@v0.0.0-20200220183623-bac4c82f6975", AssessedAffected, false, 1},
		{"pkg:golang/golang.org/x/crypto/ssh@v0.0.0-20200220183623-bac4c82f6975", AssessedAffected, true, 1},
		{"pkg:golang/golang.org/x/crypto/ssh/agent@v0.0.0-20210220183623-bac4c82f6975", AssessedClean, true, 0},
		{"pkg:golang/golang.org/x/net/html@v0.0.0-20200220183623-bac4c82f6975", AssessedClean, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.purl, func(t *testing.T) {
			r := ix.MatchComponent(&Component{PURL: tt.purl})
			assert.Equal(t, tt.want, r.Assessment)
			assert.Len(t, r.Matches, tt.match)
			found := false
			for _, n := range r.Notes {
				found = found || strings.Contains(n, "module path golang.org/x/crypto")
			}
			assert.Equal(t, tt.note, found, "%v", r.Notes)
		})
	}
}
