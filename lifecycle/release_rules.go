package lifecycle

import (
	"github.com/medtrace/medtrace/trace"
)

// AnomalyEvaluatedRule (REL-001) requires every unresolved problem report a
// release ships with to be evaluated as a known residual anomaly
// (IEC 62304:2006+A1:2015 5.8.3; FDA 2023 software guidance VI.J). The
// finding names the release in its path.
func AnomalyEvaluatedRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{
		ID: "REL-001", Version: 1, Severity: trace.Error, Clause: pmClause + "5.8.3",
		Summary: "every known residual anomaly of a release is evaluated",
	}, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindProblemReport) {
			st := ProblemState(it.Attr("state"))
			if st == ProblemClosed || st == ProblemNoAction {
				continue
			}
			for _, l := range g.In(it.ID, trace.Contains) {
				if it.Attr("anomalyEvaluated") == "true" {
					r.Pass(it.ID)
					continue
				}
				r.Fail(it.ID, "problem report "+string(it.ID)+" ships unresolved in "+string(l.From)+
					" without an evaluation of its impact and rationale (5.8.3)",
					trace.Hop{From: l.From, Type: l.Type, To: l.To})
			}
		}
	}}
}

// ReleaseItemsRule (REL-002) requires every release to name the
// configuration items it contains, so its configuration can be retrieved
// (IEC 62304:2006+A1:2015 8.1.3, 5.8.4).
func ReleaseItemsRule() trace.Rule {
	var kinds []trace.Kind
	for _, k := range containedKinds {
		if k != KindProblemReport {
			kinds = append(kinds, k)
		}
	}
	return trace.LinkRule{RuleMeta: trace.RuleMeta{
		ID: "REL-002", Version: 1, Severity: trace.Error, Clause: pmClause + "8.1.3",
		Summary: "a release names the configuration items it contains",
		Message: "release {id} contains no configuration item; name the system, items or documents it releases (8.1.3)",
	}, Kind: KindRelease, Link: trace.Contains, Dir: trace.Out, To: kinds}
}
