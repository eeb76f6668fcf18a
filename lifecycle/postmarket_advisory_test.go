package lifecycle

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// lodashAdvisory affects lodash before 4.17.21.
func lodashAdvisory() sbom.Advisory {
	return sbom.Advisory{ID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"}, Summary: "Command injection in lodash",
		Modified: pmAt(40), Affected: []sbom.OSVAffected{{Package: sbom.OSVPackage{Ecosystem: "npm", Name: "lodash"},
			Ranges: []sbom.OSVRange{{Type: sbom.RangeSemver, Events: []sbom.OSVEvent{
				{Kind: sbom.EventIntroduced, Version: "0"}, {Kind: sbom.EventFixed, Version: "4.17.21"}}}}}}}
}

// fieldProject puts the fixture's release 1.0.0 in the field with an SBOM
// holding the vulnerable lodash; the candidate 1.1.0 has a fixed lodash but
// is not in the field.
func fieldProject() *Project {
	p := pmProject()
	lodash := func(v string) sbom.Component {
		return sbom.Component{Name: "lodash", Version: sbom.Known(v), PURL: "pkg:npm/lodash@" + v}
	}
	p.Releases[0].Product = "Pump"
	p.Releases[0].SBOM = &sbom.SBOM{Components: []sbom.Component{lodash("4.17.20")}}
	p.Releases[1].SBOM = &sbom.SBOM{Components: []sbom.Component{lodash("4.17.21")}}
	return p
}

func TestMatchAdvisoriesRaisesTraceableProblem(t *testing.T) {
	ctx := context.Background()
	p := fieldProject()
	g := pmGraph(t, p)
	ix, err := sbom.BuildIndex(ctx, []sbom.Advisory{lodashAdvisory()}, sbom.IndexOptions{})
	require.NoError(t, err)
	received := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

	in, err := p.MatchAdvisories(ctx, g, ix, AdvisoryOptions{Received: received, Source: "OSV"})
	require.NoError(t, err)
	require.Len(t, in.Matches, 1)
	m := in.Matches[0]
	assert.Equal(t, trace.ID("REL-1.0"), m.Release)
	assert.Equal(t, "pkg:npm/lodash@4.17.20", m.Component)
	assert.Equal(t, []trace.ID{"ITM-1"}, m.Items)
	assert.Equal(t, []trace.ID{"HAZ-1", "HS-1"}, m.Hazards)

	require.Len(t, in.Signals, 1)
	require.Len(t, in.Problems, 1)
	require.Len(t, in.Ledger, 1)
	vuln := m.Vulnerability
	pr := in.Problems[0]
	assert.Equal(t, trace.ID("PR-"+vuln), pr.ID)
	assert.Equal(t, CriticalityHigh, pr.Criticality)
	assert.Equal(t, []trace.ID{"HAZ-1", "HS-1", "ITM-1", "pkg:npm/lodash@4.17.20"}, pr.Scope.Items)
	assert.Equal(t, []string{"1.0.0"}, pr.Scope.Versions)
	require.NoError(t, pr.Validate())
	assert.Equal(t, LedgerEvent{Vulnerability: vuln, Product: "Pump", Type: LedgerIdentified, At: received,
		Releases: []trace.ID{"REL-1.0"}, Source: "SIG-" + vuln}, in.Ledger[0])

	// Added to the project, the records build and trace signal → problem →
	// component, item and hazard; the open report is open with a reason.
	in.Add(&p.PostMarket)
	g = pmGraph(t, p)
	assert.Equal(t, []trace.ID{pr.ID}, g.Neighbours(trace.ID("SIG-"+vuln), trace.Out, trace.Raises))
	assert.Equal(t, []trace.ID{"HAZ-1", "HS-1", "ITM-1", "pkg:npm/lodash@4.17.20"}, g.Neighbours(pr.ID, trace.Out, trace.Affects))
	findings, _ := runRule(t, g, ProblemResolvedRule())
	assert.Empty(t, findings)

	// Matching again raises no second problem report.
	again, err := p.MatchAdvisories(ctx, g, ix, AdvisoryOptions{Received: received})
	require.NoError(t, err)
	assert.Len(t, again.Signals, 1)
	assert.Empty(t, again.Problems)
}

func TestMatchAdvisoriesSkipsReleasesNotInField(t *testing.T) {
	ctx := context.Background()
	p := fieldProject()
	p.Releases[0].Status = ReleaseRetired
	ix, err := sbom.BuildIndex(ctx, []sbom.Advisory{lodashAdvisory()}, sbom.IndexOptions{})
	require.NoError(t, err)
	in, err := p.MatchAdvisories(ctx, pmGraph(t, p), ix, AdvisoryOptions{Received: pmAt(50)})
	require.NoError(t, err)
	assert.Empty(t, in.Matches)

	_, err = p.MatchAdvisories(ctx, pmGraph(t, p), ix, AdvisoryOptions{})
	assert.ErrorIs(t, err, ErrInvalidRecord)
}
