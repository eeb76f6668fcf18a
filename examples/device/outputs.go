package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// outputs collects every file in memory and writes them only when all were
// produced, each through a temporary file and a rename: a failed run leaves
// the previous reports whole.
type outputs struct {
	dir   string
	files map[string][]byte
	errs  []error
}

func newOutputs(dir string) *outputs { return &outputs{dir: dir, files: map[string][]byte{}} }

func (o *outputs) json(name string, v any) {
	data, err := marshal(v)
	if err != nil {
		o.errs = append(o.errs, fmt.Errorf("%s: %w", name, err))
		return
	}
	o.files[name] = data
}

func (o *outputs) text(name, s string) { o.files[name] = []byte(s) }

func (o *outputs) baseline(name string, bl trace.Baseline) {
	var buf bytes.Buffer
	if err := bl.Encode(&buf); err != nil {
		o.errs = append(o.errs, fmt.Errorf("%s: %w", name, err))
		return
	}
	o.files[name] = buf.Bytes()
}

// submissionSBOM writes the SBOM enriched with the SOUP records, the FDA
// support fields included, as the premarket submission needs it, and the
// result of the FDA SBOM profile on it (NTIA elements, support and end of
// support, and the vulnerability assessment). It returns the profile
// report, or nil when there is no SBOM.
func (o *outputs) submissionSBOM(ctx context.Context, name string, boms []*sbom.SBOM, soup []sbom.SOUP,
	vulns *sbom.MatchReport, now time.Time) (*sbom.ProfileReport, error) {
	if len(boms) == 0 {
		return nil, nil
	}
	enriched, _, err := sbom.Annotate(boms[0], soup)
	if err != nil {
		return nil, err
	}
	in := sbom.Input{SBOM: enriched, Now: now}
	if vulns != nil {
		in.Vulnerabilities = vulns.VulnerabilityData()
	}
	profile, err := sbom.CheckProfile(ctx, in, sbom.FDA(), trace.CheckOptions{})
	if err != nil {
		return nil, err
	}
	o.text("sbom-fda-profile.txt", profile.Summary())
	var buf bytes.Buffer
	if err := sbom.EncodeCycloneDX(&buf, enriched, sbom.EncodeOptions{}); err != nil {
		return nil, err
	}
	o.files[name] = buf.Bytes()
	return profile, nil
}

func (o *outputs) names() []string {
	var out []string
	for n := range o.files {
		out = append(out, n)
	}
	return sortedCopy(out)
}

func (o *outputs) commit() error {
	if len(o.errs) > 0 {
		return errors.Join(o.errs...)
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	for _, name := range o.names() {
		if err := writeAtomic(filepath.Join(o.dir, name), o.files[name]); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
