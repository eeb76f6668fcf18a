package sbom

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeAdvisoryCorpus(t *testing.T) {
	snap, err := LoadOSVFS(context.Background(), os.DirFS("testdata/osv/go"), OSVOptions{})
	require.NoError(t, err)
	require.Len(t, snap.Advisories, 128)
	a, ok := findAdvisory(snap.Advisories, "GO-2021-0101")
	require.True(t, ok)
	assert.Equal(t, []string{"CVE-2019-0210", "GHSA-jq7p-26h5-w78r"}, a.Aliases)
	require.Len(t, a.Affected, 1)
	assert.Equal(t, OSVPackage{Ecosystem: "Go", Name: "github.com/apache/thrift"}, a.Affected[0].Package)
	assert.Equal(t, []OSVEvent{{EventIntroduced, "0.0.0-20151001171628-53dd39833a08"}, {EventFixed, "0.13.0"}},
		a.Affected[0].Ranges[0].Events)
	assert.Equal(t, "GO-2021-0101.json", a.Source)
	assert.Equal(t, 2021, a.Published.Year())
	assert.Empty(t, a.Details, "details are dropped by default")
	kept, err := LoadOSVFS(context.Background(), os.DirFS("testdata/osv/go"), OSVOptions{KeepDetails: true})
	require.NoError(t, err)
	a, _ = findAdvisory(kept.Advisories, "GO-2021-0101")
	assert.Contains(t, a.Details, "improper bounds check")
	for i := 1; i < len(snap.Advisories); i++ {
		assert.Less(t, snap.Advisories[i-1].ID, snap.Advisories[i].ID, "advisories sorted by ID")
	}
}

func findAdvisory(advs []Advisory, id string) (Advisory, bool) {
	for _, a := range advs {
		if a.ID == id {
			return a, true
		}
	}
	return Advisory{}, false
}

func TestDecodeAdvisoryErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		sentinel  error
		line, col int
		field     string
	}{
		{"syntax", "{\n  \"id\": \"X-1\",\n  \"modified\": \"2024-01-01T00:00:00Z\"\n  \"summary\": \"s\"\n}", ErrOSVSyntax, 4, 3, ""},
		{"wrong type", "{\"id\": \"X-1\",\n\"aliases\": \"CVE-1\"}", ErrOSVSyntax, 2, 19, "aliases"},
		{"not an object", "[1,2]", ErrOSVSyntax, 1, 2, ""},
		{"missing id", `{"modified":"2024-01-01T00:00:00Z"}`, ErrOSVInvalid, 0, 0, "id"},
		{"missing modified", `{"id":"X-1"}`, ErrOSVInvalid, 0, 0, "modified"},
		{"bad time", `{"id":"X-1","modified":"yesterday"}`, ErrOSVInvalid, 0, 0, "modified"},
		{"bad range type", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"DATE","events":[{"introduced":"0"}]}]}]}`,
			ErrOSVInvalid, 0, 0, "affected[0].ranges[0].type"},
		{"two keys in event", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1.0.0"}]}]}]}`,
			ErrOSVInvalid, 0, 0, "affected[0].ranges[0].events[0]"},
		{"no introduced", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}`,
			ErrOSVInvalid, 0, 0, "affected[0].ranges[0].events"},
		{"git without repo", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"GIT","events":[{"introduced":"abc"}]}]}]}`,
			ErrOSVInvalid, 0, 0, "affected[0].ranges[0].repo"},
		{"package without name", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm"}}]}`,
			ErrOSVInvalid, 0, 0, "affected[0].package.name"},
		{"too deep", `{"id":"X-1","x":[[[[[[[[[[1]]]]]]]]]]}`, ErrOSVTooDeep, 1, 24, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeAdvisory(context.Background(), strings.NewReader(tt.in), "f.json", OSVOptions{MaxDepth: 8})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var ae *AdvisoryError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "f.json", ae.File)
			assert.Equal(t, tt.line, ae.Line, "line")
			assert.Equal(t, tt.col, ae.Column, "column")
			assert.Equal(t, tt.field, ae.Field)
			assert.Contains(t, err.Error(), "f.json")
		})
	}
}

func TestDecodeAdvisoryReportsEverySchemaError(t *testing.T) {
	in := `{"id":"X-1","aliases":["bad alias"],"affected":[{"package":{"ecosystem":"","name":""}}]}`
	_, err := DecodeAdvisory(context.Background(), strings.NewReader(in), "f.json", OSVOptions{})
	require.Error(t, err)
	for _, field := range []string{"modified", "aliases[0]", "affected[0].package.ecosystem", "affected[0].package.name"} {
		assert.Contains(t, err.Error(), ": "+field+": ")
	}
}

func TestDecodeAdvisoryTooLarge(t *testing.T) {
	in := `{"id":"X-1","modified":"2024-01-01T00:00:00Z","details":"` + strings.Repeat("x", 200) + `"}`
	_, err := DecodeAdvisory(context.Background(), strings.NewReader(in), "big.json", OSVOptions{MaxFileSize: 100})
	assert.ErrorIs(t, err, ErrOSVTooLarge)
	_, err = DecodeAdvisory(context.Background(), strings.NewReader(in), "big.json", OSVOptions{MaxFileSize: 1000})
	assert.NoError(t, err)
}

const goodOSV = `{"id":"%s","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.0"}]}]}]}`

func osvFile(id string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(goodOSV, "%s", id, 1))}
}

func TestLoadOSVFSCollectsEveryBadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"a/A-1.json": osvFile("A-1"),
		"a/A-2.json": {Data: []byte("{")},
		"B-1.json":   osvFile("B-1"),
		"B-2.json":   {Data: []byte(`{"id":"B-2"}`)},
		"NOTICE":     {Data: []byte("not json")},
		"dup.json":   osvFile("A-1"),
	}
	_, err := LoadOSVFS(context.Background(), fsys, OSVOptions{})
	require.Error(t, err)
	var le *OSVLoadError
	require.ErrorAs(t, err, &le)
	var files []string
	for _, f := range le.Files {
		files = append(files, f.File)
	}
	assert.Equal(t, []string{"B-2.json", "a/A-2.json", "dup.json"}, files)
	assert.ErrorIs(t, err, ErrOSVSyntax)
	assert.ErrorIs(t, err, ErrOSVInvalid)

	snap, err := LoadOSVFS(context.Background(), fsys, OSVOptions{SkipBadFiles: true})
	require.NoError(t, err)
	assert.Len(t, snap.Advisories, 2)
	assert.Len(t, snap.Skipped, 3)
	a, _ := findAdvisory(snap.Advisories, "A-1")
	assert.Equal(t, "a/A-1.json", a.Source, "the first file of a duplicated ID is kept")
}

func TestLoadOSVFSLimits(t *testing.T) {
	fsys := fstest.MapFS{"A-1.json": osvFile("A-1"), "A-2.json": osvFile("A-2"), "A-3.json": osvFile("A-3")}
	_, err := LoadOSVFS(context.Background(), fsys, OSVOptions{MaxFiles: 2, SkipBadFiles: true})
	assert.ErrorIs(t, err, ErrOSVTooMany)
	_, err = LoadOSVFS(context.Background(), fsys, OSVOptions{MaxTotalSize: 300, SkipBadFiles: true})
	assert.ErrorIs(t, err, ErrOSVTooLarge)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = LoadOSVFS(ctx, fsys, OSVOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

func zipOf(t testing.TB, fsys fs.FS) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	require.NoError(t, zw.AddFS(fsys))
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestLoadOSVZip(t *testing.T) {
	data := zipOf(t, os.DirFS("testdata/osv/go"))
	snap, err := LoadOSVZip(context.Background(), bytes.NewReader(data), int64(len(data)), OSVOptions{})
	require.NoError(t, err)
	assert.Len(t, snap.Advisories, 128)

	fromDir, err := LoadOSVFS(context.Background(), os.DirFS("testdata/osv/go"), OSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, fromDir.Advisories, snap.Advisories, "zip and directory read the same records")

	bad := zipOf(t, fstest.MapFS{"X.json": {Data: []byte(`{"id": 3}`)}, "Y.json": osvFile("Y-1")})
	_, err = LoadOSVZip(context.Background(), bytes.NewReader(bad), int64(len(bad)), OSVOptions{})
	var le *OSVLoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Files, 1)
	assert.Equal(t, "X.json", le.Files[0].File)
	assert.Equal(t, 1, le.Files[0].Line)

	// A decompression bomb is stopped by the per-file limit.
	big := zipOf(t, fstest.MapFS{"Z.json": {Data: []byte(`{"id":"Z-1","modified":"2024-01-01T00:00:00Z","details":"` + strings.Repeat("a", 1<<20) + `"}`)}})
	_, err = LoadOSVZip(context.Background(), bytes.NewReader(big), int64(len(big)), OSVOptions{MaxFileSize: 1 << 10})
	assert.ErrorIs(t, err, ErrOSVTooLarge)

	_, err = LoadOSVZip(context.Background(), bytes.NewReader([]byte("not a zip")), 9, OSVOptions{})
	assert.Error(t, err)
}

func TestWithdrawnAdvisoryIsKept(t *testing.T) {
	in := `{"id":"W-1","modified":"2024-02-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z"}`
	a, err := DecodeAdvisory(context.Background(), strings.NewReader(in), "", OSVOptions{})
	require.NoError(t, err)
	assert.True(t, a.IsWithdrawn())
	var ae *AdvisoryError
	_, err = DecodeAdvisory(context.Background(), strings.NewReader(`{`), "", OSVOptions{})
	require.True(t, errors.As(err, &ae))
	assert.True(t, strings.HasPrefix(err.Error(), "(input):1:2"), err.Error())
}

func TestOSVLoadErrorListsAtMostFifty(t *testing.T) {
	e := &OSVLoadError{}
	for i := range 60 {
		e.Files = append(e.Files, &AdvisoryError{File: fmt.Sprintf("f%02d.json", i), Err: ErrOSVSyntax})
	}
	msg := e.Error()
	assert.Contains(t, msg, "osv: 60 bad file(s)")
	assert.Contains(t, msg, "f49.json")
	assert.NotContains(t, msg, "f50.json")
	assert.Contains(t, msg, "... and 10 more")
	assert.Len(t, e.Unwrap(), 60)
}

func TestDecodeAdvisoryByteOrderMark(t *testing.T) {
	a, err := DecodeAdvisory(context.Background(), strings.NewReader("\ufeff"+strings.Replace(goodOSV, "%s", "B-1", 1)), "bom.json", OSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, "B-1", a.ID)
}
