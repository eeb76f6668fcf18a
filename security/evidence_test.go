package security

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestActivitiesData(t *testing.T) {
	acts, err := Activities()
	require.NoError(t, err)
	fda, err := FDADocumentation()
	require.NoError(t, err)
	require.Len(t, fda, 14)
	seen := map[string]bool{}
	for _, a := range append(acts, fda...) {
		assert.False(t, seen[a.ID], "duplicate activity %s", a.ID)
		seen[a.ID] = true
		assert.NotEmpty(t, a.Clause, a.ID)
		assert.NotEmpty(t, a.Evidence, a.ID)
		for _, e := range a.Evidence {
			assert.True(t, strings.HasPrefix(e.ID, a.ID+"/"), e.ID)
			assert.False(t, seen[e.ID], "duplicate evidence %s", e.ID)
			seen[e.ID] = true
			for _, k := range e.Kinds {
				assert.True(t, k.Valid(), "%s: kind %q", e.ID, k)
			}
		}
	}
	for _, c := range []string{"4.1.5", "5.3.2", "7.2", "9.1–9.5"} {
		assert.True(t, containsClause(acts, c), "clause %s", c)
	}
	var labeling Activity
	for _, a := range fda {
		if a.ID == "FDA-D13" {
			labeling = a
		}
	}
	assert.Len(t, labeling.Evidence, 14, "the fourteen labeling elements")
	assert.True(t, fda[13].CyberDeviceOnly)
}

func containsClause(acts []Activity, c string) bool {
	for _, a := range acts {
		if a.Clause == c {
			return true
		}
	}
	return false
}

func TestGaps(t *testing.T) {
	fda, err := FDADocumentation()
	require.NoError(t, err)
	g := buildGraph(t, cleanFile(t), trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "DOC-PLAN", Kind: "document", Title: "Cybersecurity management plan",
			Attrs: map[string]string{"evidence": "FDA-D14/plan, FDA-D14/cvd"}})
		return nil
	}))
	gaps := Gaps(fda, Present(g, "FDA-D14/timelines"))
	missing := map[string]bool{}
	for _, gp := range gaps {
		missing[gp.Evidence.ID] = true
		assert.NotEmpty(t, gp.String())
	}
	assert.False(t, missing["FDA-D2/threat-model"], "the graph has a threat model")
	assert.False(t, missing["FDA-D7/vulnerabilities"], "the graph has vulnerabilities")
	assert.False(t, missing["FDA-D14/plan"], "a document names it")
	assert.False(t, missing["FDA-D14/timelines"], "the host says it is documented")
	assert.True(t, missing["FDA-D11/global"])
	assert.True(t, missing["FDA-D13/l6"])
	assert.Len(t, Gaps(fda, nil), countEvidence(fda))
}

func countEvidence(acts []Activity) int {
	n := 0
	for _, a := range acts {
		n += len(a.Evidence)
	}
	return n
}
