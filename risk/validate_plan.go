package risk

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// validator collects every problem found in a File.
type validator struct {
	errs []*FieldError
	seen map[trace.ID]recordRef // record IDs, for duplicates
}

func (v *validator) add(rec recordRef, field string, err error, format string, args ...any) *FieldError {
	path := rec.path()
	if field != "" {
		path += "." + field
	}
	fe := &FieldError{Record: rec.id, Path: path, Pos: rec.pos, Err: err, Detail: fmt.Sprintf(format, args...)}
	v.errs = append(v.errs, fe)
	return fe
}

// validatePlan checks the plan's scales, matrix and settings
// (ISO 14971:2019 4.4 d and e).
func (v *validator) validatePlan(p *Plan) {
	rec := v.record(at("plan", -1, p.ID, p.Pos))
	if !p.Policy.Valid() {
		v.enum(rec, "policy", string(p.Policy), "alarp, afap")
	}
	if p.Approved != "" && !p.Approved.Valid() {
		v.add(rec, "approved", ErrInvalidValue, "%q is not a date of the form 2006-01-02", p.Approved)
	}
	v.validateScale(rec, "severity", p.Severity, false)
	v.validateScale(rec, "probability", p.Probability, true)
	v.validateMatrix(rec, p)
	switch {
	case p.NotEstimable == "":
		v.add(rec, "notEstimable", ErrRequired,
			"name the probability level assumed when a probability cannot be estimated (ISO 14971:2019 4.4 d)")
	case p.Probability.Rank(p.NotEstimable) == 0:
		v.unknownLevel(rec, "notEstimable", p.NotEstimable, p.Probability)
	}
	if p.DiscloseSeverity != "" && p.Severity.Rank(p.DiscloseSeverity) == 0 {
		v.unknownLevel(rec, "discloseSeverity", p.DiscloseSeverity, p.Severity)
	}
}

// validateScale checks that levels are named, unique and, for a
// semi-quantitative probability scale, ordered and contiguous over [0, 1].
func (v *validator) validateScale(rec recordRef, field string, s Scale, probability bool) {
	if len(s.Levels) < 2 {
		v.add(rec, field+".levels", ErrBadScale, "a scale needs at least two levels, has %d", len(s.Levels))
	}
	seen := map[string]bool{}
	for i, l := range s.Levels {
		lf := fmt.Sprintf("%s.levels[%d]", field, i)
		switch {
		case strings.TrimSpace(l.Name) == "":
			v.add(rec, lf+".name", ErrRequired, "a level needs a name")
		case seen[l.Name]:
			v.add(rec, lf+".name", ErrBadScale, "level %q is named twice", l.Name)
		case Probability(l.Name).Numeric():
			v.add(rec, lf+".name", ErrBadScale, "level name %q reads as a number; probabilities would be ambiguous", l.Name)
		}
		seen[l.Name] = true
		if !probability && (l.Lower != nil || l.Upper != nil) {
			v.add(rec, lf, ErrBadScale, "severity levels carry no probability bounds")
		}
	}
	if probability && s.Quantitative() {
		v.validateBounds(rec, field, s)
	}
}

// validateBounds checks the bounds of a semi-quantitative scale.
func (v *validator) validateBounds(rec recordRef, field string, s Scale) {
	last := len(s.Levels) - 1
	for i, l := range s.Levels {
		lf := fmt.Sprintf("%s.levels[%d]", field, i)
		for _, b := range []struct {
			name string
			v    *float64
		}{{"lower", l.Lower}, {"upper", l.Upper}} {
			if b.v != nil && !(*b.v >= 0 && *b.v <= 1) {
				v.add(rec, lf+"."+b.name, ErrOutOfRange, "bound %s lies outside [0, 1]", fmtFloat(*b.v))
			}
		}
		if i > 0 && l.Lower == nil {
			v.add(rec, lf+".lower", ErrBadScale, "only the lowest level may leave its lower bound out (it is then 0)")
		}
		if i < last && l.Upper == nil {
			v.add(rec, lf+".upper", ErrBadScale, "only the highest level may leave its upper bound out (it is then 1)")
		}
		if l.Lower != nil && l.Upper != nil && !(*l.Lower < *l.Upper) {
			v.add(rec, lf, ErrBadScale, "lower bound %s must be below upper bound %s", fmtFloat(*l.Lower), fmtFloat(*l.Upper))
		}
		if i == 0 && l.Lower != nil && *l.Lower != 0 {
			v.add(rec, lf+".lower", ErrBadScale, "the lowest level must start at 0, starts at %s", fmtFloat(*l.Lower))
		}
		if i == last && l.Upper != nil && *l.Upper != 1 {
			v.add(rec, lf+".upper", ErrBadScale, "the highest level must end at 1, ends at %s", fmtFloat(*l.Upper))
		}
		if i > 0 {
			prev := s.Levels[i-1].Upper
			if prev != nil && l.Lower != nil && *prev != *l.Lower {
				v.add(rec, lf+".lower", ErrBadScale, "levels must be contiguous: lower bound %s differs from the previous level's upper bound %s",
					fmtFloat(*l.Lower), fmtFloat(*prev))
			}
		}
	}
}

// validateMatrix checks that the matrix has one complete row per severity
// level, only valid regions (no ALARP region under AFAP), and never gets
// milder as severity or probability rises.
func (v *validator) validateMatrix(rec recordRef, p *Plan) {
	m, np := p.Matrix, p.Probability.Len()
	if len(m) == 0 {
		v.add(rec, "matrix", ErrRequired, "the plan needs a risk matrix")
		return
	}
	rows := make([]string, 0, len(m))
	for k := range m {
		rows = append(rows, k)
	}
	slices.Sort(rows)
	for _, k := range rows {
		if p.Severity.Rank(k) == 0 {
			v.add(rec, "matrix."+k, ErrBadMatrix, "row %q is not a level of the severity scale", k)
		}
	}
	complete := true
	for _, sev := range p.Severity.Levels {
		row, ok := m[sev.Name]
		if !ok {
			v.add(rec, "matrix", ErrBadMatrix, "no row for severity %q: every cell needs a region", sev.Name)
			complete = false
			continue
		}
		if len(row) != np {
			v.add(rec, "matrix."+sev.Name, ErrBadMatrix, "row has %d regions; the probability scale has %d levels", len(row), np)
			complete = false
		}
		for j, r := range row {
			switch {
			case !r.Valid():
				v.enum(rec, fmt.Sprintf("matrix.%s[%d]", sev.Name, j), string(r), "acceptable, alarp, unacceptable")
				complete = false
			case r == RegionALARP && p.Policy == AFAP:
				v.add(rec, fmt.Sprintf("matrix.%s[%d]", sev.Name, j), ErrBadMatrix,
					"the AFAP policy has no ALARP region: every risk is reduced as far as possible")
			}
		}
	}
	if complete {
		v.checkMonotonic(rec, p)
	}
}

// checkMonotonic reports cells milder than their neighbour of lower
// probability or lower severity.
func (v *validator) checkMonotonic(rec recordRef, p *Plan) {
	for i, sev := range p.Severity.Levels {
		row := p.Matrix[sev.Name]
		for j := range row {
			if j > 0 && row[j].Rank() < row[j-1].Rank() {
				v.add(rec, fmt.Sprintf("matrix.%s[%d]", sev.Name, j), ErrBadMatrix,
					"region %s is milder than %s at a lower probability", row[j], row[j-1])
			}
			if i > 0 {
				below := p.Matrix[p.Severity.Levels[i-1].Name][j]
				if row[j].Rank() < below.Rank() {
					v.add(rec, fmt.Sprintf("matrix.%s[%d]", sev.Name, j), ErrBadMatrix,
						"region %s is milder than %s at the lower severity %s", row[j], below, p.Severity.Levels[i-1].Name)
				}
			}
		}
	}
}

func (v *validator) enum(rec recordRef, field, value, allowed string) {
	if value == "" {
		v.add(rec, field, ErrRequired, "required; one of %s", allowed)
		return
	}
	v.add(rec, field, ErrInvalidValue, "%q is not one of %s", value, allowed)
}

func (v *validator) unknownLevel(rec recordRef, field, name string, s Scale) {
	names := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		names[i] = l.Name
	}
	v.add(rec, field, ErrUnknownLevel, "%q is not a level of the scale (%s)", name, strings.Join(names, ", "))
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
