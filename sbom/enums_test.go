package sbom

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumsValid(t *testing.T) {
	type enum interface{ Valid() bool }
	for _, tt := range []struct {
		good []enum
		bad  []enum
	}{
		{[]enum{FormatCycloneDX, FormatSPDX, FormatSOUP}, []enum{Format(""), Format("SWID")}},
		{[]enum{DeclaredUnknown, DeclaredNone}, []enum{Declaration(""), Declaration("unknown")}},
		{[]enum{StatePresent, StateUnknown, StateNone, StateMissing}, []enum{ValueState("")}},
		{[]enum{TypeLibrary, TypeCryptographicAsset, TypeMachineLearningModel}, []enum{ComponentType(""), ComponentType("foo")}},
		{[]enum{ScopeRequired, ScopeOptional, ScopeExcluded}, []enum{Scope(""), Scope("runtime")}},
		{[]enum{FieldName, FieldManufacturer, FieldSupport}, []enum{Field(""), Field("colour")}},
		{[]enum{AggregateComplete, AggregateNotSpecified, AggregateIncompleteThirdPartyOpensourceOnly}, []enum{Aggregate(""), Aggregate("done")}},
		{[]enum{SupportActive, SupportNoLonger, SupportAbandoned, SupportUnknown}, []enum{SupportLevel(""), SupportLevel("maybe")}},
		{[]enum{ChangeAdded, ChangeRemoved, ChangeUpgraded, ChangeDowngraded, ChangeVersion, ChangeModified}, []enum{ChangeKind("")}},
		{[]enum{ScopeComponent, ScopeDocument}, []enum{CheckScope("")}},
	} {
		for _, g := range tt.good {
			assert.True(t, g.Valid(), "%v", g)
		}
		for _, b := range tt.bad {
			assert.False(t, b.Valid(), "%q", b)
		}
	}
	for in, want := range map[string]SupportLevel{"Actively Maintained": SupportActive, "no_longer_maintained": SupportNoLonger, "NOASSERTION": SupportUnknown} {
		got, ok := ParseSupportLevel(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	_, ok := ParseSupportLevel("sometimes")
	assert.False(t, ok)
}

func TestSchemaErrorText(t *testing.T) {
	err := NewValidator().ValidateJSON(context.Background(), bytes.NewReader(readTestdata(t, "cyclonedx-spec", "1.6", "invalid-scope-1.6.json")), DecodeOptions{Name: "scope.json"})
	var se *SchemaError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "1.6", se.SpecVersion)
	assert.True(t, strings.HasPrefix(err.Error(), "scope.json: CycloneDX 1.6 schema: "), err.Error())
	assert.Contains(t, err.Error(), "/components/0/scope")
}

func TestEncodeModelOnlyMetadata(t *testing.T) {
	s := &SBOM{Format: FormatSPDX, SpecVersion: "SPDX-2.3", SerialNumber: "https://example.com/doc",
		Metadata: Metadata{Timestamp: "2026-01-01T00:00:00Z", Lifecycles: []string{"build", "field trial"},
			Tools: []Tool{{Vendor: "Acme", Name: "sbom-tool", Version: "1.0"}}},
		Components: []Component{{Name: "a", Version: Known("1")}}}
	for _, ver := range []string{"1.4", "1.6"} {
		var out bytes.Buffer
		require.NoError(t, EncodeCycloneDX(&out, s, EncodeOptions{SpecVersion: ver, Compact: true}))
		require.NoError(t, NewValidator().ValidateJSON(context.Background(), bytes.NewReader(out.Bytes()), DecodeOptions{}), ver)
		back, err := DecodeCycloneDXJSON(context.Background(), &out, DecodeOptions{})
		require.NoError(t, err)
		assert.Equal(t, s.Metadata.Tools[0].Name, back.Metadata.Tools[0].Name, ver)
		assert.Equal(t, cdxSerialNumber("https://example.com/doc"), back.SerialNumber)
		assert.True(t, strings.HasPrefix(back.SerialNumber, "urn:uuid:"))
		if ver == "1.6" {
			assert.Equal(t, []string{"build", "field trial"}, back.Metadata.Lifecycles)
		}
	}
}
