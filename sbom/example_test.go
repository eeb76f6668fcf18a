package sbom_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

const deviceSBOM = `{
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:6f1c2b1e-0d5a-4c55-9a3e-2f7f1a0c9b10",
  "metadata": {
    "timestamp": "2026-05-01T10:00:00Z",
    "authors": [{"name": "Example Medical", "email": "sbom@example.com"}],
    "component": {"type": "device", "bom-ref": "pump", "name": "infusion-pump", "version": "2.1.0",
      "supplier": {"name": "Example Medical"}, "purl": "pkg:generic/example/infusion-pump@2.1.0",
      "properties": [{"name": "medtrace:support:level", "value": "actively-maintained"},
                     {"name": "medtrace:support:endOfSupport", "value": "2036-12-31"}]}
  },
  "components": [
    {"type": "library", "bom-ref": "zlib", "name": "zlib", "version": "1.3.1",
     "supplier": {"name": "zlib project"}, "purl": "pkg:generic/zlib@1.3.1",
     "properties": [{"name": "cdx:lifecycle:milestone:endOfSupport", "value": "2030-12-31"},
                    {"name": "medtrace:support:level", "value": "actively-maintained"}]},
    {"type": "library", "bom-ref": "rtos", "name": "freertos-kernel", "version": "10.6.2",
     "supplier": {"name": "NOASSERTION"}, "purl": "pkg:github/freertos/freertos-kernel@10.6.2"}
  ],
  "dependencies": [
    {"ref": "pump", "dependsOn": ["zlib", "rtos"]},
    {"ref": "zlib", "dependsOn": []},
    {"ref": "rtos", "dependsOn": []}
  ],
  "compositions": [{"aggregate": "complete", "assemblies": ["pump"]}]
}`

// Read a CycloneDX SBOM and look at its components.
func ExampleDecode() {
	s, err := sbom.Decode(context.Background(), strings.NewReader(deviceSBOM), sbom.DecodeOptions{Name: "pump.cdx.json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Format, s.SpecVersion, "primary:", s.Metadata.Component.DisplayName())
	for _, c := range s.Components {
		fmt.Printf("%s supplier=%s support=%q until %s (from %s)\n",
			c.DisplayName(), c.Supplier.State(), c.Support.Level, c.Support.EndOfSupport, c.Origin.Path)
	}
	// Output:
	// CycloneDX 1.6 primary: infusion-pump@2.1.0
	// zlib@1.3.1 supplier=present support="actively-maintained" until 2030-12-31 (from components[0])
	// freertos-kernel@10.6.2 supplier=declared-unknown support="" until  (from components[1])
}

// Check an SBOM against the FDA premarket profile.
func ExampleCheckProfile() {
	ctx := context.Background()
	s, err := sbom.DecodeCycloneDXJSON(ctx, strings.NewReader(deviceSBOM), sbom.DecodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	in := sbom.Input{
		SBOM: s,
		Now:  time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		Vulnerabilities: &sbom.VulnerabilityData{Statuses: []sbom.VulnerabilityStatus{{
			Component: "pkg:generic/zlib@1.3.1", Vulnerability: "CVE-2026-0001",
			DiscoveryMethod: "osv-match", Status: "not_affected",
		}}},
	}
	rep, err := sbom.CheckProfile(ctx, in, sbom.FDA(), trace.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Result.Findings {
		fmt.Printf("%s %s %s: %s\n", f.Severity, f.Rule, f.Item, f.Message)
	}
	fmt.Println("passed:", rep.Passed())
	// Output:
	// error SBOM-020 pkg:github/freertos/freertos-kernel@10.6.2: level of support and end-of-support date unknown without a justification
	// passed: false
}

// Write the submission SBOM with SOUP annotations.
func ExampleAnnotate() {
	ctx := context.Background()
	s, err := sbom.DecodeCycloneDXJSON(ctx, strings.NewReader(deviceSBOM), sbom.DecodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	enriched, rep, err := sbom.Annotate(s, []sbom.SOUP{{
		ID: "SOUP-007", PURL: "pkg:github/freertos/freertos-kernel@10.6.2",
		FunctionalRequirements: []string{"pre-emptive scheduling of the pump control task"},
		Support:                sbom.Support{Level: sbom.SupportActive, EndOfSupport: "2028-06-30"},
		UsedBy:                 []string{"SWI-CTRL"},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("matched:", rep.Matches, "without record:", rep.Unannotated)
	var out bytes.Buffer
	if err := sbom.EncodeCycloneDX(&out, enriched, sbom.EncodeOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	back, err := sbom.DecodeCycloneDXJSON(ctx, &out, sbom.DecodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	rtos, _ := back.Component("rtos")
	for _, p := range rtos.Properties {
		fmt.Println(p.Name, "=", p.Value)
	}
	// Output:
	// matched: [{SOUP-007 pkg:github/freertos/freertos-kernel@10.6.2}] without record: [pkg:generic/zlib@1.3.1]
	// medtrace:soup:id = SOUP-007
	// medtrace:soup:requirement:functional = pre-emptive scheduling of the pump control task
	// medtrace:soup:usedBy = SWI-CTRL
	// medtrace:support:level = actively-maintained
	// medtrace:support:endOfSupport = 2028-06-30
	// cdx:lifecycle:milestone:endOfSupport = 2028-06-30
}
