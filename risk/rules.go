package risk

import (
	"github.com/medtrace/medtrace/trace"
)

// Rules returns the checks of the risk file f as trace rules, ordered by ID.
// Rule IDs follow the numbering of the medtrace ISO 14971 reference; each
// rule cites its clause and reports on the records of f.
//
// The rules take typed data (estimates, regions, options, dates) from f,
// evaluated once when Rules is called, and relations (mitigation,
// implementation, verification, causes, benefit-risk coverage) from the
// graph they check, so links added by other packages count: lifecycle's
// tests verifying controls, security's threats causing situations. Call
// Rules again after changing f.
func Rules(f *File) []trace.Rule {
	rs := &ruleSet{f: f, ix: newIndex(f)}
	rs.ev = rs.ix.evaluate()
	rs.situations = make([]*Situation, len(rs.ev.Situations))
	for i := range rs.ev.Situations {
		_, rs.situations[i], _ = rs.ix.lookupSituation(rs.ev.Situations[i].Situation)
	}
	return []trace.Rule{
		rs.chainRule(),
		rs.estimatedRule(),
		rs.criteriaDatedRule(),
		rs.evaluatedRule(),
		rs.controlledRule(),
		rs.optionRule(),
		rs.rationaleRule(),
		rs.verifiedRule(),
		rs.newRisksRule(),
		rs.residualRule(),
		rs.benefitRiskRule(),
		rs.overallRule(),
		rs.reviewRule(),
		rs.afapRule(),
		rs.securityRule(),
		rs.implementedRule(),
		rs.notWorseRule(),
		rs.disclosureRule(),
	}
}

// ruleSet is what the rules of one File share.
type ruleSet struct {
	f  *File
	ix *index
	ev *Evaluation
	// situations[i] is the record of ev.Situations[i].
	situations []*Situation
}

// rule builds a FuncRule of version 1.
func rule(id string, sev trace.Severity, clause, summary string, fn func(g *trace.Graph, r *trace.Recorder)) trace.Rule {
	return trace.FuncRule{
		RuleMeta: trace.RuleMeta{ID: id, Version: 1, Severity: sev, Clause: clause, Summary: summary},
		Fn:       fn,
	}
}

// eachSituation calls fn for every situation of the file with its
// assessment, in ID order.
func (rs *ruleSet) eachSituation(fn func(s *Situation, a *Assessment)) {
	for i, s := range rs.situations {
		fn(s, &rs.ev.Situations[i])
	}
}

// linked returns the IDs at the other end of id's links of type t in
// direction dir whose kind is one of kinds.
func linked(g *trace.Graph, id trace.ID, dir trace.Direction, t trace.LinkType, kinds ...trace.Kind) []trace.ID {
	var out []trace.ID
	for _, l := range g.Links(id, dir, t) {
		other := l.To
		if dir == trace.In {
			other = l.From
		}
		it, ok := g.Item(other)
		if !ok {
			continue
		}
		for _, k := range kinds {
			if it.Kind == k {
				out = append(out, other)
				break
			}
		}
	}
	return out
}

// control returns the control with the given ID.
func (rs *ruleSet) control(id trace.ID) (*Control, bool) {
	i, ok := rs.ix.control[id]
	if !ok {
		return nil, false
	}
	return &rs.f.Controls[i], true
}
