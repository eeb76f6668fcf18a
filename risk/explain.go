package risk

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Explanation says why a hazardous situation's risk is where it is: the
// scales, P1 × P2 per harm, the matrix cell and its region before control,
// the controls applied, the same after control, and what the policy makes
// of it (ISO 14971:2019 5.5, 6, 7.3; ISO/TR 24971:2020 5.5).
type Explanation struct {
	// Assessment is the situation's evaluation.
	Assessment
	// Title is the situation's title.
	Title string `json:"title"`
	// HarmTitles maps each harm's ID to its title.
	HarmTitles map[trace.ID]string `json:"harmTitles,omitempty"`
	// Policy is the plan's policy.
	Policy Policy `json:"policy"`
	// Severity is the plan's severity scale.
	Severity Scale `json:"severity"`
	// Probability is the plan's probability scale.
	Probability Scale `json:"probability"`
	// Reduction is the situation's record that further control was
	// considered, if any.
	Reduction *Justification `json:"reduction,omitempty"`
	// Disclosure says where the residual risk is disclosed, if it is.
	Disclosure string `json:"disclosure,omitempty"`
	// Verdict says what the policy makes of the residual risk.
	Verdict string `json:"verdict"`
}

// Explain explains the risk of the hazardous situation with the given ID.
// The error wraps ErrUnknownReference when there is no such situation.
// To explain many situations, evaluate once and use Evaluation.Explain.
func (f *File) Explain(id trace.ID) (*Explanation, error) {
	ix := newIndex(f)
	h, s, ok := ix.lookupSituation(id)
	if !ok {
		return nil, fmt.Errorf("risk: explain %q: %w", id, ErrUnknownReference)
	}
	return ix.explain(ix.assess(h, s), s), nil
}

// Explain explains the risk of the hazardous situation with the given ID,
// from this evaluation. The error wraps ErrUnknownReference when there is no
// such situation.
func (e *Evaluation) Explain(id trace.ID) (*Explanation, error) {
	if e.ix == nil {
		return nil, fmt.Errorf("risk: explain %q: the evaluation was not made by File.Evaluate: %w", id, ErrUnknownReference)
	}
	a, ok := e.Situation(id)
	_, s, found := e.ix.lookupSituation(id)
	if !ok || !found {
		return nil, fmt.Errorf("risk: explain %q: %w", id, ErrUnknownReference)
	}
	return e.ix.explain(a, s), nil
}

func (ix *index) explain(a Assessment, s *Situation) *Explanation {
	p := &ix.f.Plan
	x := &Explanation{Assessment: a, Title: s.Title, Policy: p.Policy, Severity: p.Severity, Probability: p.Probability,
		HarmTitles: map[trace.ID]string{}, Reduction: s.Reduction, Disclosure: s.Disclosure}
	for _, he := range s.Harms {
		if i, ok := ix.harm[he.Harm]; ok {
			x.HarmTitles[he.Harm] = ix.f.Harms[i].Title
		}
	}
	x.Verdict = verdict(a, p.Policy)
	return x
}

// verdict states what the policy makes of an assessment.
func verdict(a Assessment, policy Policy) string {
	var v string
	switch {
	case a.ResidualRegion == "" && a.Residual == nil && len(a.Controls) > 0:
		v = "residual risk not estimated after control (ISO 14971:2019 7.3)"
	case a.ResidualRegion == "":
		v = "not evaluated (ISO 14971:2019 6)"
	case a.ResidualRegion == RegionAcceptable:
		v = "residual risk acceptable"
	case a.ResidualRegion == RegionALARP && a.Accepted():
		v = "residual risk in the ALARP region, with controls or a favourable benefit-risk analysis; it must be as low as reasonably practicable"
	case a.ResidualRegion == RegionALARP:
		v = "residual risk in the ALARP region: reduce it as low as reasonably practicable (ISO 14971:2019 7.1)"
	case a.Accepted():
		v = "residual risk unacceptable, accepted because the benefits outweigh it (ISO 14971:2019 7.4)"
	default:
		v = "residual risk unacceptable: further control, or a benefit-risk analysis, is needed (ISO 14971:2019 7.4)"
	}
	if policy == AFAP {
		v += "; under AFAP further control must be considered whatever the region"
	}
	return v
}

// Derivation says how the probability of harm was placed on the scale:
// "P1 0.001 × P2 0.5 = 0.0005 → Probable".
func (r Risk) Derivation() string {
	if r.Problem != "" {
		return "not evaluated: " + r.Problem
	}
	var b strings.Builder
	switch {
	case r.NotEstimable && r.P2.IsZero():
		b.WriteString("P1 not estimable, the plan's level")
	case r.NotEstimable:
		fmt.Fprintf(&b, "P1 not estimable (the plan's level), P2 %s, the lower level", r.P2)
	case r.Numeric:
		fmt.Fprintf(&b, "P1 %s × P2 %s = %s", r.P1, r.P2, P(r.P))
	case r.P2.IsZero():
		fmt.Fprintf(&b, "P1 %s", r.P1)
	default:
		fmt.Fprintf(&b, "P1 %s, P2 %s, the lower level", r.P1, r.P2)
	}
	fmt.Fprintf(&b, " → %s", r.Probability.Name)
	return b.String()
}

// String renders the explanation as text, one fact a line.
func (x *Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (hazard %s)\n", x.Situation, x.Title, x.Hazard)
	fmt.Fprintf(&b, "severity scale: %s\n", levelNames(x.Severity))
	fmt.Fprintf(&b, "probability scale")
	if x.Probability.Unit != "" {
		fmt.Fprintf(&b, " (per %s)", x.Probability.Unit)
	}
	fmt.Fprintf(&b, ": %s\n", levelNames(x.Probability))
	fmt.Fprintf(&b, "policy: %s\n", x.Policy)
	b.WriteString("before control:\n")
	x.writeRisks(&b, x.Initial)
	b.WriteString("controls:")
	if len(x.Controls) == 0 {
		b.WriteString(" none")
	}
	for i, c := range x.Controls {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s %s (%s", c.ID, c.Option, c.Location)
		if c.External {
			b.WriteString(", external to the software")
		}
		b.WriteByte(')')
	}
	b.WriteByte('\n')
	b.WriteString("after control:\n")
	if x.Residual == nil {
		b.WriteString("  not estimated\n")
	}
	x.writeRisks(&b, x.Residual)
	if len(x.BenefitRisk) > 0 {
		fmt.Fprintf(&b, "benefit-risk: %s\n", joinIDs(x.BenefitRisk))
	}
	if x.Reduction != nil {
		fmt.Fprintf(&b, "further control considered: %s: %s\n", x.Reduction.Basis, x.Reduction.Text)
	}
	if x.Disclosure != "" {
		fmt.Fprintf(&b, "disclosed in: %s\n", x.Disclosure)
	}
	fmt.Fprintf(&b, "verdict: %s\n", x.Verdict)
	return b.String()
}

func (x *Explanation) writeRisks(b *strings.Builder, rs []Risk) {
	for _, r := range rs {
		fmt.Fprintf(b, "  %s", r.Harm)
		if t := x.HarmTitles[r.Harm]; t != "" {
			fmt.Fprintf(b, " %s", t)
		}
		if r.Problem != "" {
			fmt.Fprintf(b, ": %s\n", r.Derivation())
			continue
		}
		fmt.Fprintf(b, ", severity %s: %s; cell (%s, %s) → %s\n",
			r.Severity.Name, r.Derivation(), r.Severity.Name, r.Probability.Name, r.Region)
	}
}

func levelNames(s Scale) string { return strings.Join(names(s), " < ") }

func joinIDs(xs []trace.ID) string { return strings.Join(ids(xs), ", ") }
