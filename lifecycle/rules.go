package lifecycle

import "github.com/medtrace/medtrace/trace"

// Rules returns the default thread rules for the project: the lifecycle
// rules on the system model, classification and reviews, and the rules on
// post-market records. Every rule names the clause it rests on; a host tunes
// them through trace.CheckOptions (severity overrides, disabled rules,
// waivers).
func (p *Project) Rules() []trace.Rule { return p.RulesWith(ClassifyOptions{}) }

// RulesWith is Rules with the classification computed with opts.
func (p *Project) RulesWith(opts ClassifyOptions) []trace.Rule {
	rules := threadRules()
	rules = append(rules, p.classRules(opts)...)
	rules = append(rules, p.postMarketRules()...)
	return rules
}
