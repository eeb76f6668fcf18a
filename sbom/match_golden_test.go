package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goCorpusComponents are components of a fictitious device matched against
// the Go vulnerability database sample in testdata/osv/go.
func goCorpusComponents() []Component {
	c := func(purl string) Component { return Component{BOMRef: "ref:" + purl, Name: "component", PURL: purl} }
	return []Component{
		c("pkg:golang/github.com/gin-gonic/gin@v1.5.0"),
		c("pkg:golang/github.com/apache/thrift@v0.12.0"),
		c("pkg:golang/github.com/apache/thrift@v0.13.0"),
		c("pkg:golang/golang.org/x/crypto@v0.0.0-20200115085410-6d4e4cb37c7d"),
		c("pkg:golang/stdlib@go1.15.6"),
		c("pkg:golang/github.com/tidwall/gjson@v1.6.0"),
		c("pkg:golang/go.etcd.io/etcd@v3.3.10+incompatible"),
		c("pkg:golang/github.com/dgrijalva/jwt-go@v3.2.0+incompatible"),
		c("pkg:golang/gopkg.in/yaml.v2@v2.2.2"),
		c("pkg:golang/github.com/evanphx/json-patch@v3.0.0+incompatible"),
		c("pkg:golang/github.com/foo/bar"),
		c("pkg:golang/github.com/foo/bar@latest"),
		c("pkg:npm/left-pad@1.3.0"),
		c("pkg:generic/openssl@1.1.1k"),
		{BOMRef: "vendored-lib", Name: "vendored-lib", Version: Known("2.0")},
	}
}

func goCorpusIndex(t testing.TB) *Index {
	t.Helper()
	snap, err := LoadOSVFS(context.Background(), os.DirFS("testdata/osv/go"), OSVOptions{})
	require.NoError(t, err)
	ix, err := BuildIndex(context.Background(), snap.Advisories, IndexOptions{})
	require.NoError(t, err)
	return ix
}

func TestMatchReportGolden(t *testing.T) {
	ix := goCorpusIndex(t)
	assert.Equal(t, []string{"Go"}, ix.Ecosystems())
	assert.Empty(t, ix.Problems())
	rep, err := ix.MatchComponents(context.Background(), goCorpusComponents())
	require.NoError(t, err)

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(rep))
	golden := filepath.Join("testdata", "osv", "match-report.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), buf.String())

	// Spot checks that do not depend on the golden file.
	byRef := map[string]ComponentResult{}
	for _, r := range rep.Results {
		byRef[r.Component] = r
	}
	thrift := byRef["pkg:golang/github.com/apache/thrift@v0.12.0"]
	require.Len(t, thrift.Matches, 1)
	assert.Equal(t, "CVE-2019-0210", thrift.Matches[0].Vulnerability)
	assert.Equal(t, "introduced 0.0.0-20151001171628-53dd39833a08 ≤ v0.12.0 < fixed 0.13.0 (SEMVER)", thrift.Matches[0].Evidence[0].Reason)
	assert.Equal(t, AssessedClean, byRef["pkg:golang/github.com/apache/thrift@v0.13.0"].Assessment)
	assert.Len(t, byRef["pkg:golang/golang.org/x/crypto@v0.0.0-20200115085410-6d4e4cb37c7d"].Matches, 3)
	assert.Len(t, byRef["pkg:golang/github.com/tidwall/gjson@v1.6.0"].Matches, 3)
	assert.Equal(t, AssessedAffected, byRef["pkg:golang/github.com/evanphx/json-patch@v3.0.0+incompatible"].Assessment)
	assert.Equal(t, ReasonEcosystemNotCovered, byRef["pkg:npm/left-pad@1.3.0"].Reason)
	assert.Equal(t, ReasonNoPURL, byRef["vendored-lib"].Reason)
	assert.Equal(t, map[Assessment]int{AssessedAffected: 8, AssessedClean: 2, NotAssessed: 5}, rep.Counts())
}
