package lifecycle

import (
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// Rules returns the default thread rules for the project with default
// options. See RulesWith.
func (p *Project) Rules() []trace.Rule { return p.RulesWith(CheckOptions{}) }

// RulesWith returns the default thread rules for the project, one rule set
// over the whole thread, tuned by opts.Classify and opts.Security (the
// host's severity overrides, disabled rules and waivers in
// opts.CheckOptions apply when the rules run, see Check):
//
//   - lifecycle (LC-001…LC-015): needs derive requirements; requirements
//     derive from needs, are allocated to items (class B and C) and
//     verified; tests have
//     results and their latest result passes; requirements flagged as
//     controls implement controls; needs are validated; design reviews are
//     not stale; components the software uses are annotated as SOUP and
//     the SOUP records carry what the class requires; every vulnerability
//     matched to a component has a VEX status for it; no threat of the
//     security file stays open; no cycle in the item hierarchy, the
//     derivations or the cause and hazard chains;
//   - classification (CLS-001…CLS-005, FDA-001);
//   - the risk file's rules (risk.Rules: hazards analysed and evaluated,
//     every control implemented by a requirement and verified for
//     implementation and effectiveness, residual risk, benefit-risk,
//     review), when the project has a risk file;
//   - the security file's rules (security.Rules: threats assessed and
//     mitigated or accepted, security-caused hazardous situations linked,
//     controls implemented and verified, vulnerabilities assessed), when
//     the project has a security file;
//   - the SBOM rules (sbom.SOUPRules: SOUP records key components that
//     software items use), when the project has SBOMs or SOUP records;
//   - the post-market rules (problem reports, change requests, releases,
//     signals).
func (p *Project) RulesWith(opts CheckOptions) []trace.Rule {
	if p == nil {
		p = &Project{}
	}
	cc := &classCache{p: p, opts: opts.Classify}
	rules := threadRules(cc)
	rules = append(rules, p.soupRules(cc)...)
	rules = append(rules, p.classRules(cc)...)
	if p.Risk != nil {
		rules = append(rules, risk.Rules(p.Risk)...)
	}
	if p.Security != nil {
		rules = append(rules, threatTreatedRule())
		rules = append(rules, security.Rules(opts.Security)...)
	}
	if len(p.SBOMs) > 0 || len(p.SOUP) > 0 || p.Vulnerabilities != nil {
		rules = append(rules, sbom.SOUPRules()...)
	}
	rules = append(rules, p.postMarketRules()...)
	return rules
}
