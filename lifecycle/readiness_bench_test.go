package lifecycle

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// synthPostMarket adds post-market records to a synthetic project (see
// synthProject): n/100 problem reports, every other one closed by a
// verified change request on a software item and the rest deferred as
// evaluated known anomalies, a signal per report, a released 0.9.0 whose
// baseline predates a change to one item in ten, and the 1.0.0 candidate
// the results were recorded on.
func synthPostMarket(p *Project, g *trace.Graph, n int) {
	old := ReleaseBaseline(g, "0.9.0", day)
	for i := range old.Entries {
		if i%10 == 0 {
			old.Entries[i].Fingerprint = trace.Fingerprint{1}
		}
	}
	candidate := Release{ID: "REL-1.0.0", Version: "1.0.0", Status: ReleaseCandidate, Previous: "REL-0.9.0",
		Items: []trace.ID{"SYS"}}
	for i := range max(1, n/100) {
		pid := trace.ID(fmt.Sprintf("PR-%06d", i))
		item := p.Items[i%len(p.Items)].ID
		pr := ProblemReport{ID: pid, Title: "Problem", Reported: day.AddDate(0, 0, i%90), Type: ProblemCorrective,
			Criticality: CriticalityLow, Effects: []Effect{EffectPerformance}, Scope: ProblemScope{Items: []trace.ID{item}},
			Investigation: &Investigation{At: day, By: "Dev", Outcome: "understood"}}
		if i%2 == 0 {
			pr.State = ProblemClosed
			pr.Verification = &ResolutionVerification{At: day, By: "QA", Tests: []trace.ID{p.Tests[i%len(p.Tests)].ID}}
			p.ChangeRequests = append(p.ChangeRequests, ChangeRequest{ID: trace.ID(fmt.Sprintf("CR-%06d", i)), Title: "Fix",
				Requested: day, Origin: OriginProblem, State: ChangeVerified, Resolves: []trace.ID{pid}, Changes: []trace.ID{item},
				RiskAnalysis: &ChangeRiskAnalysis{At: day, By: "RM", Conclusion: "no new causes", Interference: "none"},
				Approval:     &Approval{By: "CCB", At: day}, Verification: pr.Verification.Tests, Release: candidate.ID})
		} else {
			pr.State, pr.Reason = ProblemDeferred, "next release"
			pr.Anomaly = &AnomalyEvaluation{Impact: "cosmetic", Rationale: "acceptable"}
			candidate.Anomalies = append(candidate.Anomalies, pid)
		}
		p.ProblemReports = append(p.ProblemReports, pr)
		p.Signals = append(p.Signals, Signal{ID: trace.ID(fmt.Sprintf("SIG-%06d", i)), Type: SignalComplaint,
			Title: "Complaint", Received: pr.Reported, Raises: []trace.ID{pid}})
	}
	p.Releases = []Release{{ID: "REL-0.9.0", Version: "0.9.0", Status: ReleaseInField, Date: day, Baseline: &old,
		Items: []trace.ID{"SYS"}}, candidate}
}

func synthReleaseProject(tb testing.TB, n int) (*Project, *trace.Graph) {
	p := synthProject(n)
	g, err := p.Graph()
	require.NoError(tb, err)
	synthPostMarket(p, g, n)
	g, err = p.Graph()
	require.NoError(tb, err)
	return p, g
}

func BenchmarkReadiness100k(b *testing.B) {
	p, g := synthReleaseProject(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Readiness(context.Background(), "REL-1.0.0", ReadinessOptions{Graph: g}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadinessWithBuild100k(b *testing.B) {
	p, _ := synthReleaseProject(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Readiness(context.Background(), "REL-1.0.0", ReadinessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiffReleases100k(b *testing.B) {
	p, g := synthReleaseProject(b, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSynthReleaseProject(t *testing.T) {
	p, g := synthReleaseProject(t, 2_000)
	rd, err := p.Readiness(context.Background(), "REL-1.0.0", ReadinessOptions{Graph: g})
	require.NoError(t, err)
	require.Positive(t, rd.Requirements)
	require.Positive(t, rd.Verified)
	for _, b := range rd.Blockers {
		require.NotEqual(t, CheckRecords, b.Check, b.Reason)
		require.NotEqual(t, CheckAnomaly, b.Check, b.Reason)
		require.NotEqual(t, CheckChange, b.Check, b.Reason)
	}
	d, err := DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{})
	require.NoError(t, err)
	require.NotEmpty(t, d.Items.Changed)
	require.NotEmpty(t, d.Impact.Tests)
	res, err := trace.Check(context.Background(), g, MaintenanceRules(), trace.CheckOptions{})
	require.NoError(t, err)
	require.Empty(t, res.Findings)
}
