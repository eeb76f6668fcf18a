package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

const zlib = "pkg:generic/zlib@1.3.1"

// withSOUP gives the pump an SBOM with zlib, used by the event log, and a
// complete SOUP record for it.
func withSOUP(p *Project) {
	p.SBOMs = []*sbom.SBOM{{Format: sbom.FormatCycloneDX, SpecVersion: "1.6",
		Components: []sbom.Component{{Name: "zlib", Version: sbom.Known("1.3.1"), PURL: zlib}}}}
	p.Items[2].Uses = []trace.ID{zlib}
	p.SOUP = []sbom.SOUP{{ID: "SOUP-ZLIB", PURL: zlib, Title: "zlib", Manufacturer: "zlib authors",
		FunctionalRequirements: []string{"deflate compression of log records"},
		RequiredSoftware:       []string{"C runtime"},
		AnomalyEvaluation:      "open issues reviewed; none affects the log path",
		Support:                sbom.Support{Level: sbom.SupportActive}}}
}

func TestSOUPRules(t *testing.T) {
	runRuleCases(t, []projectRuleCase{
		{"LC-011", withSOUP, ""},
		{"LC-011", func(p *Project) { withSOUP(p); p.SOUP = nil }, zlib},
		{"LC-012", withSOUP, ""},
		{"LC-012", func(p *Project) { withSOUP(p); p.SOUP[0].AnomalyEvaluation = "" }, "SOUP-ZLIB"},
		{"LC-012", func(p *Project) { withSOUP(p); p.SOUP[0].Manufacturer = "" }, "SOUP-ZLIB"},
		{"LC-012", func(p *Project) { // class A needs the identification only
			withSOUP(p)
			p.SOUP[0].AnomalyEvaluation = ""
			p.Risk.Hazards = p.Risk.Hazards[2:]
			p.Risk.Controls = p.Risk.Controls[1:]
			p.Requirements[0].RiskControls = nil
			p.System.Class = ClassA
		}, ""},
	})
}

func TestSOUPFailureClassifiesTheUser(t *testing.T) {
	p := pumpProject()
	withSOUP(p)
	// A zlib failure can hide the occlusion too.
	p.Risk.Hazards[2].Situations[0].Causes = append(p.Risk.Hazards[2].Situations[0].Causes, zlib)
	cl := classifyPump(t, p, ClassifyOptions{})
	log, _ := cl.Item("ITM-LOG")
	var vias []string
	for _, c := range log.Contributions {
		vias = append(vias, c.Via)
	}
	assert.Equal(t, []string{"cause"}, vias, "the first path to a situation is kept")
	p.Risk.Hazards[2].Situations[0].Causes = []trace.ID{zlib}
	cl = classifyPump(t, p, ClassifyOptions{})
	log, _ = cl.Item("ITM-LOG")
	require.Len(t, log.Contributions, 1)
	assert.Equal(t, "soup", log.Contributions[0].Via)
	assert.Equal(t, []trace.Hop{{From: "ITM-LOG", Type: trace.Uses, To: zlib}, {From: zlib, Type: trace.Causes, To: "HS-HIDDEN"}},
		log.Contributions[0].Path)
}

func TestVEXStatusRule(t *testing.T) {
	report := func(vex *sbom.VEXOutcome) *sbom.MatchReport {
		return &sbom.MatchReport{Results: []sbom.ComponentResult{{Component: zlib, PURL: zlib,
			Matches: []sbom.Match{{Vulnerability: "CVE-2026-0001", Summary: "inflate overflow", VEX: vex}}}}}
	}
	t.Run("silent with a VEX status", func(t *testing.T) {
		p := pumpProject()
		withSOUP(p)
		p.Vulnerabilities = report(&sbom.VEXOutcome{Status: sbom.VEXNotAffected, Statement: "statements[0]"})
		assert.Empty(t, ruleFindings(t, p, "LC-013"))
	})
	t.Run("fires without one", func(t *testing.T) {
		p := pumpProject()
		withSOUP(p)
		p.Vulnerabilities = report(nil)
		got := ruleFindings(t, p, "LC-013")
		require.Len(t, got, 1)
		assert.Equal(t, trace.ID("CVE-2026-0001"), got[0].Item)
		assert.Equal(t, []trace.Hop{{From: "CVE-2026-0001", Type: trace.Affects, To: zlib}}, got[0].Path)
	})
}

// hostingElement adds a threat-model element that hosts zlib.
var hostingElement = trace.ContributorFunc(func(b *trace.Builder) error {
	b.AddItem(trace.Item{ID: "EL-PUMP", Kind: "element", Title: "Pump"})
	b.Allow(trace.Hosts, "element", sbom.KindComponent)
	b.Link("EL-PUMP", trace.Hosts, zlib)
	return nil
})

// TestSOUPRuleNamesSoftwareUsers: LC-011 is about software items using a
// component; an element hosting it neither triggers the rule nor is named.
func TestSOUPRuleNamesSoftwareUsers(t *testing.T) {
	p := pumpProject()
	withSOUP(p)
	p.SOUP = nil
	got := ruleFindings(t, p, "LC-011", hostingElement)
	require.Len(t, got, 1)
	assert.Equal(t, "component "+zlib+" is used by "+string(p.Items[2].ID)+" but no SOUP record annotates it", got[0].Message)

	p.Items[2].Uses = nil // only the element is left
	assert.Empty(t, ruleFindings(t, p, "LC-011", hostingElement))
}
