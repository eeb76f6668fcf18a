package lifecycle

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

const day24 = 24 * time.Hour

// pmLedger: product A has CVE-1 fixed after 10 days and fully deployed 10
// days later, CVE-2 unfixed, CVE-3 not affecting it; product B has CVE-1
// fixed after 2 days and deployed 6 days later.
func pmLedger() []LedgerEvent {
	ev := func(v, p string, t LedgerEventType, d int, installed float64, rel ...trace.ID) LedgerEvent {
		return LedgerEvent{Vulnerability: v, Product: p, Type: t, At: pmAt(d), Installed: installed, Releases: rel}
	}
	return []LedgerEvent{
		ev("CVE-1", "A", LedgerDeployment, 20, 100), // out of order on purpose
		ev("CVE-1", "A", LedgerIdentified, 0, 0, "A-1", "A-2"),
		ev("CVE-1", "A", LedgerAffected, 1, 0),
		ev("CVE-1", "A", LedgerFixAvailable, 10, 0, "A-3"),
		ev("CVE-1", "A", LedgerDeployment, 15, 50),
		ev("CVE-2", "A", LedgerIdentified, 5, 0, "A-2"),
		ev("CVE-3", "A", LedgerIdentified, 5, 0, "A-2"),
		ev("CVE-3", "A", LedgerNotAffected, 6, 0),
		ev("CVE-1", "B", LedgerIdentified, 2, 0, "B-1"),
		ev("CVE-1", "B", LedgerFixAvailable, 4, 0),
		ev("CVE-1", "B", LedgerDeployment, 10, 100),
	}
}

func TestComputeMetrics(t *testing.T) {
	rep, err := ComputeMetrics(pmLedger(), MetricsOptions{})
	require.NoError(t, err)
	require.Len(t, rep.Products, 2)
	a, b := rep.Products[0], rep.Products[1]
	assert.Equal(t, Metrics{Product: "A", Identified: 3, NotAffected: 1, Applicable: 2, Patched: 1, Deployed: 1,
		PatchedPercent: 50,
		TimeToPatch:    Durations{N: 1, Mean: 10 * day24, Median: 10 * day24},
		TimeToDeploy:   Durations{N: 1, Mean: 10 * day24, Median: 10 * day24}}, a)
	assert.Equal(t, "B", b.Product)
	assert.Equal(t, 100.0, b.PatchedPercent)
	assert.Equal(t, 6*day24, b.TimeToDeploy.Mean)

	line := rep.Line
	assert.Equal(t, "", line.Product)
	assert.Equal(t, 4, line.Identified)
	assert.Equal(t, 3, line.Applicable)
	assert.InDelta(t, 200.0/3, line.PatchedPercent, 1e-9)
	assert.Equal(t, Durations{N: 2, Mean: 6 * day24, Median: 6 * day24}, line.TimeToPatch)
	assert.Equal(t, Durations{N: 2, Mean: 8 * day24, Median: 8 * day24}, line.TimeToDeploy)
}

func TestComputeMetricsOptions(t *testing.T) {
	cases := []struct {
		name  string
		opts  MetricsOptions
		check func(t *testing.T, m Metrics)
	}{
		{"window leaves out earlier identifications", MetricsOptions{From: pmAt(3)}, func(t *testing.T, m Metrics) {
			assert.Equal(t, 2, m.Identified) // CVE-2 and CVE-3 of A
			assert.Equal(t, 0, m.Patched)
		}},
		{"window end is exclusive", MetricsOptions{To: pmAt(2)}, func(t *testing.T, m Metrics) {
			assert.Equal(t, 1, m.Identified)
		}},
		{"lower deployment threshold", MetricsOptions{DeployedAt: 50}, func(t *testing.T, m Metrics) {
			assert.Equal(t, Durations{N: 2, Mean: 5*day24 + 12*time.Hour, Median: 5*day24 + 12*time.Hour}, m.TimeToDeploy)
		}},
		{"not affected counted when asked", MetricsOptions{IncludeNotAffected: true}, func(t *testing.T, m Metrics) {
			assert.Equal(t, 4, m.Applicable)
			assert.Equal(t, 50.0, m.PatchedPercent)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := ComputeMetrics(pmLedger(), tc.opts)
			require.NoError(t, err)
			tc.check(t, rep.Line)
		})
	}
}

func TestComputeMetricsRejectsBadInput(t *testing.T) {
	events := append(pmLedger(), LedgerEvent{Vulnerability: "CVE-9", Type: "patched", At: pmAt(1)})
	_, err := ComputeMetrics(events, MetricsOptions{DeployedAt: 120})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRecord)
	for _, want := range []string{"ledger[11].product: is required", `ledger[11].type: "patched" is not a known value`, "DeployedAt 120"} {
		assert.Contains(t, err.Error(), want)
	}
	rep, err := ComputeMetrics(nil, MetricsOptions{})
	require.NoError(t, err)
	assert.Empty(t, rep.Products)
	assert.Zero(t, rep.Line.PatchedPercent)
}

func TestIntroductionRates(t *testing.T) {
	comps := func(cs ...string) *sbom.SBOM {
		s := &sbom.SBOM{}
		for i := 0; i < len(cs); i += 2 {
			s.Components = append(s.Components, sbom.Component{Name: cs[i], Version: sbom.Known(cs[i+1])})
		}
		return s
	}
	releases := []Release{
		{ID: "A-2", Product: "A", Version: "2.0", Date: pmAt(30), Previous: "A-1",
			SBOM: comps("lodash", "4.17.21", "zlib", "1.3", "express", "4.0")},
		{ID: "A-1", Product: "A", Version: "1.0", Date: pmAt(0), SBOM: comps("lodash", "4.17.20", "zlib", "1.3")},
		{ID: "B-1", Product: "B", Version: "1.0", Date: pmAt(0)},
	}
	got := IntroductionRates(releases, pmLedger())
	require.Len(t, got, 3)
	assert.Equal(t, Introduction{Release: "A-1", Product: "A", Version: "1.0", Known: 1, Introduced: []string{"CVE-1"}}, got[0])
	assert.Equal(t, Introduction{Release: "A-2", Product: "A", Version: "2.0", Previous: "A-1", Known: 2,
		Introduced: []string{"CVE-2"}, ComponentsChanged: 2, Rate: 0.5}, got[1])
	assert.Equal(t, trace.ID("B-1"), got[2].Release)
	assert.Equal(t, []string{"CVE-1"}, got[2].Introduced)
}
