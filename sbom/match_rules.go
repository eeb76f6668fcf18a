package sbom

import (
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// RuleVEXStated (SBOM-030) requires every match of a vulnerability to a
// component to carry a VEX statement: the maker has to say, per known
// vulnerability, whether the device is affected (FDA premarket
// cybersecurity guidance V.A.4(b): known vulnerabilities with their
// assessment). It reads the per-component status attributes that
// MatchReport.Contribute writes; under_investigation counts as stated.
func RuleVEXStated() trace.Rule {
	return trace.FuncRule{
		RuleMeta: trace.RuleMeta{
			ID: "SBOM-030", Version: 1, Severity: trace.Warning,
			Clause:  "FDA premarket cybersecurity guidance V.A.4(b)",
			Summary: "every vulnerability matched to a component has a VEX status for that component",
		},
		Fn: func(g *trace.Graph, r *trace.Recorder) {
			for it := range g.OfKind(KindVulnerability) {
				var open []string
				for k, v := range it.Attrs {
					if c, ok := strings.CutPrefix(k, AttrVEXStatusPrefix); ok && v == VEXUnstated {
						open = append(open, c)
					}
				}
				if len(open) == 0 {
					r.Pass(it.ID)
					continue
				}
				slices.Sort(open)
				hops := make([]trace.Hop, len(open))
				for i, c := range open {
					hops[i] = trace.Hop{From: it.ID, Type: trace.Affects, To: trace.ID(c)}
				}
				r.Fail(it.ID, string(it.ID)+" affects "+strings.Join(open, ", ")+
					" with no VEX statement: state not_affected (with justification), affected (with action), fixed or under_investigation", hops...)
			}
		},
	}
}

// AssessmentRule (SBOM-032) reports the components of the report that
// could not be assessed for known vulnerabilities, with the reason (no
// package URL, ecosystem without version order, no or unreadable version,
// advisories that cannot be evaluated). Such a component is not known to
// be free of vulnerabilities: its SOUP anomaly list must be evaluated
// another way (IEC 62304:2006+A1:2015 7.1.3). Components of the graph
// that are not in the report are not judged.
func (r *MatchReport) AssessmentRule() trace.Rule {
	notAssessed := make(map[trace.ID]string)
	assessed := make(map[trace.ID]bool)
	for i := range r.Results {
		res := &r.Results[i]
		id := trace.ID(res.Component)
		if res.Assessment == NotAssessed {
			if _, seen := notAssessed[id]; !seen {
				notAssessed[id] = string(res.Reason) + ": " + res.Detail
			}
		} else {
			assessed[id] = true
		}
	}
	return trace.FuncRule{
		RuleMeta: trace.RuleMeta{
			ID: "SBOM-032", Version: 1, Severity: trace.Warning,
			Clause:  "IEC 62304:2006+A1:2015 7.1.3",
			Summary: "every component is assessed against the vulnerability data",
		},
		Fn: func(g *trace.Graph, rec *trace.Recorder) {
			for it := range g.OfKind(KindComponent) {
				if why, ok := notAssessed[it.ID]; ok {
					rec.Fail(it.ID, string(it.ID)+" was not assessed for known vulnerabilities ("+why+
						"); it is not known to be free of them")
				} else if assessed[it.ID] {
					rec.Pass(it.ID)
				}
			}
		},
	}
}
