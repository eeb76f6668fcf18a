package lifecycle

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// goldenRelease is the fixture with 1.0.0's baseline taken before the dose
// engine and SRS-2 changed, a failing display test, an unlisted problem and
// a reviewed link that became suspect.
func goldenRelease(t *testing.T) (*Project, *trace.Graph) {
	p := pmProject()
	old := ReleaseBaseline(pmGraph(t, p), "1.0.0", pmAt(0))
	p.Releases[0].Baseline = &old
	p.Items[0].Description = "applies the limit after a restart too"
	p.Requirements[1].Text = "the rate is shown in mL/h"
	p.Results[1].Outcome = Fail
	p.ProblemReports = append(p.ProblemReports, ProblemReport{ID: "PR-3", Title: "Alarm tone too quiet",
		Reported: pmAt(25), Type: ProblemCorrective, Criticality: CriticalityMedium, Effects: []Effect{EffectSafety},
		State: ProblemOpen, Reason: "awaiting triage"})
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(sbomFixture)
	b.AddItem(trace.Item{ID: "DR-1", Kind: KindDesignReview, Title: "Architecture review"})
	b.AddLink(trace.Link{From: "DR-1", To: "ITM-1", Type: trace.Reviews, Reviewed: reviewedITM1(old)})
	g, err := b.Build()
	require.NoError(t, err)
	return p, g
}

func TestReleaseGolden(t *testing.T) {
	p, g := goldenRelease(t)
	d, err := DiffReleases(g, &p.Releases[0], &p.Releases[1], DiffOptions{})
	require.NoError(t, err)
	goldenJSON(t, "release", "diff.golden.json", d)

	rd, err := p.Readiness(context.Background(), "REL-1.1", ReadinessOptions{Graph: g, Findings: &trace.Result{}})
	require.NoError(t, err)
	goldenJSON(t, "release", "readiness.golden.json", rd)

	// Same input, byte-identical output.
	p2, g2 := goldenRelease(t)
	rd2, err := p2.Readiness(context.Background(), "REL-1.1", ReadinessOptions{Graph: g2, Findings: &trace.Result{}})
	require.NoError(t, err)
	a, _ := json.Marshal(rd)
	b, _ := json.Marshal(rd2)
	assert.True(t, bytes.Equal(a, b))
}

// reviewedITM1 is ITM-1's fingerprint in base: the review saw 1.0.0.
func reviewedITM1(base trace.Baseline) trace.Fingerprint {
	e, _ := base.Lookup("ITM-1")
	return e.Fingerprint
}
