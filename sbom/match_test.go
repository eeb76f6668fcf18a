package sbom

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNotAssessedReasons(t *testing.T) {
	ix := mustIndex(t, adv("A-1", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:2.0.0")}))
	tests := []struct {
		name   string
		c      Component
		want   Assessment
		reason NotAssessedReason
		detail string
	}{
		{"no purl", Component{BOMRef: "r1", Name: "foo", Version: Known("1.0.0")}, NotAssessed, ReasonNoPURL, "no package URL"},
		{"bad purl", Component{Name: "foo", PURL: "pkg:"}, NotAssessed, ReasonBadPURL, `"pkg:"`},
		{"generic type", comp("pkg:generic/openssl@1.1.1"), NotAssessed, ReasonUnknownEcosystem, `"generic"`},
		{"unknown distro", comp("pkg:deb/mint/foo@1.0"), NotAssessed, ReasonUnknownEcosystem, `"deb/mint"`},
		{"ecosystem not in the data", comp("pkg:cargo/serde@1.0.0"), NotAssessed, ReasonEcosystemNotCovered, "no crates.io records"},
		{"no version anywhere", comp("pkg:npm/foo"), NotAssessed, ReasonNoVersion, "neither"},
		{"version field when the purl has none", Component{Name: "foo", PURL: "pkg:npm/foo", Version: Known("1.0.0")}, AssessedAffected, "", ""},
		{"unreadable semver", comp("pkg:npm/foo@latest"), NotAssessed, ReasonBadVersion, "not a semantic version"},
		{"no digit in a PyPI version", comp("pkg:pypi/foo@dev"), NotAssessed, ReasonBadVersion, "no digit"},
		{"assessed and clean", comp("pkg:npm/foo@2.0.0"), AssessedClean, "", ""},
		{"unknown package is clean", comp("pkg:npm/bar@1.0.0"), AssessedClean, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ix.MatchComponent(&tt.c)
			assert.Equal(t, tt.want, r.Assessment)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Contains(t, r.Detail, tt.detail)
			assert.Equal(t, tt.c.Ref(), r.Component)
			if tt.name == "version field when the purl has none" {
				assert.Contains(t, r.Notes, "the package URL has no version; the component's version field was used")
			}
			if tt.want == NotAssessed {
				assert.True(t, r.Reason.Valid())
				assert.Empty(t, r.Matches)
			}
		})
	}
}

func TestAliasesJoinIntoOneVulnerability(t *testing.T) {
	a1 := adv("GHSA-aaaa", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:2.0.0")})
	a1.Aliases = []string{"CVE-2021-10000"}
	a1.Severity = []OSVSeverity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}
	a2 := adv("GO-2021-0001", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:1.0.0", "fixed:1.5.0")})
	a2.Aliases = []string{"GHSA-aaaa"}
	a2.Severity = []OSVSeverity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}, {Type: "CVSS_V4", Score: "CVSS:4.0/AV:N"}}
	a3 := adv("OSV-2021-1", "npm", "other", nil, "1.0.0")
	a3.Aliases = []string{"CVE-2021-10000", "CVE-2021-9999"}
	w := adv("W-1", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0")})
	w.Aliases = []string{"CVE-2021-9999"}
	w.Withdrawn = testModified
	ix := mustIndex(t, a3, w, a2, a1)

	c := comp("pkg:npm/foo@1.2.0")
	r := ix.MatchComponent(&c)
	require.Equal(t, AssessedAffected, r.Assessment)
	require.Len(t, r.Matches, 1, "two advisories of one vulnerability give one match")
	m := r.Matches[0]
	assert.Equal(t, "CVE-2021-9999", m.Vulnerability, "lowest CVE in natural order")
	assert.Equal(t, []string{"CVE-2021-10000", "GHSA-aaaa", "GO-2021-0001", "OSV-2021-1"}, m.Aliases)
	assert.Equal(t, []OSVSeverity{{"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}, {"CVSS_V4", "CVSS:4.0/AV:N"}}, m.Severity)
	require.Len(t, m.Evidence, 2)
	assert.Equal(t, "GHSA-aaaa", m.Evidence[0].Advisory)
	assert.Equal(t, "GO-2021-0001", m.Evidence[1].Advisory)
	require.Len(t, r.Notes, 1, "the withdrawn advisory is reported, not counted")
	assert.Contains(t, r.Notes[0], "W-1 would match")
	assert.Contains(t, r.Notes[0], "withdrawn on 2024-01-02")

	canon, aliases, ok := ix.Vulnerability("GO-2021-0001")
	require.True(t, ok)
	assert.Equal(t, "CVE-2021-9999", canon)
	assert.Contains(t, aliases, "OSV-2021-1")
	canon, _, ok = ix.Vulnerability("W-1")
	require.True(t, ok)
	assert.Equal(t, "W-1", canon, "a withdrawn record joins no group")
	assert.Equal(t, []string{"W-1"}, ix.Withdrawn())
	assert.Equal(t, 1, ix.Snapshot().Withdrawn)
}

func TestCanonicalVulnID(t *testing.T) {
	tests := []struct {
		ids  []string
		want string
	}{
		{[]string{"GHSA-xxxx", "CVE-2020-1", "GO-2020-0001"}, "CVE-2020-1"},
		{[]string{"CVE-2021-10000", "CVE-2021-9999"}, "CVE-2021-9999"},
		{[]string{"GO-2021-0101", "GHSA-jq7p-26h5-w78r"}, "GHSA-jq7p-26h5-w78r"},
		{[]string{"PYSEC-2021-10", "PYSEC-2021-9"}, "PYSEC-2021-9"},
		{nil, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.ids), func(t *testing.T) {
			assert.Equal(t, tt.want, CanonicalVulnID(tt.ids))
		})
	}
}

func TestSnapshotDigest(t *testing.T) {
	a := adv("A-1", "npm", "a", nil, "1.0.0")
	b := adv("B-1", "npm", "b", nil, "1.0.0")
	b.Modified = testModified.Add(time.Hour)
	s1 := mustIndex(t, a, b).Snapshot()
	s2 := mustIndex(t, b, a).Snapshot()
	assert.Equal(t, s1, s2, "input order does not matter")
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, s1.Digest)
	assert.Equal(t, b.Modified, s1.LatestModified)
	assert.Equal(t, 2, s1.Advisories)
	b.Modified = b.Modified.Add(time.Second)
	assert.NotEqual(t, s1.Digest, mustIndex(t, a, b).Snapshot().Digest, "a new revision changes the digest")

	_, err := BuildIndex(context.Background(), []Advisory{a, a}, IndexOptions{})
	assert.ErrorIs(t, err, ErrOSVInvalid)
}

func TestMatchIsSafeForConcurrentUse(t *testing.T) {
	ix := mustIndex(t,
		adv("A-1", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:2.0.0")}),
		adv("A-2", "PyPI", "bar", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:2.0")}),
		adv("A-3", "Maven", "g:a", []OSVRange{rng(RangeEcosystem, "introduced:1.0-alpha", "fixed:1.0.1.Final")}),
		adv("A-4", "Debian:12", "d", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:1:2.0-1")}),
		adv("A-5", "Alpine:v3.20", "a", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:2.0_rc1-r0")}),
		adv("A-6", "RubyGems", "r", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:2.0.0.pre")}),
		adv("A-7", "NuGet", "n", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:2.0.0-beta")}),
		adv("A-8", "Packagist", "v/p", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:2.0.0-RC1")}))
	comps := []Component{comp("pkg:npm/foo@1.0.0"), comp("pkg:pypi/bar@1.0"), comp("pkg:pypi/bar@3.0"), comp("pkg:generic/x@1"),
		comp("pkg:maven/g/a@1.0"), comp("pkg:deb/debian/d@1:1.9-2"), comp("pkg:apk/alpine/a@1.9-r3"),
		comp("pkg:gem/r@1.9"), comp("pkg:nuget/n@1.9.0"), comp("pkg:composer/v/p@1.9.0")}
	want, err := ix.MatchComponents(context.Background(), comps)
	require.NoError(t, err)
	var wg sync.WaitGroup
	results := make([]*MatchReport, 8)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[g], _ = ix.MatchComponents(context.Background(), comps)
		}()
	}
	wg.Wait()
	for _, r := range results {
		assert.Equal(t, want, r)
	}
	assert.Equal(t, map[Assessment]int{AssessedAffected: 8, AssessedClean: 1, NotAssessed: 1}, want.Counts())
}

func TestMatchSBOMSkipsThePrimaryComponent(t *testing.T) {
	ix := mustIndex(t, adv("A-1", "npm", "foo", []OSVRange{rng(RangeSemver, "introduced:0")}))
	s := &SBOM{Metadata: Metadata{Component: &Component{Name: "device", PURL: "pkg:npm/foo@1.0.0"}},
		Components: []Component{comp("pkg:npm/foo@1.0.0")}}
	rep, err := ix.MatchSBOM(context.Background(), s)
	require.NoError(t, err)
	require.Len(t, rep.Results, 1)
	assert.Equal(t, "pkg:npm/foo@1.0.0", rep.Results[0].Component)
	assert.Equal(t, []string{"A-1"}, rep.Results[0].Vulnerabilities())

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = ix.MatchSBOM(ctx, s)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestEcosystemOf(t *testing.T) {
	tests := []struct{ purl, eco, name string }{
		{"pkg:golang/github.com/gin-gonic/gin@v1.5.0", "Go", "github.com/gin-gonic/gin"},
		{"pkg:golang/github.com/RobotsAndPencils/go-saml@v1", "Go", "github.com/robotsandpencils/go-saml"},
		{"pkg:npm/%40angular/core@1.0.0", "npm", "@angular/core"},
		{"pkg:pypi/Django_Rest.framework@1", "PyPI", "django-rest-framework"},
		{"pkg:maven/org.apache/commons@1", "Maven", "org.apache:commons"},
		{"pkg:cargo/serde@1", "crates.io", "serde"},
		{"pkg:cargo/Tokio_Util@1", "crates.io", "tokio-util"},
		{"pkg:gem/rails@1", "RubyGems", "rails"},
		{"pkg:nuget/Newtonsoft.Json@1", "NuGet", "newtonsoft.json"},
		{"pkg:composer/Laravel/Framework@1", "Packagist", "laravel/framework"},
		{"pkg:deb/debian/curl@1", "Debian", "curl"},
		{"pkg:deb/ubuntu/curl@1", "Ubuntu", "curl"},
		{"pkg:apk/alpine/busybox@1", "Alpine", "busybox"},
		{"pkg:rpm/redhat/openssl@1", "Red Hat", "openssl"},
		{"pkg:hex/Phoenix@1", "Hex", "phoenix"},
		{"pkg:pub/http@1", "Pub", "http"},
		{"pkg:swift/github.com/apple/swift-nio@1", "SwiftURL", "github.com/apple/swift-nio"},
		{"pkg:swift/github.com/Apple/swift-nio@1", "SwiftURL", "github.com/apple/swift-nio"},
	}
	for _, tt := range tests {
		t.Run(tt.purl, func(t *testing.T) {
			c := comp(tt.purl)
			p, err := c.ParsePURL()
			require.NoError(t, err)
			eco, name, ok := EcosystemOf(p)
			require.True(t, ok)
			assert.Equal(t, tt.eco, eco)
			assert.Equal(t, tt.name, name)
			assert.True(t, osvVersionOrdered(eco), "every mapped ecosystem has a version order")
		})
	}
	c := comp("pkg:generic/x@1")
	p, err := c.ParsePURL()
	require.NoError(t, err)
	_, _, ok := EcosystemOf(p)
	assert.False(t, ok)
}

func TestOSVEnumsAndAccessors(t *testing.T) {
	for _, k := range []OSVEventKind{EventIntroduced, EventFixed, EventLastAffected, EventLimit} {
		assert.True(t, k.Valid(), k)
	}
	for _, r := range []OSVRangeType{RangeSemver, RangeEcosystem, RangeGit} {
		assert.True(t, r.Valid(), r)
	}
	for _, a := range []Assessment{AssessedAffected, AssessedClean, NotAssessed} {
		assert.True(t, a.Valid(), a)
	}
	assert.False(t, OSVEventKind("").Valid())
	assert.False(t, OSVRangeType("").Valid())
	assert.False(t, Assessment("").Valid())
	assert.False(t, NotAssessedReason("").Valid())
	assert.Equal(t, "fixed 1.2.5", OSVEvent{EventFixed, "1.2.5"}.String())

	ix := mustIndex(t, adv("A-1", "npm", "foo", nil, "1.0.0"))
	a, ok := ix.Advisory("A-1")
	require.True(t, ok)
	assert.Equal(t, "summary of A-1", a.Summary)
	_, ok = ix.Advisory("A-2")
	assert.False(t, ok)
}
