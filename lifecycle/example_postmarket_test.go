package lifecycle_test

import (
	"context"
	"fmt"
	"time"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// A new advisory is matched against the SBOM of every release still in the
// field. The match raises a problem report that affects the component, the
// items that use it and the hazards they contribute to, so the change that
// resolves it traces back to the signal.
func ExampleProject_MatchAdvisories() {
	ctx := context.Background()
	p := pump()
	p.Items[0].Uses = []trace.ID{"pkg:npm/lodash@4.17.20"}
	bom := &sbom.SBOM{Components: []sbom.Component{{Name: "lodash", Version: sbom.Known("4.17.20"),
		PURL: "pkg:npm/lodash@4.17.20"}}}
	p.Releases = []lifecycle.Release{{ID: "REL-1.0", Version: "1.0.0", Product: "Pump",
		Status: lifecycle.ReleaseInField, Items: []trace.ID{"SYS"}, SBOM: bom,
		Baseline: &trace.Baseline{Name: "1.0.0"}, Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}}

	p.SBOMs = []*sbom.SBOM{bom} // the current SBOM contributes its components
	g, err := p.Graph()
	if err != nil {
		fmt.Println(err)
		return
	}
	advisory := sbom.Advisory{ID: "GHSA-35jh-r3h4-6jhm", Summary: "Command injection in lodash",
		Modified: time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC),
		Affected: []sbom.OSVAffected{{Package: sbom.OSVPackage{Ecosystem: "npm", Name: "lodash"},
			Ranges: []sbom.OSVRange{{Type: sbom.RangeSemver, Events: []sbom.OSVEvent{
				{Kind: sbom.EventIntroduced, Version: "0"}, {Kind: sbom.EventFixed, Version: "4.17.21"}}}}}}}
	ix, err := sbom.BuildIndex(ctx, []sbom.Advisory{advisory}, sbom.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	in, err := p.MatchAdvisories(ctx, g, ix, lifecycle.AdvisoryOptions{
		Received: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Source: "OSV"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range in.Matches {
		fmt.Printf("%s in %s of %s: items %v, hazards %v\n", m.Vulnerability, m.Component, m.Release, m.Items, m.Hazards)
	}
	for _, pr := range in.Problems {
		fmt.Printf("%s (%s, %s): affects %v\n", pr.ID, pr.Criticality, pr.State, pr.Scope.Items)
	}
	for _, s := range in.Signals {
		fmt.Printf("%s raises %v\n", s.ID, s.Raises)
	}
	// Output:
	// GHSA-35jh-r3h4-6jhm in pkg:npm/lodash@4.17.20 of REL-1.0: items [ITM-1], hazards [HAZ-1 HS-1]
	// PR-GHSA-35jh-r3h4-6jhm (high, open): affects [HAZ-1 HS-1 ITM-1 pkg:npm/lodash@4.17.20]
	// SIG-GHSA-35jh-r3h4-6jhm raises [PR-GHSA-35jh-r3h4-6jhm]
}

// The FDA metrics come from a dated ledger of what happened to each
// vulnerability in each product, per product and across the product line.
func ExampleComputeMetrics() {
	day := func(d int) time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	ev := func(v, product string, t lifecycle.LedgerEventType, d int, installed float64) lifecycle.LedgerEvent {
		return lifecycle.LedgerEvent{Vulnerability: v, Product: product, Type: t, At: day(d), Installed: installed}
	}
	ledger := []lifecycle.LedgerEvent{
		ev("CVE-2026-0001", "Pump", lifecycle.LedgerIdentified, 0, 0),
		ev("CVE-2026-0001", "Pump", lifecycle.LedgerFixAvailable, 14, 0),
		ev("CVE-2026-0001", "Pump", lifecycle.LedgerDeployment, 30, 60),
		ev("CVE-2026-0001", "Pump", lifecycle.LedgerDeployment, 44, 100),
		ev("CVE-2026-0002", "Pump", lifecycle.LedgerIdentified, 20, 0),
		ev("CVE-2026-0001", "Monitor", lifecycle.LedgerIdentified, 2, 0),
		ev("CVE-2026-0001", "Monitor", lifecycle.LedgerNotAffected, 3, 0),
	}
	rep, err := lifecycle.ComputeMetrics(ledger, lifecycle.MetricsOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range append(rep.Products, rep.Line) {
		name := m.Product
		if name == "" {
			name = "product line"
		}
		fmt.Printf("%s: %d applicable, %.0f%% patched, time to patch %v, time to deploy %v\n",
			name, m.Applicable, m.PatchedPercent, m.TimeToPatch.Mean, m.TimeToDeploy.Mean)
	}
	// Output:
	// Monitor: 0 applicable, 0% patched, time to patch 0s, time to deploy 0s
	// Pump: 2 applicable, 50% patched, time to patch 336h0m0s, time to deploy 720h0m0s
	// product line: 2 applicable, 50% patched, time to patch 336h0m0s, time to deploy 720h0m0s
}
