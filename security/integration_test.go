package security

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// pumpRiskFile is the safety risk file the pump's security file links to.
func pumpRiskFile(p1 risk.Probability) *risk.File {
	return &risk.File{
		Plan:  risk.DefaultPlan("RMP-001", risk.ALARP),
		Harms: []risk.Harm{{ID: "HARM-001", Title: "Hypoglycaemia", Severity: "Critical"}},
		Hazards: []risk.Hazard{{ID: "HAZ-001", Title: "Unauthorised dose change", Category: "security",
			Situations: []risk.Situation{{ID: "HS-001", Title: "Unintended bolus",
				Estimate: risk.Estimate{P1: p1, Harms: []risk.HarmEstimate{{Harm: "HARM-001"}}}}}}},
	}
}

// nonRisk contributes the other packages' records except the risk file's.
func nonRisk() trace.Contributor {
	return trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "REQ-SEC-1", Kind: KindRequirement, Title: "Security requirements"})
		b.AddItem(trace.Item{ID: "TST-PEN", Kind: KindTest, Title: "Penetration test", Attrs: map[string]string{"type": "penetration"}})
		b.AddItem(trace.Item{ID: "CVE-2026-0001", Kind: sbom.KindVulnerability, Title: "BLE stack overflow"})
		b.AddItem(trace.Item{ID: "CVE-2026-0002", Kind: sbom.KindVulnerability, Title: "Login endpoint flooding"})
		b.AddItem(trace.Item{ID: "pkg:generic/rtos@2.1", Kind: sbom.KindComponent, Title: "RTOS"})
		b.AddItem(trace.Item{ID: "RC-STOP", Kind: risk.KindControl, Title: "Emergency stop", Attrs: map[string]string{AttrAttackSurface: "true"}})
		b.AddItem(trace.Item{ID: "CR-001", Kind: KindChangeRequest, Title: "Patch RTOS"})
		for _, c := range ControlCategories() {
			b.Link("TST-PEN", trace.Verifies, trace.ID("CTL-"+c.Letter()))
		}
		return nil
	})
}

func checkBoth(t *testing.T, sec *File, rf *risk.File) *trace.Result {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(sec)
	b.Add(rf)
	b.Add(nonRisk())
	g, err := b.Build()
	require.NoError(t, err)
	rules := append(Rules(RuleOptions{}), risk.Rules(rf)...)
	res, err := trace.Check(context.Background(), g, rules, trace.CheckOptions{})
	require.NoError(t, err)
	return res
}

func findings(res *trace.Result, rule string) []trace.ID {
	var out []trace.ID
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f.Item)
		}
	}
	return out
}

func TestSecuritySafetyLinkWithRiskFile(t *testing.T) {
	sec := cleanFile(t)
	res := checkBoth(t, sec, pumpRiskFile("Probable"))
	assert.Empty(t, findings(res, "SEC-014"), "threats reach HS-001 of the real risk file")
	assert.Empty(t, findings(res, "RISK-019"), "the threat-caused situation is estimated by level")

	res = checkBoth(t, sec, pumpRiskFile("1e-3"))
	assert.Equal(t, []trace.ID{"HS-001"}, findings(res, "RISK-019"),
		"a situation caused by a security threat must not carry a numeric probability")

	// The risk file may record the cause itself; the link is the same.
	rf := pumpRiskFile("Probable")
	spoof := ThreatID("MED-PUMP-COMMAND", "EL-PUMP")
	rf.Hazards[0].Situations[0].Causes = []trace.ID{spoof}
	findThreatIn(sec.Threats, spoof).Causes = nil
	res = checkBoth(t, sec, rf)
	assert.NotContains(t, findings(res, "SEC-014"), spoof)
}
