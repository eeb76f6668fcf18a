package lifecycle

import (
	"github.com/medtrace/medtrace/trace"
)

// MaintenanceRules returns the rules on problem reports, change requests,
// releases and signals (IEC 62304:2006+A1:2015 clauses 5.8, 6, 7.4, 8, 9),
// in rule ID order. Project.Rules includes them.
func MaintenanceRules() []trace.Rule {
	return []trace.Rule{
		ChangeRiskAnalysisRule(), ChangeApprovalRule(), ChangeItemsRule(), ChangeVerificationRule(),
		ChangeResolvesRule(), ChangeInterferenceRule(),
		SignalEvaluatedRule(),
		ProblemResolvedRule(), ProblemSafetyRule(), ProblemVerifiedRule(), ProblemAdvisedRule(),
		AnomalyEvaluatedRule(), ReleaseItemsRule(),
	}
}

// ProblemResolvedRule (PROB-001) requires every problem report to be
// resolved or open with a reason (IEC 62304:2006+A1:2015 9.2 d, 9.5; 5.8.2):
// a closed report is resolved by a change request, a report closed with no
// action says why, and any other report says why it is still open.
func ProblemResolvedRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{
		ID: "PROB-001", Version: 1, Severity: trace.Error, Clause: pmClause + "9.2",
		Summary: "every problem report is resolved, or open with a reason",
	}, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindProblemReport) {
			switch ProblemState(it.Attr("state")) {
			case ProblemClosed:
				if len(g.Neighbours(it.ID, trace.In, trace.Resolves)) == 0 {
					r.Failf(it.ID, "problem report %s is closed but no change request resolves it (9.4, 8.2.4 b)", it.ID)
					continue
				}
			case ProblemNoAction:
				if it.Attr("noActionRationale") == "" {
					r.Failf(it.ID, "problem report %s is closed with no action but gives no rationale (9.2 d)", it.ID)
					continue
				}
			default:
				if it.Attr("reason") == "" {
					r.Failf(it.ID, "problem report %s is %s and does not say why it is still open (9.2 d)", it.ID, it.Attr("state"))
					continue
				}
			}
			r.Pass(it.ID)
		}
	}}
}

// ProblemSafetyRule (PROB-002) requires a problem report found relevant to
// safety, or declared to affect safety, to link to the hazards or hazardous
// situations it bears on (IEC 62304:2006+A1:2015 9.2 b, 7.1).
func ProblemSafetyRule() trace.Rule {
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "PROB-002", Version: 1, Severity: trace.Error, Clause: pmClause + "9.2",
		Summary: "a safety-relevant problem report links to the hazards it bears on",
		Message: "problem report {id} bears on safety but affects no hazard or hazardous situation; link it to the risk file (9.2 b)",
	}, Kind: KindProblemReport, Where: safetyRelevant, Link: trace.Affects, Dir: trace.Out,
		To: []trace.Kind{kindHazard, kindSituation}}
}

// ProblemAdvisedRule (PROB-004) requires an investigated problem report of
// high criticality to record which parties were told of it: users,
// regulators, suppliers (IEC 62304:2006+A1:2015 9.3, 6.2.5).
func ProblemAdvisedRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{
		ID: "PROB-004", Version: 1, Severity: trace.Warning, Clause: pmClause + "9.3",
		Summary: "an investigated problem report of high criticality records who was advised",
	}, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindProblemReport) {
			if Criticality(it.Attr("criticality")) != CriticalityHigh || it.Attr("investigated") != "true" {
				continue
			}
			if it.Attr("advised") == "" {
				r.Failf(it.ID, "problem report %s is of high criticality but records no party advised of it (9.3, 6.2.5)", it.ID)
				continue
			}
			r.Pass(it.ID)
		}
	}}
}

func safetyRelevant(it trace.Item) bool {
	if it.Attr("safetyRelevant") == "true" {
		return true
	}
	for _, e := range splitAttr(it.Attr("effects")) {
		if Effect(e) == EffectSafety {
			return true
		}
	}
	return false
}

// ProblemVerifiedRule (PROB-003) requires a closed problem report to record
// the verification of its resolution by at least one test or test result
// (IEC 62304:2006+A1:2015 9.7).
func ProblemVerifiedRule() trace.Rule {
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "PROB-003", Version: 1, Severity: trace.Error, Clause: pmClause + "9.7",
		Summary: "a closed problem report has its resolution verified by a test",
		Message: "problem report {id} is closed but no test or result verifies its resolution (9.7)",
	}, Kind: KindProblemReport, Where: func(it trace.Item) bool { return ProblemState(it.Attr("state")) == ProblemClosed },
		Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{KindTest, KindTestResult}}
}

// pmClause prefixes the clause of every post-market rule.
const pmClause = "IEC 62304:2006+A1:2015 "
