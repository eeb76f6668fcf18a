package lifecycle

import (
	"time"

	"github.com/medtrace/medtrace/trace"
)

// KindSignal is the kind of a post-market signal: feedback that enters the
// maintenance process (IEC 62304:2006+A1:2015 6.2.1).
const KindSignal trace.Kind = "signal"

// SignalType says where a signal came from. The empty value is invalid.
type SignalType string

const (
	// SignalComplaint: a complaint or other feedback from users, service or
	// the field, including adverse events and near-incidents (6.2.1.1).
	SignalComplaint SignalType = "complaint"
	// SignalCVD: a report received through coordinated vulnerability
	// disclosure (IEC 81001-5-1 7.2; FDA premarket cybersecurity VI.B).
	SignalCVD SignalType = "cvd-report"
	// SignalAdvisory: a new or changed vulnerability advisory (OSV, CVE)
	// from a monitored source.
	SignalAdvisory SignalType = "advisory"
	// SignalInternal: a problem found inside the organisation, such as a
	// failing test on a released version.
	SignalInternal SignalType = "internal"
)

// Valid reports whether t is a known signal type.
func (t SignalType) Valid() bool {
	return t == SignalComplaint || t == SignalCVD || t == SignalAdvisory || t == SignalInternal
}

// Signal is one piece of post-market feedback: a complaint, a coordinated
// vulnerability disclosure report, a new advisory (IEC 62304:2006+A1:2015
// 6.2.1.1–6.2.1.3). A signal that is a problem raises one or more problem
// reports; one that is not says why.
type Signal struct {
	// ID is the signal's ID, such as "SIG-2026-014". Required.
	ID trace.ID `json:"id"`
	// Type says where the signal came from. Required.
	Type SignalType `json:"type"`
	// Title is a one-line summary. Required.
	Title string `json:"title"`
	// Received is when the signal was received. Required.
	Received time.Time `json:"received"`
	// Source names the sender or feed (a customer, a researcher, "OSV").
	Source string `json:"source,omitempty"`
	// Reference is the signal's identifier at its source: a complaint
	// number, a CVD case, an advisory ID ("GHSA-…", "CVE-…").
	Reference string `json:"reference,omitempty"`
	// Versions are the released versions the signal concerns, if known.
	Versions []string `json:"versions,omitempty"`
	// Description says what was reported.
	Description string `json:"description,omitempty"`
	// Raises are the problem reports the signal raised (6.2.1.2); each
	// becomes a link signal -raises-> problem-report.
	Raises []trace.ID `json:"raises,omitempty"`
	// NotAProblem says why the signal raised no problem report (6.2.1.2).
	NotAProblem string `json:"notAProblem,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Validate reports every problem with the signal's content at once, each a
// trace.Problem wrapping ErrInvalidRecord that names the signal and field.
func (s *Signal) Validate() error {
	if s == nil {
		return errNilRecord(KindSignal)
	}
	return s.validate("")
}

func (s *Signal) validate(prefix string) error {
	v := recordCheck{prefix: prefix, record: s.ID, kind: KindSignal, pos: s.Pos}
	v.id("id", s.ID)
	v.enum("type", string(s.Type), s.Type.Valid())
	v.text("title", s.Title)
	v.time("received", s.Received)
	v.ids("raises", s.Raises)
	if len(s.Raises) > 0 && s.NotAProblem != "" {
		v.fail("notAProblem", "a signal that raised problem reports cannot also be declared not a problem")
	}
	return v.err()
}

func (s *Signal) fingerprint() trace.Fingerprint {
	return trace.NewHasher().String("type", string(s.Type)).String("title", s.Title).
		String("received", s.Received.UTC().Format(time.RFC3339)).
		String("source", s.Source).String("reference", s.Reference).
		Strings("versions", s.Versions).String("description", s.Description).
		Strings("raises", idStrings(s.Raises)).String("notAProblem", s.NotAProblem).Sum()
}
