package risk

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/medtrace/medtrace/trace"
)

// Risk is the estimated and evaluated risk of one (hazardous situation, harm)
// pair (ISO 14971:2019 5.5 and 6).
type Risk struct {
	// Harm is the harm's ID.
	Harm trace.ID `json:"harm"`
	// Severity is the harm's severity on the plan's scale.
	Severity Rating `json:"severity"`
	// P1 is the probability that the situation occurs, as written.
	P1 Probability `json:"p1,omitempty"`
	// P2 is the probability that the situation leads to the harm, as
	// written (carried over from the initial estimate when a residual
	// estimate does not change it).
	P2 Probability `json:"p2,omitempty"`
	// NotEstimable says P1 could not be estimated and the plan's
	// NotEstimable level was used.
	NotEstimable bool `json:"notEstimable,omitempty"`
	// Numeric says P1 and P2 were both numbers and P holds their product.
	Numeric bool `json:"numeric,omitempty"`
	// P is P1 × P2 when Numeric.
	P float64 `json:"p,omitempty"`
	// Probability is the probability of harm on the plan's scale.
	Probability Rating `json:"probability"`
	// Region is the matrix cell's region; empty when the risk could not be
	// evaluated, and then Problem says why.
	Region Region `json:"region,omitempty"`
	// Problem says why the risk could not be evaluated.
	Problem string `json:"problem,omitempty"`
}

// AppliedControl is a control that mitigates a situation, as the evaluation
// sees it.
type AppliedControl struct {
	// ID is the control's ID.
	ID trace.ID `json:"id"`
	// Option is its option in the ISO 14971:2019 7.1 priority order.
	Option ControlOption `json:"option"`
	// Location says where it is realised.
	Location Location `json:"location"`
	// External says the control lies outside the software system
	// (IEC 62304:2006+A1:2015 4.3).
	External bool `json:"external"`
}

// Assessment is the estimation and evaluation of one hazardous situation
// before and after control (ISO 14971:2019 5.5, 6, 7.3).
type Assessment struct {
	// Situation is the hazardous situation's ID.
	Situation trace.ID `json:"situation"`
	// Hazard is the ID of the hazard it belongs to.
	Hazard trace.ID `json:"hazard"`
	// Causes are the causes the situation record names.
	Causes []trace.ID `json:"causes,omitempty"`
	// Initial holds one Risk per harm before control.
	Initial []Risk `json:"initial"`
	// Residual holds one Risk per harm after control. When no control
	// mitigates the situation and no residual estimate is given it equals
	// Initial; when controls exist but no residual estimate is given it is
	// nil.
	Residual []Risk `json:"residual,omitempty"`
	// InitialRegion is the worst region over the harms before control;
	// empty when any harm could not be evaluated.
	InitialRegion Region `json:"initialRegion,omitempty"`
	// ResidualRegion is the same after control.
	ResidualRegion Region `json:"residualRegion,omitempty"`
	// WorstSeverity is the highest severity among the situation's harms
	// (IEC 62304:2006+A1:2015 4.3 reads it).
	WorstSeverity Rating `json:"worstSeverity"`
	// Controls are the controls that mitigate the situation, by ID.
	Controls []AppliedControl `json:"controls,omitempty"`
	// BenefitRisk are the benefit-risk analyses that weigh the situation,
	// by ID.
	BenefitRisk []trace.ID `json:"benefitRisk,omitempty"`
	// BenefitsOutweigh says at least one of them concluded that the
	// benefits outweigh the residual risk.
	BenefitsOutweigh bool `json:"benefitsOutweigh,omitempty"`
}

// Accepted reports whether the situation's residual risk is accepted: in the
// acceptable region; in the ALARP region and either controlled or weighed by
// a favourable benefit-risk analysis; or unacceptable but weighed by a
// favourable benefit-risk analysis (ISO 14971:2019 7.3, 7.4).
func (a Assessment) Accepted() bool {
	switch a.ResidualRegion {
	case RegionAcceptable:
		return true
	case RegionALARP:
		return len(a.Controls) > 0 || a.BenefitsOutweigh
	case RegionUnacceptable:
		return a.BenefitsOutweigh
	}
	return false
}

// External reports whether any control of the situation lies outside the
// software system.
func (a Assessment) External() bool {
	return slices.ContainsFunc(a.Controls, func(c AppliedControl) bool { return c.External })
}

// Evaluation is the evaluation of every hazardous situation of a File. Its
// slices may share storage with the File (an assessment's Causes are the
// record's); treat both as read-only.
type Evaluation struct {
	// Policy is the plan's policy.
	Policy Policy `json:"policy"`
	// Situations, ordered by situation ID.
	Situations []Assessment `json:"situations"`

	ix *index // for Explain
}

// Situation returns the assessment of the situation with the given ID.
func (e *Evaluation) Situation(id trace.ID) (Assessment, bool) {
	i, ok := slices.BinarySearchFunc(e.Situations, id, func(a Assessment, id trace.ID) int {
		return cmp.Compare(a.Situation, id)
	})
	if !ok {
		return Assessment{}, false
	}
	return e.Situations[i], true
}

// RegionCounts counts situations by region.
type RegionCounts struct {
	// Acceptable counts situations in the acceptable region.
	Acceptable int `json:"acceptable"`
	// ALARP counts situations in the ALARP region.
	ALARP int `json:"alarp"`
	// Unacceptable counts situations in the unacceptable region.
	Unacceptable int `json:"unacceptable"`
	// Unevaluated counts situations that could not be evaluated.
	Unevaluated int `json:"unevaluated"`
}

func (c *RegionCounts) add(r Region) {
	switch r {
	case RegionAcceptable:
		c.Acceptable++
	case RegionALARP:
		c.ALARP++
	case RegionUnacceptable:
		c.Unacceptable++
	default:
		c.Unevaluated++
	}
}

// Counts returns the number of situations per initial and per residual
// region.
func (e *Evaluation) Counts() (initial, residual RegionCounts) {
	for i := range e.Situations {
		initial.add(e.Situations[i].InitialRegion)
		residual.add(e.Situations[i].ResidualRegion)
	}
	return initial, residual
}

// NotAccepted returns the IDs of the situations whose residual risk is not
// accepted (see Assessment.Accepted), in ID order.
func (e *Evaluation) NotAccepted() []trace.ID {
	var out []trace.ID
	for i := range e.Situations {
		if !e.Situations[i].Accepted() {
			out = append(out, e.Situations[i].Situation)
		}
	}
	return out
}

// Evaluate estimates and evaluates every hazardous situation of f against
// its plan, before and after control. It never fails: a risk that cannot be
// evaluated (an unknown level, a probability out of range, an incomplete
// matrix) has an empty Region and a Problem; Validate reports the same
// problems as errors with their field paths.
func (f *File) Evaluate() *Evaluation { return newIndex(f).evaluate() }

func (ix *index) evaluate() *Evaluation {
	f := ix.f
	// Order the situations by ID first (stable, so the first of duplicated
	// IDs stays first), then assess them in place: moving indices is cheaper
	// than moving assessments.
	type ref struct{ h, s int32 }
	order := make([]ref, 0, ix.nSituations)
	for hi := range f.Hazards {
		for si := range f.Hazards[hi].Situations {
			order = append(order, ref{int32(hi), int32(si)})
		}
	}
	id := func(r ref) trace.ID { return f.Hazards[r.h].Situations[r.s].ID }
	slices.SortStableFunc(order, func(a, b ref) int { return cmp.Compare(id(a), id(b)) })
	// One backing array for every situation's risks, before and after
	// control, instead of two small slices each.
	n := 0
	for _, r := range order {
		n += 2 * len(f.Hazards[r.h].Situations[r.s].Harms)
	}
	ix.riskBuf = make([]Risk, 0, n)
	ev := &Evaluation{Policy: f.Plan.Policy, Situations: make([]Assessment, len(order)), ix: ix}
	for i, r := range order {
		h := &f.Hazards[r.h]
		ev.Situations[i] = ix.assess(h, &h.Situations[r.s])
	}
	return ev
}

// assess evaluates one situation.
func (ix *index) assess(h *Hazard, s *Situation) Assessment {
	a := Assessment{Situation: s.ID, Hazard: h.ID, Causes: s.Causes}
	a.Initial = ix.risks(len(s.Harms))
	for i, he := range s.Harms {
		a.Initial[i] = ix.estimate(&s.Estimate, he, ix.harmSeverity(he.Harm))
		if sev := a.Initial[i].Severity; sev.Rank > a.WorstSeverity.Rank {
			a.WorstSeverity = sev
		}
	}
	a.InitialRegion = worst(a.Initial)
	for _, ci := range ix.mitigatedBy[s.ID] {
		c := &ix.f.Controls[ci]
		a.Controls = append(a.Controls, AppliedControl{ID: c.ID, Option: c.Option, Location: c.Location, External: c.External()})
	}
	for _, bi := range ix.benefitRisk[s.ID] {
		br := &ix.f.BenefitRisk[bi]
		a.BenefitRisk = append(a.BenefitRisk, br.ID)
		a.BenefitsOutweigh = a.BenefitsOutweigh || br.Outcome == BenefitsOutweigh
	}
	switch {
	case s.Residual != nil:
		a.Residual = ix.residual(s)
		a.ResidualRegion = worst(a.Residual)
	case len(a.Controls) == 0:
		a.Residual = a.Initial
		a.ResidualRegion = a.InitialRegion
	}
	return a
}

// risks returns a slice of n risks carved from the evaluation's backing
// array; its capacity is n, so an append never reaches a neighbour.
func (ix *index) risks(n int) []Risk {
	if len(ix.riskBuf)+n > cap(ix.riskBuf) {
		return make([]Risk, n)
	}
	i := len(ix.riskBuf)
	ix.riskBuf = ix.riskBuf[:i+n]
	return ix.riskBuf[i : i+n : i+n]
}

// residual evaluates a situation's residual estimate; harms it does not list
// keep their initial P2 and severity.
func (ix *index) residual(s *Situation) []Risk {
	r := s.Residual
	out := ix.risks(len(s.Harms))
	for i, he := range s.Harms {
		sev := ix.harmSeverity(he.Harm)
		for _, re := range r.Harms {
			if re.Harm != he.Harm {
				continue
			}
			if !re.P2.IsZero() {
				he.P2 = re.P2
			}
			if re.Severity != "" {
				sev = ix.f.Plan.Severity.Rating(re.Severity)
			}
			break
		}
		out[i] = ix.estimate(r, he, sev)
	}
	return out
}

// estimate evaluates one (situation, harm) pair: P1 × P2 placed on the
// probability scale, then the matrix cell.
func (ix *index) estimate(e *Estimate, he HarmEstimate, sev Rating) Risk {
	r := Risk{Harm: he.Harm, Severity: sev, P1: e.P1, P2: he.P2, NotEstimable: e.NotEstimable}
	prob, problem := ix.probability(e, he.P2, &r)
	switch {
	case problem != "":
		r.Problem = problem
	case sev.IsZero():
		r.Problem = fmt.Sprintf("harm %s has no severity on the plan's scale", he.Harm)
	default:
		r.Probability = prob
		r.Region = ix.f.Plan.Matrix.Region(sev, prob)
		if !r.Region.Valid() {
			r.Region = ""
			r.Problem = fmt.Sprintf("the matrix has no region for (%s, %s)", sev.Name, prob.Name)
		}
	}
	if r.Problem != "" {
		r.Probability = Rating{}
	}
	return r
}

// probability places P1 and P2 on the plan's probability scale, filling
// r.Numeric and r.P. A P1 that is not estimable takes the plan's
// NotEstimable level; a level name on either side takes the lower level.
func (ix *index) probability(e *Estimate, p2 Probability, r *Risk) (Rating, string) {
	var l1 Rating
	switch {
	case e.NotEstimable:
		l1 = ix.f.Plan.Probability.Rating(ix.f.Plan.NotEstimable)
		if l1.IsZero() {
			return Rating{}, "the plan names no level for probabilities that cannot be estimated"
		}
	case e.P1.IsZero():
		return Rating{}, "P1 is not estimated"
	default:
		v1, n1 := e.P1.Number()
		v2, n2 := p2.Number()
		if n1 && p2.IsZero() {
			return Rating{}, "P2 is not estimated (required when P1 is a number)"
		}
		if n1 && n2 {
			return ix.product(v1, v2, r)
		}
		var why string
		if l1, why = ix.level(e.P1, "P1"); why != "" {
			return Rating{}, why
		}
	}
	if p2.IsZero() {
		return l1, ""
	}
	l2, why := ix.level(p2, "P2")
	if why != "" {
		return Rating{}, why
	}
	if l2.Rank < l1.Rank {
		return l2, ""
	}
	return l1, ""
}

// product places P1 × P2 on the scale.
func (ix *index) product(v1, v2 float64, r *Risk) (Rating, string) {
	if !inUnit(v1) || !inUnit(v2) {
		return Rating{}, "P1 and P2 must lie in [0, 1]"
	}
	r.Numeric, r.P = true, roundProduct(v1*v2)
	lvl := ix.f.Plan.Probability.Bucket(r.P)
	if lvl.IsZero() {
		return Rating{}, fmt.Sprintf("P1 × P2 = %s falls on no level of the probability scale", P(r.P))
	}
	return lvl, ""
}

// level places one probability, a number or a level name, on the scale.
func (ix *index) level(p Probability, field string) (Rating, string) {
	scale := ix.f.Plan.Probability
	if v, ok := p.Number(); ok {
		if !inUnit(v) {
			return Rating{}, field + " must lie in [0, 1]"
		}
		lvl := scale.Bucket(v)
		if lvl.IsZero() {
			return Rating{}, fmt.Sprintf("%s %s falls on no level of the probability scale", field, p)
		}
		return lvl, ""
	}
	lvl := scale.Rating(string(p))
	if lvl.IsZero() {
		return Rating{}, fmt.Sprintf("%s %q is neither a number nor a level of the probability scale", field, p)
	}
	return lvl, ""
}

// roundProduct rounds P1 × P2 to 12 significant digits, so that decimal
// inputs whose product lies on a bound of the scale land on it and the
// product prints as the decimal a person expects (0.009, not
// 0.009000000000000001).
func roundProduct(v float64) float64 {
	var buf [32]byte
	r, err := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], v, 'g', 12, 64)), 64)
	if err != nil {
		return v
	}
	return r
}

func inUnit(v float64) bool { return v >= 0 && v <= 1 }

// worst returns the worst region of rs, or "" if any is unevaluated or rs is
// empty.
func worst(rs []Risk) Region {
	var w Region
	for i := range rs {
		if rs[i].Region == "" {
			return ""
		}
		if rs[i].Region.Rank() > w.Rank() {
			w = rs[i].Region
		}
	}
	return w
}
