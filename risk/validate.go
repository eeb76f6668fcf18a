package risk

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// recordRef locates a record for error messages.
type recordRef struct {
	id   trace.ID
	path string
	pos  trace.Position
}

// Validate checks that f is well-formed and returns every problem at once in
// a *ValidationError, each naming the record, the field path and the
// position: a malformed plan (scales, a matrix that does not cover every
// cell), unknown scale levels, probabilities outside [0, 1] or outside the
// scale, malformed enumerations and dates, duplicate IDs, and references to
// risk records that do not exist (a control mitigating nothing).
//
// Validate reports malformed input. Missing work (an unestimated situation,
// a control without a requirement) is left to the rules (Rules), which report
// it as findings; a record that Validate accepts may still fail them.
func (f *File) Validate() error {
	v := &validator{}
	v.validatePlan(&f.Plan)
	ix := newIndex(f)
	v.checkDuplicates(f)
	for hi := range f.Hazards {
		h := &f.Hazards[hi]
		rec := recordRef{id: h.ID, path: fmt.Sprintf("hazards[%d]", hi), pos: h.Pos}
		v.checkID(rec, "id", h.ID)
		v.checkIDs(rec, "causes", h.Causes)
		for si := range h.Situations {
			s := &h.Situations[si]
			v.validateSituation(ix, recordRef{id: s.ID, path: fmt.Sprintf("%s.situations[%d]", rec.path, si), pos: s.Pos}, s)
		}
	}
	for i := range f.Harms {
		h := &f.Harms[i]
		rec := recordRef{id: h.ID, path: fmt.Sprintf("harms[%d]", i), pos: h.Pos}
		v.checkID(rec, "id", h.ID)
		if h.Severity != "" && f.Plan.Severity.Rank(h.Severity) == 0 {
			v.unknownLevel(rec, "severity", h.Severity, f.Plan.Severity)
		}
	}
	for i := range f.Controls {
		c := &f.Controls[i]
		v.validateControl(ix, recordRef{id: c.ID, path: fmt.Sprintf("controls[%d]", i), pos: c.Pos}, c)
	}
	for i := range f.Causes {
		c := &f.Causes[i]
		v.checkID(recordRef{id: c.ID, path: fmt.Sprintf("causes[%d]", i), pos: c.Pos}, "id", c.ID)
	}
	for i := range f.BenefitRisk {
		br := &f.BenefitRisk[i]
		rec := recordRef{id: br.ID, path: fmt.Sprintf("benefitRisk[%d]", i), pos: br.Pos}
		v.checkID(rec, "id", br.ID)
		v.checkDate(rec, "date", br.Date)
		if br.Outcome != "" && !br.Outcome.Valid() {
			v.enum(rec, "outcome", string(br.Outcome), "benefits-outweigh, risks-outweigh")
		}
		if len(br.Situations) == 0 {
			v.add(rec, "situations", ErrRequired, "name the hazardous situations whose residual risk is weighed")
		}
		for j, s := range br.Situations {
			checkRef(v, rec, fmt.Sprintf("situations[%d]", j), s, ix.situation, "hazardous situation")
		}
	}
	for i := range f.Reviews {
		r := &f.Reviews[i]
		rec := recordRef{id: r.ID, path: fmt.Sprintf("reviews[%d]", i), pos: r.Pos}
		v.checkID(rec, "id", r.ID)
		v.checkDate(rec, "date", r.Date)
		v.checkIDs(rec, "reviews", r.Reviews)
	}
	if o := f.Overall; o != nil {
		v.validateOverall(ix, o)
	}
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: v.errs}
}

func (v *validator) validateOverall(ix *index, o *Overall) {
	rec := recordRef{path: "overall", pos: o.Pos}
	v.checkDate(rec, "date", o.Date)
	if o.Outcome != "" && !o.Outcome.Valid() {
		v.enum(rec, "outcome", string(o.Outcome), "acceptable, unacceptable")
	}
	if o.BenefitRisk != "" {
		if !slices.ContainsFunc(ix.f.BenefitRisk, func(b BenefitRisk) bool { return b.ID == o.BenefitRisk }) {
			v.add(rec, "benefitRisk", ErrUnknownReference, "no benefit-risk analysis has ID %q", o.BenefitRisk)
		}
	}
}

// validateSituation checks a situation's estimates and references.
func (v *validator) validateSituation(ix *index, rec recordRef, s *Situation) {
	v.checkID(rec, "id", s.ID)
	v.checkIDs(rec, "causes", s.Causes)
	v.validateEstimate(ix, rec, "", &s.Estimate, nil)
	if s.Residual != nil {
		v.validateEstimate(ix, rec, "residual.", s.Residual, s.Harms)
	}
	if s.Reduction != nil {
		v.validateJustification(rec, "reduction", s.Reduction)
	}
}

// validateEstimate checks one estimate; initial is nil for the initial
// estimate and the initial harms for a residual one.
func (v *validator) validateEstimate(ix *index, rec recordRef, prefix string, e *Estimate, initial []HarmEstimate) {
	if e.NotEstimable && !e.P1.IsZero() {
		v.add(rec, prefix+"p1", ErrInvalidValue, "a probability is given although notEstimable is set")
	}
	v.checkProbability(ix, rec, prefix+"p1", e.P1)
	seen := map[trace.ID]bool{}
	for j, he := range e.Harms {
		hf := fmt.Sprintf("%sharms[%d]", prefix, j)
		switch {
		case he.Harm == "":
			v.add(rec, hf+".harm", ErrRequired, "name the harm")
		case seen[he.Harm]:
			v.add(rec, hf+".harm", ErrDuplicateID, "harm %s is listed twice", he.Harm)
		case initial == nil:
			checkRef(v, rec, hf+".harm", he.Harm, ix.harm, "harm")
		case !hasHarm(initial, he.Harm):
			v.add(rec, hf+".harm", ErrUnknownReference, "harm %s is not among the situation's harms", he.Harm)
		}
		seen[he.Harm] = true
		v.checkProbability(ix, rec, hf+".p2", he.P2)
		switch {
		case he.Severity == "":
		case initial == nil:
			v.add(rec, hf+".severity", ErrInvalidValue,
				"severity belongs to the harm record; only a residual estimate may lower it")
		case ix.f.Plan.Severity.Rank(he.Severity) == 0:
			v.unknownLevel(rec, hf+".severity", he.Severity, ix.f.Plan.Severity)
		}
	}
}

func hasHarm(hs []HarmEstimate, id trace.ID) bool {
	for _, h := range hs {
		if h.Harm == id {
			return true
		}
	}
	return false
}

// checkProbability checks one probability: a number in [0, 1] that the
// scale places, or a level name.
func (v *validator) checkProbability(ix *index, rec recordRef, field string, p Probability) {
	if p.IsZero() {
		return
	}
	scale := ix.f.Plan.Probability
	if x, ok := p.Number(); ok {
		switch {
		case !inUnit(x):
			v.add(rec, field, ErrOutOfRange, "probability %s lies outside [0, 1]", p)
		case !scale.Quantitative():
			v.add(rec, field, ErrInvalidValue, "the plan's probability scale is qualitative; give a level name, not %s", p)
		}
		return
	}
	if scale.Rank(string(p)) == 0 {
		v.unknownLevel(rec, field, string(p), scale)
	}
}

// validateControl checks a control's enumerations and references.
func (v *validator) validateControl(ix *index, rec recordRef, c *Control) {
	v.checkID(rec, "id", c.ID)
	if c.Option != "" && !c.Option.Valid() {
		v.enum(rec, "option", string(c.Option), "inherent-safety-by-design, protective-measure, information-for-safety")
	}
	if c.Location != "" && !c.Location.Valid() {
		v.enum(rec, "location", string(c.Location), "software, hardware, procedural, labeling")
	}
	if c.NewRisks != "" && !c.NewRisks.Valid() {
		v.enum(rec, "newRisks", string(c.NewRisks), "none, introduced")
	}
	if len(c.Mitigates) == 0 {
		v.add(rec, "mitigates", ErrRequired, "a risk control must mitigate at least one hazardous situation")
	}
	for j, s := range c.Mitigates {
		checkRef(v, rec, fmt.Sprintf("mitigates[%d]", j), s, ix.situation, "hazardous situation")
	}
	v.checkIDs(rec, "implementedBy", c.ImplementedBy)
	for j, to := range c.Introduces {
		_, isHazard := ix.hazard[to]
		_, isSituation := ix.situation[to]
		if !isHazard && !isSituation {
			v.add(rec, fmt.Sprintf("introduces[%d]", j), ErrUnknownReference, "no hazard or hazardous situation has ID %q", to)
		}
	}
	if c.Rationale != nil {
		v.validateJustification(rec, "rationale", c.Rationale)
	}
}

func (v *validator) validateJustification(rec recordRef, field string, j *Justification) {
	if !j.Basis.Valid() {
		v.enum(rec, field+".basis", string(j.Basis), "impracticable, state-of-the-art, benefit-risk, economic")
	}
	if strings.TrimSpace(j.Text) == "" {
		v.add(rec, field+".text", ErrRequired, "state the reason")
	}
}

// checkDuplicates reports IDs used by more than one record of the file.
func (v *validator) checkDuplicates(f *File) {
	seen := map[trace.ID]string{}
	note := func(id trace.ID, rec recordRef) {
		if id == "" {
			return
		}
		if prev, dup := seen[id]; dup {
			v.add(rec, "id", ErrDuplicateID, "ID %s is already used by %s", id, prev)
			return
		}
		seen[id] = rec.path
	}
	note(f.Plan.ID, recordRef{id: f.Plan.ID, path: "plan", pos: f.Plan.Pos})
	for hi := range f.Hazards {
		h := &f.Hazards[hi]
		note(h.ID, recordRef{id: h.ID, path: fmt.Sprintf("hazards[%d]", hi), pos: h.Pos})
		for si := range h.Situations {
			s := &h.Situations[si]
			note(s.ID, recordRef{id: s.ID, path: fmt.Sprintf("hazards[%d].situations[%d]", hi, si), pos: s.Pos})
		}
	}
	for i := range f.Harms {
		note(f.Harms[i].ID, recordRef{id: f.Harms[i].ID, path: fmt.Sprintf("harms[%d]", i), pos: f.Harms[i].Pos})
	}
	for i := range f.Controls {
		note(f.Controls[i].ID, recordRef{id: f.Controls[i].ID, path: fmt.Sprintf("controls[%d]", i), pos: f.Controls[i].Pos})
	}
	for i := range f.Causes {
		note(f.Causes[i].ID, recordRef{id: f.Causes[i].ID, path: fmt.Sprintf("causes[%d]", i), pos: f.Causes[i].Pos})
	}
	for i := range f.BenefitRisk {
		br := &f.BenefitRisk[i]
		note(br.ID, recordRef{id: br.ID, path: fmt.Sprintf("benefitRisk[%d]", i), pos: br.Pos})
	}
	for i := range f.Reviews {
		note(f.Reviews[i].ID, recordRef{id: f.Reviews[i].ID, path: fmt.Sprintf("reviews[%d]", i), pos: f.Reviews[i].Pos})
	}
}

func (v *validator) checkID(rec recordRef, field string, id trace.ID) {
	switch {
	case id == "":
		v.add(rec, field, ErrRequired, "the record needs an ID")
	case !id.Valid():
		v.add(rec, field, ErrInvalidValue, "ID %q must be 1-512 bytes without control characters", id)
	}
}

func (v *validator) checkIDs(rec recordRef, field string, ids []trace.ID) {
	for j, id := range ids {
		if !id.Valid() {
			v.add(rec, fmt.Sprintf("%s[%d]", field, j), ErrInvalidValue, "ID %q must be 1-512 bytes without control characters", id)
		}
	}
}

func checkRef[V any](v *validator, rec recordRef, field string, id trace.ID, known map[trace.ID]V, what string) {
	if _, ok := known[id]; !ok {
		v.add(rec, field, ErrUnknownReference, "no %s has ID %q", what, id)
	}
}

func (v *validator) checkDate(rec recordRef, field string, d Date) {
	if d != "" && !d.Valid() {
		v.add(rec, field, ErrInvalidValue, "%q is not a date of the form 2006-01-02", d)
	}
}
