package report

import (
	"io"
	"strings"

	"github.com/medtrace/medtrace/risk"
)

// Markdown writes the risk management report section (ISO 14971:2019 7.3, 8,
// 9 a and b): the plan's scales and policy, the number of situations per
// region before and after control, the matrix with those counts, the
// situations whose residual risk is not accepted, and each situation with
// its explanation (risk.Evaluation.Explain).
func (r Risk) Markdown(w io.Writer) error {
	m := newMDWriter(w)
	if err := r.markdown(m); err != nil {
		return err
	}
	return m.flush()
}

func (r Risk) markdown(m *mdWriter) error {
	h, err := r.HeatMap()
	if err != nil {
		return err
	}
	p := r.Plan
	m.line("## Risk management")
	m.line()
	m.line("Plan ", mdCode(string(p.ID)), planTitle(p), "; policy ", md(string(p.Policy)), ".")
	m.line()
	r.mdCounts(m)
	mdHeatTable(m, h)
	if na := r.Evaluation.NotAccepted(); len(na) > 0 {
		ids := make([]string, len(na))
		for i, id := range na {
			ids[i] = mdCode(string(id))
		}
		m.line("**Residual risk not accepted:** ", strings.Join(ids, ", "), ".")
	} else {
		m.line("**Residual risk not accepted:** none.")
	}
	m.line()
	m.line("### Hazardous situations")
	m.line()
	for _, a := range r.Evaluation.Situations {
		x, err := r.Evaluation.Explain(a.Situation)
		if err != nil {
			return err
		}
		mdSituation(m, x)
	}
	return nil
}

// planTitle is " (Title, version V)", escaped, or "".
func planTitle(p risk.Plan) string {
	var parts []string
	if p.Title != "" {
		parts = append(parts, md(p.Title))
	}
	if p.Version != "" {
		parts = append(parts, "version "+md(p.Version))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func (r Risk) mdCounts(m *mdWriter) {
	before, after := r.Evaluation.Counts()
	m.row("Region", "Before control", "After control")
	m.row("---", "---:", "---:")
	m.row("acceptable", itoa(before.Acceptable), itoa(after.Acceptable))
	m.row("alarp", itoa(before.ALARP), itoa(after.ALARP))
	m.row("unacceptable", itoa(before.Unacceptable), itoa(after.Unacceptable))
	m.row("not evaluated", itoa(before.Unevaluated), itoa(after.Unevaluated))
	m.line()
}

// mdHeatTable writes the matrix as a table, highest severity first, each
// cell "region: before → after".
func mdHeatTable(m *mdWriter, h *HeatMap) {
	head := []string{"Severity / probability"}
	for _, q := range h.Probability {
		head = append(head, md(q))
	}
	m.row(head...)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
	}
	m.row(sep...)
	for s := len(h.Severity) - 1; s >= 0; s-- {
		row := []string{md(h.Severity[s])}
		for _, c := range h.Cells[s] {
			row = append(row, md(string(cmpOrRegion(c.Region)))+": "+itoa(c.Before)+" → "+itoa(c.After))
		}
		m.row(row...)
	}
	m.line()
	if n := h.note(); n != "" {
		m.line(md(strings.TrimSpace(n)))
		m.line()
	}
}

func cmpOrRegion(r risk.Region) risk.Region {
	if r == "" {
		return "none"
	}
	return r
}

// mdSituation writes one situation with its explanation.
func mdSituation(m *mdWriter, x *risk.Explanation) {
	m.line("#### ", mdCode(string(x.Situation)), " ", md(x.Title))
	m.line()
	m.line("Hazard ", mdCode(string(x.Hazard)), "; worst severity ", md(x.WorstSeverity.Name), ".")
	m.line()
	m.row("Harm", "Estimate", "Before control", "After control")
	m.row("---", "---", "---", "---")
	after := make(map[string]risk.Risk, len(x.Residual))
	for _, k := range x.Residual {
		after[string(k.Harm)] = k
	}
	for _, k := range x.Initial {
		harm := mdCode(string(k.Harm))
		if t := x.HarmTitles[k.Harm]; t != "" {
			harm += " " + md(t)
		}
		res := "not estimated"
		if a, ok := after[string(k.Harm)]; ok {
			res = mdRisk(a)
		}
		m.row(harm, md(k.Derivation()), mdRisk(k), res)
	}
	m.line()
	if len(x.Controls) > 0 {
		var cs []string
		for _, c := range x.Controls {
			s := mdCode(string(c.ID)) + " " + md(string(c.Option)) + " (" + md(string(c.Location)) + ")"
			cs = append(cs, s)
		}
		m.line("Controls: ", strings.Join(cs, "; "), ".")
	} else {
		m.line("Controls: none.")
	}
	m.line()
	if x.Reduction != nil {
		m.line("Further control considered (", md(string(x.Reduction.Basis)), "): ", md(x.Reduction.Text))
		m.line()
	}
	if x.Disclosure != "" {
		m.line("Disclosed in: ", md(x.Disclosure), ".")
		m.line()
	}
	m.line("Verdict: ", md(x.Verdict), ".")
	m.line()
}

// mdRisk is "Severity × Probability → region", or the problem.
func mdRisk(k risk.Risk) string {
	if k.Region == "" {
		if k.Problem != "" {
			return "not evaluated: " + md(k.Problem)
		}
		return "not evaluated"
	}
	return md(k.Severity.Name) + " × " + md(k.Probability.Name) + " → **" + md(string(k.Region)) + "**"
}
