package security

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func matchReport() *sbom.MatchReport {
	return &sbom.MatchReport{Results: []sbom.ComponentResult{
		{Component: "pkg:generic/rtos@2.1", Assessment: sbom.AssessedAffected, Matches: []sbom.Match{
			{Vulnerability: "CVE-2026-0001", Summary: "BLE stack overflow", Aliases: []string{"GHSA-xxxx"}},
			{Vulnerability: "CVE-2026-0003", Summary: "Timer underflow",
				VEX: &sbom.VEXOutcome{Status: sbom.VEXNotAffected, Justification: sbom.VEXJustification("vulnerable_code_not_in_execute_path"), ImpactStatement: "timer unused"}},
		}},
		{Component: "pkg:generic/ble@1.0", Assessment: sbom.AssessedAffected, Matches: []sbom.Match{
			{Vulnerability: "CVE-2026-0003", VEX: &sbom.VEXOutcome{Status: sbom.VEXAffected}},
		}},
		{Component: "pkg:generic/unknown", Assessment: sbom.NotAssessed, Reason: sbom.ReasonNoVersion},
	}}
}

func TestMatchesFromReportAndDrafts(t *testing.T) {
	matches := MatchesFromReport(matchReport())
	require.Len(t, matches, 3)
	assert.Equal(t, trace.ID("CVE-2026-0003"), matches[1].Vulnerability)
	require.NotNil(t, matches[1].VEX)
	assert.Equal(t, sbom.VEXNotAffected, matches[1].VEX.Status)
	assert.Equal(t, sbom.JustVulnerableCodeNotInExecutePath, matches[1].VEX.Justification)
	assert.Nil(t, MatchesFromReport(nil))

	drafts := DraftRisks(matches, DraftOptions{Existing: []Risk{{ID: "SR-OLD", Vulnerabilities: []trace.ID{"CVE-2026-0001"}}}})
	require.Len(t, drafts, 1, "an assessed vulnerability gets no draft")
	d := drafts[0]
	assert.Equal(t, trace.ID("SR-CVE-2026-0003"), d.ID)
	assert.Equal(t, []trace.ID{"pkg:generic/ble@1.0", "pkg:generic/rtos@2.1"}, d.Components)
	require.NotNil(t, d.VEX)
	assert.Equal(t, sbom.VEXAffected, d.VEX.Status, "the most severe statement over the components wins")
	assert.False(t, d.NotAffected())
	assert.Nil(t, d.Pre, "drafts are assessed by a person")
}

func TestDraftsFireUntilAssessed(t *testing.T) {
	f := cleanFile(t)
	rep := matchReport()
	rep.Results[0].Matches = rep.Results[0].Matches[1:] // CVE-2026-0001 is already an item of others()
	drafts := DraftRisks(MatchesFromReport(rep), DraftOptions{Existing: f.Risks})
	require.Len(t, drafts, 1)
	f.Risks = append(f.Risks, drafts...)
	g := buildGraph(t, f, rep, trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "pkg:generic/ble@1.0", Kind: sbom.KindComponent, Title: "BLE"})
		return nil
	}))
	res := runRules(t, g, RuleOptions{})
	assertFinding(t, res, "SEC-011", "SR-CVE-2026-0003")
	assertFinding(t, res, "SEC-074", "SR-CVE-2026-0003")
}

func TestReevaluate(t *testing.T) {
	f := cleanFile(t)
	g := buildGraph(t, f)
	touched := Reevaluate(g, "CVE-2026-0001")
	assert.Equal(t, []trace.ID{"SR-CVE"}, touched, "only the risk assessing it while no component is affected")

	g = buildGraph(t, f, trace.ContributorFunc(func(b *trace.Builder) error {
		b.Allow(trace.Affects, sbom.KindVulnerability, sbom.KindComponent)
		b.Link("CVE-2026-0001", trace.Affects, "pkg:generic/rtos@2.1")
		return nil
	}))
	touched = Reevaluate(g, "CVE-2026-0001")
	for _, want := range []trace.ID{"EL-PUMP", ThreatID("MED-PUMP-COMMAND", "EL-PUMP"), "SR-SPOOF", "SR-CVE", "HS-001"} {
		assert.Contains(t, touched, want)
	}
	assert.NotContains(t, touched, trace.ID("EL-CLOUD"))
}
