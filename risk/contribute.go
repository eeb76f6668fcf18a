package risk

import (
	"strconv"

	"github.com/medtrace/medtrace/trace"
)

// Contribute adds the risk file to a graph (trace.Contributor): the plan,
// hazards, hazardous situations, harms, controls, causes, benefit-risk
// analyses and reviews as items with fingerprints and positions, and their
// links:
//
//	hazard -leads-to-> hazardous-situation -leads-to-> harm
//	cause (any of CauseKinds) -causes-> hazard | hazardous-situation
//	risk-control -mitigates-> hazardous-situation
//	risk-control -implemented-by-> requirement
//	risk-control -introduces-> hazard | hazardous-situation
//	benefit-risk -reviews-> hazardous-situation
//	risk-review -reviews-> any risk kind
//
// Situation items carry the attributes "region" and "residual-region" (the
// evaluated regions, empty when not evaluated) and "severity" (the worst
// harm severity); harms "severity"; controls "option", "location" and
// "external". Rules do not read these attributes: they are for display.
//
// The tests that verify controls are lifecycle's records; lifecycle declares
// test -verifies-> risk-control and test -verifies-effectiveness->
// risk-control.
//
// Contribute returns the problems Validate finds, as trace.Problem values
// naming the record and field, and leaves out links to risk records that do
// not exist (Validate reports them); links to items owned by other packages
// are added as written, and Build reports those that dangle.
func (f *File) Contribute(b *trace.Builder) error {
	allow(b)
	ix := newIndex(f)
	ev := ix.evaluate()
	p := &f.Plan
	b.AddItem(trace.Item{ID: p.ID, Kind: KindPlan, Title: p.Title, Pos: p.Pos, Fingerprint: planFingerprint(p),
		Attrs: map[string]string{"policy": string(p.Policy), "version": p.Version, "approved": string(p.Approved)}})
	for hi := range f.Hazards {
		h := &f.Hazards[hi]
		b.AddItem(trace.Item{ID: h.ID, Kind: KindHazard, Title: h.Title, Pos: h.Pos, Fingerprint: hazardFingerprint(h),
			Attrs: map[string]string{"category": h.Category}})
		addCauses(b, h.Causes, h.ID, h.Pos)
		for si := range h.Situations {
			f.contributeSituation(b, ix, ev, h, &h.Situations[si])
		}
	}
	for i := range f.Harms {
		h := &f.Harms[i]
		b.AddItem(trace.Item{ID: h.ID, Kind: KindHarm, Title: h.Title, Pos: h.Pos, Fingerprint: harmFingerprint(h),
			Attrs: map[string]string{"severity": h.Severity}})
	}
	for i := range f.Controls {
		f.contributeControl(b, ix, &f.Controls[i])
	}
	for i := range f.Causes {
		c := &f.Causes[i]
		b.AddItem(trace.Item{ID: c.ID, Kind: KindCause, Title: c.Title, Pos: c.Pos, Fingerprint: causeFingerprint(c),
			Attrs: map[string]string{"category": c.Category}})
	}
	for i := range f.BenefitRisk {
		br := &f.BenefitRisk[i]
		b.AddItem(trace.Item{ID: br.ID, Kind: KindBenefitRisk, Title: br.Title, Pos: br.Pos, Fingerprint: benefitRiskFingerprint(br),
			Attrs: map[string]string{"outcome": string(br.Outcome), "date": string(br.Date)}})
		for _, s := range br.Situations {
			if _, ok := ix.situation[s]; ok {
				b.AddLink(trace.Link{From: br.ID, Type: trace.Reviews, To: s, Pos: br.Pos})
			}
		}
	}
	for i := range f.Reviews {
		r := &f.Reviews[i]
		b.AddItem(trace.Item{ID: r.ID, Kind: KindReview, Title: r.Title, Pos: r.Pos, Fingerprint: reviewFingerprint(r),
			Attrs: map[string]string{"date": string(r.Date)}})
		for _, to := range r.Reviews {
			b.AddLink(trace.Link{From: r.ID, Type: trace.Reviews, To: to, Pos: r.Pos})
		}
	}
	return problems(ix.validate())
}

// allow declares the kind pairs of the links the risk file records.
func allow(b *trace.Builder) {
	b.Allow(trace.LeadsTo, KindHazard, KindSituation)
	b.Allow(trace.LeadsTo, KindSituation, KindHarm)
	for _, k := range CauseKinds() {
		b.Allow(trace.Causes, k, KindHazard, KindSituation)
	}
	b.Allow(trace.Mitigates, KindControl, KindSituation)
	b.Allow(trace.ImplementedBy, KindControl, KindRequirement)
	b.Allow(trace.Introduces, KindControl, KindHazard, KindSituation)
	b.Allow(trace.Reviews, KindBenefitRisk, KindSituation)
	b.Allow(trace.Reviews, KindReview, Kinds()...)
}

func addCauses(b *trace.Builder, causes []trace.ID, to trace.ID, pos trace.Position) {
	for _, c := range causes {
		b.AddLink(trace.Link{From: c, Type: trace.Causes, To: to, Pos: pos})
	}
}

func (f *File) contributeSituation(b *trace.Builder, ix *index, ev *Evaluation, h *Hazard, s *Situation) {
	attrs := map[string]string{}
	if a, ok := ev.Situation(s.ID); ok {
		attrs["region"] = string(a.InitialRegion)
		attrs["residual-region"] = string(a.ResidualRegion)
		attrs["severity"] = a.WorstSeverity.Name
	}
	b.AddItem(trace.Item{ID: s.ID, Kind: KindSituation, Title: s.Title, Pos: s.Pos, Fingerprint: situationFingerprint(s),
		Attrs: attrs})
	b.AddLink(trace.Link{From: h.ID, Type: trace.LeadsTo, To: s.ID, Pos: s.Pos})
	addCauses(b, s.Causes, s.ID, s.Pos)
	for _, he := range s.Harms {
		if _, ok := ix.harm[he.Harm]; ok {
			b.AddLink(trace.Link{From: s.ID, Type: trace.LeadsTo, To: he.Harm, Pos: s.Pos})
		}
	}
}

// AttrAttackSurface is the attribute of a risk-control item that is "true"
// when the control opens an attack surface (Control.AttackSurface).
const AttrAttackSurface = "attack-surface"

func (f *File) contributeControl(b *trace.Builder, ix *index, c *Control) {
	attrs := map[string]string{"option": string(c.Option), "location": string(c.Location),
		"external": strconv.FormatBool(c.External())}
	if c.AttackSurface {
		attrs[AttrAttackSurface] = "true"
	}
	b.AddItem(trace.Item{ID: c.ID, Kind: KindControl, Title: c.Title, Pos: c.Pos, Fingerprint: controlFingerprint(c), Attrs: attrs})
	for _, s := range c.Mitigates {
		if _, ok := ix.situation[s]; ok {
			b.AddLink(trace.Link{From: c.ID, Type: trace.Mitigates, To: s, Pos: c.Pos})
		}
	}
	for _, r := range c.ImplementedBy {
		b.AddLink(trace.Link{From: c.ID, Type: trace.ImplementedBy, To: r, Pos: c.Pos})
	}
	for _, to := range c.Introduces {
		_, isHazard := ix.hazard[to]
		_, isSituation := ix.situation[to]
		if isHazard || isSituation {
			b.AddLink(trace.Link{From: c.ID, Type: trace.Introduces, To: to, Pos: c.Pos})
		}
	}
}
