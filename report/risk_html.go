package report

import (
	"strings"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// riskView is the risk section of a page.
type riskView struct {
	Plan       string
	Policy     string
	HeatMap    svgHeatMap
	Situations []situationRow
	Summary    []summaryLine
}

type situationRow struct {
	ID, Title, Hazard, Before, After, Controls, Verdict string
	BeforeClass, AfterClass                             string
	Accepted                                            bool
	Harms                                               []harmRow
}

// harmRow is one harm of a situation: how its probability was placed and
// where it lands before and after control.
type harmRow struct {
	Harm, Title, Derivation, Before, After string
}

// harmRows pairs each harm's risk before control with its risk after.
func harmRows(x *risk.Explanation) []harmRow {
	after := make(map[trace.ID]risk.Risk, len(x.Residual))
	for _, k := range x.Residual {
		after[k.Harm] = k
	}
	var out []harmRow
	for _, k := range x.Initial {
		row := harmRow{Harm: string(k.Harm), Title: x.HarmTitles[k.Harm], Derivation: k.Derivation(), Before: riskText(k), After: "not estimated"}
		if a, ok := after[k.Harm]; ok {
			row.After = riskText(a)
		}
		out = append(out, row)
	}
	return out
}

// riskText is "Severity × Probability → region", or why it is not
// evaluated.
func riskText(k risk.Risk) string {
	if k.Region == "" {
		return strings.TrimSuffix("not evaluated: "+k.Problem, ": ")
	}
	return k.Severity.Name + " × " + k.Probability.Name + " → " + string(k.Region)
}

func (r Risk) view() (*riskView, error) {
	h, err := r.HeatMap()
	if err != nil {
		return nil, err
	}
	rv := &riskView{Plan: string(r.Plan.ID), Policy: string(r.Plan.Policy), HeatMap: h.layout()}
	for _, a := range r.Evaluation.Situations {
		x, err := r.Evaluation.Explain(a.Situation)
		if err != nil {
			return nil, err
		}
		row := situationRow{ID: string(a.Situation), Title: x.Title, Hazard: string(a.Hazard),
			Before: regionText(a.InitialRegion), After: regionText(a.ResidualRegion),
			BeforeClass: "r-" + string(cmpOrRegion(a.InitialRegion)), AfterClass: "r-" + string(cmpOrRegion(a.ResidualRegion)),
			Verdict: x.Verdict, Accepted: a.Accepted(), Harms: harmRows(x)}
		if a.Residual == nil {
			row.After = "not estimated"
		}
		var cs []string
		for _, c := range a.Controls {
			cs = append(cs, string(c.ID))
		}
		row.Controls = strings.Join(cs, ", ")
		rv.Situations = append(rv.Situations, row)
	}
	na := len(r.Evaluation.NotAccepted())
	rv.Summary = []summaryLine{{Label: "Situations with residual risk not accepted",
		Value: itoa(na) + " of " + itoa(len(r.Evaluation.Situations)), Class: okClass(na == 0)}}
	return rv, nil
}

func regionText(r risk.Region) string {
	if r == "" {
		return "not evaluated"
	}
	return string(r)
}
