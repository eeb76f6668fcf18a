package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestClassRules(t *testing.T) {
	runRuleCases(t, []projectRuleCase{
		{"CLS-001", func(p *Project) {}, ""},
		{"CLS-001", func(p *Project) { p.System.Class = ClassB }, "SYS-PUMP"},
		{"CLS-001", func(p *Project) { p.Items[1].Class = ClassA }, "ITM-UI"},
		{"CLS-002", func(p *Project) {}, ""},
		{"CLS-002", withoutRisk, "SYS-PUMP"},
		{"CLS-003", func(p *Project) {}, ""},
		{"CLS-003", func(p *Project) { p.Items[1].Segregation = nil }, "ITM-UI"},
		{"CLS-004", func(p *Project) {}, ""},
		{"CLS-004", func(p *Project) { p.Items[2].Segregation.VerifiedBy = nil }, "ITM-LOG"},
		{"CLS-005", func(p *Project) {}, ""},
		{"CLS-005", func(p *Project) { p.System.Class = "" }, "SYS-PUMP"},
		{"FDA-001", func(p *Project) {}, ""},
		{"FDA-001", func(p *Project) { p.System.FDA.Level = Basic }, "SYS-PUMP"},
		{"FDA-001", func(p *Project) { // Basic for a class III device needs a rationale
			p.System.FDA = FDAProfile{Level: Basic, ClassIII: true}
			for hi := range p.Risk.Hazards {
				p.Risk.Hazards[hi].Situations[0].P1 = "1e-6"
			}
		}, "SYS-PUMP"},
		{"FDA-001", func(p *Project) {
			p.System.FDA = FDAProfile{Level: Basic, ClassIII: true, Rationale: "software cannot affect therapy"}
			for hi := range p.Risk.Hazards {
				p.Risk.Hazards[hi].Situations[0].P1 = "1e-6"
			}
		}, ""},
	})
}

func TestDeclaredLowerCarriesPath(t *testing.T) {
	p := pumpProject()
	p.Items[1].Class = ClassA
	got := ruleFindings(t, p, "CLS-001")
	require.Len(t, got, 1)
	assert.Equal(t, []trace.Hop{{From: "ITM-UI", Type: trace.Causes, To: "HS-DELAY"}}, got[0].Path)
	assert.Contains(t, got[0].Message, "declares class A but its hazardous situations call for class B")
}
