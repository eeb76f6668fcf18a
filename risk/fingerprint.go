package risk

import (
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// The fingerprints cover each record's reviewed content: what a reviewer
// signs off. Positions and the records nested below (a hazard's situations)
// are not part of it.

func ids(xs []trace.ID) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func planFingerprint(p *Plan) trace.Fingerprint {
	h := trace.NewHasher().String("kind", string(KindPlan)).String("title", p.Title).
		String("version", p.Version).String("approved", string(p.Approved)).String("scope", p.Scope).
		String("policy", string(p.Policy)).String("notEstimable", p.NotEstimable).
		String("numericSecurity", boolString(p.NumericSecurityProbability)).
		String("discloseSeverity", p.DiscloseSeverity).
		String("overallMethod", p.OverallMethod).String("overallCriteria", p.OverallCriteria)
	hashScale(h, "severity", p.Severity)
	hashScale(h, "probability", p.Probability)
	rows := make([]string, 0, len(p.Matrix))
	for k := range p.Matrix {
		rows = append(rows, k)
	}
	slices.Sort(rows)
	for _, k := range rows {
		regions := make([]string, len(p.Matrix[k]))
		for i, r := range p.Matrix[k] {
			regions[i] = string(r)
		}
		h.Strings("matrix:"+k, regions)
	}
	return h.Sum()
}

func hashScale(h *trace.Hasher, name string, s Scale) {
	h.String(name+".unit", s.Unit).Int(name+".levels", int64(len(s.Levels)))
	for _, l := range s.Levels {
		h.String("name", l.Name).String("description", l.Description)
		hashBound(h, "lower", l.Lower)
		hashBound(h, "upper", l.Upper)
	}
}

func hashBound(h *trace.Hasher, name string, v *float64) {
	if v == nil {
		h.String(name, "")
		return
	}
	h.Float(name, *v)
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func hazardFingerprint(z *Hazard) trace.Fingerprint {
	return trace.NewHasher().String("kind", string(KindHazard)).String("title", z.Title).
		String("description", z.Description).String("category", z.Category).
		Strings("causes", ids(z.Causes)).Sum()
}

func situationFingerprint(s *Situation) trace.Fingerprint {
	h := trace.NewHasher().String("kind", string(KindSituation)).String("title", s.Title).
		String("description", s.Description).String("sequence", s.Sequence).
		Strings("causes", ids(s.Causes)).String("disclosure", s.Disclosure)
	hashEstimate(h, "initial", &s.Estimate)
	if s.Residual != nil {
		hashEstimate(h, "residual", s.Residual)
	}
	if s.Reduction != nil {
		h.String("reduction.basis", string(s.Reduction.Basis)).String("reduction.text", s.Reduction.Text)
	}
	return h.Sum()
}

func hashEstimate(h *trace.Hasher, name string, e *Estimate) {
	h.String(name+".p1", string(e.P1)).String(name+".notEstimable", boolString(e.NotEstimable)).
		String(name+".explanation", e.Explanation).Int(name+".harms", int64(len(e.Harms)))
	for _, he := range e.Harms {
		h.String("harm", string(he.Harm)).String("p2", string(he.P2)).String("severity", he.Severity)
	}
}

func harmFingerprint(z *Harm) trace.Fingerprint {
	return trace.NewHasher().String("kind", string(KindHarm)).String("title", z.Title).
		String("description", z.Description).String("severity", z.Severity).Sum()
}

func controlFingerprint(c *Control) trace.Fingerprint {
	h := trace.NewHasher().String("kind", string(KindControl)).String("title", c.Title).
		String("description", c.Description).String("option", string(c.Option)).
		String("location", string(c.Location)).Strings("mitigates", ids(c.Mitigates)).
		Strings("implementedBy", ids(c.ImplementedBy)).String("newRisks", string(c.NewRisks)).
		Strings("introduces", ids(c.Introduces))
	if c.Rationale != nil {
		h.String("rationale.basis", string(c.Rationale.Basis)).String("rationale.text", c.Rationale.Text)
	}
	if c.AttackSurface {
		h.String("attackSurface", "true")
	}
	return h.Sum()
}

func causeFingerprint(c *Cause) trace.Fingerprint {
	return trace.NewHasher().String("kind", string(KindCause)).String("title", c.Title).
		String("description", c.Description).String("category", c.Category).Sum()
}

func benefitRiskFingerprint(b *BenefitRisk) trace.Fingerprint {
	return trace.NewHasher().String("kind", string(KindBenefitRisk)).String("title", b.Title).
		String("date", string(b.Date)).Strings("situations", ids(b.Situations)).
		String("benefits", b.Benefits).String("rationale", b.Rationale).
		String("outcome", string(b.Outcome)).Sum()
}

func reviewFingerprint(r *Review) trace.Fingerprint {
	return trace.NewHasher().String("kind", string(KindReview)).String("title", r.Title).
		String("date", string(r.Date)).Strings("reviews", ids(r.Reviews)).
		String("planImplemented", boolString(r.PlanImplemented)).
		String("overallAcceptable", boolString(r.OverallAcceptable)).
		String("postProduction", boolString(r.PostProduction)).
		String("conclusion", r.Conclusion).Sum()
}
