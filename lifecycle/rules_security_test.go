package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

func TestThreatTreatedRule(t *testing.T) {
	threats := func(statuses ...security.ThreatStatus) trace.Contributor {
		return trace.ContributorFunc(func(b *trace.Builder) error {
			for i, s := range statuses {
				b.AddItem(trace.Item{ID: trace.ID("THR-" + string(rune('A'+i))), Kind: security.KindThreat, Title: "Spoofed pump",
					Attrs: map[string]string{security.AttrStatus: string(s)}})
			}
			return nil
		})
	}
	check := func(c trace.Contributor) []trace.Finding {
		b := trace.NewBuilder()
		b.Add(c)
		g, err := b.Build()
		require.NoError(t, err)
		rec := []trace.Rule{threatTreatedRule()}
		res, err := trace.Check(t.Context(), g, rec, trace.CheckOptions{})
		require.NoError(t, err)
		return res.Findings
	}
	assert.Empty(t, check(threats(security.StatusMitigated, security.StatusAccepted, security.StatusFalsePositive)))
	got := check(threats(security.StatusMitigated, security.StatusOpen))
	require.Len(t, got, 1)
	assert.Equal(t, trace.ID("THR-B"), got[0].Item)
	assert.Contains(t, got[0].Message, "is open")
}
