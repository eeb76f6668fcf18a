package risk

// Heatmap counts evaluated risks per cell of the risk matrix, for the
// matrix pictures of risk management reports. Row s-1 is severity rank s and
// column p-1 probability rank p, both lowest first.
type Heatmap struct {
	// Severity names the severity levels, lowest first.
	Severity []string `json:"severity"`
	// Probability names the probability levels, lowest first.
	Probability []string `json:"probability"`
	// Regions[s][p] is the cell's region in the plan's matrix.
	Regions [][]Region `json:"regions"`
	// Counts[s][p] is the number of (situation, harm) risks in the cell.
	Counts [][]int `json:"counts"`
	// Unevaluated counts risks that could not be placed.
	Unevaluated int `json:"unevaluated"`
}

// Heatmap places every risk before control, or after control when residual
// is set, on the plan's matrix. Situations without a residual estimate are
// counted as unevaluated after control. An Evaluation not made by
// File.Evaluate gives an empty Heatmap.
func (e *Evaluation) Heatmap(residual bool) Heatmap {
	var h Heatmap
	if e.ix == nil {
		return h
	}
	p := &e.ix.f.Plan
	h.Severity, h.Probability = names(p.Severity), names(p.Probability)
	h.Regions = make([][]Region, len(h.Severity))
	h.Counts = make([][]int, len(h.Severity))
	for s := range h.Severity {
		h.Regions[s] = make([]Region, len(h.Probability))
		h.Counts[s] = make([]int, len(h.Probability))
		for q := range h.Probability {
			h.Regions[s][q] = p.Matrix.Region(p.Severity.At(s+1), p.Probability.At(q+1))
		}
	}
	for i := range e.Situations {
		a := &e.Situations[i]
		rs := a.Initial
		if residual {
			rs = a.Residual
			if rs == nil {
				h.Unevaluated += len(a.Initial)
			}
		}
		for _, r := range rs {
			s, q := r.Severity.Rank, r.Probability.Rank
			if r.Region == "" || s < 1 || s > len(h.Counts) || q < 1 || q > len(h.Probability) {
				h.Unevaluated++
				continue
			}
			h.Counts[s-1][q-1]++
		}
	}
	return h
}

func names(s Scale) []string {
	out := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		out[i] = l.Name
	}
	return out
}
