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
type Probability string

// P returns the Probability holding the number v in its shortest exact form.
func P(v float64) Probability { return Probability(strconv.FormatFloat(v, 'g', -1, 64)) }

// IsZero reports whether p is empty (not estimated).
func (p Probability) IsZero() bool { return p == "" }

// Number returns p's numeric value and true when p is written as a number.
// The value is not range-checked; a level name returns false.
func (p Probability) Number() (float64, bool) {
	s := strings.TrimSpace(string(p))
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
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
		*p = Probability(s)
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
	*p = Probability(n.String())
	return nil
}
