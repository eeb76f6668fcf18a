package security

import (
	"slices"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// TraceRow is one row of the traceability matrix between security risks and
// controls that the FDA asks for (FDA premarket cybersecurity guidance
// (2023) V.B.1 and Appendix 1): a risk with what it assesses, the controls
// that mitigate it (directly or through its threats), the requirements that
// implement those controls, the tests that verify them and the hazardous
// situations it reaches. Lists are in ID order without repeats.
type TraceRow struct {
	// Risk is the security risk; the other lists are what it traces to.
	Risk            trace.ID   `json:"risk"`
	Threats         []trace.ID `json:"threats,omitempty"`
	Vulnerabilities []trace.ID `json:"vulnerabilities,omitempty"`
	Controls        []trace.ID `json:"controls,omitempty"`
	Requirements    []trace.ID `json:"requirements,omitempty"`
	Tests           []trace.ID `json:"tests,omitempty"`
	Situations      []trace.ID `json:"situations,omitempty"`
	// PreVerdict and PostVerdict are the risk's verdicts, "" if not assessed.
	PreVerdict  Verdict `json:"preVerdict,omitempty"`
	PostVerdict Verdict `json:"postVerdict,omitempty"`
}

// Traceability returns one row per security risk of the graph, in risk ID
// order.
func Traceability(g *trace.Graph) []TraceRow {
	if g == nil {
		return nil
	}
	var rows []TraceRow
	for it := range g.OfKind(KindRisk) {
		row := TraceRow{Risk: it.ID,
			Threats:         linked(g, it.ID, trace.Out, Assesses, KindThreat),
			Vulnerabilities: linked(g, it.ID, trace.Out, Assesses, sbom.KindVulnerability),
			Controls:        sortedIDs(controlsOf(g, it.ID)),
			Situations:      situationsOf(g, it.ID),
			PreVerdict:      Verdict(it.Attr(AttrPreVerdict)),
			PostVerdict:     Verdict(it.Attr(AttrPostVerdict)),
		}
		for _, c := range row.Controls {
			row.Requirements = append(row.Requirements, linked(g, c, trace.Out, trace.ImplementedBy, KindRequirement)...)
			row.Tests = append(row.Tests, linked(g, c, trace.In, trace.Verifies, KindTest)...)
		}
		row.Requirements = sortedIDs(row.Requirements)
		row.Tests = sortedIDs(row.Tests)
		rows = append(rows, row)
	}
	return rows
}

func sortedIDs(ids []trace.ID) []trace.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
