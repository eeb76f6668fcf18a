package lifecycle

import (
	"fmt"

	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// threatTreatedRule is LC-014: every threat is treated: mitigated by
// security controls, accepted or transferred with a rationale, or dismissed
// (not applicable, false positive); none stays open. The security file's
// rules check that each treatment holds (SEC-062 for mitigation, SEC-015
// for assessment); this rule checks that the thread has no open threat.
func threatTreatedRule() trace.Rule {
	return trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-014", Version: 1, Severity: trace.Error,
		Clause:  "IEC 81001-5-1:2021 7.3; FDA premarket cybersecurity guidance (2023) V.A.2",
		Summary: "every threat is mitigated, accepted, transferred or dismissed; none stays open"},
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(security.KindThreat) {
				switch security.ThreatStatus(it.Attr(security.AttrStatus)) {
				case security.StatusMitigated, security.StatusAccepted, security.StatusTransferred,
					security.StatusNotApplicable, security.StatusFalsePositive:
					r.Pass(it.ID)
				default:
					r.Fail(it.ID, fmt.Sprintf("threat %s (%s) is %s: mitigate it with a security control, or accept or transfer it with a rationale",
						it.ID, it.Title, orUnknown(it.Attr(security.AttrStatus))))
				}
			}
		}}
}
