package sbom

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffSBOMs(t *testing.T) {
	old, _ := laravelWithSOUP(t)
	next := *old
	next.Components = slices.Clone(old.Components)
	byRef := func(ref string) *Component {
		c, ok := next.Component(ref)
		require.True(t, ok, ref)
		return c
	}
	math := byRef("brick/math-0.9.3.0")
	math.Version, math.PURL = Known("0.10.2"), "pkg:composer/brick/math@0.10.2"
	lexer := byRef("doctrine/lexer-1.2.3.0")
	lexer.Version, lexer.PURL = Known("1.2.1"), "pkg:composer/doctrine/lexer@1.2.1"
	cron := byRef("dragonmantank/cron-expression-2.3.1.0")
	cron.Version, cron.PURL = Known("v2.10.0"), "pkg:composer/dragonmantank/cron-expression@v2.10.0"
	infl := byRef("doctrine/inflector-2.0.6.0")
	infl.Supplier = Party{Name: "Doctrine Project"}
	infl.Licenses = []string{"Apache-2.0"}
	infl.Support = Support{Level: SupportNoLonger, EndOfSupport: "2026-12-31"}
	next.Components = slices.DeleteFunc(next.Components, func(c Component) bool { return c.BOMRef == "asm89/stack-cors-1.3.0.0" })
	next.Components = append(next.Components, Component{Name: "new-lib", Group: "acme", Version: Known("1.0.0"), PURL: "pkg:composer/acme/new-lib@1.0.0"})

	d := DiffSBOMs(old, &next)
	assert.Equal(t, 1, d.Count(ChangeAdded))
	assert.Equal(t, 1, d.Count(ChangeRemoved))
	assert.Equal(t, 2, d.Count(ChangeUpgraded))
	assert.Equal(t, 1, d.Count(ChangeDowngraded))
	assert.Equal(t, 1, d.Count(ChangeModified))
	golden(t, "laravel-diff.txt", []byte(d.String()))
	js, err := json.MarshalIndent(d, "", "  ")
	require.NoError(t, err)
	golden(t, "laravel-diff.json", append(js, '\n'))

	assert.Empty(t, DiffSBOMs(old, old).Changes)
}

func TestDiffPairsSeveralVersions(t *testing.T) {
	mk := func(vs ...string) *SBOM {
		s := &SBOM{}
		for _, v := range vs {
			s.Components = append(s.Components, Component{Name: "lodash", Version: Known(v), PURL: "pkg:npm/lodash@" + v})
		}
		return s
	}
	d := DiffSBOMs(mk("4.17.20", "3.10.1"), mk("4.17.21", "3.10.1", "2.0.0"))
	require.Len(t, d.Changes, 2)
	assert.Equal(t, ComponentChange{Kind: ChangeAdded, Package: "pkg:npm/lodash", To: "2.0.0"}, d.Changes[0])
	assert.Equal(t, ComponentChange{Kind: ChangeUpgraded, Package: "pkg:npm/lodash", From: "4.17.20", To: "4.17.21", Order: "npm"}, d.Changes[1])
}

func TestGenericCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"1.2", "1.10", -1}, {"v2.0", "2.0", 0}, {"1.2", "1.2.1", -1}, {"1.0.rc1", "1.0.1", -1},
		{"2024-01-02", "2023-12-31", 1}, {"1.0a", "1.0b", -1}, {"010", "9", 1},
	} {
		assert.Equal(t, tt.want, genericCompare(tt.a, tt.b), "%s vs %s", tt.a, tt.b)
		assert.Equal(t, -tt.want, genericCompare(tt.b, tt.a), "%s vs %s", tt.b, tt.a)
	}
	c, order := compareVersions("pkg:generic/x@1", "1.9", "1.10")
	assert.Equal(t, -1, c)
	assert.Equal(t, "generic", order)
}
