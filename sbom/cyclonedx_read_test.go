package sbom

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readTestdata(t testing.TB, parts ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, parts...)...))
	require.NoError(t, err)
	return data
}

func TestDecodeCycloneDXRealFiles(t *testing.T) {
	ctx := context.Background()
	jsonDoc, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(readTestdata(t, "sbom", "dropwizard-1.3.15.cdx.json")), DecodeOptions{Name: "dropwizard.json"})
	require.NoError(t, err)
	xmlDoc, err := DecodeCycloneDXXML(ctx, bytes.NewReader(readTestdata(t, "sbom", "dropwizard-1.3.15.cdx.xml")), DecodeOptions{Name: "dropwizard.xml"})
	require.NoError(t, err)

	for _, s := range []*SBOM{jsonDoc, xmlDoc} {
		assert.Equal(t, FormatCycloneDX, s.Format)
		assert.Equal(t, "1.2", s.SpecVersion)
		assert.Len(t, s.Components, 167)
		require.NotNil(t, s.Metadata.Component)
		assert.Equal(t, "dropwizard-parent", s.Metadata.Component.Name)
		c := s.Components[0]
		assert.Equal(t, "jackson-annotations", c.Name)
		assert.Equal(t, "com.fasterxml.jackson.core", c.Group)
		assert.Equal(t, Known("2.9.10"), c.Version)
		assert.Equal(t, "pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar", c.PURL)
		assert.Contains(t, c.Hashes, Hash{Alg: "SHA-1", Content: "53ab2f0f92e87ea4874c8c6997335c211d81e636"})
		assert.Equal(t, "components[0]", c.Origin.Path)
		p, err := c.ParsePURL()
		require.NoError(t, err)
		assert.Equal(t, "maven", p.Type)
		assert.Equal(t, "com.fasterxml.jackson.core", p.Namespace)
		assert.Equal(t, "2.9.10", p.Version)
	}
	assert.Equal(t, "dropwizard.json", jsonDoc.Components[0].Origin.Document)
	assert.Equal(t, len(jsonDoc.Dependencies), len(xmlDoc.Dependencies))
	assert.Equal(t, jsonDoc.Metadata.Timestamp, xmlDoc.Metadata.Timestamp)

	laravel, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(readTestdata(t, "sbom", "laravel-7.12.0.cdx-1.4.json")), DecodeOptions{})
	require.NoError(t, err)
	assert.Equal(t, "1.4", laravel.SpecVersion)
	assert.Len(t, laravel.Components, 62)
	c := laravel.Components[0]
	assert.Equal(t, []string{"MIT"}, c.Licenses)
	assert.Equal(t, StatePresent, c.LicenseState())
	assert.Equal(t, []Contact{{Name: "Alexander"}}, c.Authors)
	assert.Equal(t, laravel.SerialNumber, c.Origin.Document, "without a name the serial number names the document")
}

func TestDecodeErrors(t *testing.T) {
	ctx := context.Background()
	valid := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1}`
	tests := []struct {
		name     string
		input    string
		xml      bool
		opts     DecodeOptions
		sentinel error
		contains string
	}{
		{"truncated", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [", false, DecodeOptions{Name: "t.json"}, ErrSyntax, "t.json:3:"},
		{"bad type", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\n\"version\":\"one\"}", false, DecodeOptions{}, ErrSyntax, "2:"},
		{"unknown version", `{"bomFormat":"CycloneDX","specVersion":"9.9"}`, false, DecodeOptions{}, ErrUnsupportedSpecVersion, `"9.9"`},
		{"old version", `{"bomFormat":"CycloneDX","specVersion":"1.1"}`, false, DecodeOptions{}, ErrUnsupportedSpecVersion, `1.1`},
		{"wrong format", `{"bomFormat":"SPDX","specVersion":"1.6"}`, false, DecodeOptions{}, ErrWrongFormat, "bomFormat"},
		{"too deep", `{"a":[[[[[[[[[[1]]]]]]]]]]}`, false, DecodeOptions{MaxDepth: 5}, ErrTooDeep, "1:"},
		{"too large", valid, false, DecodeOptions{MaxBytes: 10}, ErrTooLarge, "10 bytes"},
		{"xml truncated", "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>", true, DecodeOptions{Name: "t.xml"}, ErrSyntax, "t.xml:3:"},
		{"xml unknown namespace", `<bom xmlns="http://cyclonedx.org/schema/bom/2.0"/>`, true, DecodeOptions{}, ErrUnsupportedSpecVersion, `"2.0"`},
		{"xml foreign root", `<project xmlns="http://cyclonedx.org/schema/bom/1.6"/>`, true, DecodeOptions{}, ErrWrongFormat, "<project>"},
		{"xml too deep", `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><a><b><c/></b></a></bom>`, true, DecodeOptions{MaxDepth: 2}, ErrTooDeep, "1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := DecodeCycloneDXJSON
			if tt.xml {
				dec = DecodeCycloneDXXML
			}
			s, err := dec(ctx, strings.NewReader(tt.input), tt.opts)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, err.Error(), tt.contains)
		})
	}
	t.Run("valid minimal", func(t *testing.T) {
		s, err := DecodeCycloneDXJSON(ctx, strings.NewReader(valid), DecodeOptions{})
		require.NoError(t, err)
		assert.Equal(t, "1.6", s.SpecVersion)
	})
	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := DecodeCycloneDXJSON(cctx, strings.NewReader(valid), DecodeOptions{})
		assert.True(t, errors.Is(err, context.Canceled))
	})
}

func TestDeclaredUnknownCycloneDX(t *testing.T) {
	doc := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
	 {"type":"library","name":"a","version":"NOASSERTION","supplier":{"name":"NOASSERTION"},"licenses":[{"license":{"name":"NOASSERTION"}}]},
	 {"type":"library","name":"b"}]}`
	s, err := DecodeCycloneDXJSON(context.Background(), strings.NewReader(doc), DecodeOptions{})
	require.NoError(t, err)
	a, b := s.Components[0], s.Components[1]
	assert.Equal(t, StateUnknown, a.Version.State())
	assert.Equal(t, StateUnknown, a.Supplier.State())
	assert.Equal(t, StateUnknown, a.LicenseState())
	assert.Equal(t, StateMissing, b.Version.State())
	assert.Equal(t, StateMissing, b.Supplier.State())
	assert.Equal(t, StateMissing, b.LicenseState())
}

func TestDecodeSPDX(t *testing.T) {
	s, err := DecodeSPDXJSON(context.Background(), bytes.NewReader(readTestdata(t, "spdx", "device-2.3.spdx.json")), DecodeOptions{Name: "device.spdx.json"})
	require.NoError(t, err)
	assert.Equal(t, FormatSPDX, s.Format)
	assert.Equal(t, "SPDX-2.3", s.SpecVersion)
	assert.Equal(t, "2026-03-01T10:00:00Z", s.Metadata.Timestamp)
	require.Len(t, s.Metadata.Authors, 1)
	assert.Equal(t, "Example Medical", s.Metadata.Authors[0].Name)
	assert.Equal(t, "sbom@example.com", s.Metadata.Authors[0].Email())
	assert.Equal(t, []Tool{{Name: "example-sbom-tool", Version: "1.4.2"}}, s.Metadata.Tools)
	require.NotNil(t, s.Metadata.Component)
	assert.Equal(t, "pump-firmware", s.Metadata.Component.Name)
	assert.Equal(t, TypeFirmware, s.Metadata.Component.Type)
	require.Len(t, s.Components, 3)

	zlib, free, blob := s.Components[0], s.Components[1], s.Components[2]
	assert.Equal(t, "SPDXRef-zlib", zlib.BOMRef)
	assert.Equal(t, "pkg:generic/zlib@1.3.1", zlib.PURL)
	assert.Equal(t, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*", zlib.CPE)
	assert.Equal(t, []Hash{{Alg: "SHA-256", Content: "9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23"}}, zlib.Hashes)
	assert.Equal(t, "zlib project", zlib.Supplier.Name)
	assert.Equal(t, []string{"Zlib"}, zlib.Licenses)
	assert.Equal(t, "2030-12-31T00:00:00Z", zlib.Support.EndOfSupport)
	assert.Equal(t, Origin{Document: "device.spdx.json", Format: FormatSPDX, Path: "packages[1]"}, zlib.Origin)

	assert.Equal(t, StateUnknown, free.Supplier.State())
	assert.Equal(t, StateUnknown, free.LicenseState())
	assert.Equal(t, StatePresent, free.Version.State())
	assert.Equal(t, StateMissing, blob.Version.State())
	assert.Equal(t, StateNone, blob.LicenseState())
	assert.Equal(t, StateMissing, blob.Supplier.State())

	deps, ok := s.DependsOn("SPDXRef-pump")
	require.True(t, ok)
	assert.Equal(t, []string{"SPDXRef-zlib", "SPDXRef-freertos", "SPDXRef-blob"}, deps)
	deps, ok = s.DependsOn("SPDXRef-zlib")
	assert.True(t, ok)
	assert.Empty(t, deps)
	assert.Equal(t, []Composition{
		{Aggregate: AggregateComplete, Dependencies: []string{"SPDXRef-zlib"}},
		{Aggregate: AggregateUnknown, Dependencies: []string{"SPDXRef-freertos"}},
	}, s.Compositions)
}

func TestDecodeSPDXErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		in       string
		sentinel error
	}{
		"version":   {`{"spdxVersion":"SPDX-3.0"}`, ErrUnsupportedSpecVersion},
		"missing":   {`{"name":"x"}`, ErrWrongFormat},
		"truncated": {`{"spdxVersion":"SPDX-2.3",`, ErrSyntax},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeSPDXJSON(context.Background(), strings.NewReader(tc.in), DecodeOptions{})
			assert.ErrorIs(t, err, tc.sentinel)
		})
	}
}

func TestDecodeDetects(t *testing.T) {
	ctx := context.Background()
	for file, want := range map[string]Format{
		"sbom/dropwizard-1.3.15.cdx.json": FormatCycloneDX,
		"sbom/dropwizard-1.3.15.cdx.xml":  FormatCycloneDX,
		"spdx/device-2.3.spdx.json":       FormatSPDX,
	} {
		s, err := Decode(ctx, bytes.NewReader(readTestdata(t, strings.Split(file, "/")...)), DecodeOptions{})
		require.NoError(t, err, file)
		assert.Equal(t, want, s.Format, file)
	}
}

func TestDecodeErrorText(t *testing.T) {
	for _, tt := range []struct {
		err  DecodeError
		want string
	}{
		{DecodeError{Name: "a.json", Line: 3, Column: 7, Path: "components[1].version", Detail: "bad"}, "a.json:3:7: components[1].version: bad"},
		{DecodeError{Name: "a.xml", Line: 9, Detail: "bad"}, "a.xml:9: bad"},
		{DecodeError{Line: 2, Column: 1, Detail: "bad"}, "2:1: bad"},
		{DecodeError{Detail: "bad"}, "bad"},
	} {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	err := errorAt([]byte("ab\ncd\nef"), "x.json", 4, ErrSyntax, "bad")
	assert.Equal(t, [2]int{2, 2}, [2]int{err.Line, err.Column})
}
