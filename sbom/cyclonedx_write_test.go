package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// partlyDecodable lists valid conformance files with a section that
// cyclonedx-go v0.12.0 cannot read (declarations.evidence[].data[]
// .classification is an object to it, a string in the 1.6 schema).
var partlyDecodable = map[string][]string{"valid-attestation-1.6.json": {"declarations"}}

// Every valid conformance document survives decode → encode as a
// schema-valid document of the same version.
func TestEncodeRoundTripConformance(t *testing.T) {
	ctx := context.Background()
	v := NewValidator()
	for _, ver := range []string{"1.4", "1.5", "1.6"} {
		files, err := filepath.Glob(filepath.Join("testdata", "cyclonedx-spec", ver, "valid-*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				s, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(data), DecodeOptions{})
				require.NoError(t, err)
				assert.Equal(t, partlyDecodable[filepath.Base(f)], s.SkippedSections)
				var out bytes.Buffer
				require.NoError(t, EncodeCycloneDX(&out, s, EncodeOptions{}))
				assert.NoError(t, v.ValidateJSON(ctx, bytes.NewReader(out.Bytes()), DecodeOptions{}))
				back, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(out.Bytes()), DecodeOptions{})
				require.NoError(t, err)
				assert.Equal(t, len(s.Components), len(back.Components))
				assert.Equal(t, s.Dependencies, back.Dependencies)
			})
		}
	}
}

func TestEncodeFormatsAndVersions(t *testing.T) {
	ctx := context.Background()
	v := NewValidator()
	drop, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(readTestdata(t, "sbom", "dropwizard-1.3.15.cdx.json")), DecodeOptions{})
	require.NoError(t, err)
	spdx, err := DecodeSPDXJSON(ctx, bytes.NewReader(readTestdata(t, "spdx", "device-2.3.spdx.json")), DecodeOptions{})
	require.NoError(t, err)

	for _, tt := range []struct {
		name string
		s    *SBOM
		opts EncodeOptions
	}{
		{"1.2 source written as 1.6 JSON", drop, EncodeOptions{}},
		{"XML 1.6", drop, EncodeOptions{XML: true, SpecVersion: "1.6"}},
		{"XML 1.4", drop, EncodeOptions{XML: true, SpecVersion: "1.4"}},
		{"JSON 1.7", drop, EncodeOptions{SpecVersion: "1.7"}},
		{"SPDX as CycloneDX", spdx, EncodeOptions{}},
		{"SPDX as CycloneDX 1.4", spdx, EncodeOptions{SpecVersion: "1.4", Compact: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, EncodeCycloneDX(&out, tt.s, tt.opts))
			validate, decode := v.ValidateJSON, DecodeCycloneDXJSON
			if tt.opts.XML {
				validate, decode = v.ValidateXML, DecodeCycloneDXXML
			}
			assert.NoError(t, validate(ctx, bytes.NewReader(out.Bytes()), DecodeOptions{}))
			back, err := decode(ctx, bytes.NewReader(out.Bytes()), DecodeOptions{})
			require.NoError(t, err)
			assert.Len(t, back.Components, len(tt.s.Components))
			assert.Equal(t, tt.s.Metadata.Component.Name, back.Metadata.Component.Name)
			for i := range tt.s.Components {
				assert.Equal(t, tt.s.Components[i].PURL, back.Components[i].PURL)
				assert.Equal(t, tt.s.Components[i].Version, back.Components[i].Version)
				assert.Equal(t, tt.s.Components[i].Supplier.State(), back.Components[i].Supplier.State())
				assert.Equal(t, tt.s.Components[i].LicenseState(), back.Components[i].LicenseState())
			}
			var again bytes.Buffer
			require.NoError(t, EncodeCycloneDX(&again, tt.s, tt.opts))
			assert.Equal(t, out.String(), again.String(), "output is deterministic")
		})
	}

	var out bytes.Buffer
	err = EncodeCycloneDX(&out, drop, EncodeOptions{SpecVersion: "1.3"})
	assert.ErrorIs(t, err, ErrUnsupportedSpecVersion)
	assert.Error(t, EncodeCycloneDX(&out, nil, EncodeOptions{}))
}

func TestEncodeLicences(t *testing.T) {
	s := compliantSBOM()
	s.Components[0].Licenses = []string{"Apache-2.0 OR MIT"}
	s.Components[1].Licenses = []string{"MIT", "Acme Proprietary Licence"}
	s.Metadata.Component.Licenses, s.Metadata.Component.LicensesDeclared = nil, DeclaredNone
	var out bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&out, s, EncodeOptions{}))
	js := out.String()
	assert.Contains(t, js, `"expression": "Apache-2.0 OR MIT"`)
	assert.Contains(t, js, `"id": "MIT"`)
	assert.Contains(t, js, `"name": "Acme Proprietary Licence"`)
	require.NoError(t, NewValidator().ValidateJSON(context.Background(), strings.NewReader(js), DecodeOptions{}))
	back, err := DecodeCycloneDXJSON(context.Background(), strings.NewReader(js), DecodeOptions{})
	require.NoError(t, err)
	assert.Equal(t, StateNone, back.Metadata.Component.LicenseState())
	assert.Equal(t, s.Components[1].Licenses, back.Components[1].Licenses)
}

func TestEncodeKeepsWhatTheModelDoesNotCarry(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
	 "metadata":{"authors":[{"name":"Jo","phone":"+49 30 1234"}],"supplier":{"name":"Acme","address":{"country":"DE","locality":"Berlin"}}},
	 "components":[{"type":"library","name":"a","version":"1","supplier":{"bom-ref":"acme","name":"Acme","address":{"country":"DE"}},
	   "pedigree":{"notes":"patched"},"evidence":{"occurrences":[{"location":"/lib/a.so"}]}}]}`
	s, err := DecodeCycloneDXJSON(context.Background(), strings.NewReader(doc), DecodeOptions{})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, EncodeCycloneDX(&out, s, EncodeOptions{Compact: true}))
	js := out.String()
	for _, want := range []string{`"phone":"+49 30 1234"`, `"locality":"Berlin"`, `"bom-ref":"acme"`, `"notes":"patched"`, `"location":"/lib/a.so"`} {
		assert.Contains(t, js, want)
	}

	// A supplier changed in the model replaces the source's.
	s.Components[0].Supplier = Party{Name: "Other"}
	out.Reset()
	require.NoError(t, EncodeCycloneDX(&out, s, EncodeOptions{Compact: true}))
	assert.Contains(t, out.String(), `"supplier":{"name":"Other"}`)
	assert.NotContains(t, out.String(), `"bom-ref":"acme"`)
}
