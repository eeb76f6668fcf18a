package lifecycle

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// ErrUnknownRelease is returned when a release ID names no release record.
var ErrUnknownRelease = errors.New("lifecycle: unknown release")

// ReadinessCheck names one of the checks of release readiness. The empty
// value is invalid.
type ReadinessCheck string

const (
	// CheckRecords: the project's records build a graph without problems.
	CheckRecords ReadinessCheck = "records"
	// CheckActivity: every activity required for the class has evidence
	// (IEC 62304:2006+A1:2015 5.8.6, clauses 5–9 by class).
	CheckActivity ReadinessCheck = "activity"
	// CheckVerification: every requirement is verified by a passing result
	// on the released version (5.7.4, 5.8.1).
	CheckVerification ReadinessCheck = "verification"
	// CheckChange: every change in the release is verified (8.2.3, 5.7.3).
	CheckChange ReadinessCheck = "change"
	// CheckResidualRisk: no residual risk is unacceptable without a
	// favourable benefit-risk analysis (ISO 14971:2019 7.3, 7.4).
	CheckResidualRisk ReadinessCheck = "residual-risk"
	// CheckAnomaly: every unresolved problem is a known anomaly, evaluated,
	// and none contributes to unacceptable risk (5.8.2, 5.8.3).
	CheckAnomaly ReadinessCheck = "anomaly"
	// CheckVulnerability: every known vulnerability is assessed (FDA
	// premarket cybersecurity guidance V.A.4; IEC 81001-5-1 5.7).
	CheckVulnerability ReadinessCheck = "vulnerability"
	// CheckSuspect: no reviewed link is suspect (8.2.3).
	CheckSuspect ReadinessCheck = "suspect-link"
	// CheckFindings: no thread rule reports an unwaived finding of
	// severity error (the rule's own clause applies).
	CheckFindings ReadinessCheck = "finding"
)

var checkOrder = []ReadinessCheck{CheckRecords, CheckActivity, CheckVerification, CheckChange,
	CheckResidualRisk, CheckAnomaly, CheckVulnerability, CheckSuspect, CheckFindings}

// Valid reports whether c is a known check.
func (c ReadinessCheck) Valid() bool { return slices.Contains(checkOrder, c) }

// Blocker is one reason a release cannot ship.
type Blocker struct {
	// Check is the readiness check that found it.
	Check ReadinessCheck `json:"check"`
	// Item is the record concerned; empty for a missing activity.
	Item trace.ID `json:"item,omitempty"`
	// Reason is a sentence a person can act on.
	Reason string `json:"reason"`
	// Clause is the clause the check rests on.
	Clause string `json:"clause"`
	// Path explains the blocker through the graph, where it helps.
	Path []trace.Hop `json:"path,omitempty"`
}

// ReadinessOptions tunes Project.Readiness. The zero value builds the graph
// and classifies the system itself.
type ReadinessOptions struct {
	// Graph is the project's graph, if already built (see Project.Graph).
	Graph *trace.Graph
	// Class is the class to check the activities for; empty means the
	// system's class as Project.Classify computes it.
	Class Class
	// Classify tunes the classification when Class is empty.
	Classify ClassifyOptions
	// Findings is the result of the thread rules, if the host has already
	// run them (Project.Check); nil runs them with Check.
	Findings *trace.Result
	// Check tunes the thread rules when Findings is nil: the host's
	// severity overrides, disabled rules and waivers decide what blocks.
	Check CheckOptions
}

// Readiness is the verdict on one release.
type Readiness struct {
	// Release and Version name the release judged.
	Release trace.ID `json:"release"`
	Version string   `json:"version"`
	// Class is the software safety class the activities were checked for.
	Class Class `json:"class"`
	// Requirements and Verified count the requirements and those verified
	// by a passing result on Version.
	Requirements int `json:"requirements"`
	Verified     int `json:"verified"`
	// Blockers are every reason the release cannot ship, ordered by check,
	// item and reason.
	Blockers []Blocker `json:"blockers,omitempty"`
}

// Ready reports whether nothing blocks the release.
func (r *Readiness) Ready() bool { return r != nil && len(r.Blockers) == 0 }

// Readiness judges whether the release with the given ID can ship
// (IEC 62304:2006+A1:2015 5.8; ISO 14971:2019 7.3, 7.4, 8; FDA 2023
// software guidance VI.H–VI.J). It runs every check and returns every
// blocker, each with its reason and clause:
//
//   - the records build a graph without problems (checked when Readiness
//     builds the graph itself, that is when opts.Graph is nil);
//   - every activity required for the class has evidence (Project.Gaps);
//   - every requirement is verified by a passing result on the release's
//     version: a verifying test whose latest result on that version passed;
//   - every change request shipped in the release is verified, and the
//     tests it requires passed on the version;
//   - no hazardous situation's residual risk is unaccepted (Assessment.
//     Accepted: unacceptable risk needs a favourable benefit-risk analysis);
//   - every unresolved problem report is listed as a known anomaly of the
//     release, evaluated, and not found to contribute to unacceptable risk;
//   - every vulnerability in the graph is assessed;
//   - no reviewed link is suspect;
//   - no thread rule reports an unwaived finding of severity error.
//
// It returns an error only for an unknown release, a cancelled ctx, or an
// unknown edition.
func (p *Project) Readiness(ctx context.Context, release trace.ID, opts ReadinessOptions) (*Readiness, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: %q (no project)", ErrUnknownRelease, release)
	}
	rel, ok := p.Release(release)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownRelease, release)
	}
	rd := &Readiness{Release: rel.ID, Version: rel.Version}
	g := opts.Graph
	if g == nil {
		var err error
		g, err = p.Graph()
		var be *trace.BuildError
		if errors.As(err, &be) {
			for _, pr := range be.Problems {
				rd.block(CheckRecords, pr.Item, pr.Error(), pmClause+"8.1.1")
			}
		}
	}
	steps := []func(*trace.Graph, *Release) error{
		func(g *trace.Graph, _ *Release) error { return p.readyActivities(g, rd, opts) },
		func(g *trace.Graph, r *Release) error { rd.readyVerification(g, r); return nil },
		func(g *trace.Graph, r *Release) error { p.readyChanges(g, r, rd); return nil },
		func(*trace.Graph, *Release) error { p.readyRisk(rd); return nil },
		func(_ *trace.Graph, r *Release) error { p.readyAnomalies(r, rd); return nil },
		func(g *trace.Graph, _ *Release) error { rd.readyVulnerabilities(g); return nil },
		func(g *trace.Graph, _ *Release) error { rd.readySuspects(g); return nil },
		func(g *trace.Graph, _ *Release) error { return p.readyFindings(ctx, g, rd, opts) },
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := step(g, rel); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(rd.Blockers, func(a, b Blocker) int {
		return cmp.Or(cmp.Compare(slices.Index(checkOrder, a.Check), slices.Index(checkOrder, b.Check)),
			cmp.Compare(a.Item, b.Item), cmp.Compare(a.Reason, b.Reason))
	})
	return rd, nil
}

func (r *Readiness) block(c ReadinessCheck, item trace.ID, reason, clause string, path ...trace.Hop) {
	r.Blockers = append(r.Blockers, Blocker{Check: c, Item: item, Reason: reason, Clause: clause, Path: path})
}

func (p *Project) readyActivities(g *trace.Graph, rd *Readiness, opts ReadinessOptions) error {
	rd.Class = opts.Class
	if !rd.Class.Valid() {
		rd.Class = p.Classify(g, opts.Classify).System.Class
	}
	gaps, err := p.Gaps(g, rd.Class)
	if err != nil {
		return err
	}
	for _, m := range gaps.Missing() {
		a := m.Activity
		rd.block(CheckActivity, "", fmt.Sprintf("no evidence of %s %s for class %s: %s", a.Clause, a.Title, rd.Class, a.Outputs),
			pmClause+a.Clause)
	}
	return nil
}

// readyFindings blocks on every unwaived error finding of the thread rules:
// a release manager expects an error the checks report (a used component
// with no SOUP record, say) to stop the release, not only the fixed
// criteria above.
func (p *Project) readyFindings(ctx context.Context, g *trace.Graph, rd *Readiness, opts ReadinessOptions) error {
	res := opts.Findings
	if res == nil {
		var err error
		res, err = trace.Check(ctx, g, p.RulesWith(opts.Check), p.traceOptions(opts.Check))
		if err != nil {
			return err
		}
	}
	// A finding on an item that a fixed check already blocks on the same
	// clause says the same thing twice.
	seen := map[[2]string]bool{}
	for _, b := range rd.Blockers {
		seen[[2]string{string(b.Item), b.Clause}] = true
	}
	for _, f := range res.Blocking() {
		if !seen[[2]string{string(f.Item), f.Clause}] {
			rd.block(CheckFindings, f.Item, f.Rule+": "+f.Message, f.Clause, f.Path...)
		}
	}
	return nil
}
