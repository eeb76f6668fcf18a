package lifecycle

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func TestLoadProjectDirectory(t *testing.T) {
	ws, err := Load(context.Background(), os.DirFS("testdata/project"), LoadOptions{})
	require.NoError(t, err)
	p := ws.Project
	assert.Equal(t, "Syringe pump controller (loader fixture)", ws.Manifest.Name)
	assert.Equal(t, []string{"records/requirements.yaml", "records/risk/hazards.yaml", "records/risk/plan.json", "records/system.yaml"}, ws.Files,
		"record files are read in path order")
	assert.Equal(t, trace.ID("SYS-PUMP"), p.System.ID)
	assert.Equal(t, trace.Position{File: "records/system.yaml", Line: 2, Column: 3}, p.System.Pos)
	require.Len(t, p.Requirements, 1)
	assert.Equal(t, trace.Position{File: "records/requirements.yaml", Line: 5, Column: 5}, p.Requirements[0].Pos)
	require.NotNil(t, p.Risk, "the risk file is merged from two fragments")
	assert.Equal(t, trace.ID("RMP-1"), p.Risk.Plan.ID)
	assert.Len(t, p.Risk.Hazards, 1)
	assert.Len(t, p.Risk.Controls, 1)
	assert.Equal(t, "records/risk/plan.json", p.Risk.Plan.Pos.File)

	require.Len(t, ws.SBOMs, 1)
	assert.Len(t, ws.SBOMs[0].Components, 2)
	require.Len(t, ws.Advisories, 1)
	assert.Equal(t, "GO-2020-0001", ws.Advisories[0].ID)

	require.Len(t, ws.Imports, 1)
	require.Len(t, p.Results, 1, "imported results join the project")
	assert.Equal(t, Pass, p.Results[0].Outcome)
	assert.Equal(t, trace.ID("TC-1"), p.Results[0].Test)
	assert.Equal(t, "2.1.0", p.Results[0].Version)

	assert.Equal(t, ws.SBOMs, p.SBOMs, "the SBOMs join the project")
	app, err := ws.Match(context.Background())
	require.NoError(t, err)
	require.NotNil(t, p.Vulnerabilities)
	counts := p.Vulnerabilities.Counts()
	assert.Equal(t, 1, counts[sbom.AssessedAffected], "gin v1.5.0 is affected by GO-2020-0001")
	assert.Equal(t, 1, counts[sbom.NotAssessed], "the RTOS has no purl: not assessed, never clean")
	assert.Len(t, app.Unstated, 1, "no VEX statement covers the match")

	g, err := p.Graph()
	require.NoError(t, err, "the fixture's thread links resolve")
	assert.True(t, g.Has("HS-1"))
	assert.True(t, g.Has("TC-1@2.1.0"))
}

func TestLoadReportsEveryProblem(t *testing.T) {
	fsys := fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: broken\nrecords: [a.yaml, b.yaml, missing/*.yaml]\nsboms: [none.json]\n")},
		"a.yaml":        {Data: []byte("system:\n  id: SYS-1\n  name: One\nrequirements:\n  - id: SRS-1\n    level: [software]\n")},
		"b.yaml":        {Data: []byte("system:\n  name: Two\ntests:\n  - id: TC-1\n    verfies: [SRS-1]\n")},
	}
	_, err := Load(context.Background(), fsys, LoadOptions{})
	require.ErrorIs(t, err, ErrLoad)
	msg := err.Error()
	for _, want := range []string{
		`a.yaml:6:12: requirements[0].level: want a string, got a list`,
		`b.yaml:5:5: tests[0].verfies: unknown field; did you mean verifies?`,
		`medtrace.yaml: records[2]: "missing/*.yaml" matches no file or directory`,
		`none.json`,
	} {
		assert.Contains(t, msg, want)
	}
}

func TestLoadConflictingSingletons(t *testing.T) {
	fsys := fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: x\nrecords: ['*.yaml']\n")},
		"a.yaml":        {Data: []byte("system: {id: SYS-1, name: One}\n")},
		"b.yaml":        {Data: []byte("system: {name: Two}\nuserNeeds: [{id: UN-1, title: t}]\n")},
		"c.yaml":        {Data: []byte("userNeeds: [{id: UN-2, title: t}]\n")},
	}
	_, err := Load(context.Background(), fsys, LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.yaml: system.name is already set in a.yaml")

	fsys["b.yaml"] = &fstest.MapFile{Data: []byte("userNeeds: [{id: UN-1, title: t}]\n")}
	ws, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	assert.Len(t, ws.Project.UserNeeds, 2, "lists from several files are appended")
}

func TestLoadManifestErrors(t *testing.T) {
	tests := []struct {
		name, manifest string
		want           []string
	}{
		{"missing manifest", "", []string{"medtrace.yaml"}},
		{"wrong schema and empty fields", "schema: other\nname: ''\nrecords: []\n",
			[]string{`schema: "other"`, "name: is required", "records: name at least one"}},
		{"paths may not escape", "schema: medtrace.project/v1\nname: x\nrecords: [../etc, /abs]\nvex: ['a\\b']\n",
			[]string{`records[0]: "../etc"`, `records[1]: "/abs"`, `vex[0]`}},
		{"result entries need their facts", "schema: medtrace.project/v1\nname: x\nrecords: [a.yaml]\nresults: [{path: r.xml, format: tap}]\n",
			[]string{`results[0].format: "tap"`, "results[0].version: is required", "results[0].date: is required", "results[0].by: is required"}},
		{"typo in manifest", "schema: medtrace.project/v1\nname: x\nrecord: [a.yaml]\n", []string{"medtrace.yaml:3:1: record: unknown field; did you mean records?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"a.yaml": {Data: []byte("userNeeds: []\n")}}
			if tt.manifest != "" {
				fsys[ManifestName] = &fstest.MapFile{Data: []byte(tt.manifest)}
			}
			_, err := Load(context.Background(), fsys, LoadOptions{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrLoad))
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLoadLimits(t *testing.T) {
	fsys := fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: x\nrecords: [r]\n")},
		"r/a.yaml":      {Data: []byte("userNeeds: [{id: UN-1, title: " + strings.Repeat("x", 200) + "}]\n")},
		"r/b.yaml":      {Data: []byte("userNeeds: []\n")},
		"r/skip.txt":    {Data: []byte("not a record")},
	}
	_, err := Load(context.Background(), fsys, LoadOptions{MaxFileBytes: 100})
	assert.ErrorContains(t, err, "r/a.yaml: larger than 100 bytes")
	_, err = Load(context.Background(), fsys, LoadOptions{MaxFiles: 1})
	assert.ErrorContains(t, err, "2 record files, more than the limit of 1")
	ws, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"r/a.yaml", "r/b.yaml"}, ws.Files, "only .yaml, .yml and .json are records")
}

func FuzzLoadRecordFile(f *testing.F) {
	seed, _ := os.ReadFile("testdata/project/records/requirements.yaml")
	f.Add(seed)
	f.Add([]byte("risk: {plan: {matrix: {a: [x]}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: x\nrecords: [a.yaml]\n")},
			"a.yaml":        {Data: data},
		}
		ws, err := Load(context.Background(), fsys, LoadOptions{MaxFileBytes: 1 << 16})
		if err == nil {
			_, _ = ws.Project.Graph()
		}
	})
}

func TestLoadAttachesBaselines(t *testing.T) {
	base := "schema: medtrace.project/v1\nname: x\nrecords: [r.yaml]\nbaselines: [b.json]\n"
	rec := "releases:\n  - {id: REL-1, version: 1.0.0, status: candidate}\n"
	bl := func(name string) []byte {
		return []byte(`{"schema":"medtrace.baseline/v1","name":"` + name + `","items":[{"id":"SRS-1","kind":"requirement"}]}`)
	}
	fsys := fstest.MapFS{"medtrace.yaml": {Data: []byte(base)}, "r.yaml": {Data: []byte(rec)}, "b.json": {Data: bl("1.0.0")}}
	ws, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	require.NotNil(t, ws.Project.Releases[0].Baseline, "matched by version")
	assert.Equal(t, trace.ID("SRS-1"), ws.Project.Releases[0].Baseline.Entries[0].ID)

	fsys["b.json"] = &fstest.MapFile{Data: bl("9.9.9")}
	_, err = Load(context.Background(), fsys, LoadOptions{})
	assert.ErrorContains(t, err, `b.json: baseline "9.9.9" names no release`)

	fsys["b.json"] = &fstest.MapFile{Data: []byte(`{"schema":"medtrace.baseline/v1","items":[{"id":"B","kind":"k"},{"id":"A","kind":"k"}]}`)}
	_, err = Load(context.Background(), fsys, LoadOptions{})
	assert.ErrorContains(t, err, `items[1].id: "A" is not after "B"`)
}

func TestWorkspaceMatchPerSBOM(t *testing.T) {
	bom := func(serial, name string) []byte {
		return []byte(`{"bomFormat":"CycloneDX","specVersion":"1.5","serialNumber":"urn:uuid:` + serial + `","version":1,
"metadata":{"component":{"type":"application","bom-ref":"app","name":"` + name + `","version":"1.0"}},
"components":[{"type":"library","bom-ref":"gin","name":"gin","version":"v1.5.0","purl":"pkg:golang/github.com/gin-gonic/gin@v1.5.0"}]}`)
	}
	adv := []byte(`{"id":"GO-2020-0001","modified":"2021-01-01T00:00:00Z","aliases":["CVE-2020-36567"],
"affected":[{"package":{"ecosystem":"Go","name":"github.com/gin-gonic/gin"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.6.0"}]}]}]}`)
	vex := []byte(`{"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.com/vex/1","author":"a","timestamp":"2026-11-30T00:00:00Z","version":1,
"statements":[{"vulnerability":{"name":"CVE-2020-36567"},"products":[{"@id":"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#gin"}],
"status":"not_affected","justification":"vulnerable_code_not_in_execute_path"}]}`)
	fsys := fstest.MapFS{
		"medtrace.yaml":         {Data: []byte("schema: medtrace.project/v1\nname: x\nrecords: [r.yaml]\nsboms: [a.json, b.json]\nadvisories: [osv]\nvex: [v.json]\n")},
		"r.yaml":                {Data: []byte("userNeeds: []\n")},
		"a.json":                {Data: bom("3e671687-395b-41f5-a30f-a58921a69b79", "pump")},
		"b.json":                {Data: bom("9e671687-395b-41f5-a30f-a58921a69b79", "app")},
		"osv/GO-2020-0001.json": {Data: adv},
		"v.json":                {Data: vex},
	}
	ws, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	app, err := ws.Match(context.Background())
	require.NoError(t, err)
	require.Len(t, ws.Project.Vulnerabilities.Results, 2, "one result per component of each SBOM")
	require.Len(t, app.Unstated, 1, "the BOM-Link names the first SBOM only, so the second's match is unstated")
	assert.Empty(t, app.Unused, "the statement applied to one SBOM, so it is not unused")
}

func TestWaiversAsRecords(t *testing.T) {
	fsys := fstest.MapFS{
		"medtrace.yaml": {Data: []byte("schema: medtrace.project/v1\nname: x\nrecords: [a.yaml, w.yaml]\n")},
		"a.yaml": {Data: []byte("system: {id: SYS, name: S, edition: IEC 62304:2006+A1:2015, class: A}\n" +
			"userNeeds: [{id: UN-1, title: Need}]\n")},
		"w.yaml": {Data: []byte("waivers:\n  - rule: LC-001\n    item: UN-1\n    rationale: need met by labeling alone\n" +
			"    author: quality lead\n    date: 2026-11-02\n")},
	}
	ws, err := Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	require.Len(t, ws.Project.Waivers, 1)
	assert.Equal(t, trace.Position{File: "w.yaml", Line: 2, Column: 5}, ws.Project.Waivers[0].Pos)
	res, err := ws.Project.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	var lc001 *trace.Finding
	for i := range res.Findings {
		if res.Findings[i].Rule == "LC-001" {
			lc001 = &res.Findings[i]
		}
	}
	require.NotNil(t, lc001, "the finding stays visible")
	require.True(t, lc001.Waived())
	assert.Equal(t, "quality lead", lc001.Waiver.Author)

	// An incomplete waiver is an error naming where it was written.
	fsys["w.yaml"] = &fstest.MapFile{Data: []byte("waivers:\n  - rule: LC-001\n    item: UN-1\n")}
	ws, err = Load(context.Background(), fsys, LoadOptions{})
	require.NoError(t, err)
	_, err = ws.Project.Check(context.Background(), CheckOptions{})
	require.ErrorIs(t, err, trace.ErrBadRuleSet)
	assert.Contains(t, err.Error(), "w.yaml:2:5: waiver LC-001/UN-1")
	assert.Contains(t, err.Error(), "rationale is required")
}
