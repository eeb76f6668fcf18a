package lifecycle

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/medtrace/medtrace/trace"
)

// FuzzPostMarket feeds arbitrary post-market records, as a project file
// would carry them, through validation, the graph, the rules, readiness,
// trends and metrics: none may panic.
func FuzzPostMarket(f *testing.F) {
	seed, err := json.Marshal(pmProject().PostMarket)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	ledger, err := json.Marshal(PostMarket{Ledger: pmLedger(), Releases: []Release{{ID: "A-1", Version: "1", Status: ReleaseInField}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ledger)
	f.Add([]byte(`{"problemReports":[{"id":"","state":"closed","history":[{"to":"closed"}]}],"releases":[{"id":"R","previous":"R"}]}`))
	f.Add([]byte(`{"changeRequests":[{"id":"CR","state":"released","resolves":["CR"],"changes":["\u0000"]}]}`))
	f.Add([]byte(`{"vulnerabilityLedger":[{"vulnerability":"V","product":"P","type":"deployment","at":"2026-01-01T00:00:00Z","installed":1e308}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var pm PostMarket
		if json.Unmarshal(data, &pm) != nil {
			return
		}
		_ = pm.Validate()
		p := &Project{System: System{ID: "SYS", Name: "S", Edition: Edition2015}, PostMarket: pm}
		g, _ := p.Graph()
		if _, err := trace.Check(context.Background(), g, MaintenanceRules(), trace.CheckOptions{}); err != nil {
			t.Fatal(err)
		}
		for i := range pm.Releases {
			if _, err := p.Readiness(context.Background(), pm.Releases[i].ID, ReadinessOptions{Graph: g}); err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				_, _ = DiffReleases(g, &pm.Releases[i-1], &pm.Releases[i], DiffOptions{})
			}
		}
		_, _ = ProblemTrend(pm.ProblemReports, TrendOptions{Period: PeriodWeek})
		_, _ = ComputeMetrics(pm.Ledger, MetricsOptions{})
		_ = IntroductionRates(pm.Releases, pm.Ledger)
	})
}
