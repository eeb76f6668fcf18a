package sbom_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/medtrace/medtrace/sbom"
)

// Match an SBOM's components against an OSV export unpacked into a
// directory. Each result is affected (with the range that matched), clean,
// or not assessed with the reason; withdrawn advisories are reported but
// not counted.
func ExampleIndex_MatchComponents() {
	ctx := context.Background()
	snap, err := sbom.LoadOSVFS(ctx, os.DirFS("testdata/osv/example"), sbom.OSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := sbom.BuildIndex(ctx, snap.Advisories, sbom.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	comps := []sbom.Component{
		{Name: "lodash", PURL: "pkg:npm/lodash@4.17.20"},
		{Name: "lodash", PURL: "pkg:npm/lodash@4.17.21"},
		{Name: "pyyaml", PURL: "pkg:pypi/pyyaml@5.3.1"},
		{Name: "openssl", PURL: "pkg:generic/openssl@1.1.1k"},
		{Name: "libfoo", BOMRef: "libfoo", Version: sbom.Known("2.0")},
	}
	rep, err := ix.MatchComponents(ctx, comps)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("advisories:", rep.Snapshot.Advisories, "withdrawn:", rep.Snapshot.Withdrawn)
	for _, r := range rep.Results {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%s: %s %s", r.Component, r.Assessment, r.Reason)))
		for _, m := range r.Matches {
			fmt.Printf("  %s (%s)\n", m.Vulnerability, strings.Join(m.Aliases, ", "))
			for _, e := range m.Evidence {
				fmt.Printf("    %s %s: %s\n", e.Advisory, e.Path, e.Reason)
			}
		}
		for _, n := range r.Notes {
			fmt.Println("  note:", n)
		}
	}
	// Output:
	// advisories: 3 withdrawn: 1
	// pkg:npm/lodash@4.17.20: affected
	//   CVE-2021-23337 (GHSA-35jh-r3h4-6jhm)
	//     GHSA-35jh-r3h4-6jhm affected[0].ranges[0]: introduced 0 ≤ 4.17.20 < fixed 4.17.21 (SEMVER)
	//   note: GHSA-wdrw-0000-0000 would match (introduced 0 ≤ 4.17.20, no fixed version (SEMVER)) but was withdrawn on 2024-03-01; not counted
	// pkg:npm/lodash@4.17.21: clean
	//   note: GHSA-wdrw-0000-0000 would match (introduced 0 ≤ 4.17.21, no fixed version (SEMVER)) but was withdrawn on 2024-03-01; not counted
	// pkg:pypi/pyyaml@5.3.1: affected
	//   CVE-2020-14343 (PYSEC-2021-0001)
	//     PYSEC-2021-0001 affected[0].ranges[0]: introduced 0 ≤ 5.3.1 < fixed 5.4 (ECOSYSTEM)
	//     PYSEC-2021-0001 affected[0].versions: 5.3.1 is listed in versions[]
	// pkg:generic/openssl@1.1.1k: not-assessed unknown-ecosystem
	// libfoo: not-assessed no-purl
}

// Apply an OpenVEX document to a match report: the maker states that the
// vulnerable lodash function is never called, so the match is not_affected;
// the PyYAML match has no statement and is listed as unstated.
func ExampleApplyVEX() {
	ctx := context.Background()
	snap, _ := sbom.LoadOSVFS(ctx, os.DirFS("testdata/osv/example"), sbom.OSVOptions{})
	ix, _ := sbom.BuildIndex(ctx, snap.Advisories, sbom.IndexOptions{})
	rep, _ := ix.MatchComponents(ctx, []sbom.Component{
		{Name: "lodash", PURL: "pkg:npm/lodash@4.17.20"},
		{Name: "pyyaml", PURL: "pkg:pypi/pyyaml@5.3.1"},
	})
	doc, err := sbom.DecodeOpenVEX(context.Background(), strings.NewReader(`{
	  "@context": "https://openvex.dev/ns/v0.2.0",
	  "@id": "https://example.invalid/vex/1",
	  "author": "Example Device Maker",
	  "timestamp": "2024-06-01T00:00:00Z",
	  "version": 1,
	  "statements": [{
	    "vulnerability": {"name": "GHSA-35jh-r3h4-6jhm"},
	    "products": [{"@id": "pkg:npm/lodash"}],
	    "status": "not_affected",
	    "justification": "vulnerable_code_not_in_execute_path",
	    "impact_statement": "template() is never called"
	  }]
	}`), sbom.VEXOptions{Name: "vex.json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	app := sbom.ApplyVEX(rep, sbom.VEXApplyOptions{}, doc)
	for _, r := range app.Report.Results {
		for _, m := range r.Matches {
			if m.VEX != nil {
				fmt.Printf("%s %s: %s (%s, %s)\n", r.Component, m.Vulnerability, m.VEX.Status, m.VEX.Justification, m.VEX.Statement)
			}
		}
	}
	for _, u := range app.Unstated {
		fmt.Printf("no VEX statement: %s %s\n", u.Component, u.Vulnerability)
	}
	// Output:
	// pkg:npm/lodash@4.17.20 CVE-2021-23337: not_affected (vulnerable_code_not_in_execute_path, statements[0])
	// no VEX statement: pkg:pypi/pyyaml@5.3.1 CVE-2020-14343
}
