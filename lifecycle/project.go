package lifecycle

import (
	"errors"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// Project is the aggregate of one device software's records: the software
// system model (IEC 62304:2006+A1:2015 clause 5), the risk management file,
// the security file, the SBOMs with SOUP annotations, and the post-market
// records (clauses 6, 8, 9). A project file maps onto it field by field.
//
// Project implements [trace.Contributor]: it contributes its own records and
// those of its parts. A Project is not modified by any method.
type Project struct {
	// System is the software system. Required.
	System System `json:"system"`
	// Items are the software items and units, in a tree under System.
	Items []Item `json:"items,omitempty"`
	// Interfaces are the interfaces between items and to the outside.
	Interfaces []Interface `json:"interfaces,omitempty"`
	// UserNeeds are the user needs and intended-use statements.
	UserNeeds []UserNeed `json:"userNeeds,omitempty"`
	// Requirements are the system and software requirements.
	Requirements []Requirement `json:"requirements,omitempty"`
	// Tests are the tests and other verification activities.
	Tests []Test `json:"tests,omitempty"`
	// Results are the recorded test executions.
	Results []Result `json:"results,omitempty"`
	// DesignReviews are the design review records.
	DesignReviews []DesignReview `json:"designReviews,omitempty"`
	// Documents are the evidence documents (plans, procedures, reports).
	Documents []Document `json:"documents,omitempty"`
	// Risk is the risk management file (ISO 14971); nil when the project
	// has none yet.
	Risk *risk.File `json:"risk,omitempty"`
	// Security is the security file (IEC 81001-5-1, FDA premarket
	// cybersecurity); nil when the project has none yet.
	Security *security.File `json:"security,omitempty"`
	// SBOMs are the software bills of materials of the current version,
	// decoded from the files a host or loader names; their components join
	// the graph once per ID, the first SBOM's wins.
	SBOMs []*sbom.SBOM `json:"-"`
	// SOUP are the SOUP records annotating SBOM components
	// (IEC 62304:2006+A1:2015 8.1.2, 5.3.3, 5.3.4, 7.1.3).
	SOUP []sbom.SOUP `json:"soup,omitempty"`
	// Vulnerabilities are the known vulnerabilities matched to the SBOMs'
	// components, with their VEX statements; nil when not matched.
	Vulnerabilities *sbom.MatchReport `json:"-"`

	// Waivers accept individual findings of the thread rules, each with
	// its rationale, author and date; Check and Readiness apply them, and
	// the waived findings stay in the result, marked as accepted.
	Waivers []trace.Waiver `json:"waivers,omitempty"`

	// PostMarket holds problem reports, change requests, releases and
	// signals; its fields appear at the top level of a project file.
	PostMarket
}

// ErrInvalidRecord is wrapped by every problem found in a lifecycle record:
// a missing required field, an invalid enum value, an empty reference.
var ErrInvalidRecord = errors.New("lifecycle: invalid record")

// Graph builds the project's trace graph. It reports every problem at once,
// in a *trace.BuildError: invalid records (with their field path, such as
// "requirements[3].level", and position), duplicate IDs, links to unknown
// items and links between kinds that may not be joined. Even on error it
// returns the graph of everything that was valid.
func (p *Project) Graph() (*trace.Graph, error) {
	b := trace.NewBuilder()
	if p != nil {
		b.Grow(p.sizeHint())
	}
	b.Add(p)
	return b.Build()
}

// Validate checks the project's own records (system, items, interfaces,
// needs, requirements, tests, results, reviews, documents) and those of its
// parts, and returns every problem at once, each a trace.Problem naming the
// field path, the record ID and the position; nil when all are well formed.
// Links to unknown items are not checked here; Graph reports them.
func (p *Project) Validate() error {
	if p == nil {
		return nil
	}
	b := trace.NewBuilder()
	b.Add(p)
	_, err := b.Build()
	var be *trace.BuildError
	if !errors.As(err, &be) {
		return err
	}
	var own []trace.Problem
	for _, pr := range be.Problems {
		if !errors.Is(pr, trace.ErrUnknownItem) && !errors.Is(pr, trace.ErrLinkNotAllowed) {
			own = append(own, pr)
		}
	}
	if len(own) == 0 {
		return nil
	}
	return &trace.BuildError{Problems: own}
}

// Contribute adds the project's records and those of its parts to b and
// declares the kind pairs its link types may join. It returns the problems
// found in lifecycle records; problems of the graph as a whole are found by
// the builder.
func (p *Project) Contribute(b *trace.Builder) error {
	if p == nil {
		return nil
	}
	allowLinks(b)
	c := &contribution{b: b}
	c.system(&p.System)
	for i := range p.Items {
		c.item(i, &p.Items[i])
	}
	for i := range p.Interfaces {
		c.iface(i, &p.Interfaces[i])
	}
	for i := range p.UserNeeds {
		c.need(i, &p.UserNeeds[i])
	}
	for i := range p.Requirements {
		c.requirement(i, &p.Requirements[i])
	}
	for i := range p.Tests {
		c.test(i, &p.Tests[i])
	}
	for i := range p.Results {
		c.result(i, &p.Results[i])
	}
	for i := range p.DesignReviews {
		c.review(i, &p.DesignReviews[i])
	}
	for i := range p.Documents {
		c.document(i, &p.Documents[i])
	}
	if p.Risk != nil {
		b.Add(p.Risk)
	}
	if p.Security != nil {
		b.Add(p.Security)
	}
	if inv := p.inventory(); inv != nil {
		b.Add(sbom.Contribution{SBOM: inv, SOUP: p.SOUP})
	}
	if p.Vulnerabilities != nil {
		b.Add(p.Vulnerabilities)
	}
	if err := p.PostMarket.contribute(b); err != nil {
		c.errs = append(c.errs, err)
	}
	return errors.Join(c.errs...)
}

// emptyGraph returns a graph with no items, for callers that pass none.
func emptyGraph() *trace.Graph {
	g, _ := trace.NewBuilder().Build()
	return g
}

// sizeHint estimates the number of items and links the project contributes,
// so the builder allocates once.
func (p *Project) sizeHint() (items, links int) {
	items = 1 + len(p.Items) + len(p.Interfaces) + len(p.UserNeeds) + len(p.Requirements) +
		len(p.Tests) + len(p.Results) + len(p.DesignReviews) + len(p.Documents)
	links = len(p.Items) + len(p.Results)
	for i := range p.Items {
		links += len(p.Items[i].Causes) + len(p.Items[i].Uses)
	}
	for i := range p.Requirements {
		r := &p.Requirements[i]
		links += len(r.DerivedFrom) + len(r.AllocatedTo) + len(r.RiskControls) + len(r.SecurityControls)
	}
	for i := range p.Tests {
		links += len(p.Tests[i].Verifies) + len(p.Tests[i].VerifiesEffectiveness)
	}
	if f := p.Risk; f != nil {
		items += 1 + len(f.Harms) + len(f.Controls) + len(f.Causes) + len(f.Hazards)
		for i := range f.Hazards {
			items += len(f.Hazards[i].Situations)
			links += 3 * len(f.Hazards[i].Situations)
		}
		links += 2 * len(f.Controls)
	}
	for _, s := range p.SBOMs {
		if s != nil {
			items += len(s.Components) + 1
		}
	}
	items += len(p.SOUP)
	links += 2 * len(p.SOUP)
	return items, links
}

// inventory returns the SBOMs as one: the first SBOM with the components of
// the others appended (the contribution keeps one component per ID). It is
// nil without SBOMs.
func (p *Project) inventory() *sbom.SBOM {
	var first *sbom.SBOM
	extra := 0
	for _, s := range p.SBOMs {
		if s == nil {
			continue
		}
		if first == nil {
			first = s
			continue
		}
		extra += len(s.Components) + 1
	}
	if first == nil || extra == 0 {
		return first
	}
	merged := *first
	merged.Components = append(make([]sbom.Component, 0, len(first.Components)+extra), first.Components...)
	for _, s := range p.SBOMs {
		if s == nil || s == first {
			continue
		}
		if s.Metadata.Component != nil {
			merged.Components = append(merged.Components, *s.Metadata.Component)
		}
		merged.Components = append(merged.Components, s.Components...)
	}
	return &merged
}
