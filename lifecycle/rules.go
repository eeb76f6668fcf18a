package lifecycle

import (
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// Rules returns the default thread rules for the project, with the
// classification computed by the default options. See RulesWith.
func (p *Project) Rules() []trace.Rule { return p.RulesWith(ClassifyOptions{}) }

// RulesWith returns the default thread rules for the project: one rule set
// over the whole thread.
//
//   - lifecycle (LC-001…LC-010): needs derive requirements; requirements
//     derive from needs, are allocated to items and verified; tests have
//     results and their latest result passes; requirements flagged as
//     controls implement controls; needs are validated; design reviews are
//     not stale;
//   - classification (CLS-001…CLS-005, FDA-001), computed with opts;
//   - the risk file's rules (risk.Rules: every hazard analysed and
//     evaluated, every control implemented by a requirement and verified
//     for implementation and effectiveness, residual risk, benefit-risk,
//     review), when the project has a risk file;
//   - the post-market rules (problem reports, change requests, releases,
//     signals).
//
// Every rule names the clause it rests on; a host tunes them through
// trace.CheckOptions (severity overrides, disabled rules, waivers).
func (p *Project) RulesWith(opts ClassifyOptions) []trace.Rule {
	if p == nil {
		p = &Project{}
	}
	rules := threadRules()
	rules = append(rules, p.classRules(opts)...)
	if p.Risk != nil {
		rules = append(rules, risk.Rules(p.Risk)...)
	}
	rules = append(rules, p.postMarketRules()...)
	return rules
}
