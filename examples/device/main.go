// Command device runs medtrace end to end on the InsuPump example device: it
// loads the project directory (records, SBOM, OSV advisories, VEX, test
// results, the previous release's baseline), matches the SBOM against the
// advisories, builds the thread, checks it, classifies the software, lists
// the activity gaps, diffs release 1.1.0 against 1.0.0 with its change
// impact, judges release readiness and writes the evidence to a directory.
//
//	go run ./examples/device -out out/device
//
// Every output is reproducible byte for byte: the clock is an input (-now).
// With -gate the command exits 1 when the release is not ready, as a CI
// gate would.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/medtrace/medtrace/trace"
)

func main() {
	project := flag.String("project", "examples/device/project", "the project directory")
	out := flag.String("out", "out/device", "directory for the reports")
	release := flag.String("release", "REL-1.1.0", "the release to judge")
	now := flag.String("now", "2026-12-01", "the report date (YYYY-MM-DD); reports never read the clock")
	gate := flag.Bool("gate", false, "exit 1 when the release is not ready")
	flag.Parse()

	date, err := time.Parse(time.DateOnly, *now)
	if err != nil {
		fmt.Fprintln(os.Stderr, "device: -now:", err)
		os.Exit(2)
	}
	cfg := config{Project: os.DirFS(*project), Out: *out, Release: trace.ID(*release), Now: date}
	sum, err := run(context.Background(), cfg, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "device:", err)
		os.Exit(2)
	}
	if *gate && !sum.Ready {
		os.Exit(1)
	}
}

// summary is what run found, for the caller and the tests.
type summary struct {
	Ready    bool
	Findings int
	Blockers int
	Files    []string
}

func printf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }
