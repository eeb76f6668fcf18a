package sbom

// SupportLevel is the level of support a component's maker gives it (FDA
// premarket cybersecurity guidance V.A.4(b)).
type SupportLevel string

const (
	// SupportActive: the maker actively maintains the component.
	SupportActive SupportLevel = "actively-maintained"
	// SupportNoLonger: the maker no longer maintains it.
	SupportNoLonger SupportLevel = "no-longer-maintained"
	// SupportAbandoned: the component is abandoned.
	SupportAbandoned SupportLevel = "abandoned"
	// SupportUnknown: the level is declared unknown; a justification is
	// expected.
	SupportUnknown SupportLevel = "unknown"
)

// Valid reports whether l is one of the support levels.
func (l SupportLevel) Valid() bool {
	switch l {
	case SupportActive, SupportNoLonger, SupportAbandoned, SupportUnknown:
		return true
	}
	return false
}

// Support is what is known about a component's support (FDA premarket
// guidance V.A.4(b): level of support, end-of-support date, and a
// justification where either is unknown).
type Support struct {
	// Level of support; empty when not stated.
	Level SupportLevel `json:"level,omitempty"`
	// EndOfSupport is the end-of-support date as written (ISO 8601 date or
	// RFC 3339 time); empty when not stated.
	EndOfSupport string `json:"endOfSupport,omitempty"`
	// Justification explains a missing level or date.
	Justification string `json:"justification,omitempty"`
	// AssessedAt is when the support status was last assessed.
	AssessedAt string `json:"assessedAt,omitempty"`
}

// IsZero reports whether nothing is known about support.
func (s Support) IsZero() bool { return s == Support{} }
