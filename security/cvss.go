package security

import (
	"errors"
	"fmt"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"
)

// CVSSVersion is a CVSS specification version.
type CVSSVersion string

// CVSS versions accepted.
const (
	// CVSS31 is CVSS v3.1 (vectors start "CVSS:3.1/").
	CVSS31 CVSSVersion = "3.1"
	// CVSS40 is CVSS v4.0 (vectors start "CVSS:4.0/").
	CVSS40 CVSSVersion = "4.0"
)

// Valid reports whether v is 3.1 or 4.0.
func (v CVSSVersion) Valid() bool { return v == CVSS31 || v == CVSS40 }

// maxVectorLen bounds a vector; the longest valid v4.0 vector is far shorter.
const maxVectorLen = 512

// CVSS is a parsed CVSS vector with the figures security risk needs.
type CVSS struct {
	// Version is the specification version.
	Version CVSSVersion `json:"version"`
	// Vector is the vector in canonical form.
	Vector string `json:"vector"`
	// Score is the base score (v3.1) or the CVSS-B/BT/BE/BTE score (v4.0).
	Score float64 `json:"score"`
	// Rating is NONE, LOW, MEDIUM, HIGH or CRITICAL.
	Rating string `json:"rating"`
	// Exploitability is the exploitability level derived from the
	// exploitability metrics (see ParseCVSS).
	Exploitability Exploitability `json:"exploitability"`
	// Metrics holds the metric values by abbreviation ("AV" → "N").
	Metrics map[string]string `json:"metrics"`
}

// CVSSError says why a vector was rejected.
type CVSSError struct {
	// Vector is the rejected input (cut to 80 bytes).
	Vector string
	// Err is the parser's reason.
	Err error
}

// Error names the vector and the reason.
func (e *CVSSError) Error() string {
	return fmt.Sprintf("malformed CVSS vector %q: %v", e.Vector, e.Err)
}

// Unwrap returns ErrBadCVSS and the parser's reason.
func (e *CVSSError) Unwrap() []error { return []error{ErrBadCVSS, e.Err} }

// ParseCVSS parses a CVSS v3.1 or v4.0 vector, chosen by its "CVSS:x.y/"
// prefix, and derives its exploitability level. It uses
// github.com/pandatix/go-cvss and rejects malformed vectors (unknown or
// repeated metrics, missing base metrics, bad values, wrong order in v4.0)
// with a *CVSSError wrapping ErrBadCVSS.
//
// The exploitability level comes from the exploitability metrics only. For
// v3.1 it is the exploitability sub-score 8.22×AV×AC×PR×UI (CVSS v3.1 7.1)
// read in bands: ≥3.5 very-high, ≥2.6 high, ≥1.5 medium, ≥0.7 low, else
// very-low. v4.0 has no sub-score, so the same product is formed with the
// v3.1 weights for AV, AC and PR (scope unchanged), UI N 0.85, P 0.62,
// A 0.45 and a further factor for AT (N 1, P 0.6), and read in the same
// bands. Exploit maturity (E) is not folded in: it is a dated signal of the
// assessment.
func ParseCVSS(vector string) (CVSS, error) {
	short := vector
	if len(short) > 80 {
		short = short[:80] + "…"
	}
	if len(vector) > maxVectorLen {
		return CVSS{}, &CVSSError{Vector: short, Err: fmt.Errorf("longer than %d bytes", maxVectorLen)}
	}
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v, err := gocvss31.ParseVector(vector)
		if err != nil {
			return CVSS{}, &CVSSError{Vector: short, Err: err}
		}
		return cvss31From(v)
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		v, err := gocvss40.ParseVector(vector)
		if err != nil {
			return CVSS{}, &CVSSError{Vector: short, Err: err}
		}
		return cvss40From(v)
	case strings.HasPrefix(vector, "CVSS:3.0/"), strings.HasPrefix(vector, "CVSS:2"), strings.HasPrefix(vector, "AV:"):
		return CVSS{}, &CVSSError{Vector: short, Err: errors.New("only CVSS v3.1 and v4.0 vectors are accepted")}
	}
	return CVSS{}, &CVSSError{Vector: short, Err: errors.New(`the vector must start with "CVSS:3.1/" or "CVSS:4.0/"`)}
}

var cvss31Metrics = []string{"AV", "AC", "PR", "UI", "S", "C", "I", "A", "E", "RL", "RC",
	"CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"}

var cvss40Metrics = []string{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA", "E",
	"CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
	"S", "AU", "R", "V", "RE", "U"}

func cvss31From(v *gocvss31.CVSS31) (CVSS, error) {
	out := CVSS{Version: CVSS31, Vector: v.Vector(), Metrics: make(map[string]string, 8)}
	for _, m := range cvss31Metrics {
		if s, err := v.Get(m); err == nil && s != "X" {
			out.Metrics[m] = s
		}
	}
	out.Score = v.BaseScore()
	rating, err := gocvss31.Rating(out.Score)
	if err != nil {
		return CVSS{}, &CVSSError{Vector: out.Vector, Err: err}
	}
	out.Rating = rating
	out.Exploitability = subscoreLevel(v.Exploitability())
	return out, nil
}

func subscoreLevel(sub float64) Exploitability {
	switch {
	case sub >= 3.5:
		return ExploitVeryHigh
	case sub >= 2.6:
		return ExploitHigh
	case sub >= 1.5:
		return ExploitMedium
	case sub >= 0.7:
		return ExploitLow
	}
	return ExploitVeryLow
}

func cvss40From(v *gocvss40.CVSS40) (CVSS, error) {
	out := CVSS{Version: CVSS40, Vector: v.Vector(), Metrics: make(map[string]string, 12)}
	for _, m := range cvss40Metrics {
		if s, err := v.Get(m); err == nil && s != "X" {
			out.Metrics[m] = s
		}
	}
	out.Score = v.Score()
	rating, err := gocvss40.Rating(out.Score)
	if err != nil {
		return CVSS{}, &CVSSError{Vector: out.Vector, Err: err}
	}
	out.Rating = rating
	w := map[string]float64{"AV:N": 0.85, "AV:A": 0.62, "AV:L": 0.55, "AV:P": 0.2, "AC:L": 0.77, "AC:H": 0.44,
		"AT:N": 1, "AT:P": 0.6, "PR:N": 0.85, "PR:L": 0.62, "PR:H": 0.27, "UI:N": 0.85, "UI:P": 0.62, "UI:A": 0.45}
	sub := 8.22
	for _, m := range []string{"AV", "AC", "AT", "PR", "UI"} {
		sub *= w[m+":"+out.Metrics[m]]
	}
	out.Exploitability = subscoreLevel(sub)
	return out, nil
}
