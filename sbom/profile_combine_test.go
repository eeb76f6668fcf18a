package sbom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCombine(t *testing.T) {
	both := Combine("fda+bsi", "FDA and BSI", FDA(), BSI())
	ids := map[string]int{}
	for _, c := range both.Checks {
		ids[c.ID]++
	}
	for id, n := range ids {
		assert.Equal(t, 1, n, id)
	}
	assert.Equal(t, 1, ids["SBOM-041"])
	assert.Equal(t, 1, ids["SBOM-040.sha512"])
	assert.Equal(t, 1, ids["SBOM-020"])
	for _, c := range Combine("x", "x", NTIA(), CISA()).Checks {
		assert.NotEqual(t, "SBOM-041", c.ID)
	}

	// Silent on a document that meets both.
	rep := runProfile(t, compliantSBOM(), both, &VulnerabilityData{})
	assert.Empty(t, rep.Result.Findings)

	// Fires on embedded vulnerabilities and on a creator without a contact.
	s := compliantSBOM()
	s.EmbeddedVulnerabilities = 1
	s.Metadata.Authors = []Party{{Name: "Maker"}}
	rep = runProfile(t, s, both, &VulnerabilityData{})
	var msgs []string
	for _, f := range rep.Result.Findings {
		if f.Rule == "SBOM-041" {
			msgs = append(msgs, f.Message)
		}
	}
	require.Len(t, msgs, 2)
	assert.Contains(t, msgs[0], "no SBOM author")
	assert.Contains(t, msgs[1], "embeds vulnerabilities")
}
