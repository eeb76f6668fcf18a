package sbom

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// CheckScope says what a check judges.
type CheckScope string

const (
	// ScopeComponent checks every component (the primary one included).
	ScopeComponent CheckScope = "component"
	// ScopeDocument checks the SBOM document once.
	ScopeDocument CheckScope = "document"
)

// Valid reports whether s is ScopeComponent or ScopeDocument.
func (s CheckScope) Valid() bool { return s == ScopeComponent || s == ScopeDocument }

// Check is one compliance check. Its RuleMeta gives the ID (SBOM-xxx, after
// the reference's list of proposed checks), version, default severity, the
// clause of the source document it rests on, and a summary. Exactly one of
// Component and Document is set, matching Scope.
type Check struct {
	trace.RuleMeta
	// Scope says whether the check judges components or the document.
	Scope CheckScope
	// Component returns "" when c meets the check, else what is wrong.
	Component func(in *Input, c *Component) string
	// Document returns nothing when the document meets the check, else
	// each thing that is wrong.
	Document func(in *Input) []string
	// Applies, when set, says whether the check can be evaluated on in;
	// when it returns false the check judges no item (its coverage total is
	// zero), rather than passing items it could not judge.
	Applies func(in *Input) bool
}

// Profile is a named set of checks: a regulator's or agency's expectation
// of an SBOM, as data.
type Profile struct {
	// ID is a short stable name ("ntia-2021", "fda-premarket").
	ID string
	// Name is a title for people.
	Name string
	// Source cites the document the profile encodes.
	Source string
	// Checks in report order.
	Checks []Check
}

// Input is what a profile checks: an SBOM and, for the FDA profile, the
// vulnerability assessments and the date of the check.
type Input struct {
	// SBOM is the document. Required.
	SBOM *SBOM
	// Now is the date of the check, for end-of-support checks (SBOM-021).
	// The zero time skips them: library code never reads the clock.
	Now time.Time
	// Vulnerabilities is the vulnerability assessment of the components
	// (FDA premarket guidance V.A.4(b)), or nil when none was supplied.
	Vulnerabilities *VulnerabilityData

	refs    map[string]int // bom-ref → number of components with it
	inGraph map[string]bool
	vulns   map[string][]VulnerabilityStatus
	unasses map[string]string
}

func (in *Input) prepare() {
	s := in.SBOM
	in.refs = make(map[string]int, len(s.Components)+1)
	each(s, func(c *Component) {
		if c.BOMRef != "" {
			in.refs[c.BOMRef]++
		}
	})
	in.inGraph = make(map[string]bool, len(s.Dependencies)*2)
	for _, d := range s.Dependencies {
		in.inGraph[d.Ref] = true
		for _, r := range d.DependsOn {
			in.inGraph[r] = true
		}
	}
	if v := in.Vulnerabilities; v != nil {
		in.vulns = make(map[string][]VulnerabilityStatus)
		for _, st := range v.Statuses {
			in.vulns[st.Component] = append(in.vulns[st.Component], st)
		}
		in.unasses = make(map[string]string, len(v.Unassessed))
		for _, u := range v.Unassessed {
			in.unasses[u.Component] = u.Reason
		}
	}
}

// each calls fn for the primary component, then every other component.
func each(s *SBOM, fn func(c *Component)) {
	if s.Metadata.Component != nil {
		fn(s.Metadata.Component)
	}
	for i := range s.Components {
		fn(&s.Components[i])
	}
}

// ProfileReport is the outcome of checking an SBOM against a profile.
type ProfileReport struct {
	// Profile is the profile's ID and Name.
	Profile, Name string
	// Document is the SBOM's trace item ID.
	Document trace.ID
	// Components is the number of components checked (primary included).
	Components int
	// Checks describe the checks that ran, in profile order.
	Checks []Check
	// Result holds the findings (item = component Ref or Document) and the
	// coverage per check.
	Result *trace.Result
}

// Passed reports whether no unwaived error finding remains.
func (r *ProfileReport) Passed() bool { return r.Result.Count(trace.Error) == 0 }

// Summary is a short text a person can read: one line per check with the
// share of items meeting it.
func (r *ProfileReport) Summary() string {
	var b strings.Builder
	verdict := "PASS"
	if !r.Passed() {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "%s: %s (%d components, %d error, %d warning findings)\n", r.Name, verdict,
		r.Components, r.Result.Count(trace.Error), r.Result.Count(trace.Warning))
	cov := map[string]trace.Coverage{}
	for _, c := range r.Result.Coverage {
		cov[c.Rule] = c
	}
	for _, c := range r.Checks {
		k, ok := cov[c.ID]
		if !ok {
			continue
		}
		mark := "ok"
		switch {
		case k.Total == 0:
			mark = "n/a"
		case k.Covered < k.Total:
			mark = strings.ToUpper(string(c.Severity))
		}
		fmt.Fprintf(&b, "  %-7s %-28s %5d/%-5d %-9s %s\n", mark, c.ID, k.Covered, k.Total, c.Scope, c.Summary)
	}
	return b.String()
}

// CheckProfile checks in.SBOM against p and reports, for every check,
// every item it applies to. opts overrides severities, disables checks and
// applies waivers exactly as trace.Check does (the result is the one
// trace.Check gives for Profile.Rules; a test holds them equal), but the
// checks run without a graph and without per-rule maps, so that checking
// stays a small part of reading a large SBOM.
func CheckProfile(ctx context.Context, in Input, p Profile, opts trace.CheckOptions) (*ProfileReport, error) {
	if in.SBOM == nil {
		return nil, fmt.Errorf("sbom: profile %s: no SBOM", p.ID)
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	// Options are validated by trace itself, against an empty rule set.
	if _, err := trace.Check(ctx, nil, nil, opts); err != nil {
		return nil, fmt.Errorf("sbom: profile %s: %w", p.ID, err)
	}
	in.prepare()
	res, err := runChecks(ctx, &in, p.Checks, opts)
	if err != nil {
		return nil, err
	}
	n := len(in.SBOM.Components)
	if in.SBOM.Metadata.Component != nil {
		n++
	}
	return &ProfileReport{Profile: p.ID, Name: p.Name, Document: in.SBOM.DocumentID(), Components: n, Checks: p.Checks, Result: res}, nil
}

// validate reports malformed checks: bad metadata, duplicate IDs, a scope
// that does not match the function set.
func (p Profile) validate() error {
	var errs []error
	seen := map[string]bool{}
	for i, c := range p.Checks {
		if err := c.RuleMeta.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("checks[%d]: %w", i, err))
		}
		if seen[c.ID] {
			errs = append(errs, fmt.Errorf("checks[%d]: duplicate check ID %q", i, c.ID))
		}
		seen[c.ID] = true
		if !c.Scope.Valid() || (c.Scope == ScopeComponent) != (c.Component != nil) || (c.Scope == ScopeDocument) != (c.Document != nil) {
			errs = append(errs, fmt.Errorf("checks[%d] %s: scope %q does not match its function", i, c.ID, c.Scope))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("sbom: profile %s: %w: %w", p.ID, trace.ErrBadRuleSet, errors.Join(errs...))
	}
	return nil
}

// Rules returns the profile's checks as trace rules bound to in, for hosts
// that run them with other rules through trace.Check (which ignores the
// graph for them).
func (p Profile) Rules(in Input) []trace.Rule {
	in.prepare()
	rules := make([]trace.Rule, len(p.Checks))
	for i, c := range p.Checks {
		rules[i] = checkRule{c: c, in: &in}
	}
	return rules
}

// checkRule runs a Check as a trace.Rule over the bound Input; the graph
// argument is not used.
type checkRule struct {
	c  Check
	in *Input
}

func (r checkRule) Meta() trace.RuleMeta { return r.c.RuleMeta }

func (r checkRule) Check(_ *trace.Graph, rec *trace.Recorder) {
	if r.c.Applies != nil && !r.c.Applies(r.in) {
		return
	}
	if r.c.Scope == ScopeDocument {
		id := r.in.SBOM.DocumentID()
		msgs := r.c.Document(r.in)
		if len(msgs) == 0 {
			rec.Pass(id)
		}
		for _, m := range msgs {
			rec.Fail(id, m)
		}
		return
	}
	each(r.in.SBOM, func(c *Component) {
		id := c.ID()
		if msg := r.c.Component(r.in, c); msg != "" {
			rec.Fail(id, msg)
		} else {
			rec.Pass(id)
		}
	})
}
