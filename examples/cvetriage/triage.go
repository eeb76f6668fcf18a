package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// triage matches the new advisory and prints what it touches.
func triage(ctx context.Context, project fs.FS, advisory io.Reader, name string, w io.Writer) error {
	adv, err := sbom.DecodeAdvisory(ctx, advisory, name, sbom.OSVOptions{})
	if err != nil {
		return err
	}
	ws, err := lifecycle.Load(ctx, project, lifecycle.LoadOptions{})
	if err != nil {
		return err
	}
	known := len(ws.Advisories)
	ws.Advisories = append(ws.Advisories, adv)
	if _, err := ws.Match(ctx); err != nil {
		return err
	}
	vuln := sbom.CanonicalVulnID(append([]string{adv.ID}, adv.Aliases...))
	printf(w, "%s (%s): %s\n", vuln, adv.ID, adv.Summary)
	printf(w, "matched against %d SBOM(s) with %d known advisories\n", len(ws.SBOMs), known)

	hits := affected(ws.Project.Vulnerabilities, vuln)
	if len(hits) == 0 {
		printf(w, "no component of the device is affected\n")
		return nil
	}
	for _, h := range hits {
		status := "no VEX statement yet: assess it"
		if h.match.VEX != nil {
			status = "VEX " + string(h.match.VEX.Status)
		}
		printf(w, "affected: %s (%s)\n", h.result.Component, status)
		for _, ev := range h.match.Evidence {
			printf(w, "  why: %s\n", ev.Reason)
		}
	}
	g, err := ws.Project.Graph()
	if err != nil {
		return err
	}
	if err := printReach(w, g, trace.ID(vuln)); err != nil {
		return err
	}
	return printInField(ctx, w, ws.Project, g, adv)
}

// printInField matches the advisory against the SBOM of every release in
// the field (the post-market loop) and shows the problem reports it would
// raise, so the next version's design input traces back to the signal.
func printInField(ctx context.Context, w io.Writer, p *lifecycle.Project, g *trace.Graph, adv sbom.Advisory) error {
	ix, err := sbom.BuildIndex(ctx, []sbom.Advisory{adv}, sbom.IndexOptions{})
	if err != nil {
		return err
	}
	intake, err := p.MatchAdvisories(ctx, g, ix, lifecycle.AdvisoryOptions{Received: adv.Published, Source: "OSV"})
	if err != nil {
		return err
	}
	if len(intake.Matches) == 0 {
		printf(w, "no release in the field is affected\n")
		return nil
	}
	for _, m := range intake.Matches {
		printf(w, "in the field: %s (%s): %s; items %v; hazards %v\n", m.Release, m.Version, m.Component, m.Items, m.Hazards)
	}
	for _, pr := range intake.Problems {
		printf(w, "raises %s: %s\n", pr.ID, pr.Title)
	}
	return nil
}

type hit struct {
	result sbom.ComponentResult
	match  sbom.Match
}

func affected(rep *sbom.MatchReport, vuln string) []hit {
	var out []hit
	if rep == nil {
		return nil
	}
	for _, r := range rep.Results {
		for _, m := range r.Matches {
			if m.Vulnerability == vuln {
				out = append(out, hit{r, m})
			}
		}
	}
	return out
}

// printReach walks the thread from the vulnerability: what to re-assess
// (security.Reevaluate) and what the change reaches along the release
// propagations, grouped by kind, each with its path.
func printReach(w io.Writer, g *trace.Graph, vuln trace.ID) error {
	printf(w, "re-assess (security → safety):")
	for _, id := range security.Reevaluate(g, vuln) {
		printf(w, " %s", id)
	}
	printf(w, "\n")
	res, err := g.Impact([]trace.ID{vuln}, trace.ImpactOptions{Along: append(lifecycle.DefaultPropagation(),
		trace.Propagation{Type: trace.Affects, Dir: trace.Out})})
	if err != nil {
		return err
	}
	groups := []struct {
		title string
		kinds []trace.Kind
	}{
		{"components", []trace.Kind{sbom.KindComponent}},
		{"software items", []trace.Kind{lifecycle.KindItem, lifecycle.KindUnit}},
		{"threats", []trace.Kind{security.KindThreat}},
		{"hazardous situations", []trace.Kind{"hazardous-situation"}},
		{"requirements", []trace.Kind{lifecycle.KindRequirement}},
		{"tests to re-run", []trace.Kind{lifecycle.KindTest}},
	}
	for _, grp := range groups {
		var ids []trace.ID
		for _, k := range grp.kinds {
			for _, it := range res.OfKind(k) {
				ids = append(ids, it.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		printf(w, "%s:\n", grp.title)
		for _, id := range ids {
			printf(w, "  %s  via %s\n", id, pathText(res.Path(id)))
		}
	}
	return nil
}

func pathText(path []trace.Hop) string {
	s := ""
	for i, h := range path {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(h)
	}
	return s
}
