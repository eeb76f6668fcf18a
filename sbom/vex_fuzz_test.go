package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func addVEXSeeds(f *testing.F) {
	files, err := filepath.Glob("testdata/vex/Case-*/vex*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(sampleOpenVEX))
	f.Add([]byte(`{"@context":"https://openvex.dev/ns","statements":[{"vulnerability":"CVE-1","products":["pkg:npm/a"],"status":"fixed"}]}`))
	f.Add([]byte(`{"vulnerabilities":[{"id":"CVE-1","affects":[{"ref":"x","versions":[{"range":"vers:generic/>=1|<2","status":"unknown"}]}]}]}`))
	f.Add([]byte(`{"statements": {`))
	f.Add([]byte(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><vulnerabilities><vulnerability><id>CVE-1</id><analysis><state>resolved</state></analysis><affects><target><ref>a</ref><versions><version><range>vers:generic/&gt;=1|&lt;2</range><status>unaffected</status></version></versions></target></affects></vulnerability></vulnerabilities></bom>`))
}

// applyFuzzed applies a decoded document to a small report: nothing may
// panic, and every outcome must carry a valid status.
func applyFuzzed(t *testing.T, doc *VEXDocument) {
	rep := vexReport("x", []string{"1.5", "2.0"}, "CVE-1")
	rep.Results[0].PURL = "pkg:npm/a@1.5"
	app := ApplyVEX(rep, VEXApplyOptions{}, doc)
	for _, r := range app.Report.Results {
		for _, m := range r.Matches {
			if m.VEX != nil && m.VEX.Statement == "" {
				t.Fatal("outcome without statement path")
			}
		}
	}
	var buf bytes.Buffer
	if _, err := EncodeCycloneDXVEX(&buf, doc); err != nil {
		t.Fatal(err)
	}
}

// FuzzDecodeOpenVEX feeds arbitrary bytes to the OpenVEX decoder.
func FuzzDecodeOpenVEX(f *testing.F) {
	addVEXSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := DecodeOpenVEX(context.Background(), bytes.NewReader(data), VEXOptions{MaxDepth: 32})
		if doc == nil {
			if err == nil {
				t.Fatal("no document and no error")
			}
			return
		}
		applyFuzzed(t, doc)
	})
}

// FuzzDecodeCycloneDXVEX feeds arbitrary bytes to the CycloneDX VEX decoder.
func FuzzDecodeCycloneDXVEX(f *testing.F) {
	addVEXSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, _, err := DecodeCycloneDXVEX(context.Background(), bytes.NewReader(data), VEXOptions{MaxDepth: 32})
		if doc == nil {
			if err == nil {
				t.Fatal("no document and no error")
			}
			return
		}
		applyFuzzed(t, doc)
	})
}

// FuzzVersContains feeds arbitrary ranges and versions to the vers: parser.
func FuzzVersContains(f *testing.F) {
	f.Add("vers:generic/>=2.9|<=4.1", "3.0")
	f.Add("vers:npm/1.2.3|>=2.0.0|<3.0.0", "2.5.0")
	f.Add("vers:deb/<1:1.1.1n-0", "1.1.1k-1")
	f.Add("vers:pypi/!=1.0|>0.5", "1.0.post1")
	f.Fuzz(func(t *testing.T, rng, v string) {
		_, _ = VersContains(rng, v)
	})
}
