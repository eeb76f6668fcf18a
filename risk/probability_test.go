package risk

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProbabilityNumber(t *testing.T) {
	cases := []struct {
		in      Probability
		want    float64
		numeric bool
	}{
		{"1e-4", 1e-4, true},
		{" 0.5 ", 0.5, true},
		{".25", 0.25, true},
		{"-0.1", -0.1, true},
		{"+1", 1, true},
		{"inf", math.Inf(1), true},
		{"Infrequent", 0, false},
		{"NaN", math.NaN(), true},
		{"Remote", 0, false},
		{"1e-4x", 0, false},
		{"", 0, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.in), func(t *testing.T) {
			v, ok := tc.in.Number()
			assert.Equal(t, tc.numeric, ok)
			assert.Equal(t, tc.numeric, tc.in.Numeric())
			switch {
			case !ok:
			case math.IsNaN(tc.want):
				assert.True(t, math.IsNaN(v))
			default:
				assert.Equal(t, tc.want, v)
			}
		})
	}
}

func TestP(t *testing.T) {
	for v, want := range map[float64]Probability{
		0.001: "0.001", 1e-6: "0.000001", 5e-7: "5e-7", 1: "1", 0: "0", math.Inf(1): "+Inf",
	} {
		assert.Equal(t, want, P(v))
	}
}
