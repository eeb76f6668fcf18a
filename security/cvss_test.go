package security

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCVSS(t *testing.T) {
	tests := []struct {
		vector  string
		version CVSSVersion
		score   float64
		rating  string
		level   Exploitability
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS31, 9.8, "CRITICAL", ExploitVeryHigh},
		{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", CVSS31, 8.1, "HIGH", ExploitHigh},
		{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", CVSS31, 5.5, "MEDIUM", ExploitMedium},
		{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS31, 6.8, "MEDIUM", ExploitLow},
		{"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", CVSS31, 1.6, "LOW", ExploitVeryLow},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CVSS40, 9.3, "CRITICAL", ExploitVeryHigh},
		{"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CVSS40, 8.7, "HIGH", ExploitHigh},
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", CVSS40, 1, "LOW", ExploitVeryLow},
	}
	for _, tc := range tests {
		t.Run(tc.vector, func(t *testing.T) {
			c, err := ParseCVSS(tc.vector)
			require.NoError(t, err)
			assert.Equal(t, tc.version, c.Version)
			assert.InDelta(t, tc.score, c.Score, 0.05)
			assert.Equal(t, tc.rating, c.Rating)
			assert.Equal(t, tc.level, c.Exploitability)
			assert.Equal(t, tc.vector, c.Vector)
			assert.NotEmpty(t, c.Metrics["AV"])
		})
	}
}

func TestParseCVSSRejectsMalformed(t *testing.T) {
	for _, v := range []string{
		"",
		"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",
		"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		"CVSS:4.0/AV:N",
		"CVSS:3.1/" + strings.Repeat("AV:N/", 200),
	} {
		t.Run(v, func(t *testing.T) {
			_, err := ParseCVSS(v)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrBadCVSS))
			var ce *CVSSError
			require.ErrorAs(t, err, &ce)
			assert.Contains(t, err.Error(), "malformed CVSS vector")
		})
	}
}

func FuzzParseCVSS(f *testing.F) {
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:F/RL:O/RC:C/CR:H/MAV:A")
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/S:P")
	f.Add("CVSS:4.0/AV:N")
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, v string) {
		c, err := ParseCVSS(v)
		if err != nil {
			if !errors.Is(err, ErrBadCVSS) {
				t.Fatalf("error %v does not wrap ErrBadCVSS", err)
			}
			return
		}
		if !c.Version.Valid() || !c.Exploitability.Valid() || c.Score < 0 || c.Score > 10 {
			t.Fatalf("accepted %q with %+v", v, c)
		}
	})
}
