package report

import (
	"fmt"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// ProfileFindings returns the findings of an SBOM compliance profile check
// (sbom.CheckProfile: NTIA minimum elements, FDA premarket, CISA, BSI
// TR-03183-2), ready to render in every findings format with each check's
// summary and clause. The product in meta is kept; when empty it names the
// profile.
func ProfileFindings(meta Meta, r *sbom.ProfileReport) (Findings, error) {
	if r == nil || r.Result == nil {
		return Findings{}, fmt.Errorf("%w: profile findings need an sbom.ProfileReport with its result", ErrMissingInput)
	}
	if meta.Product == "" {
		meta.Product = cmpOr(r.Name, r.Profile)
	}
	rules := make([]trace.Rule, len(r.Checks))
	for i, c := range r.Checks {
		rules[i] = describedRule{c.RuleMeta}
	}
	return Findings{Meta: meta, Result: r.Result, Rules: rules}, nil
}

// describedRule carries a rule's description for a report; it checks
// nothing.
type describedRule struct{ meta trace.RuleMeta }

// Meta returns the rule's description.
func (d describedRule) Meta() trace.RuleMeta { return d.meta }

// Check does nothing: the rule only describes findings made elsewhere.
func (describedRule) Check(*trace.Graph, *trace.Recorder) {}
