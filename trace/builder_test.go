package trace

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(b *Builder)
		want   error
		detail string
		pos    string
	}{
		{"duplicate ID", func(b *Builder) {
			b.AddItem(Item{ID: "SRS-1", Kind: "requirement", Pos: Position{File: "b.yaml", Line: 7, Column: 3}})
		}, ErrDuplicateID, `duplicate ID; first defined as requirement at records.yaml:2:1`, "b.yaml:7:3"},
		{"unknown target", func(b *Builder) {
			b.AddLink(Link{From: "TC-1", Type: Verifies, To: "SRS-9", Pos: Position{File: "t.yaml", Line: 4, Column: 9}})
		}, ErrUnknownItem, `no item has ID "SRS-9"`, "t.yaml:4:9"},
		{"unknown source", func(b *Builder) { b.Link("TC-9", Verifies, "SRS-1") }, ErrUnknownItem, `no item has ID "TC-9"`, ""},
		{"kind pair not allowed", func(b *Builder) { b.Link("HARM-1", Verifies, "SRS-1") }, ErrLinkNotAllowed, "verifies may not link from harm to requirement", ""},
		{"self link", func(b *Builder) { b.Link("SRS-1", Derives, "SRS-1") }, ErrSelfLink, "cannot link to itself", ""},
		{"unknown link type", func(b *Builder) { b.Link("SRS-1", "blesses", "SRS-2") }, ErrUnknownLinkType, `link type "blesses"`, ""},
		{"empty ID", func(b *Builder) { b.AddItem(Item{Kind: "requirement"}) }, ErrInvalidItem, "ID must be", ""},
		{"bad kind", func(b *Builder) { b.AddItem(Item{ID: "X-1", Kind: "Bad Kind"}) }, ErrInvalidItem, `kind "Bad Kind"`, ""},
		{"contributor error", func(b *Builder) {
			b.Add(ContributorFunc(func(*Builder) error { return errors.New("risk: hazards[0].severity: unknown level") }))
		}, nil, "hazards[0].severity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := pumpBuilder()
			tt.mutate(b)
			g, err := b.Build()
			require.Error(t, err)
			require.NotNil(t, g, "a partial graph is returned on error")
			var be *BuildError
			require.True(t, errors.As(err, &be))
			require.Len(t, be.Problems, 1)
			p := be.Problems[0]
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.Contains(t, p.Detail, tt.detail)
			assert.Equal(t, tt.pos, p.Pos.String())
			assert.Equal(t, 11, g.Len(), "valid items survive")
		})
	}
}

func TestBuildCollectsAllProblemsSorted(t *testing.T) {
	b := pumpBuilder()
	b.AddLink(Link{From: "TC-1", Type: Verifies, To: "NOPE", Pos: Position{File: "z.yaml", Line: 1}})
	b.AddLink(Link{From: "SRS-1", Type: Derives, To: "SRS-1", Pos: Position{File: "a.yaml", Line: 9}})
	b.AddItem(Item{ID: "UN-1", Kind: "user-need", Pos: Position{File: "a.yaml", Line: 2}})
	_, err := b.Build()
	var be *BuildError
	require.True(t, errors.As(err, &be))
	require.Len(t, be.Problems, 3)
	assert.Equal(t, "a.yaml:2", be.Problems[0].Pos.String())
	assert.Equal(t, "a.yaml:9", be.Problems[1].Pos.String())
	assert.Equal(t, "z.yaml:1", be.Problems[2].Pos.String())
	assert.ErrorIs(t, err, ErrDuplicateID)
	assert.ErrorIs(t, err, ErrSelfLink)
	assert.ErrorIs(t, err, ErrUnknownItem)
	assert.Contains(t, err.Error(), "3 problem(s)")
}

func TestBuildDeduplicatesLinksKeepingFirst(t *testing.T) {
	b := pumpBuilder()
	fp := Fingerprint{1}
	b.AddLink(Link{From: "TC-1", Type: Verifies, To: "SRS-1", Reviewed: fp})
	g, err := b.Build()
	require.NoError(t, err)
	links := g.Out("TC-1", Verifies)
	require.Len(t, links, 2)
	assert.True(t, links[0].Reviewed.IsZero(), "the first link added is kept")
}

func TestReportFlattensJoinedErrors(t *testing.T) {
	b := NewBuilder()
	b.Report(errors.Join(errors.New("a"), Problem{Err: ErrInvalidItem, Item: "X", Detail: "b"}))
	_, err := b.Build()
	var be *BuildError
	require.True(t, errors.As(err, &be))
	assert.Len(t, be.Problems, 2)
	assert.ErrorIs(t, err, ErrInvalidItem)
}

func TestGraphLookups(t *testing.T) {
	g := pump(t)
	it, ok := g.Item("SRS-1")
	require.True(t, ok)
	assert.Equal(t, Kind("requirement"), it.Kind)
	assert.Equal(t, "records.yaml:2:1", it.Pos.String())
	assert.False(t, g.Has("SRS-404"))
	assert.Equal(t, 2, g.CountKind("requirement"))
	assert.Equal(t, 12, g.LinkCount())

	var ids []ID
	for it := range g.OfKind("requirement") {
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []ID{"SRS-1", "SRS-2"}, ids)

	in := g.In("SRS-1")
	require.Len(t, in, 3)
	// Ordered by link type, then by the other item's ID.
	assert.Equal(t, []string{"UN-1 -derives-> SRS-1", "RC-1 -implemented-by-> SRS-1", "TC-1 -verifies-> SRS-1"},
		[]string{in[0].String(), in[1].String(), in[2].String()})
	assert.Equal(t, []ID{"RC-1", "SRS-1"}, g.Neighbours("TC-1", Out, Verifies))
	assert.Nil(t, g.Out("TC-1", "no-such-type"))
	assert.Equal(t, []Kind{"harm", "hazard", "hazardous-situation", "requirement", "risk-control", "software-item", "test", "test-result", "user-need"}, g.Kinds())
	n := 0
	for range g.AllLinks() {
		n++
	}
	assert.Equal(t, 12, n)
}

func TestFingerprintText(t *testing.T) {
	fp := NewHasher().String("a", "b").Strings("c", []string{"d", "e"}).Int("n", 3).Float("x", 0.5).Sum()
	s := fp.String()
	assert.Len(t, s, 71)
	back, err := ParseFingerprint(s)
	require.NoError(t, err)
	assert.Equal(t, fp, back)
	for _, bad := range []string{"sha256:zz", "md5:00", "sha256:" + s[7:70] + "g"} {
		_, err := ParseFingerprint(bad)
		assert.ErrorIs(t, err, ErrBadFingerprint, bad)
	}
	// Length prefixes keep field boundaries apart.
	a := NewHasher().String("ab", "c").Sum()
	c := NewHasher().String("a", "bc").Sum()
	assert.NotEqual(t, a, c)
}
