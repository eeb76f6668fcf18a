package lifecycle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// DocumentationDecision is the FDA documentation level of the device
// software (FDA 2023 guidance "Content of Premarket Submissions for Device
// Software Functions", section V). It is decided apart from the IEC 62304
// class: on the risk before any control, and on "probable" rather than
// "possible" harm.
type DocumentationDecision struct {
	// Level is the computed level.
	Level DocumentationLevel `json:"level"`
	// Declared is the declared level, if any.
	Declared DocumentationLevel `json:"declared,omitempty"`
	// Rationale is the declared level's rationale.
	Rationale string `json:"rationale,omitempty"`
	// Situations are the hazardous situations the software contributes to,
	// by failure or by compromise through a security threat, whose risk
	// before control is a probable death or serious injury.
	Situations []trace.ID `json:"situations,omitempty"`
	// DeviceFacts are the device facts that generally call for Enhanced
	// (class III, combination product, blood establishment software).
	DeviceFacts []string `json:"deviceFacts,omitempty"`
	// Reasons say in words how the level follows, one a line.
	Reasons []string `json:"reasons"`
}

// documentationLevel decides the FDA level: Enhanced when any situation the
// software contributes to (its failure, or its compromise through a
// security threat) has, before control, a harm whose severity maps to
// class C (death or serious injury) at a probable probability; also when the
// device facts call for it. Probabilities that cannot be evaluated count as
// probable.
func (p *Project) documentationLevel(g *trace.Graph, cl *Classification, opts ClassifyOptions) DocumentationDecision {
	d := DocumentationDecision{Level: Basic, Declared: p.System.FDA.Level, Rationale: p.System.FDA.Rationale}
	if f := p.System.FDA; f.ClassIII || f.CombinationProduct || f.BloodEstablishment {
		for _, fact := range []struct {
			on   bool
			name string
		}{{f.ClassIII, "FDA class III device"}, {f.CombinationProduct, "constituent part of a combination product"},
			{f.BloodEstablishment, "blood establishment software"}} {
			if fact.on {
				d.DeviceFacts = append(d.DeviceFacts, fact.name)
			}
		}
		d.Level = Enhanced
		d.Reasons = append(d.Reasons, "device facts generally call for Enhanced: "+strings.Join(d.DeviceFacts, ", "))
	}
	switch {
	case cl.Unclassified:
		d.Level = Enhanced
		d.Reasons = append(d.Reasons, "no risk analysis to decide from: Enhanced")
		return d
	case p.Risk == nil:
		return d
	}
	probable := p.Risk.Plan.Probability.Rank(opts.FDAProbable)
	if opts.FDAProbable == "" {
		probable = p.Risk.Plan.Probability.Rank("Probable")
	}
	ev := p.Risk.Evaluate()
	for _, hs := range fdaSituations(g, cl) {
		a, ok := ev.Situation(hs)
		if !ok {
			continue
		}
		for _, r := range a.Initial {
			if c, _ := opts.Severity.Class(r.Severity.Name); c != ClassC {
				continue
			}
			if r.Probability.Rank == 0 || r.Probability.Rank >= probable {
				d.Situations = append(d.Situations, hs)
				d.Reasons = append(d.Reasons, fmt.Sprintf("%s: harm %s (%s) before control at %s counts as probable death or serious injury",
					hs, r.Harm, orUnknown(r.Severity.Name), orUnknown(r.Probability.Name)))
				break
			}
		}
	}
	if len(d.Situations) > 0 {
		d.Level = Enhanced
	}
	if len(d.Reasons) == 0 {
		d.Reasons = append(d.Reasons, "no situation the software contributes to has a probable death or serious injury before control")
	}
	return d
}

// fdaSituations returns, in ID order, the situations the software
// contributes to and those a security threat causes (directly or through a
// hazard): the FDA level counts compromise through inadequate cybersecurity
// as a way the software can present a hazardous situation.
func fdaSituations(g *trace.Graph, cl *Classification) []trace.ID {
	seen := map[trace.ID]bool{}
	for _, sc := range cl.Situations {
		seen[sc.Situation] = true
	}
	for th := range g.OfKind(kindThreat) {
		for _, to := range g.Neighbours(th.ID, trace.Out, trace.Causes) {
			it, _ := g.Item(to)
			switch it.Kind {
			case kindSituation:
				seen[to] = true
			case kindHazard:
				for _, hs := range g.Neighbours(to, trace.Out, trace.LeadsTo) {
					seen[hs] = true
				}
			}
		}
	}
	out := make([]trace.ID, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
