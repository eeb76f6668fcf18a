package trace

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/medtrace/medtrace/internal/textpos"
)

// BaselineSchema is the schema identifier written into every encoded
// baseline. Decoding rejects any other value.
const BaselineSchema = "medtrace.baseline/v1"

// BaselineEntry is one item's kind and fingerprint in a baseline.
type BaselineEntry struct {
	ID          ID          `json:"id"`
	Kind        Kind        `json:"kind"`
	Fingerprint Fingerprint `json:"fingerprint"`
}

// Baseline is a named snapshot of every item's fingerprint, as configuration
// management needs for a release (IEC 62304 8.1.2, 8.1.3). Entries are
// ordered by ID and unique.
type Baseline struct {
	Name string `json:"name"`
	// Created is set by the caller; trace never reads the clock.
	Created time.Time       `json:"created,omitzero"`
	Entries []BaselineEntry `json:"items"`
}

// Baseline returns a snapshot of the graph named name.
func (g *Graph) Baseline(name string, created time.Time) Baseline {
	b := Baseline{Name: name, Created: created, Entries: make([]BaselineEntry, len(g.items))}
	for i := range g.items {
		b.Entries[i] = BaselineEntry{ID: g.items[i].ID, Kind: g.items[i].Kind, Fingerprint: g.items[i].Fingerprint}
	}
	return b
}

// Lookup returns the entry for id.
func (b Baseline) Lookup(id ID) (BaselineEntry, bool) {
	i, ok := slices.BinarySearchFunc(b.Entries, id, func(e BaselineEntry, id ID) int { return cmp.Compare(e.ID, id) })
	if !ok {
		return BaselineEntry{}, false
	}
	return b.Entries[i], true
}

// BaselineChange is an item whose fingerprint differs between two baselines.
type BaselineChange struct {
	ID   ID          `json:"id"`
	Kind Kind        `json:"kind"`
	Old  Fingerprint `json:"old"`
	New  Fingerprint `json:"new"`
}

// BaselineDiff is what changed from one baseline to the next.
type BaselineDiff struct {
	Added   []BaselineEntry  `json:"added,omitempty"`
	Removed []BaselineEntry  `json:"removed,omitempty"`
	Changed []BaselineChange `json:"changed,omitempty"`
}

// Empty reports whether nothing changed.
func (d BaselineDiff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// ChangedIDs returns the IDs of added and changed items, in ID order: the
// set to feed to Graph.Impact for the newer graph.
func (d BaselineDiff) ChangedIDs() []ID {
	out := make([]ID, 0, len(d.Added)+len(d.Changed))
	for _, e := range d.Added {
		out = append(out, e.ID)
	}
	for _, c := range d.Changed {
		out = append(out, c.ID)
	}
	slices.Sort(out)
	return out
}

// DiffBaselines compares two baselines whose entries are ordered by ID (as
// Graph.Baseline and DecodeBaseline produce them) in one merge pass.
func DiffBaselines(old, new Baseline) BaselineDiff {
	var d BaselineDiff
	i, j := 0, 0
	for i < len(old.Entries) || j < len(new.Entries) {
		switch {
		case j == len(new.Entries) || (i < len(old.Entries) && old.Entries[i].ID < new.Entries[j].ID):
			d.Removed = append(d.Removed, old.Entries[i])
			i++
		case i == len(old.Entries) || new.Entries[j].ID < old.Entries[i].ID:
			d.Added = append(d.Added, new.Entries[j])
			j++
		default:
			o, n := old.Entries[i], new.Entries[j]
			if o.Fingerprint != n.Fingerprint || o.Kind != n.Kind {
				d.Changed = append(d.Changed, BaselineChange{ID: n.ID, Kind: n.Kind, Old: o.Fingerprint, New: n.Fingerprint})
			}
			i++
			j++
		}
	}
	return d
}

type baselineFile struct {
	Schema string `json:"schema"`
	Baseline
}

// Encode writes the baseline as versioned, indented JSON. The output is
// byte-identical for equal baselines.
func (b Baseline) Encode(w io.Writer) error {
	data, err := json.MarshalIndent(baselineFile{Schema: BaselineSchema, Baseline: b}, "", "  ")
	if err != nil {
		return fmt.Errorf("trace: encode baseline: %w", err)
	}
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}

// DecodeOptions limits decoding. The zero value applies the defaults.
type DecodeOptions struct {
	// Name names the input in errors (a file path); optional.
	Name string
	// MaxBytes bounds the input size; 0 means 256 MiB.
	MaxBytes int64
}

// ErrTooLarge is returned when an input exceeds its size limit.
var ErrTooLarge = errors.New("input exceeds the size limit")

// ErrBadBaseline is wrapped by every baseline decoding error.
var ErrBadBaseline = errors.New("trace: bad baseline")

// DecodeBaseline reads a baseline written by Encode. It checks the schema
// identifier, that every entry has a valid ID, kind and fingerprint, and
// that IDs are ordered and unique, and reports every problem with its place
// (line and column for syntax errors, items[i] for entries).
func DecodeBaseline(ctx context.Context, r io.Reader, opts DecodeOptions) (Baseline, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = 256 << 20
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Baseline{}, fmt.Errorf("%w: %s: %w", ErrBadBaseline, opts.Name, err)
	}
	if int64(len(data)) > limit {
		return Baseline{}, fmt.Errorf("%w: %s: %w (%d bytes)", ErrBadBaseline, opts.Name, ErrTooLarge, limit)
	}
	if err := ctx.Err(); err != nil {
		return Baseline{}, err
	}
	var f baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Baseline{}, fmt.Errorf("%w: %w", ErrBadBaseline, textpos.JSONError(opts.Name, data, err))
	}
	if dec.More() {
		return Baseline{}, fmt.Errorf("%w: %s: trailing data after the baseline", ErrBadBaseline, opts.Name)
	}
	var errs []error
	if f.Schema != BaselineSchema {
		errs = append(errs, fmt.Errorf("schema: %q, want %q", f.Schema, BaselineSchema))
	}
	for i, e := range f.Entries {
		if !e.ID.Valid() {
			errs = append(errs, fmt.Errorf("items[%d].id: %q is not a valid ID", i, e.ID))
		}
		if !e.Kind.Valid() {
			errs = append(errs, fmt.Errorf("items[%d].kind: %q is not a valid kind", i, e.Kind))
		}
		if i > 0 && f.Entries[i-1].ID >= e.ID {
			errs = append(errs, fmt.Errorf("items[%d].id: %q is not after %q (entries must be ordered by ID and unique)", i, e.ID, f.Entries[i-1].ID))
		}
	}
	if len(errs) > 0 {
		name := opts.Name
		if name == "" {
			name = "baseline"
		}
		return Baseline{}, fmt.Errorf("%w: %s: %w", ErrBadBaseline, name, errors.Join(errs...))
	}
	return f.Baseline, nil
}
