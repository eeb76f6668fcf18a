// Command cvetriage answers the question a new advisory raises: does it
// touch the device, and what then has to be re-assessed and re-tested? It
// loads a project directory, matches its SBOMs against the project's
// advisories plus the new one, applies the project's VEX statements, and
// walks the thread from the new vulnerability to the components, software
// items, threats, hazardous situations, controls, requirements and tests
// it reaches.
//
//	go run ./examples/cvetriage -advisory examples/cvetriage/EXAMPLE-2026-0001.json
//
// The bundled advisory is illustrative, not a real vulnerability.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	project := flag.String("project", "examples/device/project", "the project directory")
	advisory := flag.String("advisory", "examples/cvetriage/EXAMPLE-2026-0001.json", "the new OSV advisory")
	flag.Parse()
	f, err := os.Open(*advisory)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cvetriage:", err)
		os.Exit(2)
	}
	defer f.Close()
	if err := triage(context.Background(), os.DirFS(*project), f, *advisory, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cvetriage:", err)
		os.Exit(2)
	}
}

func printf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }
