package sbom

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// FuzzDecodeAdvisory feeds arbitrary bytes to the OSV decoder and, when a
// record decodes, builds an index of it and matches components against it:
// nothing may panic, and a decoded record must have an ID.
func FuzzDecodeAdvisory(f *testing.F) {
	for _, name := range []string{"GO-2021-0101.json", "GO-2021-0068.json", "GO-2020-0017.json"} {
		data, err := os.ReadFile("testdata/osv/go/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"last_affected":"1.0"},{"introduced":"2.0"},{"limit":"3.0"}]}],"versions":["0.5"]}]}`))
	f.Add([]byte(`{"id":"X-2","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Debian:11","name":"a"},"ranges":[{"type":"GIT","repo":"r","events":[{"introduced":"abc"}]}]}]}`))
	f.Add([]byte(`{"id":"X-3","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Maven","name":"g:a"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":"1"},{"introduced":"0"}]}]}]}`))
	f.Add([]byte(`{"id": [`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	comps := []Component{comp("pkg:npm/a@1.0.0"), comp("pkg:pypi/a@0.5"), comp("pkg:deb/debian/a@1.0-1"),
		comp("pkg:maven/g/a@1.0"), comp("pkg:golang/github.com/apache/thrift@v0.12.0")}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeAdvisory(context.Background(), bytes.NewReader(data), "fuzz.json", OSVOptions{MaxDepth: 32})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if a.ID == "" {
			t.Fatal("decoded record without ID")
		}
		ix, err := BuildIndex(context.Background(), []Advisory{a}, IndexOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range comps {
			r := ix.MatchComponent(&comps[i])
			if !r.Assessment.Valid() {
				t.Fatalf("invalid assessment %q", r.Assessment)
			}
		}
	})
}
