package security

import (
	"github.com/medtrace/medtrace/trace"
)

// ruleControlVerified is SEC-060: a security control is verified by at least
// one security test (a lifecycle test whose "type" is a TestType, or that
// has no type).
func ruleControlVerified() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-060", trace.Error, "IEC 81001-5-1:2021 5.7.2; FDA premarket cybersecurity guidance (2023) V.C",
			"each security control is verified by a security test (penetration, fuzz, static analysis, vulnerability scan, ...)"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindControl) {
				var other []trace.ID
				ok := false
				for _, t := range linked(g, it.ID, trace.In, trace.Verifies, KindTest) {
					test, _ := g.Item(t)
					if typ := test.Attr(AttrTestType); typ == "" || TestType(typ).Valid() {
						ok = true
						break
					}
					other = append(other, t)
				}
				switch {
				case ok:
					r.Pass(it.ID)
				case len(other) > 0:
					r.Failf(it.ID, "security control %s is verified only by tests that are not security tests (%s)", it.ID, joinIDs(other))
				default:
					r.Failf(it.ID, "security control %s (%s) is verified by no security test", it.ID, it.Title)
				}
			}
		},
	}
}

// ruleControlImplemented is SEC-061: a security control is implemented by
// at least one requirement.
func ruleControlImplemented() trace.Rule {
	m := meta("SEC-061", trace.Error, "IEC 81001-5-1:2021 5.2.1, 7.4",
		"each security control is implemented by a requirement")
	m.Message = "security control {id} ({title}) is implemented by no requirement"
	return trace.LinkRule{RuleMeta: m, Kind: KindControl, Link: trace.ImplementedBy, Dir: trace.Out, To: []trace.Kind{KindRequirement}}
}

// ruleMitigatedHasControl is SEC-062: a threat marked mitigated is
// mitigated by at least one security control.
func ruleMitigatedHasControl() trace.Rule {
	m := meta("SEC-062", trace.Error, "FDA premarket cybersecurity guidance (2023) V.B.1",
		"a threat marked mitigated traces to at least one security control")
	m.Message = "threat {id} is marked mitigated but no security control mitigates it"
	return trace.LinkRule{RuleMeta: m, Kind: KindThreat, Link: trace.Mitigates, Dir: trace.In, To: []trace.Kind{KindControl},
		Where: func(it trace.Item) bool { return it.Attr(AttrStatus) == string(StatusMitigated) }}
}
