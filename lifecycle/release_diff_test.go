package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func TestReleaseBaselineLeavesOutProcessRecords(t *testing.T) {
	g := pmGraph(t, pmProject())
	b := ReleaseBaseline(g, "1.1.0", pmAt(30))
	assert.Equal(t, "1.1.0", b.Name)
	_, ok := b.Lookup("ITM-1")
	assert.True(t, ok)
	for _, id := range []trace.ID{"PR-1", "CR-1", "REL-1.0", "SIG-1", "RES-1"} {
		_, ok := b.Lookup(id)
		assert.False(t, ok, id)
	}
}

func TestDiffReleasesImpact(t *testing.T) {
	p := pmProject()
	old := ReleaseBaseline(pmGraph(t, p), "1.0.0", pmAt(0))
	p.Releases[0].Baseline = &old
	p.Items[1].Description = "dims at night" // ITM-2 changes
	p.Requirements = append(p.Requirements, Requirement{ID: "SRS-3", Title: "Night mode", Level: LevelSoftware,
		Category: CategoryFunctional, AllocatedTo: []trace.ID{"ITM-2"}})
	g := pmGraph(t, p)

	d, err := DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{})
	require.NoError(t, err)
	assert.Equal(t, []trace.ID{"ITM-2", "SRS-3"}, d.Items.ChangedIDs())
	assert.Equal(t, []trace.ID{"ITM-2", "SRS-3"}, d.Impact.Changed)
	ids := func(rs []ImpactedRecord) []trace.ID {
		var out []trace.ID
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	assert.Equal(t, []trace.ID{"SRS-2"}, ids(d.Impact.Requirements))
	assert.Equal(t, []trace.ID{"TST-2"}, ids(d.Impact.Tests))
	assert.Empty(t, d.Impact.Risk, "the display causes no hazard")
	require.Len(t, d.Impact.Tests, 1)
	assert.Equal(t, []trace.Hop{{From: "SRS-2", Type: trace.AllocatedTo, To: "ITM-2"}, {From: "TST-2", Type: trace.Verifies, To: "SRS-2"}},
		d.Impact.Tests[0].Path)

	// A depth limit stops the walk.
	d, err = DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{MaxDepth: 1})
	require.NoError(t, err)
	assert.Empty(t, d.Impact.Tests)

	p.Releases[0].Baseline = nil
	_, err = DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{})
	assert.ErrorIs(t, err, ErrNoBaseline)
}

func TestDiffReleasesReportsSuspects(t *testing.T) {
	p := pmProject()
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(sbomFixture)
	b.AddItem(trace.Item{ID: "DR-1", Kind: KindDesignReview, Title: "Review"})
	b.AddLink(trace.Link{From: "DR-1", To: "ITM-2", Type: trace.Reviews, Reviewed: trace.Fingerprint{7}})
	g, err := b.Build()
	require.NoError(t, err)
	base := ReleaseBaseline(g, "1.0.0", pmAt(0))
	p.Releases[0].Baseline = &base
	d, err := DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{})
	require.NoError(t, err)
	assert.True(t, d.Items.Empty())
	require.Len(t, d.Impact.Suspects, 1)
	assert.Equal(t, trace.ID("ITM-2"), d.Impact.Suspects[0].To)
}

func TestDiffComponents(t *testing.T) {
	comp := func(name, version, purl string) sbom.Component {
		return sbom.Component{Name: name, Version: sbom.Known(version), PURL: purl}
	}
	old := &sbom.SBOM{Components: []sbom.Component{
		comp("lodash", "4.17.20", "pkg:npm/lodash@4.17.20"),
		comp("zlib", "1.2.13", ""),
		comp("left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0?arch=any"),
		comp("openssl", "3.0.1", "pkg:generic/openssl@3.0.1"),
	}}
	new := &sbom.SBOM{Components: []sbom.Component{
		comp("lodash", "4.17.21", "pkg:npm/lodash@4.17.21"),
		comp("zlib", "1.2.13", ""),
		comp("openssl", "3.0.1", "pkg:generic/openssl@3.0.1"),
		comp("openssl", "3.0.13", "pkg:generic/openssl@3.0.13"),
		comp("@scope/pkg", "2.0.0", "pkg:npm/%40scope/pkg@2.0.0"),
	}}
	d := DiffComponents(old, new)
	require.Len(t, d.Changed, 1)
	assert.Equal(t, "pkg:npm/lodash", d.Changed[0].Key)
	assert.Equal(t, "4.17.20", d.Changed[0].Old.Version)
	assert.Equal(t, "4.17.21", d.Changed[0].New.Version)
	require.Len(t, d.Removed, 1)
	assert.Equal(t, "pkg:npm/left-pad", d.Removed[0].Key)
	require.Len(t, d.Added, 2)
	assert.Equal(t, "pkg:generic/openssl", d.Added[0].Key)
	assert.Equal(t, "3.0.13", d.Added[0].Version)
	assert.Equal(t, "pkg:npm/%40scope/pkg", d.Added[1].Key)
	assert.True(t, DiffComponents(old, old).IsZero())
}
