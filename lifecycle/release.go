package lifecycle

import (
	"slices"
	"time"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// KindRelease is the kind of a release record (IEC 62304:2006+A1:2015 5.8,
// 6.3.2, 8.1.3).
const KindRelease trace.Kind = "release"

// ReleaseStatus says where a release is in its life. The empty value is
// invalid.
type ReleaseStatus string

const (
	// ReleaseCandidate: being prepared; readiness is judged on it (5.8).
	ReleaseCandidate ReleaseStatus = "candidate"
	// ReleaseInField: released and still in use in the field; new
	// advisories are matched against its SBOM (6.2.1, 9).
	ReleaseInField ReleaseStatus = "in-field"
	// ReleaseRetired: no longer supported or in use; not monitored.
	ReleaseRetired ReleaseStatus = "retired"
)

// Valid reports whether s is a known status.
func (s ReleaseStatus) Valid() bool {
	return s == ReleaseCandidate || s == ReleaseInField || s == ReleaseRetired
}

// Release is one version of the software system: what it contains at which
// fingerprints (its baseline), its SBOM, and the known residual anomalies it
// ships with (IEC 62304:2006+A1:2015 5.8.2–5.8.4, 8.1.3; FDA 2023 software
// guidance VI.I, VI.J).
type Release struct {
	// ID is the release record's ID, such as "REL-2.1.0". Required.
	ID trace.ID `json:"id"`
	// Version is the released version's designator (5.8.4). Required.
	Version string `json:"version"`
	// Product names the device or product line member the release belongs
	// to; releases of several products can share one project.
	Product string `json:"product,omitempty"`
	// Status is candidate, in-field or retired. Required.
	Status ReleaseStatus `json:"status"`
	// Date is the release date; required once released.
	Date time.Time `json:"date,omitzero"`
	// Previous is the release this one follows, if any.
	Previous trace.ID `json:"previous,omitempty"`
	// Items are the configuration items the release contains (the system,
	// its items, documents); each becomes a link release -contains-> item.
	Items []trace.ID `json:"items,omitempty"`
	// Anomalies are the problem reports the release ships with unresolved:
	// its known residual anomalies (5.8.2), each evaluated on the report
	// (5.8.3); each becomes a link release -contains-> problem-report.
	Anomalies []trace.ID `json:"anomalies,omitempty"`
	// Baseline is every configuration item's fingerprint when the release
	// was made (8.1.3). A candidate may leave it empty: ReleaseBaseline
	// takes it from the current graph.
	Baseline *trace.Baseline `json:"baseline,omitempty"`
	// SBOM is the software bill of materials of the release (8.1.3; FDA
	// premarket cybersecurity guidance V.A.4).
	SBOM *sbom.SBOM `json:"sbom,omitempty"`
	// Build references the build record: procedure and environment (5.8.5).
	Build string `json:"build,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Validate reports every problem with the release's content at once, each a
// trace.Problem wrapping ErrInvalidRecord that names the release and the
// field.
func (r *Release) Validate() error {
	if r == nil {
		return errNilRecord(KindRelease)
	}
	return r.validate("")
}

func (r *Release) validate(prefix string) error {
	v := recordCheck{prefix: prefix, record: r.ID, kind: KindRelease, pos: r.Pos}
	v.id("id", r.ID)
	v.text("version", r.Version)
	v.enum("status", string(r.Status), r.Status.Valid())
	if r.Status == ReleaseInField || r.Status == ReleaseRetired {
		v.time("date", r.Date)
		if r.Baseline == nil {
			v.fail("baseline", "a released version must record its baseline (8.1.3)")
		}
	}
	if r.Previous != "" {
		v.id("previous", r.Previous)
		if r.Previous == r.ID {
			v.fail("previous", "a release cannot follow itself")
		}
	}
	v.ids("items", r.Items)
	v.ids("anomalies", r.Anomalies)
	return v.err()
}

// InField reports whether the release is in use in the field and so
// monitored for new vulnerabilities.
func (r *Release) InField() bool { return r != nil && r.Status == ReleaseInField }

func (r *Release) fingerprint() trace.Fingerprint {
	h := trace.NewHasher().String("version", r.Version).String("product", r.Product).
		String("status", string(r.Status)).String("previous", string(r.Previous)).
		Strings("items", idStrings(r.Items)).Strings("anomalies", idStrings(r.Anomalies)).
		String("build", r.Build)
	if !r.Date.IsZero() {
		h.String("date", r.Date.UTC().Format(time.RFC3339))
	}
	if b := r.Baseline; b != nil {
		for _, e := range b.Entries {
			h.String(string(e.ID), e.Fingerprint.String())
		}
	}
	return h.Sum()
}

// recordKinds are the kinds of process records that accumulate over time
// rather than describe the product; release baselines leave them out.
var recordKinds = []trace.Kind{KindRelease, KindSignal, KindProblemReport, KindChangeRequest,
	KindTestResult, KindDesignReview}

// ReleaseBaseline returns the baseline of the configuration items in g,
// named name and dated created (IEC 62304:2006+A1:2015 8.1.3): every item's
// fingerprint except process records (releases, signals, problem reports,
// change requests, test results, design reviews), which accumulate rather
// than describe the product.
func ReleaseBaseline(g *trace.Graph, name string, created time.Time) trace.Baseline {
	b := g.Baseline(name, created)
	b.Entries = slices.DeleteFunc(b.Entries, func(e trace.BaselineEntry) bool {
		return slices.Contains(recordKinds, e.Kind)
	})
	return b
}
