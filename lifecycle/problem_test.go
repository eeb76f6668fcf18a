package lifecycle

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestProblemTransitions(t *testing.T) {
	cases := []struct {
		from, to ProblemState
		ok       bool
	}{
		{"", ProblemOpen, true},
		{"", ProblemInvestigating, false},
		{ProblemOpen, ProblemInvestigating, true},
		{ProblemOpen, ProblemClosed, false},
		{ProblemInvestigating, ProblemResolving, true},
		{ProblemInvestigating, ProblemDeferred, true},
		{ProblemInvestigating, ProblemNoAction, true},
		{ProblemInvestigating, ProblemClosed, false},
		{ProblemResolving, ProblemVerifying, true},
		{ProblemResolving, ProblemClosed, false},
		{ProblemVerifying, ProblemClosed, true},
		{ProblemVerifying, ProblemResolving, true},
		{ProblemDeferred, ProblemInvestigating, true},
		{ProblemDeferred, ProblemClosed, false},
		{ProblemClosed, ProblemInvestigating, true},
		{ProblemClosed, ProblemOpen, false},
		{ProblemNoAction, ProblemInvestigating, true},
		{"bogus", ProblemOpen, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.from)+"->"+string(tc.to), func(t *testing.T) {
			assert.Equal(t, tc.ok, tc.from.CanTransition(tc.to))
		})
	}
}

func TestProblemTransitionRecordsHistory(t *testing.T) {
	p := &ProblemReport{ID: "PR-9", State: ProblemOpen}
	require.NoError(t, p.Transition(ProblemInvestigating, pmAt(1), "Dev", "triage"))
	require.NoError(t, p.Transition(ProblemDeferred, pmAt(2), "CCB", "next release"))
	assert.Equal(t, ProblemDeferred, p.State)
	assert.Equal(t, "next release", p.Reason)
	require.Len(t, p.History, 2)
	assert.Equal(t, StateChange{From: ProblemInvestigating, To: ProblemDeferred, At: pmAt(2), By: "CCB", Reason: "next release"}, p.History[1])

	err := p.Transition(ProblemClosed, pmAt(3), "Dev", "")
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, ProblemDeferred, te.From)
	assert.True(t, errors.Is(err, ErrInvalidRecord))
	assert.Equal(t, ProblemDeferred, p.State, "a refused transition changes nothing")
	assert.Len(t, p.History, 2)
}

func TestProblemValidateReportsEveryField(t *testing.T) {
	p := &ProblemReport{ID: "PR-7", Type: "bug", Effects: []Effect{"looks"}, State: ProblemResolving,
		History:      []StateChange{{To: ProblemOpen, At: pmAt(2)}, {From: ProblemOpen, To: ProblemClosed, At: pmAt(1)}},
		Verification: &ResolutionVerification{}}
	err := p.Validate()
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrInvalidRecord))
	for _, want := range []string{
		`problem-report "PR-7": title: is required`,
		`reported: a date is required`,
		`type: "bug" is not a known value`,
		`criticality: is required`,
		`effects[0]: "looks" is not a known value`,
		`investigation: a report in state resolving must record its investigation`,
		`history[1].at: state changes must be in time order`,
		`history[1].to: problem report "PR-7": cannot move from "open" to "closed"`,
		`state: "resolving" differs from the last recorded state "closed"`,
		`verification.tests: at least one test or result is required`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	require.NoError(t, pmProject().ProblemReports[0].Validate())
}

func TestPostMarketValidateNamesPaths(t *testing.T) {
	p := pmProject()
	p.ChangeRequests[0].Approval.At = pmAt(1) // before the risk analysis
	p.Releases[0].Baseline = nil
	p.Signals[0].NotAProblem = "duplicate"
	p.Ledger = []LedgerEvent{{Vulnerability: "CVE-2026-1", Product: "Pump", Type: LedgerDeployment, At: pmAt(3), Installed: 120}}
	err := p.PostMarket.Validate()
	require.Error(t, err)
	for _, want := range []string{
		`changeRequests[0].approval.at: the change was approved before its risk analysis`,
		`releases[0].baseline: a released version must record its baseline`,
		`signals[0].notAProblem: a signal that raised problem reports cannot also be declared not a problem`,
		`vulnerabilityLedger[0].installed: 120 is not a percentage`,
	} {
		assert.Contains(t, err.Error(), want)
	}

	// The same problems reach the graph build, with the record's ID.
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(sbomFixture)
	_, err = b.Build()
	var be *trace.BuildError
	require.ErrorAs(t, err, &be)
	assert.Len(t, be.Problems, 4)
	require.NoError(t, pmProject().PostMarket.Validate())
}

func TestPostMarketContributesLinks(t *testing.T) {
	g := pmGraph(t, pmProject())
	assert.Equal(t, []trace.ID{"PR-1"}, g.Neighbours("SIG-1", trace.Out, trace.Raises))
	assert.Equal(t, []trace.ID{"CR-1"}, g.Neighbours("PR-1", trace.In, trace.Resolves))
	assert.Equal(t, []trace.ID{"ITM-1"}, g.Neighbours("CR-1", trace.Out, trace.Changes))
	assert.Equal(t, []trace.ID{"HAZ-1", "ITM-1"}, g.Neighbours("PR-1", trace.Out, trace.Affects))
	assert.Equal(t, []trace.ID{"TST-1"}, g.Neighbours("CR-1", trace.In, trace.Verifies))
	assert.Equal(t, []trace.ID{"PR-2", "SYS"}, g.Neighbours("REL-1.1", trace.Out, trace.Contains))
	it, ok := g.Item("PR-2")
	require.True(t, ok)
	assert.Equal(t, "deferred", it.Attr("state"))
	assert.Equal(t, "true", it.Attr("anomalyEvaluated"))
	assert.False(t, it.Fingerprint.IsZero())
}

func TestNilRecordsDoNotPanic(t *testing.T) {
	var pr *ProblemReport
	var cr *ChangeRequest
	var rel *Release
	var sig *Signal
	var pm *PostMarket
	var p *Project
	assert.ErrorIs(t, pr.Validate(), ErrInvalidRecord)
	assert.ErrorIs(t, pr.Transition(ProblemOpen, pmAt(0), "", ""), ErrInvalidRecord)
	assert.False(t, pr.Resolved())
	assert.ErrorIs(t, cr.Validate(), ErrInvalidRecord)
	assert.ErrorIs(t, rel.Validate(), ErrInvalidRecord)
	assert.False(t, rel.InField())
	assert.ErrorIs(t, sig.Validate(), ErrInvalidRecord)
	assert.NoError(t, pm.Validate())
	_, ok := pm.Release("R")
	assert.False(t, ok)
	assert.Nil(t, pm.Introductions())
	_, err := pm.Metrics(MetricsOptions{})
	assert.NoError(t, err)
	_, err = pm.Trend(TrendOptions{Period: PeriodMonth})
	assert.NoError(t, err)
	_, err = p.Readiness(t.Context(), "R", ReadinessOptions{})
	assert.ErrorIs(t, err, ErrUnknownRelease)
	_, err = p.MatchAdvisories(t.Context(), nil, nil, AdvisoryOptions{})
	assert.Error(t, err)
	var in *AdvisoryIntake
	in.Add(pm)
	var rd *Readiness
	assert.False(t, rd.Ready())
}
