package security

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// AssessMethod names how an assessment's exploitability was reached.
type AssessMethod string

// Assessment methods. None of them uses a probability (FDA premarket
// cybersecurity guidance (2023) V.A.2).
const (
	// AssessDirect: exploitability set directly, with a basis.
	AssessDirect AssessMethod = "exploitability"
	// AssessCVSS31: derived from a CVSS v3.1 vector.
	AssessCVSS31 AssessMethod = "cvss-3.1"
	// AssessCVSS40: derived from a CVSS v4.0 vector.
	AssessCVSS40 AssessMethod = "cvss-4.0"
	// AssessRubric: derived from answers to the medical-device CVSS rubric.
	AssessRubric AssessMethod = "mitre-rubric"
)

// Valid reports whether m is a known method.
func (m AssessMethod) Valid() bool {
	return m == AssessDirect || m == AssessCVSS31 || m == AssessCVSS40 || m == AssessRubric
}

// EPSS is one dated observation of the FIRST Exploit Prediction Scoring
// System: the probability of exploitation in the next 30 days. It raises
// exploitability; it is never the FDA "probability".
type EPSS struct {
	// Score is the EPSS probability in [0, 1]. Required.
	Score float64 `json:"score"`
	// Percentile is the score's percentile in [0, 1].
	Percentile float64 `json:"percentile,omitempty"`
	// Date is the EPSS model date. RetrievedAt is when it was read. Required.
	Date        time.Time `json:"date,omitzero"`
	RetrievedAt time.Time `json:"retrievedAt"`
}

// KEV is one dated observation of the CISA Known Exploited Vulnerabilities
// catalogue for a vulnerability.
type KEV struct {
	// Listed says the vulnerability was in the catalogue when retrieved.
	Listed bool `json:"listed"`
	// DateAdded and DueDate are the catalogue's dates.
	DateAdded time.Time `json:"dateAdded,omitzero"`
	DueDate   time.Time `json:"dueDate,omitzero"`
	// Ransomware is the catalogue's known ransomware campaign use.
	Ransomware bool `json:"ransomware,omitempty"`
	// RetrievedAt is when the catalogue was read. Required.
	RetrievedAt time.Time `json:"retrievedAt"`
}

// Signals are dated, append-only inputs that raise exploitability.
type Signals struct {
	// EPSS are the EPSS observations, oldest first as appended.
	EPSS []EPSS `json:"epss,omitempty"`
	// KEV are the KEV observations, oldest first as appended.
	KEV []KEV `json:"kev,omitempty"`
}

// LatestEPSS returns the observation retrieved last.
func (s Signals) LatestEPSS() (EPSS, bool) {
	if len(s.EPSS) == 0 {
		return EPSS{}, false
	}
	return slices.MaxFunc(s.EPSS, func(a, b EPSS) int { return a.RetrievedAt.Compare(b.RetrievedAt) }), true
}

// LatestKEV returns the observation retrieved last.
func (s Signals) LatestKEV() (KEV, bool) {
	if len(s.KEV) == 0 {
		return KEV{}, false
	}
	return slices.MaxFunc(s.KEV, func(a, b KEV) int { return a.RetrievedAt.Compare(b.RetrievedAt) }), true
}

// Assessment is one security risk estimate, before or after controls. It
// keeps the CVSS vector, rubric answers, exploitability and signals apart;
// none of them is merged into a "likelihood" (reference §6).
type Assessment struct {
	// Method says how exploitability is reached. Required.
	Method AssessMethod `json:"method"`
	// CVSS is the vector for the cvss-3.1 and cvss-4.0 methods, scored in
	// this device's context.
	CVSS string `json:"cvss,omitempty"`
	// Rubric holds the answers for the mitre-rubric method.
	Rubric *RubricAnswers `json:"rubric,omitempty"`
	// Exploitability is set directly (method exploitability) or overrides
	// the derived level, in which case Basis is required.
	Exploitability Exploitability `json:"exploitability,omitempty"`
	// Basis explains the exploitability in this device's context.
	Basis string `json:"basis,omitempty"`
	// Impact is the severity of the worst credible harm. Required.
	Impact Impact `json:"impact"`
	// Classes are the data and function classes affected; therapy,
	// diagnosis and workflow call for a safety link.
	Classes []DataClass `json:"classes,omitempty"`
	// Signals are dated EPSS and KEV observations.
	Signals Signals `json:"signals,omitzero"`
	// AssessedAt and Assessor record who assessed it and when.
	AssessedAt time.Time `json:"assessedAt,omitzero"`
	Assessor   string    `json:"assessor,omitempty"`
}

// Result is an evaluated assessment.
type Result struct {
	// Derived is the exploitability from the vector, rubric or direct value,
	// before signals.
	Derived Exploitability `json:"derived"`
	// Exploitability is the level after signals raised it.
	Exploitability Exploitability `json:"exploitability"`
	// Impact is the assessed impact.
	Impact Impact `json:"impact"`
	// Level and Verdict are the matrix cell's content.
	Level   Level   `json:"level"`
	Verdict Verdict `json:"verdict"`
	// CVSS is the parsed vector, if any.
	CVSS *CVSS `json:"cvss,omitempty"`
	// Reasons say how the exploitability was reached and raised.
	Reasons []string `json:"reasons,omitempty"`
	// Classes are the affected classes, with those the rubric implies.
	Classes []DataClass `json:"classes,omitempty"`
}

// EvaluateOptions tunes Evaluate. The zero value uses DefaultMatrix and
// DefaultRubric.
type EvaluateOptions struct {
	// Matrix is the security risk matrix; nil means DefaultMatrix.
	Matrix *Matrix
	// Rubric is the question tree for the mitre-rubric method; nil means DefaultRubric.
	Rubric *Rubric
}

// Evaluate derives exploitability, raises it by the latest signals and looks
// the pair up in the matrix. A KEV listing raises exploitability to
// very-high (the vulnerability is known to be exploited); an EPSS score of
// 0.5 or more raises it to at least high, of 0.1 or more to at least medium.
func (a Assessment) Evaluate(opts EvaluateOptions) (Result, error) {
	var p problems
	res := a.evaluate("", "", trace.Position{}, &p, opts)
	return res, p.err()
}

func (a Assessment) evaluate(path string, id traceID, pos trace.Position, p *problems, opts EvaluateOptions) Result {
	join := func(f string) string {
		if path == "" {
			return f
		}
		return path + "." + f
	}
	res := Result{Impact: a.Impact, Classes: slices.Clone(a.Classes)}
	if !a.Impact.Valid() {
		p.add(join("impact"), id, pos, ErrInvalid, "impact %q must be one of negligible, minor, serious, critical, catastrophic", a.Impact)
	}
	for i, c := range a.Classes {
		if !c.Valid() {
			p.add(fmt.Sprintf("%s[%d]", join("classes"), i), id, pos, ErrInvalid, "unknown data class %q", c)
		}
	}
	if a.Exploitability != "" && !a.Exploitability.Valid() {
		p.add(join("exploitability"), id, pos, ErrInvalid, "exploitability %q must be one of very-low, low, medium, high, very-high", a.Exploitability)
	}
	vector := a.methodVector(join, id, pos, p, opts, &res)
	if vector != "" {
		c, err := ParseCVSS(vector)
		switch {
		case err != nil:
			p.add(join("cvss"), id, pos, ErrBadCVSS, "%v", err)
		case a.Method == AssessCVSS31 && c.Version != CVSS31, a.Method == AssessCVSS40 && c.Version != CVSS40:
			p.add(join("cvss"), id, pos, ErrInvalid, "method %s does not match a CVSS %s vector", a.Method, c.Version)
		default:
			res.CVSS = &c
			res.Derived = c.Exploitability
			res.Reasons = append(res.Reasons, fmt.Sprintf("CVSS %s %s gives %s", c.Version, c.Vector, c.Exploitability))
		}
	}
	if a.Exploitability.Valid() {
		if res.Derived != "" && res.Derived != a.Exploitability {
			if strings.TrimSpace(a.Basis) == "" {
				p.add(join("basis"), id, pos, ErrMissing, "overriding the derived exploitability %s needs a basis", res.Derived)
			}
			res.Reasons = append(res.Reasons, fmt.Sprintf("set to %s in this device's context", a.Exploitability))
		}
		res.Derived = a.Exploitability
	}
	res.Classes = slices.Compact(slices.SortedFunc(slices.Values(res.Classes), func(x, y DataClass) int { return cmp.Compare(x, y) }))
	a.Signals.validate(join("signals"), id, pos, p)
	res.Exploitability = res.Derived
	res.raise(a.Signals)
	m := opts.Matrix
	if m == nil {
		d := DefaultMatrix()
		m = &d
	}
	if res.Exploitability.Valid() && res.Impact.Valid() {
		if c, ok := m.Lookup(res.Exploitability, res.Impact); ok {
			res.Level, res.Verdict = c.Level, c.Verdict
		} else {
			p.add(join("impact"), id, pos, ErrInvalid, "matrix %q has no cell for %s × %s", m.Name, res.Exploitability, res.Impact)
		}
	}
	return res
}

// methodVector checks the fields the method needs and returns the CVSS
// vector to parse, derived from rubric answers for the rubric method.
func (a Assessment) methodVector(join func(string) string, id traceID, pos trace.Position, p *problems, opts EvaluateOptions, res *Result) string {
	vector := a.CVSS
	switch a.Method {
	case AssessDirect:
		if a.Exploitability == "" {
			p.add(join("exploitability"), id, pos, ErrMissing, "method exploitability needs an exploitability level")
		}
		if strings.TrimSpace(a.Basis) == "" {
			p.add(join("basis"), id, pos, ErrMissing, "an exploitability set directly needs a basis")
		}
	case AssessCVSS31, AssessCVSS40:
		if vector == "" {
			p.add(join("cvss"), id, pos, ErrMissing, "method %s needs a CVSS vector", a.Method)
		}
	case AssessRubric:
		rub := opts.Rubric
		if rub == nil {
			r, err := DefaultRubric()
			if err != nil {
				p.add(join("rubric"), id, pos, ErrInvalid, "%v", err)
				return ""
			}
			rub = r
		}
		if a.Rubric == nil {
			p.add(join("rubric"), id, pos, ErrMissing, "method mitre-rubric needs the rubric answers")
			break
		}
		v, classes, err := rub.Vector(*a.Rubric)
		if err != nil {
			p.add(join("rubric"), id, pos, ErrInvalid, "%v", err)
			break
		}
		vector = v
		res.Classes = append(res.Classes, classes...)
	default:
		p.add(join("method"), id, pos, ErrInvalid, "method %q must be exploitability, cvss-3.1, cvss-4.0 or mitre-rubric", a.Method)
	}
	return vector
}

func (r *Result) raise(s Signals) {
	if !r.Exploitability.Valid() {
		return
	}
	at := func(l Exploitability, why string) {
		if l.Rank() > r.Exploitability.Rank() {
			r.Exploitability = l
			r.Reasons = append(r.Reasons, why)
		}
	}
	if k, ok := s.LatestKEV(); ok && k.Listed {
		at(ExploitVeryHigh, "listed in CISA KEV as of "+k.RetrievedAt.Format(time.DateOnly))
	}
	if e, ok := s.LatestEPSS(); ok {
		why := fmt.Sprintf("EPSS %.3f as of %s", e.Score, e.RetrievedAt.Format(time.DateOnly))
		switch {
		case e.Score >= 0.5:
			at(ExploitHigh, why)
		case e.Score >= 0.1:
			at(ExploitMedium, why)
		}
	}
}

func (s Signals) validate(path string, id traceID, pos trace.Position, p *problems) {
	for i, e := range s.EPSS {
		ep := fmt.Sprintf("%s.epss[%d]", path, i)
		if !(e.Score >= 0 && e.Score <= 1) {
			p.add(ep+".score", id, pos, ErrInvalid, "EPSS score %v must be in [0, 1]", e.Score)
		}
		if !(e.Percentile >= 0 && e.Percentile <= 1) {
			p.add(ep+".percentile", id, pos, ErrInvalid, "EPSS percentile %v must be in [0, 1]", e.Percentile)
		}
		if e.RetrievedAt.IsZero() {
			p.add(ep+".retrievedAt", id, pos, ErrMissing, "a signal must say when it was retrieved")
		}
	}
	for i, k := range s.KEV {
		if k.RetrievedAt.IsZero() {
			p.add(fmt.Sprintf("%s.kev[%d].retrievedAt", path, i), id, pos, ErrMissing, "a signal must say when it was retrieved")
		}
	}
}
