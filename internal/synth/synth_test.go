package synth

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestNewIsCompleteAndDeterministic(t *testing.T) {
	a := New(2000, 20000, 7)
	b := New(2000, 20000, 7)
	assert.Equal(t, a.Links, b.Links, "same seed, same graph")
	assert.Len(t, a.Links, 20000)
	assert.InDelta(t, 2000, len(a.Items), 20)
	g, err := a.Builder().Build()
	require.NoError(t, err, "every generated link is valid and allowed")
	assert.LessOrEqual(t, g.LinkCount(), 20000, "duplicates are merged")
	res, err := trace.Check(context.Background(), g, Rules(), trace.CheckOptions{})
	require.NoError(t, err)
	for _, f := range res.Findings {
		t.Errorf("the generated thread should be complete, got %s on %s: %s", f.Rule, f.Item, f.Message)
	}
	assert.Len(t, res.Coverage, len(Rules()))
	assert.NotEmpty(t, a.IDs(Req))
}
