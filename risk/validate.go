package risk

import (
	"strconv"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// recordRef locates a record for error messages. Its path is formatted only
// when a problem is reported.
type recordRef struct {
	id      trace.ID
	pos     trace.Position
	section string // "plan", "hazards", "harms", ...
	i, j    int    // index in section and situation index; -1 when none
}

func at(section string, i int, id trace.ID, pos trace.Position) recordRef {
	return recordRef{id: id, pos: pos, section: section, i: i, j: -1}
}

// path formats the record's path: "hazards[3].situations[0]".
func (r recordRef) path() string {
	switch {
	case r.i < 0:
		return r.section
	case r.j < 0:
		return r.section + "[" + strconv.Itoa(r.i) + "]"
	}
	return r.section + "[" + strconv.Itoa(r.i) + "].situations[" + strconv.Itoa(r.j) + "]"
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
func (f *File) Validate() error { return newIndex(f).validate() }

func (ix *index) validate() error {
	f := ix.f
	v := &validator{seen: map[trace.ID]recordRef{}}
	v.validatePlan(&f.Plan)
	for hi := range f.Hazards {
		h := &f.Hazards[hi]
		rec := v.record(at("hazards", hi, h.ID, h.Pos))
		v.checkIDs(rec, "causes", h.Causes)
		for si := range h.Situations {
			s := &h.Situations[si]
			sr := rec
			sr.id, sr.pos, sr.j = s.ID, s.Pos, si
			v.validateSituation(ix, v.record(sr), s)
		}
	}
	for i := range f.Harms {
		h := &f.Harms[i]
		rec := v.record(at("harms", i, h.ID, h.Pos))
		if h.Severity != "" && f.Plan.Severity.Rank(h.Severity) == 0 {
			v.unknownLevel(rec, "severity", h.Severity, f.Plan.Severity)
		}
	}
	for i := range f.Controls {
		c := &f.Controls[i]
		v.validateControl(ix, v.record(at("controls", i, c.ID, c.Pos)), c)
	}
	for i := range f.Causes {
		v.record(at("causes", i, f.Causes[i].ID, f.Causes[i].Pos))
	}
	for i := range f.BenefitRisk {
		v.validateBenefitRisk(ix, v.record(at("benefitRisk", i, f.BenefitRisk[i].ID, f.BenefitRisk[i].Pos)), &f.BenefitRisk[i])
	}
	for i := range f.Reviews {
		r := &f.Reviews[i]
		rec := v.record(at("reviews", i, r.ID, r.Pos))
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

// record checks a record's ID, well-formed and not used before in the file,
// and returns rec.
func (v *validator) record(rec recordRef) recordRef {
	v.checkID(rec, "id", rec.id)
	if rec.id == "" {
		return rec
	}
	if prev, dup := v.seen[rec.id]; dup {
		v.add(rec, "id", ErrDuplicateID, "ID %s is already used by %s", rec.id, prev.path()).byBuild = true
		return rec
	}
	v.seen[rec.id] = rec
	return rec
}

func (v *validator) validateBenefitRisk(ix *index, rec recordRef, br *BenefitRisk) {
	v.checkDate(rec, "date", br.Date)
	if br.Outcome != "" && !br.Outcome.Valid() {
		v.enum(rec, "outcome", string(br.Outcome), "benefits-outweigh, risks-outweigh")
	}
	if len(br.Situations) == 0 && (ix.f.Overall == nil || ix.f.Overall.BenefitRisk != br.ID) {
		v.add(rec, "situations", ErrRequired,
			"name the hazardous situations whose residual risk is weighed (only the overall analysis may name none)")
	}
	for j, s := range br.Situations {
		if _, ok := ix.situation[s]; !ok {
			v.add(rec, indexed("situations", j), ErrUnknownReference, "no hazardous situation has ID %q", s)
		}
	}
}

func (v *validator) validateOverall(ix *index, o *Overall) {
	rec := at("overall", -1, "", o.Pos)
	v.checkDate(rec, "date", o.Date)
	if o.Outcome != "" && !o.Outcome.Valid() {
		v.enum(rec, "outcome", string(o.Outcome), "acceptable, unacceptable")
	}
	if o.BenefitRisk != "" {
		if _, ok := ix.benefitRiskByID[o.BenefitRisk]; !ok {
			v.add(rec, "benefitRisk", ErrUnknownReference, "no benefit-risk analysis has ID %q", o.BenefitRisk)
		}
	}
}

// validateSituation checks a situation's estimates and references.
func (v *validator) validateSituation(ix *index, rec recordRef, s *Situation) {
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
		hf := prefix + indexed("harms", j)
		switch {
		case he.Harm == "":
			v.add(rec, hf+".harm", ErrRequired, "name the harm")
		case seen[he.Harm]:
			v.add(rec, hf+".harm", ErrDuplicateID, "harm %s is listed twice", he.Harm)
		case initial == nil && !ix.hasHarm(he.Harm):
			v.add(rec, hf+".harm", ErrUnknownReference, "no harm has ID %q", he.Harm)
		case initial == nil:
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
		if _, ok := ix.situation[s]; !ok {
			v.add(rec, indexed("mitigates", j), ErrUnknownReference, "no hazardous situation has ID %q", s)
		}
	}
	v.checkIDs(rec, "implementedBy", c.ImplementedBy)
	for j, to := range c.Introduces {
		_, isHazard := ix.hazard[to]
		_, isSituation := ix.situation[to]
		if !isHazard && !isSituation {
			v.add(rec, indexed("introduces", j), ErrUnknownReference, "no hazard or hazardous situation has ID %q", to)
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

func (v *validator) checkID(rec recordRef, field string, id trace.ID) {
	switch {
	case id == "":
		v.add(rec, field, ErrRequired, "the record needs an ID").byBuild = true
	case !id.Valid():
		v.add(rec, field, ErrInvalidValue, "ID %q must be 1-512 bytes without control characters", id).byBuild = true
	}
}

// checkIDs checks the IDs of links to items that other packages may own.
func (v *validator) checkIDs(rec recordRef, field string, ids []trace.ID) {
	for j, id := range ids {
		if !id.Valid() {
			v.add(rec, indexed(field, j), ErrInvalidValue, "ID %q must be 1-512 bytes without control characters", id).byBuild = true
		}
	}
}

// indexed formats "field[j]".
func indexed(field string, j int) string { return field + "[" + strconv.Itoa(j) + "]" }

func (v *validator) checkDate(rec recordRef, field string, d Date) {
	if d != "" && !d.Valid() {
		v.add(rec, field, ErrInvalidValue, "%q is not a date of the form 2006-01-02", d)
	}
}
