package lifecycle

import (
	"fmt"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// Clause references of the lifecycle rules.
const (
	clause62304   = "IEC 62304:2006+A1:2015 "
	clauseDesign  = "21 CFR 820.30(c); IEC 62304:2006+A1:2015 5.2.1"
	clauseReviews = "21 CFR 820.30(e); IEC 62304:2006+A1:2015 5.2.6, 5.3.6"
)

func isSoftwareReq(it trace.Item) bool { return it.Attr("level") == string(LevelSoftware) }

func isRiskControlReq(it trace.Item) bool { return it.Attr("riskControl") == "true" }

func isSecurityControlReq(it trace.Item) bool { return it.Attr("securityControl") == "true" }

// threadRules are the lifecycle rules on needs, requirements, tests and
// results.
func threadRules(cc *classCache) []trace.Rule {
	return []trace.Rule{
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-001", Version: 1, Severity: trace.Warning,
			Clause: clauseDesign, Summary: "every user need derives at least one requirement",
			Message: "user need {id} derives no requirement"},
			Kind: KindUserNeed, Link: trace.Derives, Dir: trace.Out, To: []trace.Kind{KindRequirement}},
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-002", Version: 1, Severity: trace.Warning,
			Clause: clause62304 + "5.2.1, 5.1.1 c", Summary: "every software requirement derives from a user need or a system requirement",
			Message: "software requirement {id} derives from no user need or system requirement"},
			Kind: KindRequirement, Where: isSoftwareReq, Link: trace.Derives, Dir: trace.In,
			To: []trace.Kind{KindUserNeed, KindRequirement}},
		unlessClassA(cc, trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-003", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.3.1", Summary: "in a class B or C system, every software requirement is allocated to a software item, unit or the system",
			Message: "software requirement {id} is allocated to no software item"},
			Kind: KindRequirement, Where: isSoftwareReq, Link: trace.AllocatedTo, Dir: trace.Out, To: structureKinds}),
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-004", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.7.1, 5.7.4 a", Summary: "every requirement is verified by at least one test",
			Message: "requirement {id} is verified by no test"},
			Kind: KindRequirement, Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{KindTest}},
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-005", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.7.5", Summary: "every test has at least one recorded result",
			Message: "test {id} has no recorded result"},
			Kind: KindTest, Link: trace.Evidences, Dir: trace.In, To: []trace.Kind{KindTestResult}},
		trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-006", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.7.4 c", Summary: "the latest result of every test passes"}, Fn: latestResultPasses},
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-007", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.2.3, 7.2.2 a", Summary: "a requirement flagged as a risk control implements a risk control",
			Message: "requirement {id} is flagged as a risk control but implements no risk control"},
			Kind: KindRequirement, Where: isRiskControlReq, Link: trace.ImplementedBy, Dir: trace.In, To: []trace.Kind{risk.KindControl}},
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-008", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "5.2.2 e", Summary: "a requirement flagged as a security control implements a security control",
			Message: "requirement {id} is flagged as a security control but implements no security control"},
			Kind: KindRequirement, Where: isSecurityControlReq, Link: trace.ImplementedBy, Dir: trace.In, To: []trace.Kind{kindSecurityControl}},
		trace.LinkRule{RuleMeta: trace.RuleMeta{ID: "LC-009", Version: 1, Severity: trace.Warning,
			Clause: "21 CFR 820.30(g)", Summary: "every user need is validated by a validation or usability test",
			Message: "user need {id} is validated by no test"},
			Kind: KindUserNeed, Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{KindTest}},
		trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-010", Version: 1, Severity: trace.Warning,
			Clause: clauseReviews, Summary: "a design review is stale when a reviewed item changed after the review"}, Fn: staleReviews},
		trace.AcyclicRule(trace.RuleMeta{ID: "LC-015", Version: 1, Severity: trace.Error,
			Clause:  clause62304 + "5.3.1, 5.1.1 c",
			Summary: "no item is its own ancestor, no requirement derives from itself, no cause or hazard chain loops",
			Message: "{kind} {id} is in a cycle of {count} items along {link} links; the hierarchy and the traces must be acyclic"}),
	}
}

// unlessClassA runs rule only when the system's class is B or C: the
// activity it checks is not required for class A.
func unlessClassA(cc *classCache, rule trace.Rule) trace.Rule {
	return trace.FuncRule{RuleMeta: rule.Meta(), Fn: func(g *trace.Graph, r *trace.Recorder) {
		if cc.get(g).System.Class != ClassA {
			rule.Check(g, r)
		}
	}}
}

// latestResultPasses fails a test whose latest result (by date, then ID)
// is not a pass.
func latestResultPasses(g *trace.Graph, r *trace.Recorder) {
	for t := range g.OfKind(KindTest) {
		var latest trace.Item
		for _, id := range g.Neighbours(t.ID, trace.In, trace.Evidences) {
			res, _ := g.Item(id)
			if res.Kind != KindTestResult {
				continue
			}
			if latest.ID == "" || res.Attr("date") > latest.Attr("date") ||
				(res.Attr("date") == latest.Attr("date") && res.ID > latest.ID) {
				latest = res
			}
		}
		switch {
		case latest.ID == "":
			continue // LC-005 reports tests without results.
		case latest.Attr("outcome") == string(Pass):
			r.Pass(t.ID)
		default:
			r.Fail(t.ID, fmt.Sprintf("test %s: latest result %s (%s, version %s) is %s",
				t.ID, latest.ID, latest.Attr("date"), latest.Attr("version"), latest.Attr("outcome")),
				trace.Hop{From: latest.ID, Type: trace.Evidences, To: t.ID})
		}
	}
}

// staleReviews fails a design review any of whose reviewed items now has a
// fingerprint other than the one recorded at review time.
func staleReviews(g *trace.Graph, r *trace.Recorder) {
	for rv := range g.OfKind(KindDesignReview) {
		stale := false
		for _, l := range g.Out(rv.ID, trace.Reviews) {
			target, _ := g.Item(l.To)
			if l.Reviewed == target.Fingerprint {
				continue
			}
			stale = true
			was := l.Reviewed.Short()
			if was == "" {
				was = "not recorded"
			}
			r.Fail(rv.ID, fmt.Sprintf("design review %s is stale: %s %s changed since the review (reviewed at %s, now %s)",
				rv.ID, target.Kind, target.ID, was, target.Fingerprint.Short()),
				trace.Hop{From: rv.ID, Type: trace.Reviews, To: l.To})
		}
		if !stale {
			r.Pass(rv.ID)
		}
	}
}
