package sbom

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Advisory is one OSV record (OSV schema 1.x) in the compact form the
// matcher needs. Free-form database_specific and ecosystem_specific objects
// are skipped while decoding; nothing of the raw JSON is kept.
type Advisory struct {
	// ID is the record's identifier, such as "GO-2021-0101" or
	// "GHSA-jq7p-26h5-w78r". Required.
	ID string `json:"id"`
	// Modified is when the record was last changed. Required by the schema.
	Modified time.Time `json:"modified"`
	// Published is when the record was first published; zero if unknown.
	Published time.Time `json:"published,omitzero"`
	// Withdrawn, when set, is when the record was withdrawn. Withdrawn
	// advisories are kept in the index for the record but never matched.
	Withdrawn time.Time `json:"withdrawn,omitzero"`
	// Aliases are IDs of the same vulnerability in other databases.
	Aliases []string `json:"aliases,omitempty"`
	// Related are IDs of related but different vulnerabilities.
	Related []string `json:"related,omitempty"`
	// Summary is a one-line description.
	Summary string `json:"summary,omitempty"`
	// Details is the longer description (CommonMark in the source); kept
	// only with OSVOptions.KeepDetails.
	Details string `json:"details,omitempty"`
	// Severity lists severity scores, such as CVSS vectors.
	Severity []OSVSeverity `json:"severity,omitempty"`
	// Affected lists the packages and versions the record affects.
	Affected []OSVAffected `json:"affected,omitempty"`
	// References lists links (advisory, fix, report).
	References []OSVReference `json:"references,omitempty"`
	// Source is the file (or zip entry) the record was read from, if any.
	Source string `json:"source,omitempty"`
}

// OSVSeverity is one severity entry of an OSV record.
type OSVSeverity struct {
	// Type is the scoring system, such as "CVSS_V3" or "CVSS_V4".
	Type string `json:"type"`
	// Score is the score or vector in that system.
	Score string `json:"score"`
}

// OSVReference is one link of an OSV record.
type OSVReference struct {
	// Type is the OSV reference type, such as "ADVISORY", "FIX" or "WEB".
	Type string `json:"type"`
	// URL is the link.
	URL string `json:"url"`
}

// OSVPackage names a package in an OSV ecosystem.
type OSVPackage struct {
	// Ecosystem is the OSV ecosystem, optionally with a release suffix
	// ("Go", "PyPI", "Debian:12", "Alpine:v3.20").
	Ecosystem string `json:"ecosystem"`
	// Name is the package name in that ecosystem's own form.
	Name string `json:"name"`
	// PURL is the package URL the record gives, if any.
	PURL string `json:"purl,omitempty"`
}

// OSVAffected is one affected[] entry: a package and the versions of it that
// the record affects.
type OSVAffected struct {
	// Package is the affected package. Required.
	Package OSVPackage `json:"package"`
	// Ranges are version ranges given by events.
	Ranges []OSVRange `json:"ranges,omitempty"`
	// Versions lists affected versions exactly.
	Versions []string `json:"versions,omitempty"`
}

// OSVRangeType says how a range's event versions are ordered (OSV schema,
// affected[].ranges[].type).
type OSVRangeType string

const (
	// RangeSemver orders versions by Semantic Versioning 2.0.0.
	RangeSemver OSVRangeType = "SEMVER"
	// RangeEcosystem orders versions by the package ecosystem's own rules.
	RangeEcosystem OSVRangeType = "ECOSYSTEM"
	// RangeGit names commits of a repository; such a range cannot be
	// evaluated against a version string without the repository history.
	RangeGit OSVRangeType = "GIT"
)

// Valid reports whether t is one of the three OSV range types.
func (t OSVRangeType) Valid() bool { return t == RangeSemver || t == RangeEcosystem || t == RangeGit }

// OSVRange is one affected[].ranges[] entry.
type OSVRange struct {
	// Type orders the event versions. Required.
	Type OSVRangeType `json:"type"`
	// Repo is the repository URL of a GIT range.
	Repo string `json:"repo,omitempty"`
	// Events are the range's events in document order. Required, at least
	// one introduced event.
	Events []OSVEvent `json:"events"`
}

// OSVEventKind is the kind of an OSV range event.
type OSVEventKind string

const (
	// EventIntroduced opens an affected interval at its version (inclusive);
	// "0" means from the first version.
	EventIntroduced OSVEventKind = "introduced"
	// EventFixed closes the interval before its version (exclusive).
	EventFixed OSVEventKind = "fixed"
	// EventLastAffected closes the interval at its version (inclusive).
	EventLastAffected OSVEventKind = "last_affected"
	// EventLimit bounds the range (exclusive); for GIT ranges it stops the commit
	// walk, for version ranges medtrace treats it as an exclusive upper
	// bound of the whole range.
	EventLimit OSVEventKind = "limit"
)

// Valid reports whether k is one of the four event kinds.
func (k OSVEventKind) Valid() bool {
	return k == EventIntroduced || k == EventFixed || k == EventLastAffected || k == EventLimit
}

// OSVEvent is one range event: a kind and a version (or commit for GIT).
type OSVEvent struct {
	// Kind is the event kind. Required.
	Kind OSVEventKind `json:"kind"`
	// Version is the event's version or commit. Required.
	Version string `json:"version"`
}

// String formats the event as "kind version".
func (e OSVEvent) String() string { return string(e.Kind) + " " + e.Version }

// IsWithdrawn reports whether the advisory has been withdrawn.
func (a *Advisory) IsWithdrawn() bool { return !a.Withdrawn.IsZero() }

// Sentinel errors of OSV reading; test with errors.Is.
var (
	// ErrOSVSyntax: the file is not well-formed JSON or has a value of the
	// wrong type.
	ErrOSVSyntax = errors.New("malformed OSV JSON")
	// ErrOSVInvalid: the JSON is well-formed but breaks the OSV schema.
	ErrOSVInvalid = errors.New("invalid OSV record")
	// ErrOSVTooLarge: a file, or all files together, exceed the size limit.
	ErrOSVTooLarge = errors.New("OSV input exceeds the size limit")
	// ErrOSVTooDeep: the JSON nests deeper than the depth limit.
	ErrOSVTooDeep = errors.New("OSV JSON nests too deep")
	// ErrOSVTooMany: the input holds more files than the file limit.
	ErrOSVTooMany = errors.New("OSV input has too many files")
)

// AdvisoryError is a problem with one OSV file. Line and Column locate
// JSON errors (1-based); Field names the offending field for schema errors
// (such as "affected[0].ranges[1].events[2]").
type AdvisoryError struct {
	// File is the file or zip entry name.
	File string
	// Line and Column are the 1-based position of a JSON error; zero if
	// the error is not tied to a position.
	Line, Column int
	// ID is the advisory ID, when it could be read.
	ID string
	// Field is the JSON path of the offending field, if any.
	Field string
	// Err is the underlying error; it wraps one of the ErrOSV sentinels.
	Err error
}

// Error formats the problem as "file:line:column: id: field: message".
func (e *AdvisoryError) Error() string {
	s := e.File
	if s == "" {
		s = "(input)"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(":%d:%d", e.Line, e.Column)
	}
	if e.ID != "" {
		s += ": " + e.ID
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *AdvisoryError) Unwrap() error { return e.Err }

// OSVLoadError lists every bad file found while loading an OSV snapshot.
type OSVLoadError struct {
	// Files holds one error per bad file, in file name order.
	Files []*AdvisoryError
	// Fatal is a problem that stopped the load (a limit or a read error of
	// the container), if any.
	Fatal error
}

// Error summarises the problems, one a line; past the first 50 it says
// how many more there are (Files holds them all).
func (e *OSVLoadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "osv: %d bad file(s)", len(e.Files))
	if e.Fatal != nil {
		b.WriteString("; stopped: " + e.Fatal.Error())
	}
	for i, f := range e.Files {
		if i == 50 {
			fmt.Fprintf(&b, "\n\t... and %d more", len(e.Files)-i)
			break
		}
		b.WriteString("\n\t" + f.Error())
	}
	return b.String()
}

// Unwrap returns every file error and the fatal error, for errors.Is/As.
func (e *OSVLoadError) Unwrap() []error {
	out := make([]error, 0, len(e.Files)+1)
	for _, f := range e.Files {
		out = append(out, f)
	}
	if e.Fatal != nil {
		out = append(out, e.Fatal)
	}
	return out
}
