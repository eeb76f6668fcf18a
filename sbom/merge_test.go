package sbom

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMerge(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	o1 := func(p string) Origin { return Origin{Document: "ui.cdx.json", Format: FormatCycloneDX, Path: p} }
	o2 := func(p string) Origin { return Origin{Document: "pump.cdx.json", Format: FormatCycloneDX, Path: p} }
	ui := &SBOM{Name: "ui.cdx.json",
		Metadata: Metadata{Authors: []Party{{Name: "UI team"}}, Component: &Component{BOMRef: "ui", Name: "ui", Version: Known("1.0"), Origin: o1("metadata.component")}},
		Components: []Component{
			{BOMRef: "a", Name: "alpha", Version: Known("1.0"), PURL: "pkg:npm/alpha@1.0", Licenses: []string{"MIT"}, Origin: o1("components[0]")},
			{BOMRef: "shared", Name: "zlib", Version: Known("1.3.1"), PURL: "pkg:generic/zlib@1.3.1", Origin: o1("components[1]")},
		},
		Dependencies: []Dependency{{Ref: "ui", DependsOn: []string{"a", "shared"}}, {Ref: "a", DependsOn: []string{}}},
	}
	pump := &SBOM{Name: "pump.cdx.json",
		Metadata: Metadata{Authors: []Party{{Name: "UI team"}, {Name: "Pump team"}}, Component: &Component{BOMRef: "pump", Name: "pump-ctrl", Version: Known("2.0"), Origin: o2("metadata.component")}},
		Components: []Component{
			{BOMRef: "z", Name: "zlib", Version: Known("1.3.1"), PURL: "pkg:generic/zlib@1.3.1", Supplier: Party{Name: "zlib project"},
				Hashes: []Hash{{Alg: "SHA-256", Content: sha}}, Licenses: []string{"Zlib"}, Origin: o2("components[0]")},
			{BOMRef: "a", Name: "beta", Version: Known("3.0"), PURL: "pkg:npm/beta@3.0", Origin: o2("components[1]")},
		},
		Dependencies: []Dependency{{Ref: "pump", DependsOn: []string{"z", "a"}}},
		Compositions: []Composition{{Aggregate: AggregateComplete, Assemblies: []string{"pump"}}},
	}
	system := &Component{BOMRef: "system", Name: "infusion-system", Version: Known("5.0"), Type: TypeDevice}
	out, rep, err := Merge(MergeOptions{Name: "system", Timestamp: "2026-05-01T00:00:00Z", Primary: system}, ui, pump)
	require.NoError(t, err)

	refs := []string{}
	for _, c := range out.Components {
		refs = append(refs, c.BOMRef)
	}
	assert.Equal(t, []string{"ui", "a", "shared", "pump", "a#2"}, refs, "zlib appears once; beta's clashing ref is renamed")
	assert.Equal(t, 1, rep.Duplicates)
	assert.Equal(t, map[string]string{"pump.cdx.json: a": "a#2"}, rep.Renamed)

	zlib, ok := out.Component("shared")
	require.True(t, ok)
	assert.Equal(t, "zlib project", zlib.Supplier.Name)
	assert.Equal(t, o2("components[0]"), zlib.OriginOf(FieldSupplier), "the supplier came from the pump SBOM")
	assert.Equal(t, o1("components[1]"), zlib.OriginOf(FieldName))
	assert.Equal(t, []Hash{{Alg: "SHA-256", Content: sha}}, zlib.Hashes)
	assert.Empty(t, rep.Conflicts)

	deps, ok := out.DependsOn("pump")
	require.True(t, ok)
	assert.Equal(t, []string{"shared", "a#2"}, deps, "pump's dependencies follow the merged refs")
	deps, _ = out.DependsOn("system")
	assert.Equal(t, []string{"ui", "pump"}, deps)
	assert.Equal(t, []Composition{{Aggregate: AggregateComplete, Assemblies: []string{"pump"}}}, out.Compositions)
	assert.Len(t, out.Metadata.Authors, 2)
	assert.Equal(t, "2026-05-01T00:00:00Z", out.Metadata.Timestamp)

	// The merged SBOM is written as a schema-valid CycloneDX document.
	var buf bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&buf, out, EncodeOptions{}))
	require.NoError(t, NewValidator().ValidateJSON(context.Background(), &buf, DecodeOptions{}))

	// A different licence on the same component is a conflict, first value kept.
	pump.Components[0].Licenses = []string{"MIT"}
	ui.Components[1].Licenses = []string{"Zlib"}
	_, rep, err = Merge(MergeOptions{}, ui, pump)
	require.NoError(t, err)
	require.Len(t, rep.Conflicts, 1)
	assert.Equal(t, MergeConflict{Component: "pkg:generic/zlib@1.3.1", Field: FieldLicenses, Kept: "Zlib", KeptOrigin: o1("components[1]"),
		Other: "MIT", OtherOrigin: o2("components[0]")}, rep.Conflicts[0])

	_, _, err = Merge(MergeOptions{})
	assert.Error(t, err)
	_, _, err = Merge(MergeOptions{}, ui, nil)
	assert.Error(t, err)
}
