package sbom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersContains(t *testing.T) {
	tests := []struct {
		rng, v string
		want   bool
	}{
		{"vers:generic/>=2.9|<=4.1", "3.0", true},
		{"vers:generic/>=2.9|<=4.1", "4.1", true},
		{"vers:generic/>=2.9|<=4.1", "4.2", false},
		{"vers:generic/>=2.9|<=4.1", "2.8", false},
		{"vers:generic/>=1.0|<=2.3|>=2.7|<=2.8", "2.5", false},
		{"vers:generic/>=1.0|<=2.3|>=2.7|<=2.8", "2.7.5", true},
		{"vers:generic/>=1.0|<=2.3|>=2.7|<=2.8", "2.75", false}, // 2.75 > 2.8 in version order
		{"vers:generic/<=2.8|>=2.7|<=2.3|>=1.0", "2.0", true},
		{"vers:npm/1.2.3|>=2.0.0|<3.0.0", "1.2.3", true},
		{"vers:npm/1.2.3|>=2.0.0|<3.0.0", "2.5.0", true},
		{"vers:npm/1.2.3|>=2.0.0|<3.0.0", "1.2.4", false},
		{"vers:npm/<1.0.0", "0.9.0", true},
		{"vers:npm/>=5.0.0", "6.0.0", true},
		{"vers:npm/>=1.0.0|!=1.5.0", "1.5.0", false},
		{"vers:pypi/<2.0", "2.0rc1", true},
		{"vers:maven/>=2.0-beta9|<2.15.0", "2.14.1", true},
		{"vers:deb/<1.1.1n-0+deb11u1", "1.1.1k-1", true},
		{"vers:golang/<1.4.0", "v1.3.9", true},
		{"vers:generic/*", "anything", true},
	}
	for _, tt := range tests {
		t.Run(tt.rng+" "+tt.v, func(t *testing.T) {
			got, err := VersContains(tt.rng, tt.v)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	for _, bad := range []string{"generic/>=1", "vers:generic/", "vers:generic/>=", "vers:npm/>=x.y"} {
		_, err := VersContains(bad, "1.0.0")
		assert.ErrorIs(t, err, ErrVEXInvalid, bad)
	}
}
