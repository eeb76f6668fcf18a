package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestThreadCounts(t *testing.T) {
	th, err := NewThread(pumpGraph(t))
	require.NoError(t, err)
	kinds := map[trace.Kind]int{}
	total := 0
	for _, k := range th.Kinds {
		kinds[k.Kind] = k.Items
		total += k.Items
	}
	assert.Equal(t, 15, total)
	assert.Equal(t, 3, kinds["requirement"])
	links := map[string]int{}
	sum := 0
	for _, l := range th.Links {
		links[string(l.From)+" "+string(l.Type)+" "+string(l.To)] = l.Links
		sum += l.Links
	}
	assert.Equal(t, 13, sum, "every link counted once")
	assert.Equal(t, 3, links["user-need derives requirement"])
	assert.Equal(t, 1, links["test verifies risk-control"])
	assert.Equal(t, 2, links["test verifies requirement"])

	_, err = NewThread(nil)
	assert.ErrorIs(t, err, ErrMissingInput)
}

func TestThreadLayers(t *testing.T) {
	th, err := NewThread(pumpGraph(t))
	require.NoError(t, err)
	l := th.layers()
	// Each kind after the kinds linking to it; a kind nothing links to sits
	// just left of the nearest kind it links to, so its edges stay short.
	assert.Equal(t, l["test"]-1, l["test-result"], "results sit next to the tests they evidence")
	assert.Equal(t, l["requirement"]-1, l["user-need"])
	assert.Equal(t, l["hazardous-situation"]-1, l["hazard"])
	used := map[int]bool{}
	for _, v := range l {
		used[v] = true
	}
	for c := range len(used) {
		assert.True(t, used[c], "column %d is not left empty", c)
	}
	assert.Less(t, l["hazard"], l["hazardous-situation"])
	assert.Less(t, l["hazardous-situation"], l["harm"])
	assert.Less(t, l["test"], l["requirement"], "tests link to requirements")
	for _, k := range th.Links {
		if k.From != k.To {
			assert.Less(t, l[k.From], l[k.To], "%s -%s-> %s", k.From, k.Type, k.To)
		}
	}
}

// A cycle among kinds is cut: layering ends and every kind is drawn.
func TestThreadCycle(t *testing.T) {
	th := &Thread{
		Kinds: []KindCount{{Kind: "a", Items: 1}, {Kind: "b", Items: 1}, {Kind: "c", Items: 2}},
		Links: []KindLink{{From: "a", Type: "x", To: "b", Links: 1}, {From: "b", Type: "x", To: "a", Links: 1},
			{From: "c", Type: "y", To: "c", Links: 4}},
	}
	l := th.layers()
	for _, k := range th.Kinds {
		assert.LessOrEqual(t, l[k.Kind], len(th.Kinds)-1)
	}
	out := render(t, func(b *bytes.Buffer) error { return th.SVG(b) })
	assert.Contains(t, string(out), "↻ y ×4", "a self-link is noted on its kind")
	requireXML(t, out)
}

func TestThreadGolden(t *testing.T) {
	th, err := NewThread(pumpGraph(t))
	require.NoError(t, err)
	svg := render(t, func(b *bytes.Buffer) error { return th.SVG(b) })
	requireXML(t, svg)
	golden(t, "thread.svg", svg)
	golden(t, "thread.md", render(t, func(b *bytes.Buffer) error { return th.Markdown(b) }))
}

func TestArrowHead(t *testing.T) {
	assert.Equal(t, "100.0,0.0 92.0,4.0 92.0,-4.0", arrowHead(0, 0, 100, 0))
	assert.Empty(t, arrowHead(5, 5, 5, 5))
}

// requireXML checks that out is well-formed XML.
func requireXML(t *testing.T, out []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		require.NoError(t, err)
	}
}
