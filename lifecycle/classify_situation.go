package lifecycle

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// SituationClass is the class one hazardous situation calls for, with the
// reasoning of IEC 62304:2006+A1:2015 4.3 (Figure 3): can the software
// contribute (Q1, answered by the item's path to it), is the risk
// unacceptable with the software failure taken as certain and only external
// risk controls counted (Q2), and how severe is the worst possible harm (Q3).
type SituationClass struct {
	// Situation is the hazardous situation's ID.
	Situation trace.ID `json:"situation"`
	// Hazard is the hazard the situation belongs to.
	Hazard trace.ID `json:"hazard,omitempty"`
	// Class is the class the situation calls for.
	Class Class `json:"class"`
	// WorstHarm is the harm of highest severity.
	WorstHarm trace.ID `json:"worstHarm,omitempty"`
	// Severity is the worst harm's severity level name.
	Severity string `json:"severity,omitempty"`
	// Acceptable says the risk is acceptable with the software failure
	// certain once the external controls count (Q2 answered "no").
	Acceptable bool `json:"acceptable"`
	// External are the risk controls outside the software that count.
	External []trace.ID `json:"external,omitempty"`
	// Software are the controls in the software, which classification
	// does not count.
	Software []trace.ID `json:"software,omitempty"`
	// Reason says in words how the class follows.
	Reason string `json:"reason"`
}

// situationTable computes the class of every hazardous situation of f.
type situationTable struct {
	byID map[trace.ID]*SituationClass
}

// newSituationTable evaluates f with the software failure certain: each
// situation's P1 becomes 1; a residual estimate keeps the reduction its
// controls give to P1 (as a ratio of numbers, or as a number of levels),
// and its P2 and severities as written.
func newSituationTable(f *risk.File, ed Edition, sev SeverityMap) *situationTable {
	t := &situationTable{byID: map[trace.ID]*SituationClass{}}
	if f == nil {
		return t
	}
	certain := withCertainFailure(f)
	ev := certain.Evaluate()
	for _, a := range ev.Situations {
		t.byID[a.Situation] = classifySituation(a, ed, sev)
	}
	return t
}

// withCertainFailure returns a copy of f whose situations have P1 = 1: the
// number 1 where P1 was estimated as a number, the plan's highest
// probability level where it was estimated qualitatively or not at all
// (a security-caused situation, say), so that its harms, which then carry
// no numeric P2, are still evaluated.
func withCertainFailure(f *risk.File) *risk.File {
	c := *f
	c.Hazards = make([]risk.Hazard, len(f.Hazards))
	top := f.Plan.Probability.Len()
	for hi, h := range f.Hazards {
		h.Situations = append([]risk.Situation(nil), h.Situations...)
		for si := range h.Situations {
			s := &h.Situations[si]
			initial := s.Estimate
			if s.Residual != nil {
				r := *s.Residual
				r.P1 = reducedP1(&f.Plan, initial, r, top)
				r.NotEstimable = false
				s.Residual = &r
			}
			if _, numeric := s.P1.Number(); numeric || (s.P1.IsZero() && !s.NotEstimable) || top == 0 {
				s.P1 = risk.P(1)
			} else {
				s.P1 = risk.Probability(f.Plan.Probability.At(top).Name)
			}
			s.NotEstimable = false
		}
		c.Hazards[hi] = h
	}
	return &c
}

// reducedP1 applies the reduction from the initial to the residual P1 to a
// P1 of 1: the ratio when both are numbers, the number of levels when both
// are levels; otherwise (or without a residual P1) there is no reduction.
func reducedP1(plan *risk.Plan, initial, residual risk.Estimate, top int) risk.Probability {
	if residual.P1.IsZero() && !residual.NotEstimable {
		return risk.P(1)
	}
	v0, n0 := initial.P1.Number()
	v1, n1 := residual.P1.Number()
	if n0 && n1 && !initial.NotEstimable && !residual.NotEstimable {
		if v0 <= 0 || v1 >= v0 {
			return risk.P(1)
		}
		return risk.P(v1 / v0)
	}
	r0, r1 := levelRank(plan, initial), levelRank(plan, residual)
	if r0 == 0 || r1 == 0 || r1 >= r0 || n0 != n1 {
		return risk.P(1)
	}
	return risk.Probability(plan.Probability.At(top - (r0 - r1)).Name)
}

func levelRank(plan *risk.Plan, e risk.Estimate) int {
	if e.NotEstimable {
		return plan.Probability.Rank(plan.NotEstimable)
	}
	if _, ok := e.P1.Number(); ok {
		return 0
	}
	return plan.Probability.Rank(string(e.P1))
}

// classifySituation answers Q2 and Q3 for one assessed situation.
func classifySituation(a risk.Assessment, ed Edition, sev SeverityMap) *SituationClass {
	sc := &SituationClass{Situation: a.Situation, Hazard: a.Hazard}
	for _, r := range a.Initial {
		if r.Severity.Rank > 0 && r.Severity == a.WorstSeverity {
			sc.WorstHarm = r.Harm
			break
		}
	}
	sc.Severity = a.WorstSeverity.Name
	for _, c := range a.Controls {
		if countsAsExternal(c, ed) {
			sc.External = append(sc.External, c.ID)
		} else {
			sc.Software = append(sc.Software, c.ID)
		}
	}
	byHarm, known := sev.Class(sc.Severity)
	switch {
	case len(a.Initial) == 0:
		sc.Class, sc.Reason = ClassC, "the situation names no harm, so its severity is unknown: class C (4.3 g)"
		return sc
	case !known:
		byHarm = ClassC
	}
	accept, why := acceptableWithExternal(a, sc, ed)
	sc.Acceptable = accept
	switch {
	case accept && ed == Edition2006:
		sc.Class = lowerByOne(byHarm)
		sc.Reason = why + fmt.Sprintf("; severity %s gives class %s, lowered one class by hardware controls", sc.Severity, byHarm)
	case accept:
		sc.Class, sc.Reason = ClassA, why
	default:
		sc.Class = byHarm
		sc.Reason = why + fmt.Sprintf("; worst harm severity %s gives class %s", orUnknown(sc.Severity), byHarm)
		if !known {
			sc.Reason += " (severity not in the severity map, 4.3 g)"
		}
	}
	return sc
}

// acceptableWithExternal answers Q2 on the evaluation with the software
// failure certain.
func acceptableWithExternal(a risk.Assessment, sc *SituationClass, ed Edition) (bool, string) {
	initial := regions(a.Initial)
	if ed == Edition2015 && a.InitialRegion == risk.RegionAcceptable {
		return true, "risk with the software failure certain is acceptable without control (" + initial + ")"
	}
	what := "external"
	if ed == Edition2006 {
		what = "hardware"
	}
	base := "risk with the software failure certain is not acceptable (" + initial + ")"
	if a.InitialRegion == "" {
		base = "risk with the software failure certain cannot be evaluated (" + initial + ")"
	}
	switch {
	case len(sc.External) == 0 && len(sc.Software) > 0:
		return false, base + "; no " + what + " control; software controls " + joinIDs(sc.Software) + " are not counted"
	case len(sc.External) == 0:
		return false, base + "; no " + what + " control counts"
	case len(sc.Software) > 0:
		return false, base + "; the residual estimate also counts software controls " + joinIDs(sc.Software) +
			", which classification does not count"
	case a.ResidualRegion == risk.RegionAcceptable:
		return true, base + "; acceptable after " + what + " controls " + joinIDs(sc.External) + " (" + regions(a.Residual) + ")"
	case a.Residual == nil:
		return false, base + "; " + what + " controls " + joinIDs(sc.External) + " have no residual estimate"
	}
	return false, base + "; still not acceptable after " + what + " controls " + joinIDs(sc.External) + " (" + regions(a.Residual) + ")"
}

func countsAsExternal(c risk.AppliedControl, ed Edition) bool {
	if ed == Edition2006 {
		return c.Location == risk.LocationHardware
	}
	return c.External
}

func lowerByOne(c Class) Class {
	switch c {
	case ClassC:
		return ClassB
	case ClassB:
		return ClassA
	}
	return c
}

// regions formats each harm's cell as "HARM-1 Serious/Remote: acceptable".
func regions(rs []risk.Risk) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		cell := string(r.Region)
		if cell == "" {
			cell = "not evaluated: " + r.Problem
		}
		parts = append(parts, fmt.Sprintf("%s %s/%s: %s", r.Harm, orUnknown(r.Severity.Name), orUnknown(r.Probability.Name), cell))
	}
	return strings.Join(parts, "; ")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func joinIDs(ids []trace.ID) string { return strings.Join(idStrings(ids), ", ") }
