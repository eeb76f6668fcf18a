package lifecycle_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing/fstest"
	"time"

	"github.com/medtrace/medtrace/lifecycle"
)

// A project directory: a manifest, YAML and JSON record files, an SBOM, OSV
// advisories and a JUnit run (lifecycle/testdata/project).
func ExampleLoad() {
	ctx := context.Background()
	ws, err := lifecycle.Load(ctx, os.DirFS("testdata/project"), lifecycle.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ws.Manifest.Name)
	fmt.Println("records:", strings.Join(ws.Files, ", "))
	if _, err := ws.Match(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ws.Project.Vulnerabilities.Results {
		fmt.Printf("%s: %s", r.Component, r.Assessment)
		for _, m := range r.Matches {
			fmt.Printf(" %s", m.Vulnerability)
		}
		fmt.Println()
	}
	p := ws.Project
	fmt.Printf("%s: %d requirement(s), %d result(s) imported, risk plan %s\n",
		p.System.ID, len(p.Requirements), len(p.Results), p.Risk.Plan.ID)
	// Output:
	// Syringe pump controller (loader fixture)
	// records: records/requirements.yaml, records/risk/hazards.yaml, records/risk/plan.json, records/system.yaml
	// pkg:golang/github.com/gin-gonic/gin@v1.5.0: affected CVE-2020-36567
	// fw-rtos: not-assessed
	// SYS-PUMP: 1 requirement(s), 1 result(s) imported, risk plan RMP-1
}

// Every problem in every file, each with its file, line, column and field
// path.
func ExampleLoad_errors() {
	fsys := fstest.MapFS{
		"medtrace.yaml":  {Data: []byte("schema: medtrace.project/v1\nname: broken\nrecords: [records]\n")},
		"records/a.yaml": {Data: []byte("requirements:\n  - id: SRS-1\n    level: [software]\n")},
		"records/b.yaml": {Data: []byte("tests:\n  - id: TC-1\n    verfies: [SRS-1]\n")},
	}
	_, err := lifecycle.Load(context.Background(), fsys, lifecycle.LoadOptions{})
	fmt.Println(err)
	// Output:
	// lifecycle: cannot load project: records/a.yaml:3:12: requirements[0].level: want a string, got a list
	// records/b.yaml:3:5: tests[0].verfies: unknown field; did you mean verifies?
}

func ExampleImportJUnit() {
	junit := `<testsuite name="system" timestamp="2026-11-30T12:00:00">
  <testcase classname="pump" name="TestOcclusionStop_TC_1"/>
  <testcase classname="pump" name="TestAlarm_TC_2"><failure message="alarm after 2.4 s"/></testcase>
  <testcase classname="pump" name="TestHelper"/>
</testsuite>`
	rep, err := lifecycle.ImportJUnit(context.Background(), strings.NewReader(junit), lifecycle.ImportOptions{
		Name: "junit.xml", Version: "2.1.0", By: "ci/main", Date: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
		Tests: []lifecycle.Test{{ID: "TC-1"}, {ID: "TC-2"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rep.Results {
		fmt.Println(strings.TrimSpace(fmt.Sprint(r.ID, " ", r.Outcome, " ", r.Anomalies)))
	}
	fmt.Println("unmatched:", rep.Unmatched)
	// Output:
	// TC-1@2.1.0 pass
	// TC-2@2.1.0 fail pump.TestAlarm_TC_2: alarm after 2.4 s
	// unmatched: [pump.TestHelper]
}
