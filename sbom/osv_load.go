package sbom

import (
	"archive/zip"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// OSVSnapshot is a set of OSV advisories read from one export, sorted by ID.
type OSVSnapshot struct {
	// Advisories holds every good record, withdrawn ones included, sorted
	// by ID.
	Advisories []Advisory
	// Skipped lists the bad files that were left out; it is only filled
	// when OSVOptions.SkipBadFiles is set.
	Skipped []*AdvisoryError
}

// LoadOSVFS reads every *.json file under fsys (walked in lexical order;
// other files, such as a NOTICE, are ignored) as one OSV record each, the
// layout of an osv.dev export unpacked into a directory. Each file is
// decoded and dropped before the next is read.
//
// Every file is read even when some are bad, so that the error lists all
// of them: the error is an *OSVLoadError. With OSVOptions.SkipBadFiles the
// bad files are listed in the snapshot instead and no error is returned for
// them. Exceeding MaxFiles or MaxTotalSize stops the load.
func LoadOSVFS(ctx context.Context, fsys fs.FS, opts OSVOptions) (*OSVSnapshot, error) {
	l := newOSVLoader(ctx, opts)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("osv: walk %s: %w", p, err)
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(p), ".json") {
			return nil
		}
		if err := l.admit(ctx, p, -1); err != nil {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			l.fail(&AdvisoryError{File: p, Err: fmt.Errorf("%w: open: %v", ErrOSVSyntax, err)})
			return nil
		}
		defer f.Close()
		return l.decode(f, p)
	})
	return l.finish(err)
}

// LoadOSVZip reads an OSV zip archive (the all.zip that osv.dev exports
// per ecosystem: one JSON record per entry) from r of the given size.
// Entries are read in name order and decompressed one at a time, bounded
// by the per-file and total limits whatever sizes the archive claims.
// Errors are reported as for LoadOSVFS.
func LoadOSVZip(ctx context.Context, r io.ReaderAt, size int64, opts OSVOptions) (*OSVSnapshot, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("osv: open zip: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return cmp.Compare(a.Name, b.Name) })
	l := newOSVLoader(ctx, opts)
	for _, zf := range files {
		if zf.FileInfo().IsDir() || !strings.EqualFold(path.Ext(zf.Name), ".json") {
			continue
		}
		if err = l.admit(ctx, zf.Name, int64(min(zf.UncompressedSize64, 1<<62))); err != nil {
			break
		}
		rc, oerr := zf.Open()
		if oerr != nil {
			l.fail(&AdvisoryError{File: zf.Name, Err: fmt.Errorf("%w: open entry: %v", ErrOSVSyntax, oerr)})
			continue
		}
		err = l.decode(rc, zf.Name)
		rc.Close()
		if err != nil {
			break
		}
	}
	return l.finish(err)
}

type osvLoader struct {
	ctx   context.Context
	opts  OSVOptions
	files int
	total int64
	snap  OSVSnapshot
	bad   []*AdvisoryError
}

func newOSVLoader(ctx context.Context, opts OSVOptions) *osvLoader {
	return &osvLoader{ctx: ctx, opts: opts}
}

// admit checks the context and the file-count limit before a file is read;
// claimed is the size the container declares, or -1.
func (l *osvLoader) admit(ctx context.Context, name string, claimed int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.files++
	if l.files > l.opts.maxFiles() {
		return fmt.Errorf("%w: more than %d files (at %s)", ErrOSVTooMany, l.opts.maxFiles(), name)
	}
	if claimed > 0 && l.total+min(claimed, l.opts.maxFileSize()+1) > l.opts.maxTotal() {
		return fmt.Errorf("%w: more than %d bytes in total (at %s)", ErrOSVTooLarge, l.opts.maxTotal(), name)
	}
	return nil
}

func (l *osvLoader) fail(e *AdvisoryError) { l.bad = append(l.bad, e) }

// decode reads one record from r; a bad record is recorded, and only a
// breach of the total limit is returned.
func (l *osvLoader) decode(r io.Reader, name string) error {
	cr := &osvCountingReader{r: r}
	a, err := DecodeAdvisory(l.ctx, cr, name, l.opts)
	if ctxErr := l.ctx.Err(); ctxErr != nil {
		return ctxErr // cancelled: not a bad file
	}
	l.total += cr.n
	if l.total > l.opts.maxTotal() {
		return fmt.Errorf("%w: more than %d bytes in total (at %s)", ErrOSVTooLarge, l.opts.maxTotal(), name)
	}
	if err != nil {
		l.failErr(name, err)
		return nil
	}
	l.snap.Advisories = append(l.snap.Advisories, a)
	return nil
}

// failErr records err (an *AdvisoryError or several joined) for file name.
func (l *osvLoader) failErr(name string, err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.failErr(name, e)
		}
		return
	}
	var ae *AdvisoryError
	if errors.As(err, &ae) {
		l.fail(ae)
		return
	}
	l.fail(&AdvisoryError{File: name, Err: err})
}

func (l *osvLoader) finish(fatal error) (*OSVSnapshot, error) {
	advs := l.snap.Advisories
	slices.SortStableFunc(advs, func(a, b Advisory) int { return cmp.Compare(a.ID, b.ID) })
	// Duplicate IDs: keep the first file's record, report the others.
	out := advs[:0]
	for i, a := range advs {
		if i > 0 && advs[i-1].ID == a.ID {
			l.fail(&AdvisoryError{File: a.Source, ID: a.ID,
				Err: fmt.Errorf("%w: duplicate ID, first read from %s", ErrOSVInvalid, advs[i-1].Source)})
			continue
		}
		out = append(out, a)
	}
	l.snap.Advisories = out
	slices.SortStableFunc(l.bad, func(a, b *AdvisoryError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Field, b.Field))
	})
	if fatal != nil || (len(l.bad) > 0 && !l.opts.SkipBadFiles) {
		return nil, &OSVLoadError{Files: l.bad, Fatal: fatal}
	}
	l.snap.Skipped = l.bad
	return &l.snap, nil
}

type osvCountingReader struct {
	r io.Reader
	n int64
}

// Read implements io.Reader, counting the bytes read.
func (c *osvCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
