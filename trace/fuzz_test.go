package trace

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzBuild feeds random items and links to the builder: it must never
// panic, every problem must be a Problem, and the returned graph must only
// hold valid, unique items and links between them.
func FuzzBuild(f *testing.F) {
	f.Add("A,requirement;B,test;A,test", "B>verifies>A;A>verifies>A;C>derives>B")
	f.Add("", ">>")
	f.Add("X,Bad Kind;,requirement", "X>no-type>Y")
	f.Fuzz(func(t *testing.T, items, links string) {
		b := NewBuilder()
		b.Allow(Verifies, "test", "requirement")
		b.Allow(Derives, "requirement", "requirement")
		for _, s := range strings.Split(items, ";") {
			id, kind, _ := strings.Cut(s, ",")
			b.AddItem(Item{ID: ID(id), Kind: Kind(kind)})
		}
		for _, s := range strings.Split(links, ";") {
			parts := strings.SplitN(s, ">", 3)
			for len(parts) < 3 {
				parts = append(parts, "")
			}
			b.AddLink(Link{From: ID(parts[0]), Type: LinkType(parts[1]), To: ID(parts[2])})
		}
		g, err := b.Build()
		if g == nil {
			t.Fatal("Build returned a nil graph")
		}
		if err != nil {
			var be *BuildError
			if !errors.As(err, &be) || len(be.Problems) == 0 {
				t.Fatalf("error is not a BuildError with problems: %v", err)
			}
		}
		seen := map[ID]bool{}
		for it := range g.Items() {
			if seen[it.ID] || !it.ID.Valid() || !it.Kind.Valid() {
				t.Fatalf("bad item in graph: %+v", it)
			}
			seen[it.ID] = true
		}
		for l := range g.AllLinks() {
			if !seen[l.From] || !seen[l.To] || l.From == l.To {
				t.Fatalf("bad link in graph: %v", l)
			}
		}
		_ = g.Cycles()
		_, _ = g.Impact(nil, ImpactOptions{})
	})
}

// FuzzDecodeBaseline checks that decoding never panics and that whatever
// decodes re-encodes to something that decodes to the same baseline.
func FuzzDecodeBaseline(f *testing.F) {
	var buf bytes.Buffer
	_ = pump(f).Baseline("seed", timeZero).Encode(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"schema":"medtrace.baseline/v1","items":[{"id":"A","kind":"k"}]}`))
	f.Add([]byte(`{"schema":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bl, err := DecodeBaseline(context.Background(), bytes.NewReader(data), DecodeOptions{MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := bl.Encode(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeBaseline(context.Background(), &out, DecodeOptions{}); err != nil {
			t.Fatalf("re-decoding failed: %v", err)
		}
	})
}

var timeZero time.Time
