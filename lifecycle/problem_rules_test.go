package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// ruleCase makes one rule fire on item by mutating the fixture.
type ruleCase struct {
	name   string
	rule   trace.Rule
	mutate func(p *Project)
	item   trace.ID
	// message is a fragment the finding's message must contain.
	message string
}

func TestMaintenanceRulesFire(t *testing.T) {
	cases := []ruleCase{
		{"PROB-001 open without reason", ProblemResolvedRule(), func(p *Project) {
			p.ProblemReports[1].Reason = ""
		}, "PR-2", "does not say why"},
		{"PROB-001 closed without change", ProblemResolvedRule(), func(p *Project) {
			p.ChangeRequests[0].Resolves = nil
			p.ChangeRequests[0].Origin = OriginFeature
		}, "PR-1", "no change request resolves it"},
		{"PROB-001 no action without rationale", ProblemResolvedRule(), func(p *Project) {
			p.ProblemReports[1].State = ProblemNoAction
			p.ProblemReports[1].Investigation.NoActionRationale = ""
		}, "PR-2", "no rationale"},
		{"PROB-002 safety without hazard", ProblemSafetyRule(), func(p *Project) {
			p.ProblemReports[0].Investigation.Hazards = nil
		}, "PR-1", "no hazard"},
		{"PROB-002 safety effect without investigation", ProblemSafetyRule(), func(p *Project) {
			p.ProblemReports[1].Effects = []Effect{EffectSafety}
		}, "PR-2", "bears on safety"},
		{"PROB-003 closed without verification", ProblemVerifiedRule(), func(p *Project) {
			p.ProblemReports[0].Verification = nil
		}, "PR-1", "no test or result verifies"},
		{"PROB-004 high criticality not advised", ProblemAdvisedRule(), func(p *Project) {
			p.ProblemReports[0].Advised = nil
		}, "PR-1", "no party advised"},
		{"REL-002 release without items", ReleaseItemsRule(), func(p *Project) {
			p.Releases[0].Items = nil
		}, "REL-1.0", "contains no configuration item"},
		{"CHG-006 class B change without interference assessment", ChangeInterferenceRule(), func(p *Project) {
			p.ChangeRequests[0].RiskAnalysis.Interference = ""
		}, "CR-1", "does not assess interference"},
		{"CHG-001 approved without risk analysis", ChangeRiskAnalysisRule(), func(p *Project) {
			p.ChangeRequests[0].RiskAnalysis = nil
		}, "CR-1", "without a risk analysis"},
		{"CHG-002 implemented without approval", ChangeApprovalRule(), func(p *Project) {
			p.ChangeRequests[0].Approval = nil
			p.ChangeRequests[0].State = ChangeImplemented
		}, "CR-1", "no approval"},
		{"CHG-003 implemented without items", ChangeItemsRule(), func(p *Project) {
			p.ChangeRequests[0].Changes = nil
		}, "CR-1", "changes no item"},
		{"CHG-004 implemented without verification", ChangeVerificationRule(), func(p *Project) {
			p.ChangeRequests[0].Verification = nil
		}, "CR-1", "names no test"},
		{"CHG-005 problem change resolving nothing", ChangeResolvesRule(), func(p *Project) {
			p.ChangeRequests[0].Resolves = []trace.ID{"ITM-1"}
		}, "CR-1", "resolves no problem report"},
		{"REL-001 anomaly without evaluation", AnomalyEvaluatedRule(), func(p *Project) {
			p.ProblemReports[1].Anomaly = nil
		}, "PR-2", "ships unresolved in REL-1.1"},
		{"PMS-001 signal not evaluated", SignalEvaluatedRule(), func(p *Project) {
			p.Signals[0].Raises = nil
		}, "SIG-1", "raised no problem report"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := pmProject()
			tc.mutate(p)
			b := trace.NewBuilder()
			b.Add(p)
			b.Add(sbomFixture)
			g, _ := b.Build() // CHG-005's bad link is a build problem; the rest of the graph stands
			findings, cov := runRule(t, g, tc.rule)
			require.Len(t, findings, 1, "findings: %v", findings)
			assert.Equal(t, tc.item, findings[0].Item)
			assert.Equal(t, tc.rule.Meta().ID, findings[0].Rule)
			assert.Contains(t, findings[0].Message, tc.message)
			assert.Contains(t, findings[0].Clause, "IEC 62304:2006+A1:2015 ")
			assert.Equal(t, []trace.ID{tc.item}, cov.Uncovered)
		})
	}
}

func TestMaintenanceRulesSilent(t *testing.T) {
	g := pmGraph(t, pmProject())
	for _, r := range MaintenanceRules() {
		t.Run(r.Meta().ID, func(t *testing.T) {
			findings, cov := runRule(t, g, r)
			assert.Empty(t, findings)
			assert.Positive(t, cov.Total, "the fixture must give the rule something to check")
		})
	}
}

func TestMaintenanceRulesAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	prev := ""
	for _, r := range MaintenanceRules() {
		m := r.Meta()
		require.NoError(t, m.Validate())
		assert.False(t, seen[m.ID], "duplicate %s", m.ID)
		assert.Less(t, prev, m.ID, "rules must be in ID order")
		seen[m.ID], prev = true, m.ID
	}
}

func TestProjectRulesIncludeMaintenanceRules(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range pmProject().Rules() {
		ids[r.Meta().ID] = true
	}
	for _, r := range MaintenanceRules() {
		assert.True(t, ids[r.Meta().ID], r.Meta().ID)
	}
}
