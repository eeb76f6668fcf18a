package sbom

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testModified = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// rng builds a range from "kind:version" events.
func rng(typ OSVRangeType, events ...string) OSVRange {
	r := OSVRange{Type: typ}
	if typ == RangeGit {
		r.Repo = "https://example.invalid/repo.git"
	}
	for _, e := range events {
		k, v, _ := strings.Cut(e, ":")
		r.Events = append(r.Events, OSVEvent{Kind: OSVEventKind(k), Version: v})
	}
	return r
}

func adv(id, eco, name string, ranges []OSVRange, versions ...string) Advisory {
	return Advisory{ID: id, Modified: testModified, Summary: "summary of " + id,
		Affected: []OSVAffected{{Package: OSVPackage{Ecosystem: eco, Name: name}, Ranges: ranges, Versions: versions}}}
}

func comp(purl string) Component {
	return Component{BOMRef: "ref-" + purl, Name: "c", PURL: purl}
}

func mustIndex(t testing.TB, advs ...Advisory) *Index {
	t.Helper()
	ix, err := BuildIndex(context.Background(), advs, IndexOptions{})
	require.NoError(t, err)
	return ix
}

func TestRangeSemanticsPerEcosystem(t *testing.T) {
	type check struct {
		purl   string
		want   Assessment
		reason string // substring of the first evidence reason, or of Detail
	}
	tests := []struct {
		name   string
		adv    Advisory
		checks []check
	}{
		{"npm introduced 0, fixed (exclusive)",
			adv("A-1", "npm", "left-pad", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:1.2.5")}),
			[]check{
				{"pkg:npm/left-pad@1.2.3", AssessedAffected, "introduced 0 ≤ 1.2.3 < fixed 1.2.5 (SEMVER)"},
				{"pkg:npm/left-pad@1.2.5", AssessedClean, ""},
				{"pkg:npm/left-pad@1.2.5-rc.1", AssessedAffected, "< fixed 1.2.5"},
				{"pkg:npm/left-pad@2.0.0", AssessedClean, ""},
			}},
		{"last_affected is inclusive",
			adv("A-2", "npm", "x", []OSVRange{rng(RangeSemver, "introduced:1.0.0", "last_affected:1.4.0")}),
			[]check{
				{"pkg:npm/x@1.4.0", AssessedAffected, "introduced 1.0.0 ≤ 1.4.0 ≤ last_affected 1.4.0 (SEMVER)"},
				{"pkg:npm/x@1.4.1", AssessedClean, ""},
				{"pkg:npm/x@0.9.9", AssessedClean, ""},
			}},
		{"limit bounds the range (exclusive)",
			adv("A-3", "PyPI", "pkg", []OSVRange{rng(RangeEcosystem, "introduced:1.0", "limit:2.0", "introduced:3.0")}),
			[]check{
				{"pkg:pypi/pkg@1.5", AssessedAffected, "< limit 2.0 (ECOSYSTEM)"},
				{"pkg:pypi/pkg@2.0", AssessedClean, ""},
				{"pkg:pypi/pkg@3.1", AssessedClean, ""},
			}},
		{"several introduced/fixed pairs (Go stdlib)",
			adv("GO-1", "Go", "stdlib", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:1.14.14", "introduced:1.15.0-0", "fixed:1.15.7")}),
			[]check{
				{"pkg:golang/stdlib@v1.14.13", AssessedAffected, "introduced 0 ≤ v1.14.13 < fixed 1.14.14"},
				{"pkg:golang/stdlib@v1.14.14", AssessedClean, ""},
				{"pkg:golang/stdlib@go1.15.6", AssessedAffected, "introduced 1.15.0-0 ≤ go1.15.6 < fixed 1.15.7"},
				{"pkg:golang/stdlib@1.15.7", AssessedClean, ""},
			}},
		{"unsorted events are sorted by version",
			adv("A-4", "npm", "u", []OSVRange{rng(RangeSemver, "fixed:1.5.0", "introduced:2.0.0", "fixed:2.1.0", "introduced:1.0.0")}),
			[]check{
				{"pkg:npm/u@1.2.0", AssessedAffected, "introduced 1.0.0 ≤ 1.2.0 < fixed 1.5.0"},
				{"pkg:npm/u@1.7.0", AssessedClean, ""},
				{"pkg:npm/u@2.0.5", AssessedAffected, "introduced 2.0.0 ≤ 2.0.5 < fixed 2.1.0"},
			}},
		{"a second introduced inside an open interval changes nothing",
			adv("A-5", "npm", "d", []OSVRange{rng(RangeSemver, "introduced:1.0.0", "introduced:1.5.0", "fixed:2.0.0")}),
			[]check{{"pkg:npm/d@1.2.0", AssessedAffected, "introduced 1.0.0 ≤ 1.2.0 < fixed 2.0.0"}}},
		{"introduced without fix",
			adv("A-6", "crates.io", "smallvec", []OSVRange{rng(RangeSemver, "introduced:1.6.0")}),
			[]check{
				{"pkg:cargo/smallvec@1.9.0", AssessedAffected, "introduced 1.6.0 ≤ 1.9.0, no fixed version (SEMVER)"},
				{"pkg:cargo/smallvec@1.5.9", AssessedClean, ""},
			}},
		{"versions list only",
			adv("A-7", "PyPI", "listed", nil, "1.0", "1.1"),
			[]check{
				{"pkg:pypi/listed@1.1", AssessedAffected, "1.1 is listed in versions[]"},
				{"pkg:pypi/listed@1.2", AssessedClean, ""},
			}},
		{"Go pseudo-versions and the v prefix",
			adv("GO-2", "Go", "golang.org/x/crypto", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:0.0.0-20200220183623-bac4c82f6975")}),
			[]check{
				{"pkg:golang/golang.org/x/crypto@v0.0.0-20200101000000-aaaaaaaaaaaa", AssessedAffected, "fixed 0.0.0-20200220183623-bac4c82f6975"},
				{"pkg:golang/golang.org/x/crypto@v0.0.0-20210101000000-aaaaaaaaaaaa", AssessedClean, ""},
				{"pkg:golang/golang.org/x/crypto@v0.1.0", AssessedClean, ""},
			}},
		{"Go pseudo-versions on a release and a pre-release base",
			adv("GO-4", "Go", "example.com/m", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:1.2.4-0.20191109021931-daa7c04131f5",
				"introduced:2.0.0-rc.1", "fixed:2.0.0-rc.1.0.20200101000000-bbbbbbbbbbbb")}),
			[]check{
				{"pkg:golang/example.com/m@v1.2.3", AssessedAffected, ""},
				{"pkg:golang/example.com/m@v1.2.4-0.20190101000000-aaaaaaaaaaaa", AssessedAffected, ""},
				{"pkg:golang/example.com/m@v1.2.4-0.20200101000000-aaaaaaaaaaaa", AssessedClean, ""},
				{"pkg:golang/example.com/m@v1.2.4", AssessedClean, ""},
				{"pkg:golang/example.com/m@v2.0.0-rc.1", AssessedAffected, ""},
				{"pkg:golang/example.com/m@v2.0.0-rc.1.0.20190601000000-cccccccccccc", AssessedAffected, ""},
				{"pkg:golang/example.com/m@v2.0.0-rc.2", AssessedClean, ""},
				{"pkg:golang/example.com/m@v3.0.0+incompatible", AssessedClean, ""},
			}},
		{"Go module paths compare without case (purls lower-case them)",
			adv("GO-3", "Go", "github.com/RobotsAndPencils/go-saml", []OSVRange{rng(RangeSemver, "introduced:0")}),
			[]check{
				{"pkg:golang/github.com/RobotsAndPencils/go-saml@v0.0.0-20150101000000-abcdefabcdef", AssessedAffected, ""},
				{"pkg:golang/github.com/robotsandpencils/go-saml@v1.0.0", AssessedAffected, ""},
			}},
		{"Maven group:artifact and Maven order",
			adv("A-8", "Maven", "org.apache.logging.log4j:log4j-core", []OSVRange{rng(RangeEcosystem, "introduced:2.0-beta9", "fixed:2.15.0")}),
			[]check{
				{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", AssessedAffected, "(ECOSYSTEM)"},
				{"pkg:maven/org.apache.logging.log4j/log4j-core@2.0-rc1", AssessedAffected, ""},
				{"pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0", AssessedClean, ""},
				{"pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1", AssessedClean, ""},
			}},
		{"PyPI PEP 503 names and PEP 440 order",
			adv("A-9", "PyPI", "PyYAML", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:5.4")}),
			[]check{
				{"pkg:pypi/pyyaml@5.4rc1", AssessedAffected, ""},
				{"pkg:pypi/py.yaml@5.3", AssessedClean, ""},
				{"pkg:pypi/PyYAML@5.4", AssessedClean, ""},
			}},
		{"Debian release suffix and dpkg order",
			adv("DSA-1", "Debian:11", "openssl", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:1.1.1n-0+deb11u1")}),
			[]check{
				{"pkg:deb/debian/openssl@1.1.1k-1+deb11u1?distro=debian-11", AssessedAffected, ""},
				{"pkg:deb/debian/openssl@1.1.1k-1+deb11u1?distro=debian-12", AssessedClean, ""},
				{"pkg:deb/debian/openssl@1.1.1k-1+deb11u1?distro=bullseye", AssessedAffected, ""},
				{"pkg:deb/debian/openssl@1.1.1n-0+deb11u1", AssessedClean, ""},
			}},
		{"Alpine order",
			adv("ALPINE-1", "Alpine:v3.16", "busybox", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:1.35.0-r17")}),
			[]check{
				{"pkg:apk/alpine/busybox@1.35.0-r13?distro=alpine-3.16", AssessedAffected, ""},
				{"pkg:apk/alpine/busybox@1.35.0-r13?distro=alpine-3.16.2", AssessedAffected, ""},
				{"pkg:apk/alpine/busybox@1.35.0-r13?distro=alpine-3.17", AssessedClean, ""},
				{"pkg:apk/alpine/busybox@1.35.0-r17?distro=alpine-3.16", AssessedClean, ""},
			}},
		{"NuGet names are case-insensitive",
			adv("A-10", "NuGet", "Newtonsoft.Json", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:13.0.1")}),
			[]check{{"pkg:nuget/newtonsoft.json@12.0.1", AssessedAffected, ""}}},
		{"Packagist vendor/name",
			adv("A-11", "Packagist", "laravel/framework", []OSVRange{rng(RangeEcosystem, "introduced:0", "fixed:7.30.4")}),
			[]check{{"pkg:composer/laravel/framework@7.12.0", AssessedAffected, ""}}},
		{"RubyGems order",
			adv("A-12", "RubyGems", "rails", []OSVRange{rng(RangeEcosystem, "introduced:6.0.0", "fixed:6.0.3.1")}),
			[]check{
				{"pkg:gem/rails@6.0.3", AssessedAffected, ""},
				{"pkg:gem/rails@6.0.3.1", AssessedClean, ""},
			}},
		{"GIT range only cannot be evaluated",
			adv("OSV-1", "npm", "g", []OSVRange{rng(RangeGit, "introduced:abc123", "fixed:def456")}),
			[]check{{"pkg:npm/g@1.0.0", NotAssessed, "only GIT ranges"}}},
		{"GIT range with a versions list is matched by the list",
			adv("OSV-2", "npm", "h", []OSVRange{rng(RangeGit, "introduced:abc123", "fixed:def456")}, "1.0.0"),
			[]check{
				{"pkg:npm/h@1.0.0", AssessedAffected, "listed in versions[]"},
				{"pkg:npm/h@1.0.1", AssessedClean, "OSV-2 affected[0]: its GIT range is not evaluated"},
			}},
		{"an event version the order cannot read leaves the component unassessed",
			adv("A-13", "npm", "bad", []OSVRange{rng(RangeSemver, "introduced:0", "fixed:next")}),
			[]check{{"pkg:npm/bad@1.0.0", NotAssessed, "not a semantic version"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := mustIndex(t, tt.adv)
			for _, c := range tt.checks {
				cc := comp(c.purl)
				r := ix.MatchComponent(&cc)
				require.Equal(t, c.want, r.Assessment, "%s: %+v", c.purl, r)
				switch c.want {
				case AssessedAffected:
					require.Len(t, r.Matches, 1, c.purl)
					assert.Contains(t, r.Matches[0].Evidence[0].Reason, c.reason, c.purl)
					assert.Equal(t, tt.adv.ID, r.Matches[0].Evidence[0].Advisory)
				case NotAssessed:
					assert.Equal(t, ReasonUnevaluable, r.Reason)
					assert.Contains(t, r.Detail, c.reason)
				case AssessedClean:
					assert.Empty(t, r.Matches, c.purl)
					if c.reason != "" {
						require.Len(t, r.Notes, 1)
						assert.Contains(t, r.Notes[0], c.reason)
					}
				}
			}
		})
	}
}

func TestIndexProblemsListUnevaluableRanges(t *testing.T) {
	ix := mustIndex(t,
		adv("OSV-1", "npm", "g", []OSVRange{rng(RangeGit, "introduced:abc123")}),
		adv("A-1", "npm", "ok", []OSVRange{rng(RangeSemver, "introduced:0")}))
	probs := ix.Problems()
	require.Len(t, probs, 1)
	assert.Equal(t, "OSV-1", probs[0].Advisory)
	assert.Equal(t, "affected[0].ranges[0]", probs[0].Path)
	assert.Contains(t, probs[0].Detail, "GIT range")
}
