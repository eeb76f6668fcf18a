package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sampleOpenVEX = `{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.invalid/vex/2024-001",
  "author": "Example Device Maker",
  "timestamp": "2024-03-01T10:00:00Z",
  "version": 2,
  "statements": [
    {
      "vulnerability": {"name": "CVE-2019-0210", "aliases": ["GHSA-jq7p-26h5-w78r"]},
      "products": [
        {"@id": "pkg:generic/infusion-pump@3.1",
         "subcomponents": [{"@id": "pkg:golang/github.com/apache/thrift@v0.12.0"}]}
      ],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path",
      "impact_statement": "The JSON protocol of thrift is not used."
    },
    {
      "vulnerability": {"name": "CVE-2020-28483"},
      "timestamp": "2024-03-02T10:00:00Z",
      "products": [{"@id": "gin", "identifiers": {"purl": "pkg:golang/github.com/gin-gonic/gin@v1.5.0"}}],
      "status": "affected",
      "action_statement": "Update gin to 1.7.7 in release 3.2."
    }
  ]
}`

func TestDecodeOpenVEX(t *testing.T) {
	doc, err := DecodeOpenVEX(context.Background(), strings.NewReader(sampleOpenVEX), VEXOptions{})
	require.NoError(t, err)
	assert.Equal(t, VEXFormatOpenVEX, doc.Format)
	assert.Equal(t, "Example Device Maker", doc.Author)
	assert.Equal(t, 2, doc.Version)
	require.Len(t, doc.Statements, 2)
	s0, s1 := doc.Statements[0], doc.Statements[1]
	assert.Equal(t, "CVE-2019-0210", s0.Vulnerability)
	assert.Equal(t, []string{"GHSA-jq7p-26h5-w78r"}, s0.Aliases)
	assert.Equal(t, "pkg:generic/infusion-pump@3.1", s0.Products[0].PURL, "an @id that is a purl is the purl")
	assert.Equal(t, "pkg:golang/github.com/apache/thrift@v0.12.0", s0.Products[0].Subcomponents[0].PURL)
	assert.Equal(t, doc.Timestamp, s0.Timestamp, "statement without timestamp takes the document's")
	assert.Equal(t, time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC), s1.Timestamp)
	assert.Equal(t, "gin", s1.Products[0].ID)
	assert.Equal(t, "pkg:golang/github.com/gin-gonic/gin@v1.5.0", s1.Products[0].PURL)
	assert.Equal(t, "statements[1]", s1.Path)
}

func TestDecodeOpenVEXLegacyStrings(t *testing.T) {
	in := `{"@context":"https://openvex.dev/ns","@id":"x","author":"a","timestamp":"2023-01-01T00:00:00Z","version":1,
	"statements":[{"vulnerability":"CVE-1","products":["pkg:npm/a@1.0.0"],"status":"fixed"}]}`
	doc, err := DecodeOpenVEX(context.Background(), strings.NewReader(in), VEXOptions{})
	require.NoError(t, err)
	assert.Equal(t, "CVE-1", doc.Statements[0].Vulnerability)
	assert.Equal(t, "pkg:npm/a@1.0.0", doc.Statements[0].Products[0].PURL)
}

func TestDecodeOpenVEXErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		sentinel  error
		line, col int
		path      string
	}{
		{"syntax", "{\n  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n  \"statements\": [}\n", ErrVEXSyntax, 3, 18, ""},
		{"wrong type", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"version\": \"two\"}", ErrVEXSyntax, 1, 63, "version"},
		{"not OpenVEX", `{"@context": "https://example.invalid", "statements": []}`, ErrVEXInvalid, 0, 0, "@context"},
		{"bad statement", `{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}, "products": [{"@id": "p"}], "status": "not_affected"}]}`,
			ErrVEXInvalid, 0, 0, "statements[0].justification"},
		{"bad time", `{"@context": "https://openvex.dev/ns/v0.2.0", "timestamp": "today", "statements": []}`, ErrVEXInvalid, 0, 0, "timestamp"},
		{"too deep", `{"@context": [[[[[[[[[[[[1]]]]]]]]]]]]}`, ErrVEXTooLarge, 1, 23, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeOpenVEX(context.Background(), strings.NewReader(tt.in), VEXOptions{MaxDepth: 10})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var ve *VEXError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.line, ve.Line, "line")
			assert.Equal(t, tt.col, ve.Column, "column")
			assert.Equal(t, tt.path, ve.Path)
		})
	}
	_, err := DecodeOpenVEX(context.Background(), strings.NewReader(sampleOpenVEX), VEXOptions{MaxSize: 100})
	assert.ErrorIs(t, err, ErrVEXTooLarge)
	_, err = DecodeOpenVEX(context.Background(), strings.NewReader(`{"@context": "x", "statements": [{"status": "fixed"}]}`), VEXOptions{Name: "vex/a.json"})
	require.Error(t, err)
	for _, line := range strings.Split(err.Error(), "\n") {
		assert.True(t, strings.HasPrefix(line, "vex/a.json: "), line)
	}
}

func TestOpenVEXRoundTrip(t *testing.T) {
	doc, err := DecodeOpenVEX(context.Background(), strings.NewReader(sampleOpenVEX), VEXOptions{})
	require.NoError(t, err)
	var buf bytes.Buffer
	losses, err := EncodeOpenVEX(&buf, doc)
	require.NoError(t, err)
	assert.Empty(t, losses)
	again, err := DecodeOpenVEX(context.Background(), bytes.NewReader(buf.Bytes()), VEXOptions{})
	require.NoError(t, err)
	assert.Equal(t, doc, again)
	var buf2 bytes.Buffer
	_, err = EncodeOpenVEX(&buf2, again)
	require.NoError(t, err)
	assert.Equal(t, buf.String(), buf2.String(), "byte-identical output")
	assert.Contains(t, buf.String(), `"@context": "https://openvex.dev/ns/v0.2.0"`)

	_, err = EncodeOpenVEX(&buf, &VEXDocument{})
	require.Error(t, err)
	for _, f := range []string{"@id", "author", "timestamp"} {
		assert.Contains(t, err.Error(), ": "+f+": ")
	}
}

func TestCycloneDXToOpenVEXReportsLosses(t *testing.T) {
	doc, _ := readCDXVEX(t, "Case-8/vex.json")
	doc.ID, doc.Author, doc.Timestamp = "urn:example:vex", "Example", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	losses, err := EncodeOpenVEX(&buf, doc)
	require.NoError(t, err)
	text := lossText(losses)
	assert.Contains(t, text, "vulnerabilities[0].response: CycloneDX responses [will_not_fix update] have no OpenVEX field")
	assert.Contains(t, text, `version range "vers:generic/>=2.9|<=4.1"`)
	assert.Contains(t, text, `version "2.4" of "urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#product-ABC" needs a package URL`)
	// Nothing widened: no product without its version restriction.
	assert.NotContains(t, buf.String(), "product-ABC\"")
}

func TestCycloneDXVEXRoundTrip(t *testing.T) {
	for _, file := range []string{"Case-1/vex-not_affected.json", "Case-3/vex.json", "Case-8/vex.json"} {
		t.Run(file, func(t *testing.T) {
			doc, _ := readCDXVEX(t, file)
			var buf bytes.Buffer
			_, err := EncodeCycloneDXVEX(&buf, doc)
			require.NoError(t, err)
			again, _, err := DecodeCycloneDXVEX(context.Background(), bytes.NewReader(buf.Bytes()), VEXOptions{})
			require.NoError(t, err)
			require.Len(t, again.Statements, len(doc.Statements))
			for i := range doc.Statements {
				a, b := doc.Statements[i], again.Statements[i]
				assert.Equal(t, a.Status, b.Status)
				assert.Equal(t, a.CDXState, b.CDXState)
				assert.Equal(t, a.CDXJustification, b.CDXJustification)
				assert.Equal(t, a.CDXResponses, b.CDXResponses)
				assert.Equal(t, a.Products, b.Products)
			}
		})
	}
}

func TestOpenVEXToCycloneDXReportsLosses(t *testing.T) {
	doc := &VEXDocument{Statements: []VEXStatement{
		{Vulnerability: "CVE-1", Status: VEXNotAffected, Justification: JustComponentNotPresent,
			Products: []VEXProduct{{ID: "c1"}}},
		{Vulnerability: "CVE-2", Status: VEXNotAffected, Justification: JustInlineMitigationsAlreadyExist,
			ImpactStatement: "ASLR", StatusNotes: "checked", Products: []VEXProduct{{PURL: "pkg:npm/a@1.0.0"}}},
	}}
	var buf bytes.Buffer
	losses, err := EncodeCycloneDXVEX(&buf, doc)
	require.NoError(t, err)
	text := lossText(losses)
	assert.Contains(t, text, "statements[0].justification: component_not_present written as code_not_present")
	assert.Contains(t, text, "statements[1].justification: inline_mitigations_already_exist written as protected_by_mitigating_control")
	assert.Contains(t, text, "statements[1].detail:")
	assert.Contains(t, text, "statements[1].products:")
	again, _, err := DecodeCycloneDXVEX(context.Background(), bytes.NewReader(buf.Bytes()), VEXOptions{})
	require.NoError(t, err)
	assert.Equal(t, JustVulnerableCodeNotPresent, again.Statements[0].Justification)
	assert.Equal(t, "protected_by_mitigating_control", again.Statements[1].CDXJustification)
}

func TestCycloneDXStateLosses(t *testing.T) {
	in := `{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"vulnerabilities":[
	 {"id":"CVE-1","analysis":{"state":"false_positive","detail":"wrong package"},"affects":[{"ref":"a"}]},
	 {"id":"CVE-2","analysis":{"state":"resolved_with_pedigree"},"affects":[{"ref":"a"}]},
	 {"id":"CVE-3","analysis":{"state":"not_affected","justification":"requires_environment"},"affects":[{"ref":"a"}]},
	 {"id":"CVE-4","affects":[{"ref":"a"}]}]}`
	doc, losses, err := DecodeCycloneDXVEX(context.Background(), strings.NewReader(in), VEXOptions{})
	require.NoError(t, err)
	assert.Equal(t, []VEXStatus{VEXNotAffected, VEXFixed, VEXNotAffected, VEXUnderInvestigation},
		[]VEXStatus{doc.Statements[0].Status, doc.Statements[1].Status, doc.Statements[2].Status, doc.Statements[3].Status})
	assert.Equal(t, JustVulnerableCodeCannotBeControlledByAdversary, doc.Statements[2].Justification)
	text := lossText(losses)
	for _, want := range []string{"vulnerabilities[0].analysis.state: false_positive", "vulnerabilities[1].analysis.state: resolved_with_pedigree",
		"vulnerabilities[2].analysis.justification: requires_environment", "vulnerabilities[3].analysis.state: no analysis state"} {
		assert.Contains(t, text, want)
	}

	bad := `{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"exploitable"},"affects":[{"ref":"a"}]}]}`
	doc, _, err = DecodeCycloneDXVEX(context.Background(), strings.NewReader(bad), VEXOptions{})
	require.Error(t, err)
	assert.NotNil(t, doc, "the document is returned with the validation errors")
	assert.Contains(t, err.Error(), "vulnerabilities[0].action_statement: invalid VEX statement: affected needs an action statement")

	_, _, err = DecodeCycloneDXVEX(context.Background(), strings.NewReader("{\"vulnerabilities\": 3}"), VEXOptions{})
	var ve *VEXError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, ErrVEXSyntax)
	assert.Equal(t, 1, ve.Line)
}

func lossText(losses []VEXLoss) string {
	var b strings.Builder
	for _, l := range losses {
		b.WriteString(l.String() + "\n")
	}
	return b.String()
}

func TestVEXCorpusFilesExist(t *testing.T) {
	_, err := os.Stat(filepath.Join("testdata", "vex", "LICENSE-CC0"))
	require.NoError(t, err, "the CC0 licence of the CISA cases is kept beside them")
	_, err = os.Stat(filepath.Join("testdata", "osv", "go", "NOTICE"))
	require.NoError(t, err, "the CC-BY notice of the Go vulnerability database is kept beside it")
}

func TestCycloneDXVEXFutureSpecVersion(t *testing.T) {
	in := `{"bomFormat":"CycloneDX","specVersion":"1.9","version":1,"vulnerabilities":[{"id":"CVE-1","analysis":{"state":"resolved"},"affects":[{"ref":"a"}]}]}`
	doc, losses, err := DecodeCycloneDXVEX(context.Background(), strings.NewReader(in), VEXOptions{})
	require.NoError(t, err)
	require.Len(t, doc.Statements, 1)
	assert.Equal(t, VEXFixed, doc.Statements[0].Status)
	assert.Contains(t, lossText(losses), `specVersion "1.9" is newer than this reader knows; read as 1.7`)

	_, _, err = DecodeCycloneDXVEX(context.Background(), strings.NewReader(`{"bomFormat":"CycloneDX","specVersion":"9.0"}`), VEXOptions{})
	assert.ErrorIs(t, err, ErrVEXSyntax, "an unknown major version is not guessed")
}

func TestCycloneDXVEXFromXML(t *testing.T) {
	for _, file := range []string{"Case-1/vex-not_affected.json", "Case-8/vex.json"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/vex", file))
			require.NoError(t, err)
			var bom cdx.BOM
			require.NoError(t, cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom))
			var xmlDoc bytes.Buffer
			require.NoError(t, cdx.NewBOMEncoder(&xmlDoc, cdx.BOMFileFormatXML).Encode(&bom))
			fromJSON, _ := readCDXVEX(t, file)
			fromXML, _, err := DecodeCycloneDXVEX(context.Background(), bytes.NewReader(xmlDoc.Bytes()), VEXOptions{})
			require.NoError(t, err)
			assert.Equal(t, fromJSON, fromXML)
		})
	}
	_, _, err := DecodeCycloneDXVEX(context.Background(), strings.NewReader("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">\n<vulnerabilities>\n</bom>"), VEXOptions{})
	var ve *VEXError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, 3, ve.Line)
	_, _, err = DecodeCycloneDXVEX(context.Background(), strings.NewReader("<a><b><c><d></d></c></b></a>"), VEXOptions{MaxDepth: 3})
	assert.ErrorIs(t, err, ErrVEXTooLarge)
}

func TestCycloneDXPerVersionStatusToOpenVEX(t *testing.T) {
	in := `{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
	 "metadata":{"timestamp":"2024-01-01T00:00:00Z","component":{"bom-ref":"dev","name":"device","type":"device",
	   "components":[{"bom-ref":"lib","name":"lib","type":"library","purl":"pkg:npm/lib"}]}},
	 "vulnerabilities":[{"id":"CVE-1","analysis":{"state":"exploitable","detail":"update lib"},
	   "affects":[{"ref":"lib","versions":[{"version":"1.0","status":"affected"},{"version":"1.1","status":"unaffected"},
	     {"version":"1.2","status":"unknown"},{"range":"vers:npm/>=2.0.0","status":"affected"}]}]}]}`
	doc, _, err := DecodeCycloneDXVEX(context.Background(), strings.NewReader(in), VEXOptions{})
	require.NoError(t, err)
	st := doc.Statements[0]
	assert.Equal(t, "pkg:npm/lib", st.Products[0].PURL, "the bom-ref resolves to the nested component's purl")
	assert.Equal(t, []VEXStatus{"", VEXNotAffected, VEXUnderInvestigation, ""},
		[]VEXStatus{st.Products[0].Versions[0].Status, st.Products[0].Versions[1].Status, st.Products[0].Versions[2].Status, st.Products[0].Versions[3].Status})

	doc.ID, doc.Author = "urn:example:1", "Example"
	var buf bytes.Buffer
	losses, err := EncodeOpenVEX(&buf, doc)
	require.NoError(t, err)
	out, err := DecodeOpenVEX(context.Background(), bytes.NewReader(buf.Bytes()), VEXOptions{})
	require.NoError(t, err, "the split statements are valid OpenVEX")
	var got []string
	for _, s := range out.Statements {
		got = append(got, string(s.Status)+" "+s.Products[0].PURL)
	}
	assert.Equal(t, []string{"affected pkg:npm/lib@1.0", "under_investigation pkg:npm/lib@1.2", "not_affected pkg:npm/lib@1.1"}, got)
	assert.Equal(t, "update lib", out.Statements[0].ActionStatement)
	assert.Contains(t, out.Statements[2].ImpactStatement, "CycloneDX affects[]")
	text := lossText(losses)
	assert.Contains(t, text, `version range "vers:npm/>=2.0.0" of "lib" cannot be written in OpenVEX; left out`)
	assert.Contains(t, text, "versions with status not_affected written as a statement of their own")
}

func TestVEXEnums(t *testing.T) {
	for _, s := range []VEXStatus{VEXNotAffected, VEXAffected, VEXFixed, VEXUnderInvestigation} {
		assert.True(t, s.Valid(), s)
	}
	for _, j := range []VEXJustification{JustComponentNotPresent, JustVulnerableCodeNotPresent, JustVulnerableCodeNotInExecutePath,
		JustVulnerableCodeCannotBeControlledByAdversary, JustInlineMitigationsAlreadyExist} {
		assert.True(t, j.Valid(), j)
	}
	assert.True(t, VEXFormatOpenVEX.Valid())
	assert.True(t, VEXFormatCycloneDX.Valid())
	for _, bad := range []string{"", "exploitable", "NOT_AFFECTED"} {
		assert.False(t, VEXStatus(bad).Valid(), bad)
		assert.False(t, VEXJustification(bad).Valid(), bad)
		assert.False(t, VEXFormat(bad).Valid(), bad)
	}
}

func TestDecodeOpenVEXByteOrderMark(t *testing.T) {
	doc, err := DecodeOpenVEX(context.Background(), strings.NewReader("\ufeff"+sampleOpenVEX), VEXOptions{})
	require.NoError(t, err)
	assert.Len(t, doc.Statements, 2)
}

// TestCycloneDXVEXOutputIsSchemaValid validates what EncodeCycloneDXVEX
// writes against the official CycloneDX 1.6 JSON schema.
func TestCycloneDXVEXOutputIsSchemaValid(t *testing.T) {
	v := NewValidator()
	docs := []*VEXDocument{}
	for _, file := range []string{"Case-1/vex-affected.json", "Case-3/vex.json", "Case-8/vex.json"} {
		doc, _ := readCDXVEX(t, file)
		docs = append(docs, doc)
	}
	fromOpenVEX, err := DecodeOpenVEX(context.Background(), strings.NewReader(sampleOpenVEX), VEXOptions{})
	require.NoError(t, err)
	docs = append(docs, fromOpenVEX)
	for i, doc := range docs {
		var buf bytes.Buffer
		_, err := EncodeCycloneDXVEX(&buf, doc)
		require.NoError(t, err)
		assert.NoError(t, v.ValidateJSON(context.Background(), bytes.NewReader(buf.Bytes()), DecodeOptions{}), "document %d", i)
	}
	bad := `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"vulnerabilities":[{"id":"CVE-1","analysis":{"state":"bogus"}}]}`
	assert.Error(t, v.ValidateJSON(context.Background(), strings.NewReader(bad), DecodeOptions{}), "the validator does reject")
}
