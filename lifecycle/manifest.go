package lifecycle

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// ManifestName is the file at the root of a project directory that names
// everything else.
const ManifestName = "medtrace.yaml"

// ProjectFormat is the format identifier a manifest must declare in its schema field.
const ProjectFormat = "medtrace.project/v1"

// Manifest is a project directory's table of contents. Paths are slash
// separated and relative to the directory; they may not leave it.
//
//	schema: medtrace.project/v1
//	name: Insulin pump controller
//	records: [records]                 # files or directories of YAML/JSON records
//	sboms: [sbom/pump.cdx.json]         # CycloneDX JSON/XML or SPDX JSON
//	advisories: [osv]                   # OSV directories or .zip exports
//	vex: [vex/pump.openvex.json]        # OpenVEX or CycloneDX VEX
//	results:
//	  - {path: results/junit.xml, format: junit, version: 1.2.0, date: 2026-11-30, by: ci}
//	baselines: [baselines/REL-1.1.0.json]  # attached to release REL-1.1.0
//	releaseSboms: {REL-1.0.0: sbom/pump-1.0.0.cdx.json}
type Manifest struct {
	// Schema must be ProjectFormat. Required.
	Schema string `json:"schema"`
	// Name is the project's name. Required.
	Name string `json:"name"`
	// Records are record files or directories (read recursively for
	// .yaml, .yml and .json files), or fs.Glob patterns. Required.
	Records []string `json:"records"`
	// SBOMs are the software bills of materials of the current version.
	SBOMs []string `json:"sboms,omitempty"`
	// Advisories are OSV advisory directories or .zip exports.
	Advisories []string `json:"advisories,omitempty"`
	// VEX are VEX documents (OpenVEX or CycloneDX VEX).
	VEX []string `json:"vex,omitempty"`
	// Results are test-result files to import as Result records.
	Results []ResultFile `json:"results,omitempty"`
	// ReleaseSBOMs are the SBOMs of releases, by release ID: what each
	// release in the field contains, for matching new advisories against
	// every product version still in use (the current version's SBOMs are
	// SBOMs).
	ReleaseSBOMs map[string]string `json:"releaseSboms,omitempty"`
	// Baselines are release baselines as trace.Baseline.Encode writes
	// them; each is attached to the release whose ID or version is the
	// baseline's name (IEC 62304:2006+A1:2015 8.1.3).
	Baselines []string `json:"baselines,omitempty"`
	// Pos is where the manifest was read from.
	Pos trace.Position `json:"-"`
}

// ResultFormat names a test-result file format.
type ResultFormat string

const (
	// ResultJUnit is JUnit XML.
	ResultJUnit ResultFormat = "junit"
	// ResultGoTest is the event stream of `go test -json`.
	ResultGoTest ResultFormat = "go-test-json"
)

// Valid reports whether f is a known result format.
func (f ResultFormat) Valid() bool { return f == ResultJUnit || f == ResultGoTest }

// ResultFile is a test-result file and the facts it does not carry itself.
type ResultFile struct {
	// Path of the file. Required.
	Path string `json:"path"`
	// Format of the file. Required.
	Format ResultFormat `json:"format"`
	// Version is the software version under test. Required.
	Version string `json:"version"`
	// Date is when the run happened. Required.
	Date time.Time `json:"date"`
	// By is who or what ran it. Required.
	By string `json:"by"`
	// Pos is where the entry was read from.
	Pos trace.Position `json:"-"`
}

// validate reports every problem with its field path.
func (m *Manifest) validate() error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", m.Pos.File, field, fmt.Sprintf(format, args...)))
	}
	if m.Schema != ProjectFormat {
		add("schema", "%q, want %q", m.Schema, ProjectFormat)
	}
	if strings.TrimSpace(m.Name) == "" {
		add("name", "is required")
	}
	if len(m.Records) == 0 {
		add("records", "name at least one record file or directory")
	}
	check := func(field, p string) {
		if !validPath(p) {
			add(field, "%q must be a relative, slash-separated path inside the project", p)
		}
	}
	for i, p := range m.Records {
		check(fmt.Sprintf("records[%d]", i), p)
	}
	for i, p := range m.SBOMs {
		check(fmt.Sprintf("sboms[%d]", i), p)
	}
	for i, p := range m.Advisories {
		check(fmt.Sprintf("advisories[%d]", i), p)
	}
	for i, p := range m.VEX {
		check(fmt.Sprintf("vex[%d]", i), p)
	}
	for i, p := range m.Baselines {
		check(fmt.Sprintf("baselines[%d]", i), p)
	}
	for _, rel := range sortedKeys(m.ReleaseSBOMs) {
		check("releaseSboms."+rel, m.ReleaseSBOMs[rel])
	}
	for i, r := range m.Results {
		f := fmt.Sprintf("results[%d]", i)
		check(f+".path", r.Path)
		if !r.Format.Valid() {
			add(f+".format", "%q, want junit or go-test-json", r.Format)
		}
		if r.Version == "" {
			add(f+".version", "is required (the version under test)")
		}
		if r.Date.IsZero() {
			add(f+".date", "is required")
		}
		if r.By == "" {
			add(f+".by", "is required")
		}
	}
	return errors.Join(errs...)
}

// validPath accepts fs.ValidPath paths and glob patterns that stay inside
// the project.
func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return false
	}
	clean := path.Clean(p)
	return clean != ".." && !strings.HasPrefix(clean, "../") && clean == strings.TrimSuffix(p, "/")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
