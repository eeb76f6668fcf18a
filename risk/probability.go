package risk

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// Probability is an estimated probability as written in the risk file: a
// decimal number in [0, 1] ("1e-4", "0.002"), or the name of a level of the
// plan's probability scale ("Remote") where the probability is estimated
// qualitatively (ISO 14971:2019 5.5; ISO/TR 24971:2020 5.5). The empty value
// means "not estimated".
//
// In JSON a Probability may be a number or a string; in YAML any scalar.
// Decoding writes numbers in one canonical form (that of P), so that "1e-3",
// 1e-3 and 0.001 decode alike and fingerprint alike.
type Probability string

// P returns the Probability holding the number v in the canonical form:
// the shortest exact decimal, in exponent form below 10⁻⁶ ("0.001",
// "0.000001", "5e-7").
func P(v float64) Probability {
	if b, err := json.Marshal(v); err == nil {
		return Probability(b)
	}
	return Probability(strconv.FormatFloat(v, 'g', -1, 64)) // NaN, ±Inf
}

// canonical returns p with a number rewritten in the canonical form, and a
// level name as it is.
func (p Probability) canonical() Probability {
	if v, ok := p.Number(); ok {
		return P(v)
	}
	return p
}

// IsZero reports whether p is empty (not estimated).
func (p Probability) IsZero() bool { return p == "" }

// Number returns p's numeric value and true when p is written as a number.
// The value is not range-checked; a level name returns false.
func (p Probability) Number() (float64, bool) {
	s := strings.TrimSpace(string(p))
	if s == "" || !numberLike(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// numberLike reports whether s may be a number for strconv.ParseFloat; it
// spares level names the cost of a failed parse.
func numberLike(s string) bool {
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '.', c == '+', c == '-':
		return true
	}
	return strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") || strings.EqualFold(s, "nan")
}

// Numeric reports whether p is written as a number.
func (p Probability) Numeric() bool {
	_, ok := p.Number()
	return ok
}

// UnmarshalJSON accepts a JSON number or string.
func (p *Probability) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*p = Probability(s).canonical()
		return nil
	}
	if bytes.Equal(b, []byte("null")) {
		*p = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("probability must be a number or a level name")
	}
	*p = Probability(n.String()).canonical()
	return nil
}
