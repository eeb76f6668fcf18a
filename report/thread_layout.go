package report

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Geometry of the thread drawing.
const (
	thNodeW  = 160
	thNodeH  = 42
	thColGap = 110
	thRowGap = 26
	thMargin = 10
)

type svgThread struct {
	Width, Height int
	Nodes         []svgNode
	Edges         []svgEdge
}

type svgNode struct {
	X, Y, W, H int
	TX, TY     int
	Kind       string
	Count      string
	Self       string
}

type svgEdge struct {
	X1, Y1, X2, Y2 int
	LX, LY         int
	Label          string
	Head           string
}

// layers places each kind in a layer: sources first, then each kind one
// layer after the furthest kind linking to it. Cycles are cut by bounding
// the layer by the number of kinds; self-links do not count.
func (t *Thread) layers() map[trace.Kind]int {
	layer := make(map[trace.Kind]int, len(t.Kinds))
	for _, k := range t.Kinds {
		layer[k.Kind] = 0
	}
	limit := len(t.Kinds) - 1
	for range t.Kinds {
		changed := false
		for _, l := range t.Links {
			if l.From == l.To {
				continue
			}
			if n := min(layer[l.From]+1, limit); n > layer[l.To] {
				layer[l.To], changed = n, true
			}
		}
		if !changed {
			break
		}
	}
	pullSourcesRight(layer, t.Links)
	compactLayers(layer)
	return layer
}

// pullSourcesRight moves every kind that nothing links to (a design review,
// a document, a signal) to the column just left of the nearest kind it
// links to, instead of the first column, so its edges stay short.
func pullSourcesRight(layer map[trace.Kind]int, links []KindLink) {
	hasIn := map[trace.Kind]bool{}
	nearest := map[trace.Kind]int{}
	for _, l := range links {
		if l.From == l.To {
			continue
		}
		hasIn[l.To] = true
		if n, ok := nearest[l.From]; !ok || layer[l.To] < n {
			nearest[l.From] = layer[l.To]
		}
	}
	for k, n := range nearest {
		if !hasIn[k] && n-1 > layer[k] {
			layer[k] = n - 1
		}
	}
}

// compactLayers renumbers the layers in use as 0, 1, 2, ... so that no
// column is left empty.
func compactLayers(layer map[trace.Kind]int) {
	used := map[int]bool{}
	for _, l := range layer {
		used[l] = true
	}
	var order []int
	for l := range used {
		order = append(order, l)
	}
	slices.Sort(order)
	index := make(map[int]int, len(order))
	for i, l := range order {
		index[l] = i
	}
	for k, l := range layer {
		layer[k] = index[l]
	}
}

// layout places the kinds in columns by layer, ordered within a column by
// the mean row of the kinds linking to them (then by name), and draws an
// edge per kind pair and link type.
func (t *Thread) layout() svgThread {
	layer := t.layers()
	var cols [][]trace.Kind
	for _, k := range t.Kinds {
		c := layer[k.Kind]
		for len(cols) <= c {
			cols = append(cols, nil)
		}
		cols[c] = append(cols[c], k.Kind)
	}
	row := make(map[trace.Kind]int)
	for c, kinds := range cols {
		if c > 0 {
			t.orderColumn(kinds, row)
		}
		for r, k := range kinds {
			row[k] = r
		}
	}
	out := svgThread{}
	pos := make(map[trace.Kind][2]int)
	counts := make(map[trace.Kind]int)
	for _, k := range t.Kinds {
		counts[k.Kind] = k.Items
	}
	self := make(map[trace.Kind][]string)
	for _, l := range t.Links {
		if l.From == l.To {
			self[l.From] = append(self[l.From], string(l.Type)+" ×"+itoa(l.Links))
		}
	}
	for c, kinds := range cols {
		for r, k := range kinds {
			x, y := thMargin+c*(thNodeW+thColGap), thMargin+r*(thNodeH+thRowGap)
			pos[k] = [2]int{x, y}
			n := svgNode{X: x, Y: y, W: thNodeW, H: thNodeH, TX: x + thNodeW/2, TY: y + 17, Kind: string(k), Count: itoa(counts[k])}
			if s := self[k]; len(s) > 0 {
				n.Self = "↻ " + strings.Join(s, ", ")
			}
			out.Nodes = append(out.Nodes, n)
			out.Width = max(out.Width, x+thNodeW+thMargin)
			out.Height = max(out.Height, y+thNodeH+thMargin+12)
		}
	}
	for _, l := range t.Links {
		if l.From == l.To {
			continue
		}
		a, b := pos[l.From], pos[l.To]
		e := svgEdge{X1: a[0] + thNodeW, Y1: a[1] + thNodeH/2, X2: b[0], Y2: b[1] + thNodeH/2, Label: string(l.Type) + " ×" + itoa(l.Links)}
		if b[0] <= a[0] { // a link back to an earlier layer enters from the right
			e.X2 = b[0] + thNodeW
		}
		e.LX, e.LY = labelAt(e.X1, e.Y1, e.X2, e.Y2)
		e.Head = arrowHead(e.X1, e.Y1, e.X2, e.Y2)
		out.Edges = append(out.Edges, e)
	}
	return out
}

// orderColumn orders a column's kinds by the mean row of the kinds in
// earlier columns that link to them, then by name.
func (t *Thread) orderColumn(kinds []trace.Kind, row map[trace.Kind]int) {
	score := make(map[trace.Kind]float64, len(kinds))
	for _, k := range kinds {
		sum, n := 0, 0
		for _, l := range t.Links {
			if r, ok := row[l.From]; ok && l.To == k && l.From != k {
				sum += r
				n++
			}
		}
		if n > 0 {
			score[k] = float64(sum) / float64(n)
		}
	}
	slices.SortStableFunc(kinds, func(a, b trace.Kind) int {
		return cmp.Or(cmp.Compare(score[a], score[b]), cmp.Compare(a, b))
	})
}

// labelAt places an edge's label on the line, in the gap just before its
// target, where no box covers it.
func labelAt(x1, y1, x2, y2 int) (int, int) {
	lx := x2 - thColGap/2
	if x2 < x1 {
		lx = x2 + thColGap/2
	}
	if x1 == x2 {
		return x1, (y1+y2)/2 - 3
	}
	y := y1 + (y2-y1)*(lx-x1)/(x2-x1)
	return lx, y - 3
}

// arrowHead returns the points of a small triangle at (x2, y2) pointing
// along the line from (x1, y1).
func arrowHead(x1, y1, x2, y2 int) string {
	dx, dy := float64(x2-x1), float64(y2-y1)
	d := math.Hypot(dx, dy)
	if d == 0 {
		return ""
	}
	ux, uy := dx/d, dy/d
	const length, half = 8.0, 4.0
	bx, by := float64(x2)-ux*length, float64(y2)-uy*length
	pt := func(x, y float64) string {
		return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
	}
	return pt(float64(x2), float64(y2)) + " " + pt(bx-uy*half, by+ux*half) + " " + pt(bx+uy*half, by-ux*half)
}
