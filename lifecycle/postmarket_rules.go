package lifecycle

import (
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// SignalEvaluatedRule (PMS-001) requires every post-market signal to be
// evaluated: it raises a problem report, or says why it is not a problem
// (IEC 62304:2006+A1:2015 6.2.1.2).
func SignalEvaluatedRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{
		ID: "PMS-001", Version: 1, Severity: trace.Error, Clause: pmClause + "6.2.1.2",
		Summary: "every signal raises a problem report or says why it is not a problem",
	}, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindSignal) {
			if it.Attr("notAProblem") == "true" || len(g.Neighbours(it.ID, trace.Out, trace.Raises)) > 0 {
				r.Pass(it.ID)
				continue
			}
			r.Failf(it.ID, "%s signal %s raised no problem report and does not say why it is not a problem (6.2.1.2)",
				it.Attr("type"), it.ID)
		}
	}}
}

func splitAttr(s string) []string { return strings.Fields(s) }
