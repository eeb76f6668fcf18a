package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func TestContributionThroughACause(t *testing.T) {
	p := pumpProject()
	// The display's failure is recorded as a cause record of the risk file.
	p.Risk.Causes = []risk.Cause{{ID: "CAUSE-STALE", Title: "Stale frame shown"}}
	p.Risk.Hazards[1].Situations[0].Causes = []trace.ID{"CAUSE-STALE"}
	p.Items[1].Causes = []trace.ID{"CAUSE-STALE"}
	cl := classifyPump(t, p, ClassifyOptions{})
	ui, _ := cl.Item("ITM-UI")
	require.Len(t, ui.Contributions, 1)
	assert.Equal(t, []trace.Hop{
		{From: "ITM-UI", Type: trace.Causes, To: "CAUSE-STALE"},
		{From: "CAUSE-STALE", Type: trace.Causes, To: "HS-DELAY"},
	}, ui.Contributions[0].Path)
	assert.Equal(t, ClassB, ui.Class)
}

func TestContributionThroughAVulnerability(t *testing.T) {
	p := pumpProject()
	withSOUP(p)
	p.Risk.Hazards[2].Situations[0].Causes = []trace.ID{"CVE-2026-0001"}
	p.Vulnerabilities = &sbom.MatchReport{Results: []sbom.ComponentResult{{Component: zlib, PURL: zlib,
		Matches: []sbom.Match{{Vulnerability: "CVE-2026-0001", VEX: &sbom.VEXOutcome{Status: sbom.VEXAffected, Statement: "s"}}}}}}
	cl := classifyPump(t, p, ClassifyOptions{})
	log, _ := cl.Item("ITM-LOG")
	require.Len(t, log.Contributions, 1)
	assert.Equal(t, "vulnerability", log.Contributions[0].Via)
	assert.Equal(t, []trace.Hop{
		{From: "ITM-LOG", Type: trace.Uses, To: zlib},
		{From: "CVE-2026-0001", Type: trace.Affects, To: zlib},
		{From: "CVE-2026-0001", Type: trace.Causes, To: "HS-HIDDEN"},
	}, log.Contributions[0].Path)
}

func TestQualitativeReduction(t *testing.T) {
	p := pumpProject()
	hs := &p.Risk.Hazards[2].Situations[0]
	// Frequent → Improbable: the alarm lowers P1 by four levels, so with
	// the failure certain (the top level) P1 becomes Improbable: the
	// Critical harm is then acceptable.
	hs.P1 = "Frequent"
	hs.Harms[0].P2 = "Frequent"
	hs.Residual = &risk.Estimate{P1: "Improbable", Harms: []risk.HarmEstimate{{Harm: "HARM-OD", P2: "Frequent"}}}
	cl := classifyPump(t, p, ClassifyOptions{})
	sc, ok := cl.Situation("HS-HIDDEN")
	require.True(t, ok)
	assert.True(t, sc.Acceptable, sc.Reason)

	// Mixed forms give no reduction: the risk stays unacceptable.
	hs.Residual.P1 = "1e-9"
	cl = classifyPump(t, p, ClassifyOptions{})
	sc, _ = cl.Situation("HS-HIDDEN")
	assert.False(t, sc.Acceptable, sc.Reason)
}

func TestExplainEveryBasis(t *testing.T) {
	p := pumpProject()
	p.Items[2].Class = ClassB // declared above its computed A
	cl := classifyPump(t, p, ClassifyOptions{})
	for id, want := range map[trace.ID]string{
		"SYS-PUMP":  "highest class of the hazardous situations",
		"ITM-DOSE":  "inherited from SYS-PUMP (4.3 d)",
		"ITM-UI":    "its own situations under its segregation argument",
		"ITM-LOG":   "declared, above the computed class A (4.3 e)",
		"UNIT-RATE": "software controls RC-LIMIT are not counted",
	} {
		text, ok := cl.Explain(id)
		require.True(t, ok, id)
		assert.Contains(t, text, want, id)
	}
	_, ok := cl.Explain("NOPE")
	assert.False(t, ok)

	withoutRisk(p)
	cl = classifyPump(t, p, ClassifyOptions{})
	text, _ := cl.Explain("ITM-UI")
	assert.Contains(t, text, "no risk analysis to classify from, so class C (4.3 g)")
}

func TestInventoryMergesSBOMs(t *testing.T) {
	p := pumpProject()
	withSOUP(p)
	second := &sbom.SBOM{Format: sbom.FormatCycloneDX, SpecVersion: "1.6",
		Metadata:   sbom.Metadata{Component: &sbom.Component{Name: "pump-fw", PURL: "pkg:generic/pump-fw@2.0.0"}},
		Components: []sbom.Component{{Name: "zlib", PURL: zlib}, {Name: "lwip", PURL: "pkg:generic/lwip@2.2.0"}}}
	p.SBOMs = append(p.SBOMs, nil, second)
	g, err := p.Graph()
	require.NoError(t, err)
	for _, id := range []trace.ID{zlib, "pkg:generic/lwip@2.2.0", "pkg:generic/pump-fw@2.0.0"} {
		assert.True(t, g.Has(id), id)
	}
}

func TestEnums(t *testing.T) {
	assert.True(t, CategoryRegulatory.Valid())
	assert.False(t, Category("").Valid())
	assert.True(t, DocDetailedDesign.Valid())
	assert.False(t, DocumentType("memo").Valid())
	assert.True(t, BasisDefault.Valid())
	assert.False(t, Basis("").Valid())
	assert.True(t, TestAttackSurface.Valid() && TestAttackSurface.Security())
	assert.False(t, TestUnit.Security())
	assert.False(t, TestType("").Valid())
	assert.False(t, Outcome("").Valid())
	assert.False(t, Level("").Valid())
	assert.False(t, Class("").Valid())
	assert.Equal(t, 0, Class("D").Rank())
	assert.False(t, Edition("").Valid())
	assert.False(t, DocumentationLevel("").Valid())
	assert.Equal(t, ClassA, lowerByOne(ClassB))
	assert.Equal(t, ClassA, lowerByOne(ClassA))
	assert.Equal(t, `test-result -evidences-> test[type=unit]`, resultOf(TestUnit).String())
}

// TestQualitativeSituationWithoutP2 covers a situation estimated only by a
// probability level with no P2 (a security-caused one): with the failure
// certain it is judged at the plan's top level, not left unevaluated.
func TestQualitativeSituationWithoutP2(t *testing.T) {
	p := pumpProject()
	hs := &p.Risk.Hazards[2].Situations[0]
	hs.P1 = "Occasional"
	for i := range hs.Harms {
		hs.Harms[i].P2 = ""
	}
	hs.Residual = nil
	cl := classifyPump(t, p, ClassifyOptions{})
	sc, ok := cl.Situation("HS-HIDDEN")
	require.True(t, ok)
	assert.False(t, sc.Acceptable)
	assert.Contains(t, sc.Reason, "/Frequent: unacceptable")
	assert.NotContains(t, sc.Reason, "cannot be evaluated")
}
