package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readCDXVEX(t *testing.T, path string) (*VEXDocument, []VEXLoss) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata/vex", path))
	require.NoError(t, err)
	defer f.Close()
	doc, losses, err := DecodeCycloneDXVEX(context.Background(), f, VEXOptions{})
	require.NoError(t, err, path)
	return doc, losses
}

func TestCISACase1Statuses(t *testing.T) {
	tests := []struct {
		file   string
		status VEXStatus
		check  func(t *testing.T, st VEXStatement)
	}{
		{"Case-1/vex-affected.json", VEXAffected, func(t *testing.T, st VEXStatement) {
			assert.Contains(t, st.ActionStatement, "advised to upgrade")
			assert.Equal(t, []string{"will_not_fix", "update"}, st.CDXResponses)
		}},
		{"Case-1/vex-fixed.json", VEXFixed, func(t *testing.T, st VEXStatement) {
			assert.Contains(t, st.StatusNotes, "has been fixed")
		}},
		{"Case-1/vex-not_affected.json", VEXNotAffected, func(t *testing.T, st VEXStatement) {
			assert.Equal(t, JustVulnerableCodeNotPresent, st.Justification)
			assert.Equal(t, "code_not_present", st.CDXJustification)
			assert.Contains(t, st.ImpactStatement, "removed before shipping")
		}},
		{"Case-1/vex-under_investigation.json", VEXUnderInvestigation, func(t *testing.T, st VEXStatement) {
			assert.Equal(t, "in_triage", st.CDXState)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, _ := readCDXVEX(t, tt.file)
			require.Len(t, doc.Statements, 1)
			st := doc.Statements[0]
			assert.Equal(t, "CVE-2021-44228", st.Vulnerability)
			assert.Equal(t, tt.status, st.Status)
			require.Len(t, st.Products, 1)
			assert.Equal(t, "vulnerabilities[0]", st.Path)
			assert.Equal(t, time.Date(2022, 3, 3, 0, 0, 0, 0, time.UTC), st.Timestamp, "statement time from the document")
			tt.check(t, st)
		})
	}
}

func TestCISACasesAllRead(t *testing.T) {
	files, err := filepath.Glob("testdata/vex/Case-*/*.json")
	require.NoError(t, err)
	require.Len(t, files, 15)
	total := 0
	for _, f := range files {
		doc, _ := readCDXVEX(t, strings.TrimPrefix(f, "testdata/vex/"))
		assert.Equal(t, VEXFormatCycloneDX, doc.Format)
		total += len(doc.Statements)
	}
	assert.Equal(t, 4+19+19+1+1+2+4+8, total)
}

func TestCISACase2Justification(t *testing.T) {
	doc, losses := readCDXVEX(t, "Case-2/vex.json")
	require.Len(t, doc.Statements, 19)
	for _, st := range doc.Statements {
		assert.Equal(t, VEXNotAffected, st.Status)
		assert.Equal(t, JustVulnerableCodeNotInExecutePath, st.Justification)
	}
	assert.Empty(t, losses, "code_not_reachable maps exactly")
}

// vexReport builds a report with one result per version of a product,
// each matching the given vulnerabilities.
func vexReport(bomRef string, versions []string, vulns ...string) *MatchReport {
	rep := &MatchReport{}
	for _, v := range versions {
		r := ComponentResult{Component: bomRef, BOMRef: bomRef, Version: v, Assessment: AssessedAffected}
		for _, id := range vulns {
			r.Matches = append(r.Matches, Match{Vulnerability: id})
		}
		rep.Results = append(rep.Results, r)
	}
	return rep
}

func outcomes(app *VEXApplication, vuln string) map[string]string {
	out := map[string]string{}
	for _, r := range app.Report.Results {
		for _, m := range r.Matches {
			if m.Vulnerability != vuln {
				continue
			}
			s := VEXUnstated
			if m.VEX != nil {
				s = string(m.VEX.Status)
			}
			out[r.Version] = s
		}
	}
	return out
}

func TestCISACase8AppliedPerVersion(t *testing.T) {
	doc, _ := readCDXVEX(t, "Case-8/vex.json")
	abc := vexReport("product-ABC", []string{"2.0", "2.4", "2.5", "2.6", "2.8", "3.0", "4.1", "4.2", "4.5"}, "CVE-2021-44228", "CVE-2021-45105")
	app := ApplyVEX(abc, VEXApplyOptions{SerialNumber: "urn:uuid:cbb2cd68-2857-43b8-a10b-e8c03d277d18", Version: 1}, doc)
	want := map[string]string{"2.0": "not_affected", "2.4": "affected", "2.5": "not_affected", "2.6": "affected",
		"2.8": "not_affected", "3.0": "affected", "4.1": "affected", "4.2": "not_affected", "4.5": VEXUnstated}
	assert.Equal(t, want, outcomes(app, "CVE-2021-44228"))
	assert.Equal(t, want, outcomes(app, "CVE-2021-45105"))
	assert.Equal(t, []Unstated{{"product-ABC", "CVE-2021-44228"}, {"product-ABC", "CVE-2021-45105"}}, app.Unstated)

	jkl := vexReport("product-JKL", []string{"4.4", "4.7", "5.1", "5.2"}, "CVE-2021-44228", "CVE-2021-45105")
	app = ApplyVEX(jkl, VEXApplyOptions{SerialNumber: "urn:uuid:e4c3eedc-4978-470c-ad02-6ffff63738ff"}, doc)
	assert.Equal(t, map[string]string{"4.4": "not_affected", "4.7": "affected", "5.1": "fixed", "5.2": "fixed"},
		outcomes(app, "CVE-2021-44228"))
	assert.Equal(t, map[string]string{"4.4": "not_affected", "4.7": "affected", "5.1": "affected", "5.2": "fixed"},
		outcomes(app, "CVE-2021-45105"), "5.2: the later resolved statement wins over the not_affected one")
	assert.Empty(t, app.Unstated)
	m := app.Report.Results[1].Matches[0]
	require.NotNil(t, m.VEX)
	assert.Equal(t, "vulnerabilities[0]", m.VEX.Statement)
	assert.Contains(t, m.VEX.ActionStatement, "advised to upgrade")

	// A BOM-Link to another SBOM does not apply.
	app = ApplyVEX(jkl, VEXApplyOptions{SerialNumber: "urn:uuid:cbb2cd68-2857-43b8-a10b-e8c03d277d18"}, doc)
	assert.Len(t, app.Unstated, 8)
	assert.Len(t, app.Unused, len(doc.Statements))
	assert.Nil(t, jkl.Results[0].Matches[0].VEX, "the input report is not changed")
}

func TestCISACase1AppliedByBOMRef(t *testing.T) {
	na, _ := readCDXVEX(t, "Case-1/vex-not_affected.json")
	aff, _ := readCDXVEX(t, "Case-1/vex-affected.json")
	rep := vexReport("product-ABC", []string{"4.2"}, "CVE-2021-44228")
	rep.Results = append(rep.Results, vexReport("product-DEF", []string{"1.0"}, "CVE-2021-44228").Results...)
	rep.Results = append(rep.Results, vexReport("product-XYZ", []string{"1.0"}, "CVE-2021-44228").Results...)
	app := ApplyVEX(rep, VEXApplyOptions{}, na, aff)
	got := map[string]string{}
	for _, r := range app.Report.Results {
		s := VEXUnstated
		if v := r.Matches[0].VEX; v != nil {
			s = string(v.Status)
		}
		got[r.Component] = s
	}
	assert.Equal(t, map[string]string{"product-ABC": "not_affected", "product-DEF": "affected", "product-XYZ": VEXUnstated}, got)
}

func TestVEXAppliesByPURLAndAlias(t *testing.T) {
	rep := &MatchReport{Results: []ComponentResult{{
		Component: "pkg:golang/github.com/apache/thrift@v0.12.0", PURL: "pkg:golang/github.com/apache/thrift@v0.12.0",
		Version: "v0.12.0", Ecosystem: "Go", Assessment: AssessedAffected,
		Matches: []Match{{Vulnerability: "CVE-2019-0210", Aliases: []string{"GHSA-jq7p-26h5-w78r", "GO-2021-0101"}}},
	}}}
	tests := []struct {
		name string
		st   VEXStatement
		want bool
	}{
		{"unversioned purl, alias ID", VEXStatement{Vulnerability: "GO-2021-0101", Status: VEXNotAffected, Justification: JustVulnerableCodeNotInExecutePath,
			Products: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift"}}}, true},
		{"versioned purl without v", VEXStatement{Vulnerability: "CVE-2019-0210", Status: VEXFixed,
			Products: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift@0.12.0"}}}, true},
		{"other version", VEXStatement{Vulnerability: "CVE-2019-0210", Status: VEXFixed,
			Products: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift@v0.13.0"}}}, false},
		{"statement alias", VEXStatement{Vulnerability: "OSV-X", Aliases: []string{"GHSA-jq7p-26h5-w78r"}, Status: VEXUnderInvestigation,
			Products: []VEXProduct{{ID: "pkg:golang/github.com/apache/thrift@v0.12.0"}}}, true},
		{"subcomponent of the device", VEXStatement{Vulnerability: "CVE-2019-0210", Status: VEXNotAffected, ImpactStatement: "not used",
			Products: []VEXProduct{{ID: "device", Subcomponents: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift"}}}}}, true},
		{"other vulnerability", VEXStatement{Vulnerability: "CVE-2000-1", Status: VEXFixed,
			Products: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift"}}}, false},
		{"other package", VEXStatement{Vulnerability: "CVE-2019-0210", Status: VEXFixed,
			Products: []VEXProduct{{PURL: "pkg:golang/github.com/apache/thrift2"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &VEXDocument{Format: VEXFormatOpenVEX, Statements: []VEXStatement{tt.st}}
			require.NoError(t, doc.Validate())
			app := ApplyVEX(rep, VEXApplyOptions{}, doc)
			v := app.Report.Results[0].Matches[0].VEX
			if !tt.want {
				assert.Nil(t, v)
				assert.Len(t, app.Unstated, 1)
				return
			}
			require.NotNil(t, v)
			assert.Equal(t, tt.st.Status, v.Status)
		})
	}
}

func TestVEXLatestStatementWins(t *testing.T) {
	rep := vexReport("c", []string{"1.0"}, "CVE-1")
	st := func(status VEXStatus, at time.Time) VEXStatement {
		return VEXStatement{Vulnerability: "CVE-1", Status: status, Timestamp: at, Products: []VEXProduct{{ID: "c"}},
			Justification:   map[bool]VEXJustification{true: JustComponentNotPresent}[status == VEXNotAffected],
			ActionStatement: map[bool]string{true: "update"}[status == VEXAffected]}
	}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	newer := &VEXDocument{Statements: []VEXStatement{st(VEXNotAffected, t0.Add(time.Hour))}}
	older := &VEXDocument{Statements: []VEXStatement{st(VEXAffected, t0)}}
	for _, order := range [][]*VEXDocument{{newer, older}, {older, newer}} {
		app := ApplyVEX(rep, VEXApplyOptions{}, order...)
		assert.Equal(t, VEXNotAffected, app.Report.Results[0].Matches[0].VEX.Status)
	}
}

func TestVEXValidationNamesStatementAndField(t *testing.T) {
	doc := &VEXDocument{Statements: []VEXStatement{
		{Vulnerability: "CVE-1", Status: VEXNotAffected, Products: []VEXProduct{{ID: "p"}}},
		{Vulnerability: "CVE-2", Status: VEXAffected, Products: []VEXProduct{{ID: "p"}}},
		{Vulnerability: "CVE-3", Status: VEXFixed, Justification: JustComponentNotPresent, Products: []VEXProduct{{ID: "p"}}},
		{Vulnerability: "CVE-4", Status: "exploitable", Products: []VEXProduct{{ID: "p"}}},
		{Vulnerability: "", Status: VEXFixed},
		{Vulnerability: "CVE-6", Status: VEXUnderInvestigation, ActionStatement: "patch", Products: []VEXProduct{{}}},
		{Vulnerability: "CVE-7", Status: VEXNotAffected, Justification: "because", Products: []VEXProduct{{ID: "p"}}},
		{Vulnerability: "CVE-8", Status: VEXNotAffected, ImpactStatement: "not reachable", Products: []VEXProduct{{ID: "p"}}},
	}}
	err := doc.Validate()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrVEXInvalid)
	var paths []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ve *VEXError
		require.True(t, errors.As(e, &ve))
		paths = append(paths, ve.Path)
	}
	assert.Equal(t, []string{
		"statements[0].justification", "statements[1].action_statement", "statements[2].justification",
		"statements[3].status", "statements[4].vulnerability", "statements[4].products",
		"statements[5].products[0]", "statements[5].action_statement", "statements[6].justification",
	}, paths)
}

func TestApplyVEXSkipsInvalidStatements(t *testing.T) {
	rep := vexReport("c", []string{"1.0"}, "CVE-1")
	doc := &VEXDocument{ID: "vex-1", Statements: []VEXStatement{
		{Vulnerability: "CVE-1", Status: VEXNotAffected, Products: []VEXProduct{{ID: "c"}}},
	}}
	app := ApplyVEX(rep, VEXApplyOptions{}, doc)
	assert.Nil(t, app.Report.Results[0].Matches[0].VEX, "a not_affected without justification does not silence the match")
	assert.Len(t, app.Unstated, 1)
	require.Len(t, app.Invalid, 1)
	assert.Equal(t, "vex-1: statements[0].justification: invalid VEX statement: not_affected needs a justification or an impact statement", app.Invalid[0])
	assert.Empty(t, app.Unused)
}

func TestCISACase3EveryStateApplied(t *testing.T) {
	data, err := os.ReadFile("testdata/vex/Case-3/vex.json")
	require.NoError(t, err)
	var raw struct {
		Vulnerabilities []struct {
			ID       string `json:"id"`
			Analysis struct {
				State string `json:"state"`
			} `json:"analysis"`
		} `json:"vulnerabilities"`
	}
	require.NoError(t, json.Unmarshal(data, &raw))
	// Reference §8 mapping, written out independently of the package.
	stateToStatus := map[string]string{"in_triage": "under_investigation", "not_affected": "not_affected",
		"exploitable": "affected", "resolved": "fixed"}
	var ids []string
	want := map[string]string{}
	for _, v := range raw.Vulnerabilities {
		ids = append(ids, v.ID)
		want[v.ID] = stateToStatus[v.Analysis.State]
	}
	doc, _ := readCDXVEX(t, "Case-3/vex.json")
	app := ApplyVEX(vexReport("product-GHI", []string{"17.4"}, ids...), VEXApplyOptions{}, doc)
	got := map[string]string{}
	for _, m := range app.Report.Results[0].Matches {
		require.NotNil(t, m.VEX, m.Vulnerability)
		got[m.Vulnerability] = string(m.VEX.Status)
	}
	assert.Equal(t, want, got)
	assert.Empty(t, app.Unstated)
	assert.Empty(t, app.Unused)
}

func TestCISACases4to6(t *testing.T) {
	tests := []struct {
		file, product string
		want          map[string]string // version → status
	}{
		{"Case-4/vex.json", "product-ABC", map[string]string{"2.4": "affected", "3.5": "affected", "2.5": VEXUnstated}},
		{"Case-5/vex.json", "product-XYZ", map[string]string{"1.0": "under_investigation"}},
		{"Case-6/vex.json", "product-ABC", map[string]string{"2.4": "affected", "2.5": "not_affected", "1.7": "not_affected",
			"4.0": "affected", "4.2": "not_affected", "5.0": VEXUnstated}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, _ := readCDXVEX(t, tt.file)
			var versions []string
			for v := range tt.want {
				versions = append(versions, v)
			}
			app := ApplyVEX(vexReport(tt.product, versions, "CVE-2021-44228"), VEXApplyOptions{}, doc)
			assert.Equal(t, tt.want, outcomes(app, "CVE-2021-44228"))
		})
	}
}

func TestProductWideVEX(t *testing.T) {
	log4j := &MatchReport{Results: []ComponentResult{{
		Component: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", BOMRef: "log4j",
		PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Version: "2.14.1", Ecosystem: "Maven",
		Assessment: AssessedAffected, Matches: []Match{{Vulnerability: "CVE-2021-44228", Aliases: []string{"GHSA-jfh8-c2jp-5v3q"}}},
	}}}
	na, _ := readCDXVEX(t, "Case-1/vex-not_affected.json") // product ABC 4.2: not_affected, code_not_present
	case6, _ := readCDXVEX(t, "Case-6/vex.json")           // product ABC: affected in 2.4, not_affected in 2.5

	status := func(app *VEXApplication) (string, bool) {
		v := app.Report.Results[0].Matches[0].VEX
		if v == nil {
			return VEXUnstated, false
		}
		return string(v.Status), v.ProductWide
	}
	abc := func(version string) *Component {
		return &Component{BOMRef: "product-ABC", Name: "ABC", Version: Known(version)}
	}

	got, wide := status(ApplyVEX(log4j, VEXApplyOptions{}, na))
	assert.Equal(t, VEXUnstated, got, "without the product, a product statement does not reach the component")
	assert.False(t, wide)

	got, wide = status(ApplyVEX(log4j, VEXApplyOptions{Product: abc("4.2")}, na))
	assert.Equal(t, "not_affected", got)
	assert.True(t, wide)

	got, _ = status(ApplyVEX(log4j, VEXApplyOptions{Product: abc("2.4")}, case6))
	assert.Equal(t, "affected", got, "the product version selects the statement")
	got, _ = status(ApplyVEX(log4j, VEXApplyOptions{Product: abc("2.5")}, case6))
	assert.Equal(t, "not_affected", got)

	specific := &VEXDocument{Statements: []VEXStatement{{Vulnerability: "GHSA-jfh8-c2jp-5v3q", Status: VEXAffected,
		ActionStatement: "update log4j", Timestamp: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		Products: []VEXProduct{{PURL: "pkg:maven/org.apache.logging.log4j/log4j-core"}}}}}
	got, wide = status(ApplyVEX(log4j, VEXApplyOptions{Product: abc("4.2")}, na, specific))
	assert.Equal(t, "affected", got, "a statement naming the component wins over a product-wide one, even an older one")
	assert.False(t, wide)
}

func TestCISACase8ApplicationGolden(t *testing.T) {
	doc, _ := readCDXVEX(t, "Case-8/vex.json")
	rep := vexReport("product-JKL", []string{"4.4", "4.7", "5.1", "5.2", "6.0"}, "CVE-2021-44228", "CVE-2021-45105")
	rep.Format = MatchReportFormat
	app := ApplyVEX(rep, VEXApplyOptions{SerialNumber: "urn:uuid:e4c3eedc-4978-470c-ad02-6ffff63738ff", Version: 1}, doc)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(app))
	golden := filepath.Join("testdata", "vex", "case-8-application.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), buf.String())
	assert.Equal(t, []Unstated{{"product-JKL", "CVE-2021-44228"}, {"product-JKL", "CVE-2021-45105"}}, app.Unstated, "6.0 is in no statement")
}
