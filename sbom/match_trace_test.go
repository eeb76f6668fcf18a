package sbom

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// matchedWithVEX matches two components against one vulnerability and
// states VEX for one of them.
func matchedWithVEX(t *testing.T) (*SBOM, *VEXApplication) {
	t.Helper()
	a := adv("GHSA-aaaa", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:2.0.0")})
	a.Aliases = []string{"CVE-2024-1"}
	a.Source = "osv/GHSA-aaaa.json"
	ix := mustIndex(t, a)
	s := &SBOM{Components: []Component{
		{BOMRef: "foo-1", Name: "foo", PURL: "pkg:npm/foo@1.0.0"},
		{BOMRef: "foo-2", Name: "foo", PURL: "pkg:npm/foo@1.5.0"},
		{BOMRef: "bare", Name: "bare"},
	}}
	rep, err := ix.MatchSBOM(context.Background(), s)
	require.NoError(t, err)
	doc := &VEXDocument{Statements: []VEXStatement{{Vulnerability: "GHSA-aaaa", Status: VEXNotAffected,
		Justification: JustVulnerableCodeNotInExecutePath, Products: []VEXProduct{{PURL: "pkg:npm/foo@1.0.0"}}}}}
	require.NoError(t, doc.Validate())
	return s, ApplyVEX(rep, VEXApplyOptions{}, doc)
}

func TestContributeVulnerabilities(t *testing.T) {
	s, app := matchedWithVEX(t)
	b := trace.NewBuilder()
	b.Add(Contribution{SBOM: s})
	b.Add(app.Report)
	g, err := b.Build()
	require.NoError(t, err)

	it, ok := g.Item("CVE-2024-1")
	require.True(t, ok)
	assert.Equal(t, KindVulnerability, it.Kind)
	assert.Equal(t, "summary of GHSA-aaaa", it.Title)
	assert.Equal(t, "GHSA-aaaa", it.Attr(AttrAliases))
	assert.Equal(t, "not_affected", it.Attr(AttrVEXStatusPrefix+"pkg:npm/foo@1.0.0"))
	assert.Equal(t, VEXUnstated, it.Attr(AttrVEXStatusPrefix+"pkg:npm/foo@1.5.0"))
	assert.Equal(t, VEXUnstated, it.Attr(AttrVEXStatus), "the most severe status over components")
	assert.Contains(t, it.Attr(AttrReasonPrefix+"pkg:npm/foo@1.5.0"), "GHSA-aaaa affected[0].ranges[0]: introduced 0 ≤ 1.5.0 < fixed 2.0.0 (SEMVER)")
	assert.Equal(t, app.Report.Snapshot.Digest, it.Attr(AttrSnapshot))
	assert.False(t, it.Fingerprint.IsZero())
	assert.Equal(t, "osv/GHSA-aaaa.json", it.Pos.File)
	assert.Equal(t, []trace.ID{"pkg:npm/foo@1.0.0", "pkg:npm/foo@1.5.0"}, g.Neighbours("CVE-2024-1", trace.Out, trace.Affects))

	// A change of VEX status changes the fingerprint.
	before := it.Fingerprint
	app.Report.Results[1].Matches[0].VEX = &VEXOutcome{Status: VEXAffected, ActionStatement: "update"}
	b2 := trace.NewBuilder()
	b2.Add(Contribution{SBOM: s})
	b2.Add(app.Report)
	g2, err := b2.Build()
	require.NoError(t, err)
	it2, _ := g2.Item("CVE-2024-1")
	assert.NotEqual(t, before, it2.Fingerprint)
	assert.Equal(t, "affected", it2.Attr(AttrVEXStatus))
}

func TestVulnerabilityDataFromReport(t *testing.T) {
	_, app := matchedWithVEX(t)
	vd := app.Report.VulnerabilityData()
	assert.Equal(t, []VulnerabilityStatus{
		{Component: "pkg:npm/foo@1.0.0", Vulnerability: "CVE-2024-1", DiscoveryMethod: DiscoveryOSVMatch, Status: "not_affected"},
		{Component: "pkg:npm/foo@1.5.0", Vulnerability: "CVE-2024-1", DiscoveryMethod: DiscoveryOSVMatch},
	}, vd.Statuses)
	require.Len(t, vd.Unassessed, 1)
	assert.Equal(t, "bare", vd.Unassessed[0].Component)
	assert.True(t, strings.HasPrefix(vd.Unassessed[0].Reason, "no-purl: "))
}
