package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/medtrace/medtrace/internal/nesting"
	"github.com/medtrace/medtrace/internal/textpos"
	"io"
	"slices"
	"strings"
	"time"
)

// Default limits of OSV decoding. OSV records with long versions[] lists
// (distribution kernels) reach a few MiB; the defaults leave headroom.
const (
	DefaultOSVMaxFileSize  = 16 << 20
	DefaultOSVMaxTotalSize = 4 << 30
	DefaultOSVMaxFiles     = 2_000_000
	DefaultOSVMaxDepth     = 64
)

// OSVOptions controls reading OSV advisories. The zero value uses the
// defaults and makes any bad file fatal.
type OSVOptions struct {
	// MaxFileSize bounds one file in bytes; 0 means DefaultOSVMaxFileSize.
	MaxFileSize int64
	// MaxTotalSize bounds all files together in bytes (uncompressed);
	// 0 means DefaultOSVMaxTotalSize.
	MaxTotalSize int64
	// MaxFiles bounds the number of JSON files; 0 means DefaultOSVMaxFiles.
	MaxFiles int
	// MaxDepth bounds JSON nesting; 0 means DefaultOSVMaxDepth.
	MaxDepth int
	// KeepDetails keeps each record's details text. By default it is
	// dropped after decoding: it is the bulk of an export (hundreds of MiB
	// for all of OSV) and matching and reports need only the summary.
	KeepDetails bool
	// SkipBadFiles keeps loading past bad files: the snapshot then holds
	// the good advisories and lists the bad files in Snapshot.Skipped, and
	// the load returns no error for them. By default every file is still
	// read (so all problems are reported at once) but the load fails.
	SkipBadFiles bool
}

func (o OSVOptions) maxFileSize() int64 { return osvLimit(o.MaxFileSize, DefaultOSVMaxFileSize) }
func (o OSVOptions) maxTotal() int64    { return osvLimit(o.MaxTotalSize, DefaultOSVMaxTotalSize) }
func (o OSVOptions) maxFiles() int      { return osvLimit(o.MaxFiles, DefaultOSVMaxFiles) }
func (o OSVOptions) maxDepth() int      { return osvLimit(o.MaxDepth, DefaultOSVMaxDepth) }

func osvLimit[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// DecodeAdvisory reads one OSV record (OSV schema 1.x JSON) from r. name
// labels errors (a file name, or "" for none). The error, if any, is an
// *AdvisoryError naming the line and column of a JSON error or the field
// path of a schema error; a record with several schema errors reports them
// all, joined.
func DecodeAdvisory(ctx context.Context, r io.Reader, name string, opts OSVOptions) (Advisory, error) {
	if err := ctx.Err(); err != nil {
		return Advisory{}, err
	}
	limit := opts.maxFileSize()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Advisory{}, &AdvisoryError{File: name, Err: fmt.Errorf("%w: read: %v", ErrOSVSyntax, err)}
	}
	if int64(len(data)) > limit {
		return Advisory{}, &AdvisoryError{File: name, Err: fmt.Errorf("%w: file larger than %d bytes", ErrOSVTooLarge, limit)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark some editors write
	a, err := decodeAdvisoryBytes(data, name, opts.maxDepth())
	if !opts.KeepDetails {
		a.Details = ""
	}
	return a, err
}

type rawAdvisory struct {
	ID         string         `json:"id"`
	Modified   string         `json:"modified"`
	Published  string         `json:"published"`
	Withdrawn  string         `json:"withdrawn"`
	Aliases    []string       `json:"aliases"`
	Related    []string       `json:"related"`
	Summary    string         `json:"summary"`
	Details    string         `json:"details"`
	Severity   []OSVSeverity  `json:"severity"`
	Affected   []rawAffected  `json:"affected"`
	References []OSVReference `json:"references"`
}

type rawAffected struct {
	Package  *OSVPackage `json:"package"`
	Ranges   []rawRange  `json:"ranges"`
	Versions []string    `json:"versions"`
}

type rawRange struct {
	Type   string              `json:"type"`
	Repo   string              `json:"repo"`
	Events []map[string]string `json:"events"`
}

func decodeAdvisoryBytes(data []byte, name string, maxDepth int) (Advisory, error) {
	if off, ok := nesting.JSON(data, maxDepth); !ok {
		line, col := textpos.LineCol(data, off)
		return Advisory{}, &AdvisoryError{File: name, Line: line, Column: col,
			Err: fmt.Errorf("%w: more than %d levels", ErrOSVTooDeep, maxDepth)}
	}
	var raw rawAdvisory
	if err := json.Unmarshal(data, &raw); err != nil {
		return Advisory{}, osvJSONError(data, name, err)
	}
	return raw.toAdvisory(name)
}

// osvJSONError turns an encoding/json error into an *AdvisoryError with the
// line and column of the offending byte.
func osvJSONError(data []byte, name string, err error) error {
	ae := &AdvisoryError{File: name}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := se.Offset - 1 // Offset is just past the bad byte
		if se.Offset >= int64(len(data)) {
			off = int64(len(data)) // unexpected end: point past the last byte
		}
		ae.Line, ae.Column = textpos.LineCol(data, off)
		ae.Err = fmt.Errorf("%w: %v", ErrOSVSyntax, se)
	case errors.As(err, &te):
		ae.Line, ae.Column = textpos.LineCol(data, te.Offset)
		ae.Field = te.Field
		ae.Err = fmt.Errorf("%w: %s value where %s was expected", ErrOSVSyntax, te.Value, te.Type)
	default:
		ae.Err = fmt.Errorf("%w: %v", ErrOSVSyntax, err)
	}
	return ae
}

func (raw *rawAdvisory) toAdvisory(name string) (Advisory, error) {
	a := Advisory{ID: raw.ID, Aliases: raw.Aliases, Related: raw.Related, Summary: raw.Summary,
		Details: raw.Details, Severity: raw.Severity, References: raw.References, Source: name}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &AdvisoryError{File: name, ID: raw.ID, Field: field,
			Err: fmt.Errorf("%w: %s", ErrOSVInvalid, fmt.Sprintf(format, args...))})
	}
	if !osvValidID(raw.ID) {
		bad("id", "required: 1-256 printable characters without spaces, got %q", osvClip(raw.ID))
	}
	var err error
	if raw.Modified == "" {
		bad("modified", "required")
	} else if a.Modified, err = osvParseTime(raw.Modified); err != nil {
		bad("modified", "%v", err)
	}
	if a.Published, err = osvParseTime(raw.Published); err != nil {
		bad("published", "%v", err)
	}
	if a.Withdrawn, err = osvParseTime(raw.Withdrawn); err != nil {
		bad("withdrawn", "%v", err)
	}
	for i, al := range raw.Aliases {
		if !osvValidID(al) {
			bad(fmt.Sprintf("aliases[%d]", i), "not a usable ID: %q", osvClip(al))
		}
	}
	for i := range raw.Affected {
		af, ok := raw.Affected[i].convert(fmt.Sprintf("affected[%d]", i), bad)
		if ok {
			a.Affected = append(a.Affected, af)
		}
	}
	if len(errs) > 0 {
		return Advisory{}, errors.Join(errs...)
	}
	return a, nil
}

func (ra *rawAffected) convert(path string, bad func(field, format string, args ...any)) (OSVAffected, bool) {
	ok := true
	var af OSVAffected
	if ra.Package != nil {
		af.Package = *ra.Package
		if af.Package.Ecosystem == "" {
			bad(path+".package.ecosystem", "required")
			ok = false
		}
		if af.Package.Name == "" {
			bad(path+".package.name", "required")
			ok = false
		}
	}
	af.Versions = ra.Versions
	for j, rr := range ra.Ranges {
		rp := fmt.Sprintf("%s.ranges[%d]", path, j)
		rg := OSVRange{Type: OSVRangeType(rr.Type), Repo: rr.Repo}
		if !rg.Type.Valid() {
			bad(rp+".type", "must be SEMVER, ECOSYSTEM or GIT, got %q", osvClip(rr.Type))
			ok = false
		}
		if rg.Type == RangeGit && rg.Repo == "" {
			bad(rp+".repo", "required for a GIT range")
			ok = false
		}
		if len(rr.Events) == 0 {
			bad(rp+".events", "at least one event is required")
			ok = false
		}
		opened := false
		for k, ev := range rr.Events {
			e, err := osvConvertEvent(ev)
			if err != nil {
				bad(fmt.Sprintf("%s.events[%d]", rp, k), "%v", err)
				ok = false
				continue
			}
			opened = opened || e.Kind == EventIntroduced
			rg.Events = append(rg.Events, e)
		}
		if len(rr.Events) > 0 && !opened {
			bad(rp+".events", "no introduced event")
			ok = false
		}
		af.Ranges = append(af.Ranges, rg)
	}
	return af, ok
}

func osvConvertEvent(ev map[string]string) (OSVEvent, error) {
	if len(ev) != 1 {
		keys := make([]string, 0, len(ev))
		for k := range ev {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return OSVEvent{}, fmt.Errorf("an event has exactly one of introduced, fixed, last_affected, limit; got %d keys %q", len(ev), keys)
	}
	for k, v := range ev {
		kind := OSVEventKind(k)
		if !kind.Valid() {
			return OSVEvent{}, fmt.Errorf("unknown event kind %q", osvClip(k))
		}
		if v == "" {
			return OSVEvent{}, fmt.Errorf("%s: version is empty", k)
		}
		return OSVEvent{Kind: kind, Version: v}, nil
	}
	return OSVEvent{}, nil
}

func osvParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("not an RFC 3339 time: %q", osvClip(s))
	}
	return t.UTC(), nil
}

func osvValidID(id string) bool {
	if id == "" || len(id) > 256 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] == 0x7f {
			return false
		}
	}
	return true
}

// clip shortens untrusted text quoted in an error message.
func osvClip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}
