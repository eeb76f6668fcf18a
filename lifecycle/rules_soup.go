package lifecycle

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// soupRules are the lifecycle rules on SOUP: every component the software
// uses is annotated by a SOUP record, and each record carries what the
// system's class requires.
func (p *Project) soupRules(cc *classCache) []trace.Rule {
	return []trace.Rule{
		trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-011", Version: 1, Severity: trace.Error,
			Clause: clause62304 + "8.1.2", Summary: "every component a software item uses is annotated by a SOUP record"},
			Fn: usedComponentsAnnotated},
		trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-012", Version: 1, Severity: trace.Error,
			Clause:  clause62304 + "8.1.2, 5.3.3, 5.3.4, 7.1.3",
			Summary: "every SOUP record names title and manufacturer; for class B and C also requirements, prerequisites and the anomaly-list evaluation"},
			Fn: func(g *trace.Graph, r *trace.Recorder) { p.soupRecordsComplete(cc.get(g).System.Class, r) }},
		trace.FuncRule{RuleMeta: trace.RuleMeta{ID: "LC-013", Version: 1, Severity: trace.Error,
			Clause:  "FDA premarket cybersecurity guidance V.A.4(b); " + clause62304 + "7.1.3",
			Summary: "every vulnerability matched to a component has a VEX status for that component"},
			Fn: vexStated},
	}
}

// vexStated fails each vulnerability with a component match that no VEX
// statement covers (the status attribute sbom writes is "unstated").
func vexStated(g *trace.Graph, r *trace.Recorder) {
	for v := range g.OfKind(sbom.KindVulnerability) {
		var open []trace.Hop
		for _, comp := range g.Neighbours(v.ID, trace.Out, trace.Affects) {
			if st := v.Attr(sbom.AttrVEXStatusPrefix + string(comp)); st == "" || st == sbom.VEXUnstated {
				open = append(open, trace.Hop{From: v.ID, Type: trace.Affects, To: comp})
			}
		}
		if len(open) == 0 {
			r.Pass(v.ID)
			continue
		}
		r.Fail(v.ID, fmt.Sprintf("vulnerability %s affects %s with no VEX status (affected, not_affected, fixed or under_investigation)",
			v.ID, open[0].To), open...)
	}
}

func usedComponentsAnnotated(g *trace.Graph, r *trace.Recorder) {
	for comp := range g.OfKind(kindComponent) {
		var users []trace.ID
		var path []trace.Hop
		for l := range g.Each(comp.ID, trace.In, trace.Uses) {
			users = append(users, l.From)
			path = append(path, trace.Hop{From: l.From, Type: trace.Uses, To: comp.ID})
		}
		if len(users) == 0 || comp.Attr("primary") == "true" {
			continue
		}
		if comp.Attr("soup") == "true" {
			r.Pass(comp.ID)
			continue
		}
		r.Fail(comp.ID, fmt.Sprintf("component %s is used by %s but no SOUP record annotates it", comp.ID, joinIDs(users)), path...)
	}
}

func (p *Project) soupRecordsComplete(class Class, r *trace.Recorder) {
	for i := range p.SOUP {
		s := &p.SOUP[i]
		if s.ID == "" {
			continue
		}
		var missing []string
		if strings.TrimSpace(s.Title) == "" {
			missing = append(missing, "title (8.1.2)")
		}
		if strings.TrimSpace(s.Manufacturer) == "" {
			missing = append(missing, "manufacturer (8.1.2)")
		}
		if class != ClassA {
			missing = append(missing, classBCSOUPGaps(s)...)
		}
		if len(missing) == 0 {
			r.Pass(trace.ID(s.ID))
			continue
		}
		r.Fail(trace.ID(s.ID), fmt.Sprintf("SOUP record %s (class %s system) lacks %s", s.ID, class, strings.Join(missing, ", ")))
	}
}

func classBCSOUPGaps(s *sbom.SOUP) []string {
	var missing []string
	if len(s.FunctionalRequirements)+len(s.PerformanceRequirements) == 0 {
		missing = append(missing, "functional or performance requirements (5.3.3)")
	}
	if len(s.RequiredHardware)+len(s.RequiredSoftware) == 0 {
		missing = append(missing, "required hardware or software (5.3.4)")
	}
	if strings.TrimSpace(s.AnomalyEvaluation) == "" {
		missing = append(missing, "evaluation of the published anomaly list (7.1.3)")
	}
	return missing
}
