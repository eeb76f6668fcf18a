package security

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// ruleBoundary is SEC-001: every in-scope element sits in a trust boundary.
func ruleBoundary() trace.Rule {
	m := meta("SEC-001", trace.Error, "IEC 81001-5-1:2021 5.3.2 a, 7.2 b",
		"every in-scope element of the threat model is placed in a trust boundary")
	m.Message = "element {id} ({title}) is in no trust boundary; place it in one so that the flows crossing it are known"
	return trace.LinkRule{RuleMeta: m, Kind: KindElement, Link: trace.PartOf, Dir: trace.Out,
		To:    []trace.Kind{KindTrustBoundary},
		Where: func(it trace.Item) bool { return it.Attr("out-of-scope") != "true" }}
}

// ruleCrossingFlow is SEC-002: a flow that crosses a trust boundary is
// authenticated and integrity-protected.
func ruleCrossingFlow() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-002", trace.Warning, "FDA premarket cybersecurity guidance (2023) Appendix 1 A, D",
			"a data flow crossing a trust boundary is authenticated and integrity-protected"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindDataFlow) {
				if it.Attr(AttrCrossesBoundary) != "true" {
					continue
				}
				var missing []string
				if it.Attr(AttrAuthenticated) != "true" {
					missing = append(missing, "authentication")
				}
				if it.Attr(AttrIntegrityProtected) != "true" {
					missing = append(missing, "integrity protection")
				}
				if len(missing) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "data flow %s (%s) crosses a trust boundary without %s", it.ID, it.Title, strings.Join(missing, " or "))
			}
		},
	}
}

// ruleSTRIDECoverage is SEC-003: every in-scope element and every flow has,
// for each STRIDE category that applies to it, a threat (open, treated or
// marked not applicable with a rationale).
func ruleSTRIDECoverage() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-003", trace.Error, "FDA premarket cybersecurity guidance (2023) V.A.1",
			"each element and flow has a threat, or a not-applicable threat with a rationale, for every STRIDE category that applies to it"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for _, k := range []trace.Kind{KindElement, KindDataFlow} {
				for it := range g.OfKind(k) {
					expected := splitList(it.Attr(AttrExpectedSTRIDE))
					if len(expected) == 0 {
						continue
					}
					have := map[string]bool{}
					for _, t := range linked(g, it.ID, trace.In, trace.Targets, KindThreat) {
						th, _ := g.Item(t)
						for _, c := range splitList(th.Attr(AttrSTRIDE)) {
							have[c] = true
						}
					}
					var missing []string
					for _, c := range expected {
						if !have[c] {
							missing = append(missing, c)
						}
					}
					if len(missing) == 0 {
						r.Pass(it.ID)
						continue
					}
					r.Failf(it.ID, "%s %s (%s) has no threat for STRIDE %s; generate threats or record them as not applicable with a rationale",
						it.Kind, it.ID, it.Title, strings.Join(missing, ", "))
				}
			}
		},
	}
}

// ruleCyberDevice is SEC-004: the threat model records the FD&C Act 524B(c)
// cyber-device determination.
func ruleCyberDevice() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-004", trace.Warning, "FD&C Act 524B(c)",
			"the threat model records whether the device is a cyber device, with a rationale"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreatModel) {
				if it.Attr(AttrCyberDevice) != "" {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "threat model %s does not record the cyber-device determination (software, internet connection, vulnerability to threats)", it.ID)
			}
		},
	}
}

// ruleCategories is SEC-051: every FDA control category is addressed by a
// control or marked not applicable with a rationale.
func ruleCategories() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-051", trace.Warning, "FDA premarket cybersecurity guidance (2023) Appendix 1",
			"each of the eight FDA control categories is addressed by a security control or exempted with a rationale"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreatModel) {
				missing := splitList(it.Attr(AttrCategoriesMissing))
				if len(missing) == 0 {
					r.Pass(it.ID)
					continue
				}
				var named []string
				for _, c := range missing {
					named = append(named, ControlCategory(c).Letter()+" "+c)
				}
				r.Failf(it.ID, "no security control addresses, and no exemption covers, control categories %s", strings.Join(named, ", "))
			}
		},
	}
}

// ruleModelCoverage is SEC-090: the threat model covers IEC 81001-5-1 7.2
// a–l (or exempts items with a rationale) and, when opts.AsOf is set, was
// reviewed within the review interval.
func ruleModelCoverage(opts RuleOptions) trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-090", trace.Warning, "IEC 81001-5-1:2021 7.2",
			"the threat model covers items a to l of the standard and is reviewed at least yearly"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindThreatModel) {
				var problems []string
				if missing := it.Attr(AttrCoverageMissing); missing != "" {
					problems = append(problems, "it does not cover items "+missing+" (cover or exempt each with a rationale)")
				}
				if !opts.AsOf.IsZero() {
					reviewed, err := time.Parse(time.DateOnly, it.Attr(AttrReviewedAt))
					switch {
					case err != nil:
						problems = append(problems, "it records no review date")
					case opts.AsOf.Sub(reviewed) > opts.reviewInterval():
						problems = append(problems, fmt.Sprintf("its last review on %s is older than %d days", it.Attr(AttrReviewedAt),
							int(opts.reviewInterval().Hours()/24)))
					}
				}
				if len(problems) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "threat model %s: %s", it.ID, strings.Join(problems, "; "))
			}
		},
	}
}

// rulePastaStages is SEC-005: a threat model that names PASTA as its method
// records each of the seven PASTA stages.
func rulePastaStages() trace.Rule {
	return trace.FuncRule{
		RuleMeta: meta("SEC-005", trace.Warning, "FDA premarket cybersecurity guidance (2023) V.A.1",
			"a threat model made with PASTA records all seven stages"),
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			var have map[Stage]bool
			for it := range g.OfKind(KindThreatModel) {
				if !slices.Contains(splitList(it.Attr("methods")), string(MethodPASTA)) {
					continue
				}
				if have == nil {
					have = map[Stage]bool{}
					for s := range g.OfKind(KindPastaStage) {
						have[Stage(s.Attr("stage"))] = true
					}
				}
				var missing []string
				for _, s := range Stages() {
					if !have[s] {
						missing = append(missing, fmt.Sprintf("%d %s", s.Number(), s))
					}
				}
				if len(missing) == 0 {
					r.Pass(it.ID)
					continue
				}
				r.Failf(it.ID, "threat model %s names PASTA but records no stage %s", it.ID, strings.Join(missing, ", "))
			}
		},
	}
}
