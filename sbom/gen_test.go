package sbom

import (
	"encoding/json"
	"fmt"
	"testing"
)

// syntheticCycloneDX returns a CycloneDX 1.6 JSON document with n library
// components, each carrying the fields the profiles check; every tenth
// component lacks a supplier and every seventh an end-of-support date, so
// that the checks have findings to record.
func syntheticCycloneDX(tb testing.TB, n int) []byte {
	tb.Helper()
	type obj = map[string]any
	comps := make([]obj, n)
	deps := make([]obj, 0, n+1)
	top := make([]string, 0, n)
	for i := range n {
		ref := fmt.Sprintf("pkg:npm/%%40acme/lib-%d@1.%d.%d", i, i%50, i%7)
		c := obj{
			"type": "library", "bom-ref": ref, "group": "@acme", "name": fmt.Sprintf("lib-%d", i),
			"version": fmt.Sprintf("1.%d.%d", i%50, i%7), "purl": ref,
			"description": "Synthetic library used to measure decoding and profile checking.",
			"hashes": []obj{
				{"alg": "SHA-256", "content": fmt.Sprintf("%064x", i)},
				{"alg": "SHA-512", "content": fmt.Sprintf("%0128x", i)},
			},
			"licenses": []obj{{"license": obj{"id": "MIT"}}},
			"externalReferences": []obj{
				{"type": "distribution", "url": fmt.Sprintf("https://registry.example.com/lib-%d.tgz", i)},
				{"type": "vcs", "url": fmt.Sprintf("https://git.example.com/acme/lib-%d", i)},
			},
			"properties": []obj{{"name": PropSupportLevel, "value": "actively-maintained"}},
		}
		if i%10 != 0 {
			c["supplier"] = obj{"name": "Acme Corp", "url": []string{"https://acme.example.com"}}
		}
		if i%7 != 0 {
			c["properties"] = append(c["properties"].([]obj), obj{"name": PropEndOfSupport, "value": "2030-06-30"})
		}
		comps[i] = c
		var on []string
		if i+1 < n {
			on = []string{fmt.Sprintf("pkg:npm/%%40acme/lib-%d@1.%d.%d", i+1, (i+1)%50, (i+1)%7)}
		}
		deps = append(deps, obj{"ref": ref, "dependsOn": on})
		if i%100 == 0 {
			top = append(top, ref)
		}
	}
	deps = append(deps, obj{"ref": "device", "dependsOn": top})
	doc := obj{
		"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
		"serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
		"metadata": obj{
			"timestamp": "2026-01-15T08:00:00Z",
			"authors":   []obj{{"name": "Device Maker", "email": "sbom@maker.example"}},
			"component": obj{"type": "device", "bom-ref": "device", "name": "infusion-pump", "version": "2.0.0",
				"supplier": obj{"name": "Device Maker"}, "purl": "pkg:generic/maker/infusion-pump@2.0.0",
				"properties": []obj{{"name": PropSupportLevel, "value": "actively-maintained"}, {"name": PropEndOfSupport, "value": "2035-01-01"}}},
		},
		"components":   comps,
		"dependencies": deps,
		"compositions": []obj{{"aggregate": "complete", "assemblies": []string{"device"}}},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
