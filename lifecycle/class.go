package lifecycle

// Class is an IEC 62304 software safety class (IEC 62304:2006+A1:2015 4.3).
// The empty Class is invalid; an unclassified item is treated as C (4.3 g)
// by the classification, never silently.
type Class string

const (
	// ClassA: the software cannot contribute to a hazardous situation, or
	// the resulting risk is acceptable once external risk controls count.
	ClassA Class = "A"
	// ClassB: it can contribute to a hazardous situation with unacceptable
	// risk after external controls, and the worst harm is non-serious injury.
	ClassB Class = "B"
	// ClassC: as B, but the worst harm is death or serious injury.
	ClassC Class = "C"
)

// Valid reports whether c is A, B or C.
func (c Class) Valid() bool { return c == ClassA || c == ClassB || c == ClassC }

// Rank orders classes: A 1, B 2, C 3, anything else 0.
func (c Class) Rank() int {
	switch c {
	case ClassA:
		return 1
	case ClassB:
		return 2
	case ClassC:
		return 3
	}
	return 0
}

// Edition names the edition of IEC 62304 a project follows.
type Edition string

const (
	// Edition2015 is IEC 62304:2006+A1:2015 (Ed. 1.1), the current edition:
	// the class follows a risk-based decision counting external controls.
	Edition2015 Edition = "IEC 62304:2006+A1:2015"
	// Edition2006 is IEC 62304:2006 (Ed. 1.0), superseded; kept for legacy
	// projects: the class follows the worst harm's severity alone.
	Edition2006 Edition = "IEC 62304:2006"
)

// Valid reports whether e is a known edition.
func (e Edition) Valid() bool { return e == Edition2015 || e == Edition2006 }

// DocumentationLevel is the FDA premarket software documentation level (FDA guidance
// "Content of Premarket Submissions for Device Software Functions", 2023,
// section V). It is not an IEC 62304 class and is never derived from one.
type DocumentationLevel string

const (
	// Basic is the Basic documentation level.
	Basic DocumentationLevel = "basic"
	// Enhanced is the Enhanced documentation level: a failure of a
	// device software function could present a probable risk of death or
	// serious injury, judged before risk controls.
	Enhanced DocumentationLevel = "enhanced"
)

// Valid reports whether l is Basic or Enhanced.
func (l DocumentationLevel) Valid() bool { return l == Basic || l == Enhanced }
