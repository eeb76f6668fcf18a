package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/medtrace/medtrace/trace"
)

// BenchmarkDecodePlain is the baseline: cyclonedx-go decoding of a
// 10,000-component CycloneDX JSON document.
func BenchmarkDecodePlain(b *testing.B) {
	data := syntheticCycloneDX(b, 10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		bom := new(cdx.BOM)
		if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(bom); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAndProfile decodes the same document with limits into the
// model and checks it against the FDA profile (target: at most 1.5 times
// BenchmarkDecodePlain).
func BenchmarkDecodeAndProfile(b *testing.B) {
	data := syntheticCycloneDX(b, 10_000)
	ctx := context.Background()
	vulns := &VulnerabilityData{Statuses: []VulnerabilityStatus{
		{Component: "pkg:npm/%40acme/lib-3@1.3.3", Vulnerability: "CVE-2026-0001", DiscoveryMethod: "osv-match", Status: "affected", KEV: true},
	}}
	profile := FDA()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(data), DecodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := CheckProfile(ctx, Input{SBOM: s, Now: now, Vulnerabilities: vulns}, profile, trace.CheckOptions{})
		if err != nil || rep.Passed() {
			b.Fatal("profile check: ", err)
		}
	}
}

// BenchmarkDecodeProfileRatio runs both measurements alternately in each
// iteration, so that load on a shared machine affects them alike, and
// reports the ratio of decode+profile to plain decoding (target ≤ 1.5).
func BenchmarkDecodeProfileRatio(b *testing.B) {
	data := syntheticCycloneDX(b, 10_000)
	ctx := context.Background()
	profile := FDA()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var plain, ours time.Duration
	for b.Loop() {
		t0 := time.Now()
		bom := new(cdx.BOM)
		if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(bom); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		s, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(data), DecodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := CheckProfile(ctx, Input{SBOM: s, Now: now, Vulnerabilities: &VulnerabilityData{}}, profile, trace.CheckOptions{}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		plain += t1.Sub(t0)
		ours += t2.Sub(t1)
	}
	b.ReportMetric(float64(ours)/float64(plain), "ratio")
	b.ReportMetric(float64(plain.Nanoseconds())/float64(b.N), "plain-ns/op")
	b.ReportMetric(float64(ours.Nanoseconds())/float64(b.N), "profiled-ns/op")
}

// BenchmarkPhases splits decode+profile into its phases (read with limits,
// depth scan, JSON decoding, mapping to the model, profile checks) beside
// plain cyclonedx-go decoding, in milliseconds per document.
func BenchmarkPhases(b *testing.B) {
	data := syntheticCycloneDX(b, 10_000)
	ctx := context.Background()
	profile := FDA()
	var tPlain, tRead, tDepth, tJSON, tMap, tProf time.Duration
	for b.Loop() {
		t0 := time.Now()
		bom := new(cdx.BOM)
		_ = cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(bom)
		t1 := time.Now()
		d, _ := readLimited(ctx, bytes.NewReader(data), "", DefaultMaxBytes)
		t2 := time.Now()
		_ = checkJSONDepth(d, "", 64)
		t3 := time.Now()
		bom2 := new(cdx.BOM)
		_ = json.Unmarshal(d, bom2)
		t4 := time.Now()
		s := fromCDX(bom2, "")
		t5 := time.Now()
		_, _ = CheckProfile(ctx, Input{SBOM: s, Vulnerabilities: &VulnerabilityData{}}, profile, trace.CheckOptions{})
		t6 := time.Now()
		tPlain += t1.Sub(t0)
		tRead += t2.Sub(t1)
		tDepth += t3.Sub(t2)
		tJSON += t4.Sub(t3)
		tMap += t5.Sub(t4)
		tProf += t6.Sub(t5)
	}
	n := float64(b.N) * 1e6
	b.ReportMetric(float64(tPlain)/n, "plain-ms")
	b.ReportMetric(float64(tRead)/n, "read-ms")
	b.ReportMetric(float64(tDepth)/n, "depth-ms")
	b.ReportMetric(float64(tJSON)/n, "json-ms")
	b.ReportMetric(float64(tMap)/n, "map-ms")
	b.ReportMetric(float64(tProf)/n, "profile-ms")
}

// BenchmarkCheckProfile measures the FDA profile alone on a decoded
// 10,000-component SBOM.
func BenchmarkCheckProfile(b *testing.B) {
	data := syntheticCycloneDX(b, 10_000)
	ctx := context.Background()
	s, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(data), DecodeOptions{})
	if err != nil {
		b.Fatal(err)
	}
	profile := FDA()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = CheckProfile(ctx, Input{SBOM: s, Vulnerabilities: &VulnerabilityData{}}, profile, trace.CheckOptions{})
	}
}
