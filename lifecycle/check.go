package lifecycle

import (
	"context"

	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// CheckOptions tunes Project.Check. The zero value runs every default rule
// at its default severity.
type CheckOptions struct {
	// CheckOptions overrides severities, disables rules and accepts
	// findings with waivers.
	trace.CheckOptions
	// Classify tunes the safety classification the rules read.
	Classify ClassifyOptions
	// Security tunes the security file's rules (the date they are checked
	// on, the threat-model review interval).
	Security security.RuleOptions
}

// Check builds the project's graph and runs the default thread rules over
// it, returning the findings and the coverage per rule. If the graph has
// build problems, Check still checks what was valid and returns the result
// together with the *trace.BuildError; a malformed rule set or options make
// it return no result and an error wrapping trace.ErrBadRuleSet.
func (p *Project) Check(ctx context.Context, opts CheckOptions) (*trace.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, buildErr := p.Graph()
	res, err := trace.Check(ctx, g, p.RulesWith(opts), p.traceOptions(opts))
	if err != nil {
		return nil, err
	}
	return res, buildErr
}

// traceOptions are the host's options with the project's own waivers
// added, so that waivers kept as records apply wherever the rules run.
func (p *Project) traceOptions(opts CheckOptions) trace.CheckOptions {
	o := opts.CheckOptions
	if p != nil && len(p.Waivers) > 0 {
		o.Waivers = append(append([]trace.Waiver(nil), p.Waivers...), o.Waivers...)
	}
	return o
}
