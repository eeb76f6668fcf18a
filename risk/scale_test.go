package risk

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScaleBucket(t *testing.T) {
	s := DefaultProbability()
	cases := []struct {
		v    float64
		want string
	}{
		{0, "Improbable"},
		{9.99e-7, "Improbable"},
		{1e-6, "Remote"},
		{9.99e-6, "Remote"},
		{1e-5, "Occasional"},
		{1e-4, "Probable"},
		{1e-3, "Frequent"},
		{1, "Frequent"},
		{1.0000001, ""},
		{-1e-9, ""},
		{math.NaN(), ""},
		{math.Inf(1), ""},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, s.Bucket(tc.v).Name, "%g", tc.v)
	}
	// The last level's upper bound, when given, is inclusive.
	four := fourByFour().Probability
	assert.Equal(t, "P4 Likely", four.Bucket(1).Name)
	// A qualitative scale places no number.
	assert.True(t, DefaultSeverity().Bucket(0.5).IsZero())
}

func TestScaleLookups(t *testing.T) {
	s := DefaultSeverity()
	assert.Equal(t, 5, s.Len())
	assert.Equal(t, Rating{Rank: 4, Name: "Critical"}, s.Rating("Critical"))
	assert.True(t, s.Rating("critical").IsZero(), "names match exactly")
	assert.Equal(t, Rating{Rank: 1, Name: "Negligible"}, s.At(1))
	assert.True(t, s.At(0).IsZero())
	assert.True(t, s.At(6).IsZero())
	assert.False(t, s.Quantitative())
	assert.True(t, DefaultProbability().Quantitative())
}

func TestDefaultPlanIsValidAndIndependent(t *testing.T) {
	for _, policy := range []Policy{ALARP, AFAP} {
		assert.NoError(t, (&File{Plan: DefaultPlan("RMP", policy)}).Validate(), policy)
	}
	a := DefaultPlan("RMP", ALARP)
	a.Matrix["Minor"][0] = RegionUnacceptable
	a.Severity.Levels[0].Name = "changed"
	b := DefaultPlan("RMP", ALARP)
	assert.Equal(t, RegionAcceptable, b.Matrix["Minor"][0], "each call returns fresh data")
	assert.Equal(t, "Negligible", b.Severity.Levels[0].Name)
}
