package lifecycle

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

func coverageOf(res *trace.Result, rule string) (trace.Coverage, bool) {
	for _, c := range res.Coverage {
		if c.Rule == rule {
			return c, true
		}
	}
	return trace.Coverage{}, false
}

func TestCheckComposesTheThread(t *testing.T) {
	res, err := pumpProject().Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	for _, id := range []string{"LC-004", "CLS-001", "RISK-008", "RISK-021"} {
		_, ok := coverageOf(res, id)
		assert.True(t, ok, "rule %s ran", id)
	}
	// RC-ALARM is implemented by no requirement: the risk file's rule sees it.
	var found bool
	for _, f := range res.Findings {
		found = found || (f.Rule == "RISK-021" && f.Item == "RC-ALARM")
	}
	assert.True(t, found)
}

func TestCheckOptions(t *testing.T) {
	p := pumpProject()
	p.System.Class = ClassB
	opts := CheckOptions{CheckOptions: trace.CheckOptions{
		Severity: map[string]trace.Severity{"CLS-001": trace.Warning},
		Disabled: map[string]bool{"RISK-021": true},
	}}
	res, err := p.Check(context.Background(), opts)
	require.NoError(t, err)
	_, ran := coverageOf(res, "RISK-021")
	assert.False(t, ran)
	var cls []trace.Finding
	for _, f := range res.Findings {
		if f.Rule == "CLS-001" {
			cls = append(cls, f)
		}
	}
	require.Len(t, cls, 1)
	assert.Equal(t, trace.Warning, cls[0].Severity)

	// A severity map that lowers Critical to B makes the declared B hold.
	opts.Classify = ClassifyOptions{Severity: SeverityMap{"Critical": ClassB, "Minor": ClassB, "Negligible": ClassA}}
	res, err = p.Check(context.Background(), opts)
	require.NoError(t, err)
	cov, _ := coverageOf(res, "CLS-001")
	assert.Empty(t, cov.Uncovered)
}

func TestCheckBadInput(t *testing.T) {
	t.Run("bad records: result and every problem", func(t *testing.T) {
		p := pumpProject()
		p.Items[0].Parent = ""
		p.Tests[0].Type = "smoke"
		res, err := p.Check(context.Background(), CheckOptions{})
		require.Error(t, err)
		require.NotNil(t, res)
		var be *trace.BuildError
		require.True(t, errors.As(err, &be))
		assert.GreaterOrEqual(t, len(be.Problems), 2)
		assert.ErrorIs(t, err, ErrInvalidRecord)
	})
	t.Run("bad options", func(t *testing.T) {
		_, err := pumpProject().Check(context.Background(), CheckOptions{CheckOptions: trace.CheckOptions{
			Severity: map[string]trace.Severity{"LC-001": ""}}})
		assert.ErrorIs(t, err, trace.ErrBadRuleSet)
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := pumpProject().Check(ctx, CheckOptions{})
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("nil project and graph", func(t *testing.T) {
		var p *Project
		assert.NotPanics(t, func() {
			_, _ = p.Check(context.Background(), CheckOptions{})
			_ = p.Classify(nil, ClassifyOptions{})
			_, _ = p.Gaps(nil, ClassA)
		})
	})
}

func TestCheckComposesSecurity(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "security", "testdata", "pump.yaml"))
	require.NoError(t, err)
	defer f.Close()
	sec, err := security.DecodeFile(context.Background(), f, security.DecodeOptions{})
	require.NoError(t, err)
	p := pumpProject()
	p.Security = sec
	res, _ := p.Check(context.Background(), CheckOptions{})
	require.NotNil(t, res)
	for _, id := range []string{"SEC-014", "SEC-015"} {
		_, ok := coverageOf(res, id)
		assert.True(t, ok, "security rule %s ran", id)
	}
	p.Security = nil
	res, err = p.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	_, ok := coverageOf(res, "SEC-014")
	assert.False(t, ok)
}

func TestCheckIsDeterministic(t *testing.T) {
	p := synthProject(3_000)
	first, err := p.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	second, err := p.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	a, err := json.Marshal(first)
	require.NoError(t, err)
	b, err := json.Marshal(second)
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
	assert.NotEmpty(t, first.Findings)
}
