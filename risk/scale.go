package risk

import "math"

// Scale is a configurable ordinal scale of severity or probability levels
// (ISO 14971:2019 4.4 d and 5.5; ISO/TR 24971:2020 5.5). Levels are listed
// from the lowest to the highest; a level's rank is its 1-based position.
//
// A probability scale is semi-quantitative when its levels carry bounds: each
// level covers the half-open range [Lower, Upper), the first level may leave
// Lower out (0), the last may leave Upper out (1, inclusive), and the ranges
// must be contiguous. A scale whose levels carry no bounds is qualitative:
// only level names can be placed on it. Severity levels carry no bounds.
type Scale struct {
	// Unit says what a probability is counted per: "use", "device-year",
	// "lifetime" (ISO/TR 24971:2020 5.5). Empty for severity.
	Unit string `json:"unit,omitempty"`
	// Levels, lowest first. Required; names unique.
	Levels []Level `json:"levels"`
}

// Level is one level of a Scale.
type Level struct {
	// Name is how records name the level ("Critical", "Remote"). Required;
	// must not read as a number.
	Name string `json:"name"`
	// Description says what the level means.
	Description string `json:"description,omitempty"`
	// Lower is the least probability in the level (inclusive).
	Lower *float64 `json:"lower,omitempty"`
	// Upper is the least probability above the level (exclusive).
	Upper *float64 `json:"upper,omitempty"`
}

// Rating is a level placed on a scale: its rank (1 = lowest) and name. The
// zero Rating means "not rated".
type Rating struct {
	// Rank is the level's 1-based position, lowest first; 0 when unrated.
	Rank int `json:"rank"`
	// Name is the level's name.
	Name string `json:"name"`
}

// IsZero reports whether r is unrated.
func (r Rating) IsZero() bool { return r.Rank == 0 }

// Len returns the number of levels.
func (s Scale) Len() int { return len(s.Levels) }

// Rank returns the 1-based rank of the level named name, or 0.
func (s Scale) Rank(name string) int {
	for i := range s.Levels {
		if s.Levels[i].Name == name {
			return i + 1
		}
	}
	return 0
}

// Rating returns the rating of the level named name; unrated when no level
// has that name.
func (s Scale) Rating(name string) Rating { return s.At(s.Rank(name)) }

// At returns the rating of the level of rank r; unrated when r is out of
// range.
func (s Scale) At(r int) Rating {
	if r < 1 || r > len(s.Levels) {
		return Rating{}
	}
	return Rating{Rank: r, Name: s.Levels[r-1].Name}
}

// Quantitative reports whether any level carries a bound.
func (s Scale) Quantitative() bool {
	for _, l := range s.Levels {
		if l.Lower != nil || l.Upper != nil {
			return true
		}
	}
	return false
}

// Bucket returns the rating of the level whose range holds v; unrated when
// the scale is qualitative or no level holds v (v outside [0, 1], NaN, or a
// gap in a scale that failed validation).
func (s Scale) Bucket(v float64) Rating {
	if math.IsNaN(v) || v < 0 || v > 1 || !s.Quantitative() {
		return Rating{}
	}
	last := len(s.Levels) - 1
	for i, l := range s.Levels {
		lo, hi := 0.0, math.Inf(1)
		if l.Lower != nil {
			lo = *l.Lower
		}
		if l.Upper != nil {
			hi = *l.Upper
		}
		if v >= lo && (v < hi || (i == last && v == hi)) {
			return s.At(i + 1)
		}
	}
	return Rating{}
}

func bound(v float64) *float64 { return &v }

// DefaultSeverity returns the common five-level severity scale
// (ISO/TR 24971:2020 examples): Negligible, Minor, Serious, Critical,
// Catastrophic.
func DefaultSeverity() Scale {
	return Scale{Levels: []Level{
		{Name: "Negligible", Description: "inconvenience or temporary discomfort"},
		{Name: "Minor", Description: "temporary injury or impairment not needing professional medical intervention"},
		{Name: "Serious", Description: "injury or impairment needing professional medical intervention"},
		{Name: "Critical", Description: "permanent impairment or life-threatening injury"},
		{Name: "Catastrophic", Description: "death"},
	}}
}

// DefaultProbability returns the common five-level semi-quantitative
// probability scale per use: Improbable < 10⁻⁶ ≤ Remote < 10⁻⁵ ≤ Occasional
// < 10⁻⁴ ≤ Probable < 10⁻³ ≤ Frequent.
func DefaultProbability() Scale {
	return Scale{Unit: "use", Levels: []Level{
		{Name: "Improbable", Description: "below one in a million uses", Upper: bound(1e-6)},
		{Name: "Remote", Description: "one in a million to one in a hundred thousand uses", Lower: bound(1e-6), Upper: bound(1e-5)},
		{Name: "Occasional", Description: "one in a hundred thousand to one in ten thousand uses", Lower: bound(1e-5), Upper: bound(1e-4)},
		{Name: "Probable", Description: "one in ten thousand to one in a thousand uses", Lower: bound(1e-4), Upper: bound(1e-3)},
		{Name: "Frequent", Description: "one in a thousand uses or more", Lower: bound(1e-3)},
	}}
}
