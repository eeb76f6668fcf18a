package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/report"
	"github.com/medtrace/medtrace/trace"
)

// reportInputs are the computed views the reports render.
type reportInputs struct {
	meta  report.Meta
	ws    *lifecycle.Workspace
	g     *trace.Graph
	res   *trace.Result
	cl    *lifecycle.Classification
	gaps  *lifecycle.GapReport
	ready *lifecycle.Readiness
}

// renderReports adds the human and tool reports: one self-contained HTML
// page and its Markdown twin, the findings as SARIF 2.1.0 (code scanning),
// JUnit XML (CI dashboards) and Markdown, the trace matrices as CSV, the
// risk heat map as SVG and the SOUP list as CSV.
func (o *outputs) renderReports(in reportInputs) error {
	p := in.ws.Project
	findings := &report.Findings{Meta: in.meta, Result: in.res, Graph: in.g, Rules: p.Rules()}
	// Sections a project does not have yet are left out.
	var riskView *report.Risk
	if p.Risk != nil {
		var err error
		if riskView, err = report.NewRisk(p.Risk); err != nil {
			return err
		}
	}
	var matrices []*report.TraceMatrix
	for _, c := range []report.Chain{report.NeedsChain(), report.HazardChain()} {
		m, err := report.NewTraceMatrix(in.g, c)
		if err != nil {
			return err
		}
		matrices = append(matrices, m)
	}
	soup, err := report.NewSOUPList(in.ws.SBOMs, p.SOUP, p.Vulnerabilities)
	if err != nil {
		return err
	}
	sec, err := report.NewSecurity(in.g)
	if err != nil {
		return err
	}
	thread, err := report.NewThread(in.g)
	if err != nil {
		return err
	}
	page := report.Page{Meta: in.meta, Thread: thread, Findings: findings, Risk: riskView, Matrices: matrices,
		Security: sec, Lifecycle: &report.Lifecycle{Classification: in.cl, Gaps: in.gaps, Readiness: in.ready, SOUP: soup}}

	o.render("report.html", page.HTML)
	o.render("report.md", page.Markdown)
	o.render("findings.sarif", findings.SARIF)
	o.render("findings.junit.xml", findings.JUnit)
	o.render("findings.md", findings.Markdown)
	o.render("trace-matrix-needs.csv", matrices[0].CSV)
	o.render("trace-matrix-hazards.csv", matrices[1].CSV)
	if riskView != nil {
		o.render("risk-heatmap.svg", riskView.HeatMapSVG)
	}
	o.render("soup-list.csv", soup.CSV)
	return nil
}

func (o *outputs) render(name string, write func(io.Writer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		o.errs = append(o.errs, fmt.Errorf("%s: %w", name, err))
		return
	}
	o.files[name] = buf.Bytes()
}
