package security

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/medtrace/medtrace/trace"
)

func TestSummarize(t *testing.T) {
	f := cleanFile(t)
	f.Risks[1].Pre.Signals.KEV = []KEV{{Listed: true, RetrievedAt: day}}
	s := Summarize(buildGraph(t, f, trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "CVE-2026-0009", Kind: "vulnerability", Title: "new"})
		return nil
	})))
	assert.Equal(t, 4, s.Elements)
	assert.Equal(t, 2, s.Flows)
	assert.Equal(t, 3, s.Boundaries)
	assert.Equal(t, 1, s.Threats[StatusMitigated])
	assert.Equal(t, 1, s.Threats[StatusOpen])
	assert.Equal(t, len(f.Threats)-2, s.Threats[StatusAccepted])
	assert.Equal(t, 3, s.PreVerdicts[Uncontrolled])
	assert.Equal(t, 2, s.PostVerdicts[Controlled])
	assert.Equal(t, []trace.ID{"SR-PLAN"}, s.Uncontrolled)
	assert.Equal(t, []trace.ID{"SR-CVE", "SR-PLAN"}, s.KEV)
	assert.Equal(t, 1, s.Controls[CatAuthentication])
	assert.Equal(t, 3, s.Vulnerabilities)
	assert.Equal(t, []trace.ID{"CVE-2026-0009"}, s.Unassessed)
	assert.Positive(t, s.PatientHarmThreats)
	assert.Empty(t, Summarize(nil).Uncontrolled)
}
