package report

import (
	"fmt"
	"io"

	"github.com/medtrace/medtrace/risk"
)

// Risk is the risk management view of a risk file: its plan and its
// evaluation (risk.File.Evaluate). Its methods draw the risk matrix heat map
// and write the risk management report section.
type Risk struct {
	// Plan is the plan the file was evaluated against. Required.
	Plan risk.Plan
	// Evaluation is the evaluation of every hazardous situation. Required.
	Evaluation *risk.Evaluation
}

// NewRisk evaluates a risk file (risk.File.Evaluate) and returns its view.
func NewRisk(f *risk.File) (*Risk, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: the risk view needs a risk.File", ErrMissingInput)
	}
	r := &Risk{Plan: f.Plan, Evaluation: f.Evaluate()}
	if err := r.check(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r Risk) check() error {
	if r.Evaluation == nil {
		return fmt.Errorf("%w: the risk view needs a risk.Evaluation", ErrMissingInput)
	}
	if r.Plan.Severity.Len() == 0 || r.Plan.Probability.Len() == 0 {
		return fmt.Errorf("%w: the risk view needs a plan with severity and probability scales", ErrMissingInput)
	}
	return nil
}

// HeatMap is the risk matrix of a plan with the number of hazardous
// situations in each cell before and after control (ISO 14971:2019 4.4 d,
// 6, 7.3). A situation with several harms counts once in each cell one of
// its harms falls in.
type HeatMap struct {
	// Severity and Probability are the level names, lowest first.
	Severity    []string
	Probability []string
	// Cells are indexed [severity rank - 1][probability rank - 1].
	Cells [][]HeatCell
	// UnplacedBefore and UnplacedAfter count situations with a risk that
	// could not be placed on the matrix (not estimated, or an unknown
	// level).
	UnplacedBefore, UnplacedAfter int
	// NotEstimatedAfter counts controlled situations whose risk after
	// control has not been estimated.
	NotEstimatedAfter int
}

// HeatCell is one cell of the heat map.
type HeatCell struct {
	// Region is the plan's region for the cell; empty when the matrix
	// leaves the cell out.
	Region risk.Region
	// Before and After count the situations in the cell before and after
	// control.
	Before, After int
}

// HeatMap counts the situations of the evaluation on the plan's matrix.
func (r Risk) HeatMap() (*HeatMap, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	p := r.Plan
	h := &HeatMap{}
	for _, l := range p.Severity.Levels {
		h.Severity = append(h.Severity, l.Name)
	}
	for _, l := range p.Probability.Levels {
		h.Probability = append(h.Probability, l.Name)
	}
	h.Cells = make([][]HeatCell, len(h.Severity))
	for s := range h.Cells {
		h.Cells[s] = make([]HeatCell, len(h.Probability))
		for q := range h.Cells[s] {
			h.Cells[s][q].Region = p.Matrix.Region(p.Severity.At(s+1), p.Probability.At(q+1))
		}
	}
	for _, a := range r.Evaluation.Situations {
		if !h.place(a.Initial, func(c *HeatCell) { c.Before++ }) {
			h.UnplacedBefore++
		}
		switch {
		case a.Residual == nil:
			h.NotEstimatedAfter++
		case !h.place(a.Residual, func(c *HeatCell) { c.After++ }):
			h.UnplacedAfter++
		}
	}
	return h, nil
}

// place counts a situation once in every cell its risks fall in and reports
// whether every risk was placed.
func (h *HeatMap) place(risks []risk.Risk, count func(*HeatCell)) bool {
	all := len(risks) > 0
	seen := make(map[[2]int]bool, len(risks))
	for _, k := range risks {
		s, q := k.Severity.Rank, k.Probability.Rank
		if s < 1 || s > len(h.Cells) || q < 1 || q > len(h.Probability) {
			all = false
			continue
		}
		if !seen[[2]int{s, q}] {
			seen[[2]int{s, q}] = true
			count(&h.Cells[s-1][q-1])
		}
	}
	return all
}

// Geometry of the heat map drawing, in SVG user units.
const (
	hmCellW   = 72
	hmCellH   = 34
	hmLabelW  = 104
	hmTitleH  = 28
	hmAxisH   = 40
	hmGap     = 36
	hmLegendH = 52
)

// regionFill is the fill colour of a region's cells.
func regionFill(r risk.Region) string {
	switch r {
	case risk.RegionAcceptable:
		return "#b9e0a5"
	case risk.RegionALARP:
		return "#ffe599"
	case risk.RegionUnacceptable:
		return "#f4a6a6"
	}
	return "#e6e6e6"
}

// svgHeatMap is the heat map laid out for the template.
type svgHeatMap struct {
	Width, Height int
	Panels        []svgPanel
	Legend        []svgLegend
	LegendY       int
	Note          string
}

type svgPanel struct {
	Title  string
	X      int
	Cells  []svgCell
	Rows   []svgLabel
	Cols   []svgLabel
	AxisX  int
	AxisY  int
	TitleY int
}

type svgCell struct {
	X, Y, W, H int
	TX, TY     int
	Fill       string
	Count      string
	Label      string
}

type svgLabel struct {
	X, Y int
	Text string
}

type svgLegend struct {
	X    int
	Fill string
	Text string
}

// layout places the two panels (before and after control) side by side,
// the highest severity on top and the lowest probability on the left.
func (h *HeatMap) layout() svgHeatMap {
	ns, np := len(h.Severity), len(h.Probability)
	panelW := hmLabelW + np*hmCellW
	out := svgHeatMap{Width: 2*panelW + hmGap + 8, Height: hmTitleH + ns*hmCellH + hmAxisH + hmLegendH + 8}
	for i, title := range [...]string{"Before control", "After control"} {
		x0 := 4 + i*(panelW+hmGap)
		p := svgPanel{Title: title, X: x0 + hmLabelW, TitleY: 18,
			AxisX: x0 + hmLabelW + np*hmCellW/2, AxisY: hmTitleH + ns*hmCellH + 32}
		for s := ns - 1; s >= 0; s-- {
			y := hmTitleH + (ns-1-s)*hmCellH
			p.Rows = append(p.Rows, svgLabel{X: x0 + hmLabelW - 6, Y: y + hmCellH/2 + 4, Text: h.Severity[s]})
			for q := 0; q < np; q++ {
				c := h.Cells[s][q]
				n := c.Before
				if i == 1 {
					n = c.After
				}
				cell := svgCell{X: x0 + hmLabelW + q*hmCellW, Y: y, W: hmCellW, H: hmCellH,
					Fill: regionFill(c.Region), Label: h.Severity[s] + " × " + h.Probability[q] + ": " + string(c.Region)}
				cell.TX, cell.TY = cell.X+hmCellW/2, y+hmCellH/2+5
				if n > 0 {
					cell.Count = itoa(n)
				}
				p.Cells = append(p.Cells, cell)
			}
		}
		for q := 0; q < np; q++ {
			p.Cols = append(p.Cols, svgLabel{X: x0 + hmLabelW + q*hmCellW + hmCellW/2, Y: hmTitleH + ns*hmCellH + 14, Text: h.Probability[q]})
		}
		out.Panels = append(out.Panels, p)
	}
	out.LegendY = hmTitleH + ns*hmCellH + hmAxisH + 12
	for i, r := range [...]risk.Region{risk.RegionAcceptable, risk.RegionALARP, risk.RegionUnacceptable} {
		out.Legend = append(out.Legend, svgLegend{X: 4 + i*150, Fill: regionFill(r), Text: string(r)})
	}
	out.Note = h.note()
	return out
}

// note says how many situations the drawing leaves out.
func (h *HeatMap) note() string {
	s := ""
	if h.UnplacedBefore > 0 {
		s += itoa(h.UnplacedBefore) + " situation(s) not placed before control. "
	}
	if h.UnplacedAfter > 0 {
		s += itoa(h.UnplacedAfter) + " situation(s) not placed after control. "
	}
	if h.NotEstimatedAfter > 0 {
		s += itoa(h.NotEstimatedAfter) + " situation(s) not estimated after control."
	}
	return s
}

// HeatMapSVG draws the heat map as a standalone SVG image: the matrix before
// and after control side by side, cells coloured by region with the number
// of situations in each.
func (r Risk) HeatMapSVG(w io.Writer) error {
	h, err := r.HeatMap()
	if err != nil {
		return err
	}
	return executeTemplate(w, "heatmap", h.layout())
}
