package lifecycle

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// readiness judges REL-1.1 of p over its graph with the SBOM fixture and
// any extra contributions.
func readiness(t *testing.T, p *Project, extra ...trace.Contributor) *Readiness {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(p)
	b.Add(sbomFixture)
	for _, c := range extra {
		b.Add(c)
	}
	g, err := b.Build()
	require.NoError(t, err)
	// The fixture is a minimal release, not a complete thread: the fixed
	// checks are tested here, the thread rules' findings on their own.
	rd, err := p.Readiness(context.Background(), "REL-1.1", ReadinessOptions{Graph: g, Findings: &trace.Result{}})
	require.NoError(t, err)
	return rd
}

func TestReadinessBlocksOnErrorFindings(t *testing.T) {
	p := pmProject()
	g := pmGraph(t, p)
	rd, err := p.Readiness(context.Background(), "REL-1.1", ReadinessOptions{Graph: g})
	require.NoError(t, err)
	var rules []string
	for _, b := range rd.Blockers {
		if b.Check == CheckFindings {
			rules = append(rules, strings.SplitN(b.Reason, ":", 2)[0])
		}
	}
	assert.Contains(t, rules, "LC-011", "a used component with no SOUP record blocks the release")

	// A waiver accepts the finding; a disabled rule does not run.
	opts := ReadinessOptions{Graph: g}
	opts.Check.Disabled = map[string]bool{"LC-011": true}
	rd, err = p.Readiness(context.Background(), "REL-1.1", opts)
	require.NoError(t, err)
	for _, b := range rd.Blockers {
		assert.NotContains(t, b.Reason, "LC-011")
	}

	// The host's own result is used as given.
	rd, err = p.Readiness(context.Background(), "REL-1.1", ReadinessOptions{Graph: g, Findings: &trace.Result{
		Findings: []trace.Finding{{Rule: "HOST-1", Severity: trace.Error, Item: "SRS-1", Message: "m", Clause: "c"},
			{Rule: "HOST-2", Severity: trace.Warning, Item: "SRS-1", Message: "w", Clause: "c"}}}})
	require.NoError(t, err)
	var hosts []string
	for _, b := range rd.Blockers {
		if b.Check == CheckFindings {
			hosts = append(hosts, b.Reason)
		}
	}
	assert.Equal(t, []string{"HOST-1: m"}, hosts, "only unwaived errors block")
}

func TestReadinessOfConsistentRelease(t *testing.T) {
	rd := readiness(t, pmProject())
	assert.True(t, rd.Ready(), "blockers: %v", rd.Blockers)
	assert.Equal(t, "1.1.0", rd.Version)
	assert.Equal(t, 2, rd.Requirements)
	assert.Equal(t, 2, rd.Verified)
	assert.True(t, rd.Class.Valid())
}

func TestReadinessBlockers(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(p *Project)
		extra  []trace.Contributor
		check  ReadinessCheck
		item   trace.ID
		reason string
		clause string
		also   []ReadinessCheck // other checks the mutation trips
	}{
		{name: "activity without evidence", mutate: func(p *Project) { p.Documents = nil },
			check: CheckActivity, reason: "no evidence of 5.1.1", clause: "IEC 62304:2006+A1:2015 5.1.1"},
		{name: "failing result", mutate: func(p *Project) { p.Results[1].Outcome = Fail },
			check: CheckVerification, item: "SRS-2", reason: "the latest result of TST-2 on version 1.1.0 is fail (RES-2)", clause: "5.7.4"},
		{name: "later pass wins over earlier fail", mutate: func(p *Project) {
			p.Results = append(p.Results, Result{ID: "RES-0", Test: "TST-2", Outcome: Pass, Date: pmAt(0), Version: "1.1.0", By: "QA"})
			p.Results[1].Outcome = Fail
		}, check: CheckVerification, item: "SRS-2", reason: "is fail (RES-2)", clause: "5.7.4"},
		{name: "result on another version", mutate: func(p *Project) { p.Results[1].Version = "1.0.0" },
			check: CheckVerification, item: "SRS-2", reason: "TST-2 has no result on version 1.1.0", clause: "5.7.4"},
		{name: "requirement without test", mutate: func(p *Project) { p.Tests[1].Verifies = []trace.ID{"ITM-2"} },
			check: CheckVerification, item: "SRS-2", reason: "verified by no test", clause: "5.7.4"},
		{name: "change not verified", mutate: func(p *Project) { p.ChangeRequests[0].State = ChangeImplemented },
			check: CheckChange, item: "CR-1", reason: "ships in REL-1.1 but is only implemented", clause: "8.2.3"},
		{name: "change test failing", mutate: func(p *Project) { p.Results[0].Outcome = Blocked },
			check: CheckChange, item: "CR-1", reason: "requires TST-1 to pass", clause: "5.7.3", also: []ReadinessCheck{CheckVerification}},
		{name: "no risk file", mutate: func(p *Project) {
			p.Risk = nil
			p.Items[0].Causes = nil
			p.ProblemReports[0].Investigation.Hazards = nil
		},
			check: CheckResidualRisk, reason: "no risk management file", clause: "ISO 14971:2019 4.5"},
		{name: "residual risk not accepted", mutate: func(p *Project) {
			p.Risk.Controls = nil
			p.Risk.Hazards[0].Situations[0].Residual = nil
			p.Risk.Hazards[0].Situations[0].Estimate.P1 = "1e-1"
		}, check: CheckResidualRisk, item: "HS-1", reason: "residual risk of HS-1", clause: "ISO 14971:2019 7.3"},
		{name: "unlisted anomaly", mutate: func(p *Project) { p.Releases[1].Anomalies = nil },
			check: CheckAnomaly, item: "PR-2", reason: "not listed as a known anomaly of REL-1.1", clause: "5.8.2"},
		{name: "anomaly not evaluated", mutate: func(p *Project) { p.ProblemReports[1].Anomaly = nil },
			check: CheckAnomaly, item: "PR-2", reason: "has no evaluation", clause: "5.8.3"},
		{name: "anomaly with unacceptable risk", mutate: func(p *Project) { p.ProblemReports[1].Anomaly.UnacceptableRisk = true },
			check: CheckAnomaly, item: "PR-2", reason: "contributes to an unacceptable risk", clause: "5.8.3"},
		{name: "vulnerability not assessed", extra: []trace.Contributor{trace.ContributorFunc(func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "CVE-2026-0001", Kind: pmKindVulnerability, Title: "prototype pollution"})
			b.Allow(trace.Affects, pmKindVulnerability, kindComponent)
			b.Link("CVE-2026-0001", trace.Affects, "pkg:npm/lodash@4.17.20")
			return nil
		})}, check: CheckVulnerability, item: "CVE-2026-0001", reason: "(VEX status unstated) is not assessed", clause: "V.A.4"},
		{name: "vulnerability affecting, not assessed", extra: []trace.Contributor{trace.ContributorFunc(func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "CVE-2026-0002", Kind: pmKindVulnerability, Attrs: map[string]string{sbom.AttrVEXStatus: "affected"}})
			return nil
		})}, check: CheckVulnerability, item: "CVE-2026-0002", reason: "(VEX status affected) is not assessed", clause: "V.A.4"},
		{name: "suspect link", extra: []trace.Contributor{trace.ContributorFunc(func(b *trace.Builder) error {
			b.AddItem(trace.Item{ID: "DR-1", Kind: KindDesignReview, Title: "Architecture review"})
			b.AddLink(trace.Link{From: "DR-1", To: "ITM-1", Type: trace.Reviews, Reviewed: trace.Fingerprint{1}})
			return nil
		})}, check: CheckSuspect, item: "DR-1", reason: "ITM-1 changed since the link was reviewed", clause: "8.2.3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := pmProject()
			if tc.mutate != nil {
				tc.mutate(p)
			}
			rd := readiness(t, p, tc.extra...)
			require.False(t, rd.Ready())
			var hit *Blocker
			for i := range rd.Blockers {
				b := &rd.Blockers[i]
				assert.True(t, b.Check.Valid())
				assert.NotEmpty(t, b.Clause)
				if b.Check == tc.check && b.Item == tc.item && hit == nil && strings.Contains(b.Reason, tc.reason) {
					hit = b
				}
				if b.Check != tc.check {
					assert.Contains(t, tc.also, b.Check, "only the mutated check blocks: %v", b)
				}
			}
			require.NotNil(t, hit, "blockers: %v", rd.Blockers)
			assert.Contains(t, hit.Clause, tc.clause)
		})
	}
}

func TestReadinessBuildsTheGraphAndReportsRecordProblems(t *testing.T) {
	p := pmProject()
	p.ProblemReports[1].Title = ""
	rd, err := p.Readiness(context.Background(), "REL-1.1", ReadinessOptions{})
	require.NoError(t, err)
	var records []string
	for _, b := range rd.Blockers {
		if b.Check == CheckRecords {
			records = append(records, b.Reason)
		}
	}
	// The fixture's component comes from the SBOM, which this project
	// lacks: the dangling use is a record problem too.
	assert.Len(t, records, 2)
	assert.Contains(t, records[0]+records[1], `problemReports[1].title: is required`)
	assert.Equal(t, CheckRecords, rd.Blockers[0].Check, "blockers are ordered by check")
}

func TestVulnerabilityAssessed(t *testing.T) {
	cases := []struct {
		name  string
		attrs map[string]string
		from  *trace.Item
		link  trace.LinkType
		want  bool
	}{
		{name: "no status", want: false},
		{name: "not affected", attrs: map[string]string{sbom.AttrVEXStatus: "not_affected"}, want: true},
		{name: "fixed", attrs: map[string]string{sbom.AttrVEXStatus: "fixed"}, want: true},
		{name: "under investigation", attrs: map[string]string{sbom.AttrVEXStatus: "under_investigation"}, want: false},
		{name: "assessed by a security risk", attrs: map[string]string{sbom.AttrVEXStatus: "affected"},
			from: &trace.Item{ID: "SR-1", Kind: security.KindRisk}, link: security.Assesses, want: true},
		{name: "investigated problem", from: &trace.Item{ID: "PR-9", Kind: KindProblemReport,
			Attrs: map[string]string{"investigated": "true"}}, link: trace.Affects, want: true},
		{name: "open problem", from: &trace.Item{ID: "PR-9", Kind: KindProblemReport}, link: trace.Affects, want: false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := trace.NewBuilder()
			b.AddItem(trace.Item{ID: "CVE-1", Kind: pmKindVulnerability, Attrs: tc.attrs})
			if tc.from != nil {
				b.DeclareLinkType(trace.LinkTypeInfo{Type: security.Assesses, Inverse: "assessed-by"})
				b.AddItem(*tc.from)
				b.Allow(tc.link, tc.from.Kind, pmKindVulnerability)
				b.Link(tc.from.ID, tc.link, "CVE-1")
			}
			g, err := b.Build()
			require.NoError(t, err)
			it, _ := g.Item("CVE-1")
			ok, reason := vulnerabilityAssessed(g, it)
			assert.Equal(t, tc.want, ok)
			assert.Equal(t, tc.want, reason == "")
		})
	}
}

func TestReadinessUnknownRelease(t *testing.T) {
	_, err := pmProject().Readiness(context.Background(), "REL-9", ReadinessOptions{})
	assert.ErrorIs(t, err, ErrUnknownRelease)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = pmProject().Readiness(ctx, "REL-1.1", ReadinessOptions{Graph: pmGraph(t, pmProject())})
	assert.ErrorIs(t, err, context.Canceled)
}
