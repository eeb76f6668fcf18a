package lifecycle

import "github.com/medtrace/medtrace/trace"

// Kinds of the items lifecycle contributes to the thread. The kinds of
// problem reports, change requests, releases and signals are declared beside
// their records.
const (
	// KindUserNeed is a user need or intended use statement (design input).
	KindUserNeed trace.Kind = "user-need"
	// KindRequirement is a system or software requirement; its "level"
	// attribute is "system" or "software" (IEC 62304:2006+A1:2015 5.2).
	KindRequirement trace.Kind = "requirement"
	// KindSystem is the software system (IEC 62304:2006+A1:2015 3.27).
	KindSystem trace.Kind = "software-system"
	// KindItem is a software item (IEC 62304:2006+A1:2015 3.25).
	KindItem trace.Kind = "software-item"
	// KindUnit is a software unit, an item not split further
	// (IEC 62304:2006+A1:2015 3.28).
	KindUnit trace.Kind = "software-unit"
	// KindInterface is an interface between items, or between an item and
	// external hardware or software (IEC 62304:2006+A1:2015 5.3.2).
	KindInterface trace.Kind = "interface"
	// KindTest is a test case or test procedure.
	KindTest trace.Kind = "test"
	// KindTestResult is one recorded execution of a test.
	KindTestResult trace.Kind = "test-result"
	// KindDesignReview is a design review record.
	KindDesignReview trace.Kind = "design-review"
	// KindDocument is an evidence document such as a plan or a procedure.
	KindDocument trace.Kind = "document"
)

// Connects is the link type lifecycle adds to the vocabulary: an interface
// connects the items (or the system) on its two sides.
const Connects trace.LinkType = "connects"
