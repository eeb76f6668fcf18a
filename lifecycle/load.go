package lifecycle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/internal/yamldecode"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// LoadOptions limits loading. The zero value applies the defaults.
type LoadOptions struct {
	// MaxFileBytes bounds each file read; 0 means 64 MiB (SBOMs and OSV
	// exports use their own packages' limits).
	MaxFileBytes int64
	// MaxFiles bounds the number of record files; 0 means 10,000.
	MaxFiles int
}

// ErrLoad is wrapped by every error Load returns.
var ErrLoad = errors.New("lifecycle: cannot load project")

// Workspace is a project directory read into memory: the project records
// and the data files the manifest names.
type Workspace struct {
	Manifest Manifest
	Project  *Project
	// SBOMs in manifest order.
	SBOMs []*sbom.SBOM
	// Advisories from every OSV source, in manifest order; nil if none.
	Advisories []sbom.Advisory
	// VEX documents in manifest order.
	VEX []*sbom.VEXDocument
	// Imports are the test-result imports, in manifest order; their
	// results are also appended to Project.Results.
	Imports []*ImportReport
	// Files are the record files read, in the order they were merged.
	Files []string
}

// Load reads the project directory fsys: the manifest, every record file it
// names (YAML or JSON fragments of a Project, merged in path order), the
// SBOMs, OSV advisories, VEX documents and test results. It reports every
// problem it can find at once, each naming the file and, for records, the
// line, column and field path. It does not check the thread: build the
// project's graph and run its rules for that.
func Load(ctx context.Context, fsys fs.FS, opts LoadOptions) (*Workspace, error) {
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = 64 << 20
	}
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = 10_000
	}
	l := &loader{fsys: fsys, opts: opts, ws: &Workspace{Project: &Project{}}}
	data, err := l.read(ManifestName)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	m := &l.ws.Manifest
	if err := yamldecode.Decode(ManifestName, data, m, yamldecode.Options{MaxBytes: int(opts.MaxFileBytes)}); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLoad, err)
	}
	l.records(ctx)
	l.sboms(ctx)
	l.advisories(ctx)
	l.vex(ctx)
	recordsOK := len(l.errs) == 0
	l.results(ctx)
	l.baselines(ctx, recordsOK)
	l.releaseSBOMs(ctx, recordsOK)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(l.errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrLoad, errors.Join(l.errs...))
	}
	l.ws.Project.SBOMs = l.ws.SBOMs
	return l.ws, nil
}

// Match matches the components of every SBOM against the workspace's
// advisories with one index, applies its VEX documents, and records the
// outcome as Project.Vulnerabilities, where the thread rules and release
// readiness see it. Components that could not be assessed stay in the
// report as not assessed; they are never taken as clean. Without
// advisories nothing is matched and Project.Vulnerabilities stays nil.
func (ws *Workspace) Match(ctx context.Context) (*sbom.VEXApplication, error) {
	if len(ws.Advisories) == 0 || len(ws.SBOMs) == 0 {
		return nil, nil
	}
	ix, err := sbom.BuildIndex(ctx, ws.Advisories, sbom.IndexOptions{})
	if err != nil {
		return nil, err
	}
	// Each SBOM is matched and its VEX applied on its own, so that a
	// statement naming an SBOM (a BOM-Link) or its product applies to that
	// SBOM only; the outcomes are then put together.
	all := &sbom.VEXApplication{}
	for _, s := range ws.SBOMs {
		rep, err := ix.MatchSBOM(ctx, s)
		if err != nil {
			return nil, err
		}
		app := sbom.ApplyVEX(rep, sbom.VEXApplyOptions{SerialNumber: s.SerialNumber, Version: s.Version,
			Product: s.Metadata.Component}, ws.VEX...)
		if all.Report == nil {
			all.Report = app.Report
		} else {
			all.Report.Results = append(all.Report.Results, app.Report.Results...)
		}
		all.Unstated = append(all.Unstated, app.Unstated...)
		all.Unused = append(all.Unused, app.Unused...)
	}
	// A statement unused for one SBOM may have applied to another.
	all.Unused = stillUnused(all.Unused, len(ws.SBOMs))
	ws.Project.Vulnerabilities = all.Report
	return all, nil
}

// stillUnused keeps the statements that applied to none of the n SBOMs:
// those listed as unused once per SBOM.
func stillUnused(unused []string, n int) []string {
	count := map[string]int{}
	for _, u := range unused {
		count[u]++
	}
	var out []string
	for _, u := range unused {
		if count[u] == n {
			out = append(out, u)
			count[u] = 0
		}
	}
	return out
}

type loader struct {
	fsys fs.FS
	opts LoadOptions
	ws   *Workspace
	errs []error
}

func (l *loader) fail(err error) { l.errs = append(l.errs, err) }

func (l *loader) read(name string) ([]byte, error) {
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, l.opts.MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > l.opts.MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, l.opts.MaxFileBytes)
	}
	return data, nil
}

func isRecordFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// recordFiles expands the manifest's record entries: a file, a directory
// (recursively, .yaml/.yml/.json) or a glob pattern. Each file is read once.
func (l *loader) recordFiles() []string {
	seen := map[string]bool{ManifestName: true}
	var files []string
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			files = append(files, name)
		}
	}
	for i, entry := range l.ws.Manifest.Records {
		entry = strings.TrimSuffix(entry, "/")
		matches, err := fs.Glob(l.fsys, entry)
		if err != nil || len(matches) == 0 {
			l.fail(fmt.Errorf("%s: records[%d]: %q matches no file or directory", ManifestName, i, entry))
			continue
		}
		for _, m := range matches {
			info, err := fs.Stat(l.fsys, m)
			if err != nil {
				l.fail(err)
				continue
			}
			if !info.IsDir() {
				add(m)
				continue
			}
			err = fs.WalkDir(l.fsys, m, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && isRecordFile(p) {
					add(p)
				}
				return nil
			})
			if err != nil {
				l.fail(err)
			}
		}
	}
	slices.Sort(files)
	return files
}

func (l *loader) records(ctx context.Context) {
	files := l.recordFiles()
	if len(files) > l.opts.MaxFiles {
		l.fail(fmt.Errorf("%d record files, more than the limit of %d", len(files), l.opts.MaxFiles))
		return
	}
	mg := &merger{setBy: map[string]string{}}
	dst := reflect.ValueOf(l.ws.Project).Elem()
	for _, name := range files {
		if ctx.Err() != nil {
			return
		}
		data, err := l.read(name)
		if err != nil {
			l.fail(err)
			continue
		}
		var frag Project
		if err := yamldecode.Decode(name, data, &frag, yamldecode.Options{MaxBytes: int(l.opts.MaxFileBytes)}); err != nil {
			l.fail(err)
			continue
		}
		mg.merge(dst, reflect.ValueOf(&frag).Elem(), "", name)
		l.ws.Files = append(l.ws.Files, name)
	}
	l.errs = append(l.errs, mg.errs...)
}

func (l *loader) sboms(ctx context.Context) {
	for _, name := range l.ws.Manifest.SBOMs {
		f, err := l.fsys.Open(name)
		if err != nil {
			l.fail(err)
			continue
		}
		doc, err := sbom.Decode(ctx, f, sbom.DecodeOptions{Name: name})
		f.Close()
		if err != nil {
			l.fail(err)
			continue
		}
		l.ws.SBOMs = append(l.ws.SBOMs, doc)
	}
}

func (l *loader) advisories(ctx context.Context) {
	for _, name := range l.ws.Manifest.Advisories {
		var snap *sbom.OSVSnapshot
		var err error
		if strings.EqualFold(path.Ext(name), ".zip") {
			var data []byte
			if data, err = readAllFS(l.fsys, name); err == nil {
				snap, err = sbom.LoadOSVZip(ctx, bytes.NewReader(data), int64(len(data)), sbom.OSVOptions{})
			}
		} else {
			var sub fs.FS
			if sub, err = fs.Sub(l.fsys, strings.TrimSuffix(name, "/")); err == nil {
				snap, err = sbom.LoadOSVFS(ctx, sub, sbom.OSVOptions{})
			}
		}
		if err != nil {
			l.fail(fmt.Errorf("%s: %w", name, err))
			continue
		}
		l.ws.Advisories = append(l.ws.Advisories, snap.Advisories...)
	}
}

// readAllFS reads a whole file; OSV zips are bounded by the sbom package.
func readAllFS(fsys fs.FS, name string) ([]byte, error) {
	return fs.ReadFile(fsys, name)
}

func (l *loader) vex(ctx context.Context) {
	for _, name := range l.ws.Manifest.VEX {
		data, err := l.read(name)
		if err != nil {
			l.fail(err)
			continue
		}
		var doc *sbom.VEXDocument
		if bytes.Contains(data, []byte("openvex.dev")) {
			doc, err = sbom.DecodeOpenVEX(ctx, bytes.NewReader(data), sbom.VEXOptions{})
		} else {
			doc, _, err = sbom.DecodeCycloneDXVEX(ctx, bytes.NewReader(data), sbom.VEXOptions{})
		}
		if err != nil {
			l.fail(fmt.Errorf("%s: %w", name, err))
			continue
		}
		l.ws.VEX = append(l.ws.VEX, doc)
	}
}

// baselines attaches each baseline file to the release it names. When the
// records had errors the releases may be incomplete, so baselines are only
// decoded, not matched, to avoid reporting a consequence as a cause.
func (l *loader) baselines(ctx context.Context, recordsOK bool) {
	rels := l.ws.Project.Releases
	for _, name := range l.ws.Manifest.Baselines {
		data, err := l.read(name)
		if err != nil {
			l.fail(err)
			continue
		}
		bl, err := trace.DecodeBaseline(ctx, bytes.NewReader(data), trace.DecodeOptions{Name: name, MaxBytes: l.opts.MaxFileBytes})
		if err != nil {
			l.fail(err)
			continue
		}
		if !recordsOK {
			continue
		}
		var hit []int
		for i := range rels {
			if string(rels[i].ID) == bl.Name || rels[i].Version == bl.Name {
				hit = append(hit, i)
			}
		}
		switch {
		case len(hit) == 0:
			l.fail(fmt.Errorf("%s: baseline %q names no release (by ID or version)", name, bl.Name))
		case len(hit) > 1:
			l.fail(fmt.Errorf("%s: baseline %q names %d releases; name it by release ID", name, bl.Name, len(hit)))
		case rels[hit[0]].Baseline != nil:
			l.fail(fmt.Errorf("%s: release %s already has a baseline in its record", name, rels[hit[0]].ID))
		default:
			b := bl
			rels[hit[0]].Baseline = &b
		}
	}
}

// releaseSBOMs reads each release's SBOM and attaches it to the release
// record, for the post-market matching of releases in the field.
func (l *loader) releaseSBOMs(ctx context.Context, recordsOK bool) {
	m := l.ws.Manifest.ReleaseSBOMs
	for _, id := range sortedKeys(m) {
		name := m[id]
		f, err := l.fsys.Open(name)
		if err != nil {
			l.fail(err)
			continue
		}
		doc, err := sbom.Decode(ctx, f, sbom.DecodeOptions{Name: name})
		f.Close()
		if err != nil {
			l.fail(err)
			continue
		}
		if !recordsOK {
			continue
		}
		rel, ok := l.ws.Project.Release(trace.ID(id))
		switch {
		case !ok:
			l.fail(fmt.Errorf("%s: releaseSboms.%s: no release has that ID", ManifestName, id))
		case rel.SBOM != nil:
			l.fail(fmt.Errorf("%s: releaseSboms.%s: the release already has an SBOM in its record", ManifestName, id))
		default:
			rel.SBOM = doc
		}
	}
}

func (l *loader) results(ctx context.Context) {
	for _, rf := range l.ws.Manifest.Results {
		data, err := l.read(rf.Path)
		if err != nil {
			l.fail(err)
			continue
		}
		opts := ImportOptions{Name: rf.Path, Version: rf.Version, Date: rf.Date, By: rf.By,
			Tests: l.ws.Project.Tests, MaxBytes: l.opts.MaxFileBytes}
		var rep *ImportReport
		switch rf.Format {
		case ResultJUnit:
			rep, err = ImportJUnit(ctx, bytes.NewReader(data), opts)
		case ResultGoTest:
			rep, err = ImportGoTest(ctx, bytes.NewReader(data), opts)
		}
		if err != nil {
			l.fail(err)
			continue
		}
		l.ws.Imports = append(l.ws.Imports, rep)
		l.ws.Project.Results = append(l.ws.Project.Results, rep.Results...)
	}
}
