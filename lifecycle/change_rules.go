package lifecycle

import (
	"github.com/medtrace/medtrace/trace"
)

func changeAtLeast(s ChangeState) func(trace.Item) bool {
	return func(it trace.Item) bool { return ChangeState(it.Attr("state")).AtLeast(s) }
}

// ChangeRiskAnalysisRule (CHG-001) requires every change request that has
// been approved, or gone further, to record the risk analysis of the change
// (IEC 62304:2006+A1:2015 7.4.1; 6.2.3).
func ChangeRiskAnalysisRule() trace.Rule {
	return approvedChangeRecords(trace.RuleMeta{
		ID: "CHG-001", Version: 1, Severity: trace.Error, Clause: pmClause + "7.4.1",
		Summary: "an approved change request records the risk analysis of the change",
	}, "riskAnalysis", "without a risk analysis of the change (7.4)")
}

// ChangeApprovalRule (CHG-002) requires every change request that is
// approved or further along to record who approved it and when
// (IEC 62304:2006+A1:2015 8.2.1, 6.2.4).
func ChangeApprovalRule() trace.Rule {
	return approvedChangeRecords(trace.RuleMeta{
		ID: "CHG-002", Version: 1, Severity: trace.Error, Clause: pmClause + "8.2.1",
		Summary: "a change request is approved before it is implemented",
	}, "approved", "but records no approval (8.2.1)")
}

// approvedChangeRecords is the rule that every change request approved or
// further along carries the record whose contribution sets attr to "true".
func approvedChangeRecords(meta trace.RuleMeta, attr, missing string) trace.Rule {
	return trace.FuncRule{RuleMeta: meta, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindChangeRequest) {
			if !changeAtLeast(ChangeApproved)(it) {
				continue
			}
			if it.Attr(attr) != "true" {
				r.Failf(it.ID, "change request %s is %s %s", it.ID, it.Attr("state"), missing)
				continue
			}
			r.Pass(it.ID)
		}
	}}
}

// ChangeItemsRule (CHG-003) requires an implemented change request to name
// the configuration items it changed (IEC 62304:2006+A1:2015 8.2.4).
func ChangeItemsRule() trace.Rule {
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "CHG-003", Version: 1, Severity: trace.Error, Clause: pmClause + "8.2.4",
		Summary: "an implemented change request names the items it changed",
		Message: "change request {id} is implemented but changes no item; name the configuration items (8.2.4)",
	}, Kind: KindChangeRequest, Where: changeAtLeast(ChangeImplemented), Link: trace.Changes, Dir: trace.Out}
}

// ChangeVerificationRule (CHG-004) requires an implemented change request to
// name the tests it requires to be run again, for the change and for
// regression (IEC 62304:2006+A1:2015 8.2.3, 5.7.3).
func ChangeVerificationRule() trace.Rule {
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "CHG-004", Version: 1, Severity: trace.Error, Clause: pmClause + "8.2.3",
		Summary: "an implemented change request names the verification it requires",
		Message: "change request {id} is implemented but names no test to verify it (8.2.3, 5.7.3)",
	}, Kind: KindChangeRequest, Where: changeAtLeast(ChangeImplemented), Link: trace.Verifies, Dir: trace.In,
		To: []trace.Kind{KindTest, KindTestResult}}
}

// ChangeResolvesRule (CHG-005) requires a change request made to resolve a
// problem to link to the problem reports it resolves (IEC 62304:2006+A1:2015
// 8.2.4 b, 9.4).
func ChangeResolvesRule() trace.Rule {
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "CHG-005", Version: 1, Severity: trace.Error, Clause: pmClause + "8.2.4",
		Summary: "a change request of origin problem resolves a problem report",
		Message: "change request {id} answers a problem but resolves no problem report (8.2.4 b)",
	}, Kind: KindChangeRequest, Where: func(it trace.Item) bool { return ChangeOrigin(it.Attr("origin")) == OriginProblem },
		Link: trace.Resolves, Dir: trace.Out, To: []trace.Kind{KindProblemReport}}
}

// ChangeInterferenceRule (CHG-006) requires the risk analysis of a change to
// a class B or C system to assess the change's effect on existing risk
// controls (IEC 62304:2006+A1:2015 7.4.2). The class is the one declared on
// the software system record.
func ChangeInterferenceRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{
		ID: "CHG-006", Version: 1, Severity: trace.Error, Clause: pmClause + "7.4.2",
		Summary: "the risk analysis of a change to a class B or C system assesses interference with existing risk controls",
	}, Fn: func(g *trace.Graph, r *trace.Recorder) {
		classBC := false
		for sys := range g.OfKind(KindSystem) {
			if c := Class(sys.Attr("class")); c == ClassB || c == ClassC {
				classBC = true
			}
		}
		if !classBC {
			return
		}
		for it := range g.OfKind(KindChangeRequest) {
			if it.Attr("riskAnalysis") != "true" {
				continue // CHG-001 reports the missing analysis
			}
			if it.Attr("interference") != "true" {
				r.Failf(it.ID, "the risk analysis of change request %s does not assess interference with existing risk controls (7.4.2)", it.ID)
				continue
			}
			r.Pass(it.ID)
		}
	}}
}
