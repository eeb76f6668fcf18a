package sbom

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkApplyVEX applies 5k statements (one per vulnerability, naming
// the package by unversioned purl) to the report of 10k components matched
// against 100k advisories.
func BenchmarkApplyVEX(b *testing.B) {
	ix, err := BuildIndex(context.Background(), genAdvisories(100_000), IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := ix.MatchComponents(context.Background(), genComponents(10_000, 100_000))
	if err != nil {
		b.Fatal(err)
	}
	doc := &VEXDocument{Format: VEXFormatOpenVEX}
	for _, r := range rep.Results {
		for _, m := range r.Matches {
			if len(doc.Statements) == 5000 {
				break
			}
			p, _ := packageURLWithoutVersion(r.PURL)
			doc.Statements = append(doc.Statements, VEXStatement{Vulnerability: m.Vulnerability, Status: VEXUnderInvestigation,
				Products: []VEXProduct{{PURL: p}}, Path: fmt.Sprintf("statements[%d]", len(doc.Statements))})
		}
	}
	b.ReportAllocs()
	var app *VEXApplication
	for b.Loop() {
		app = ApplyVEX(rep, VEXApplyOptions{}, doc)
	}
	b.ReportMetric(float64(len(app.Unstated)), "unstated")
}

func packageURLWithoutVersion(purl string) (string, bool) {
	return vexWithPURLVersion(purl, "")
}
