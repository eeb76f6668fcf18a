package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/report"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

type config struct {
	Project fs.FS
	Out     string
	Release trace.ID
	Now     time.Time
}

// run does the whole job and writes every output through an outputs set, so
// that either all files are written or none is replaced.
func run(ctx context.Context, cfg config, w io.Writer) (*summary, error) {
	ws, err := lifecycle.Load(ctx, cfg.Project, lifecycle.LoadOptions{})
	if err != nil {
		return nil, err
	}
	p := ws.Project
	printf(w, "%s: %d record files, %d SBOM components, %d advisories, %d VEX documents\n",
		ws.Manifest.Name, len(ws.Files), countComponents(ws.SBOMs), len(ws.Advisories), len(ws.VEX))

	vex, err := ws.Match(ctx)
	if err != nil {
		return nil, err
	}
	g, err := p.Graph()
	if err != nil {
		return nil, err
	}
	printf(w, "thread: %d items, %d links\n", g.Len(), g.LinkCount())

	res, err := p.Check(ctx, lifecycle.CheckOptions{})
	if err != nil {
		return nil, err
	}
	cl := p.Classify(g, lifecycle.ClassifyOptions{})
	gaps, err := p.Gaps(g, cl.System.Class)
	if err != nil {
		return nil, err
	}
	// Readiness reuses what is already computed instead of running the rules
	// and the classification again.
	rd, err := p.Readiness(ctx, cfg.Release, lifecycle.ReadinessOptions{Graph: g, Findings: res, Class: cl.System.Class})
	if err != nil {
		return nil, err
	}
	diff, err := releaseDiff(g, p, cfg.Release, ws.SBOMs)
	if err != nil {
		return nil, err
	}

	o := newOutputs(cfg.Out)
	o.json("findings.json", res)
	o.json("classification.json", cl)
	o.text("classification.txt", classificationText(cl))
	o.json("activity-gaps.json", gaps)
	o.json("readiness.json", rd)
	o.json("vulnerabilities.json", vex)
	if diff != nil {
		o.json("release-diff.json", diff)
	}
	o.baseline(fmt.Sprintf("baseline-%s.json", cfg.Release), lifecycle.ReleaseBaseline(g, string(cfg.Release), cfg.Now))
	profile, err := o.submissionSBOM(ctx, "submission.cdx.json", ws.SBOMs, p.SOUP, p.Vulnerabilities, cfg.Now)
	if err != nil {
		return nil, err
	}
	meta := report.Meta{Product: ws.Manifest.Name, Version: readyVersion(rd), Generated: cfg.Now, Tool: "(examples/device)"}
	if err := o.renderReports(reportInputs{meta: meta, ws: ws, g: g, res: res, cl: cl, gaps: gaps, ready: rd}); err != nil {
		return nil, err
	}
	if err := o.commit(); err != nil {
		return nil, err
	}

	printFindings(w, res)
	printf(w, "software safety class: %s (%s); FDA documentation level: %s\n",
		cl.System.Class, cl.System.Basis, cl.Documentation.Level)
	printf(w, "activities for class %s: %d required, %d without evidence\n",
		gaps.Class, len(gaps.Activities), len(gaps.Missing()))
	if diff != nil {
		printf(w, "%s → %s: %d added, %d changed, %d removed; re-run %d tests, re-review %d risk and %d security records\n",
			diff.From, diff.To, len(diff.Items.Added), len(diff.Items.Changed), len(diff.Items.Removed),
			len(diff.Impact.Tests), len(diff.Impact.Risk), len(diff.Impact.Security))
		printComponentDiff(w, diff.Components)
	}
	if profile != nil {
		printf(w, "submission SBOM, FDA profile: %s\n", passedText(profile.Passed()))
	}
	printReadiness(w, rd)
	printf(w, "wrote %d files to %s\n", len(o.names()), cfg.Out)
	return &summary{Ready: rd.Ready(), Findings: len(res.Findings), Blockers: len(rd.Blockers), Files: o.names()}, nil
}

func readyVersion(rd *lifecycle.Readiness) string { return rd.Version }

func passedText(ok bool) string {
	if ok {
		return "passes"
	}
	return "has findings (see sbom-fda-profile.txt)"
}

func countComponents(boms []*sbom.SBOM) int {
	n := 0
	for _, b := range boms {
		n += len(b.Components)
	}
	return n
}

// releaseDiff compares the release with the one it follows, when both have
// what a diff needs.
func releaseDiff(g *trace.Graph, p *lifecycle.Project, id trace.ID, current []*sbom.SBOM) (*lifecycle.ReleaseDiff, error) {
	cur, ok := p.Release(id)
	if !ok {
		return nil, fmt.Errorf("release %s is not in the project", id)
	}
	if cur.Previous == "" {
		return nil, nil
	}
	prev, ok := p.Release(cur.Previous)
	if !ok {
		return nil, fmt.Errorf("release %s follows %s, which is not in the project", id, cur.Previous)
	}
	// A candidate carries what it is being built from: the current graph's
	// baseline and the current SBOM.
	c := *cur
	if c.Baseline == nil {
		bl := lifecycle.ReleaseBaseline(g, string(c.ID), time.Time{})
		c.Baseline = &bl
	}
	if c.SBOM == nil && len(current) > 0 {
		c.SBOM = current[0]
	}
	return lifecycle.DiffReleases(g, prev, &c, lifecycle.DiffOptions{})
}

func printComponentDiff(w io.Writer, d lifecycle.ComponentDiff) {
	if d.IsZero() {
		return
	}
	printf(w, "SBOM: %d added, %d removed, %d changed\n", len(d.Added), len(d.Removed), len(d.Changed))
	for _, c := range d.Changed {
		printf(w, "  %s %s → %s\n", c.Key, c.Old.Version, c.New.Version)
	}
}

func classificationText(cl *lifecycle.Classification) string {
	var b strings.Builder
	ids := []trace.ID{cl.System.Item}
	for _, it := range cl.Items {
		ids = append(ids, it.Item)
	}
	for _, id := range ids {
		if text, ok := cl.Explain(id); ok {
			b.WriteString(text)
			if !strings.HasSuffix(text, "\n") {
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func printFindings(w io.Writer, res *trace.Result) {
	counts := map[trace.Severity]int{}
	for _, f := range res.Findings {
		counts[f.Severity]++
	}
	printf(w, "findings: %d errors, %d warnings, %d info\n", counts[trace.Error], counts[trace.Warning], counts[trace.Info])
	for _, f := range res.Findings {
		if f.Severity == trace.Error {
			printf(w, "  %s %s %s: %s [%s]\n", f.Severity, f.Rule, f.Item, f.Message, f.Clause)
		}
	}
}

func printReadiness(w io.Writer, rd *lifecycle.Readiness) {
	if rd.Ready() {
		printf(w, "release %s (%s) is ready\n", rd.Release, rd.Version)
		return
	}
	printf(w, "release %s (%s) is NOT ready: %d blocker(s)\n", rd.Release, rd.Version, len(rd.Blockers))
	for _, b := range rd.Blockers {
		printf(w, "  [%s] %s %s [%s]\n", b.Check, b.Item, b.Reason, b.Clause)
	}
}

// marshal is indented JSON with a final newline: stable across runs.
func marshal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
