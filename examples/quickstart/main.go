// Command quickstart builds a small infusion-pump thread with the trace
// package, checks it against a handful of thread rules, and writes the
// findings (JSON) and a release baseline to an output directory.
//
//	go run ./examples/quickstart -out out/quickstart
//
// With -gate it exits 1 when a finding of severity error is not waived, as a
// CI gate would.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/medtrace/medtrace/trace"
)

func main() {
	out := flag.String("out", "out/quickstart", "directory for the findings and baseline")
	gate := flag.Bool("gate", false, "exit 1 if an unwaived error finding remains")
	flag.Parse()
	blocking, err := run(context.Background(), *out, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
	fmt.Printf("%d blocking finding(s)\n", blocking)
	if *gate && blocking > 0 {
		os.Exit(1)
	}
}

func run(ctx context.Context, out string, w io.Writer) (int, error) {
	g, err := thread().Build()
	if err != nil {
		return 0, err
	}
	// The release date is an input: reports must reproduce byte for byte.
	released := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	res, err := trace.Check(ctx, g, rules(), trace.CheckOptions{Waivers: []trace.Waiver{{
		Rule: "THREAD-VERIFIED", Item: "SRS-3", Author: "Quality lead", Date: released,
		Rationale: "Labeling requirement; verified by inspection record DOC-12",
	}}})
	if err != nil {
		return 0, err
	}
	for _, f := range res.Findings {
		state := ""
		if f.Waived() {
			state = " (waived: " + f.Waiver.Rationale + ")"
		}
		fmt.Fprintf(w, "%-7s %-16s %-7s %s [%s]%s\n", f.Severity, f.Rule, f.Item, f.Message, f.Clause, state)
	}
	for _, c := range res.Coverage {
		fmt.Fprintf(w, "coverage %-16s %d/%d\n", c.Rule, c.Covered, c.Total)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	findings, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return 0, err
	}
	if err := writeFile(filepath.Join(out, "findings.json"), append(findings, '\n')); err != nil {
		return 0, err
	}
	bl := g.Baseline("pump-1.0.0", released)
	f, err := os.CreateTemp(out, ".baseline-*")
	if err != nil {
		return 0, err
	}
	if err := bl.Encode(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return 0, err
	}
	if err := closeAndRename(f, filepath.Join(out, "baseline.json")); err != nil {
		return 0, err
	}
	fmt.Fprintf(w, "wrote %s and %s\n", filepath.Join(out, "findings.json"), filepath.Join(out, "baseline.json"))
	return len(res.Blocking()), nil
}

func thread() *trace.Builder {
	b := trace.NewBuilder()
	b.Allow(trace.Derives, "user-need", "requirement")
	b.Allow(trace.Verifies, "test", "requirement", "risk-control")
	b.Allow(trace.LeadsTo, "hazard", "hazardous-situation")
	b.Allow(trace.LeadsTo, "hazardous-situation", "harm")
	b.Allow(trace.Mitigates, "risk-control", "hazardous-situation")
	b.Allow(trace.ImplementedBy, "risk-control", "requirement")
	for _, it := range []trace.Item{
		{ID: "UN-1", Kind: "user-need", Title: "Deliver the prescribed insulin dose"},
		{ID: "SRS-1", Kind: "requirement", Title: "Stop delivery when an occlusion is detected"},
		{ID: "SRS-2", Kind: "requirement", Title: "Raise an alarm within 2 s of an occlusion"},
		{ID: "SRS-3", Kind: "requirement", Title: "Label states the maximum bolus"},
		{ID: "HAZ-1", Kind: "hazard", Title: "Over-delivery of insulin"},
		{ID: "HS-1", Kind: "hazardous-situation", Title: "Occlusion released as a bolus"},
		{ID: "HARM-1", Kind: "harm", Title: "Severe hypoglycaemia"},
		{ID: "RC-1", Kind: "risk-control", Title: "Occlusion detection stops the motor"},
		{ID: "TC-1", Kind: "test", Title: "Occlusion stop test"},
	} {
		it.Fingerprint = trace.FingerprintOf(it)
		b.AddItem(it)
	}
	b.Link("UN-1", trace.Derives, "SRS-1")
	b.Link("UN-1", trace.Derives, "SRS-2")
	b.Link("UN-1", trace.Derives, "SRS-3")
	b.Link("HAZ-1", trace.LeadsTo, "HS-1")
	b.Link("HS-1", trace.LeadsTo, "HARM-1")
	b.Link("RC-1", trace.Mitigates, "HS-1")
	b.Link("RC-1", trace.ImplementedBy, "SRS-1")
	b.Link("TC-1", trace.Verifies, "SRS-1")
	b.Link("TC-1", trace.Verifies, "RC-1")
	return b
}

func rules() []trace.Rule {
	meta := func(id, clause, msg string) trace.RuleMeta {
		return trace.RuleMeta{ID: id, Version: 1, Severity: trace.Error, Clause: clause, Message: msg}
	}
	return []trace.Rule{
		trace.LinkRule{RuleMeta: meta("THREAD-VERIFIED", "IEC 62304:2006+A1:2015 5.7.4", "requirement {id} has no verifying test"),
			Kind: "requirement", Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{"test"}},
		trace.LinkRule{RuleMeta: meta("THREAD-CONTROLLED", "ISO 14971:2019 7.1", "hazardous situation {id} has no risk control"),
			Kind: "hazardous-situation", Link: trace.Mitigates, Dir: trace.In, To: []trace.Kind{"risk-control"}},
		trace.LinkRule{RuleMeta: meta("THREAD-RC-VERIFIED", "ISO 14971:2019 7.2", "risk control {id} is not verified"),
			Kind: "risk-control", Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{"test"}},
	}
}

func writeFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	return closeAndRename(f, path)
}

// closeAndRename finishes an atomic write: the target is replaced whole or
// not at all.
func closeAndRename(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
