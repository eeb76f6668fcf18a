package trace

// Suspect is a link whose target has changed since the link was reviewed.
type Suspect struct {
	Link Link `json:"link"`
	// Current is the target's fingerprint now; Link.Reviewed is the one
	// the reviewer saw.
	Current Fingerprint `json:"current"`
}

// Suspects returns every reviewed link whose target fingerprint differs from
// the fingerprint recorded when it was reviewed, in link order. Links never
// reviewed (zero Reviewed) are not suspect; see Unreviewed.
func (g *Graph) Suspects() []Suspect {
	var out []Suspect
	for i := range g.edges {
		e := &g.edges[i]
		reviewed := g.links[e.src].Reviewed
		if reviewed.IsZero() {
			continue
		}
		if cur := g.items[e.to].Fingerprint; cur != reviewed {
			out = append(out, Suspect{Link: g.link(e), Current: cur})
		}
	}
	return out
}

// Unreviewed returns the links of the given types (all if none) that carry
// no reviewed fingerprint, in link order.
func (g *Graph) Unreviewed(types ...LinkType) []Link {
	set, ok := g.typeSet(types)
	if !ok {
		return nil
	}
	var out []Link
	for i := range g.edges {
		e := &g.edges[i]
		if (set == nil || set[e.typ]) && g.links[e.src].Reviewed.IsZero() {
			out = append(out, g.link(e))
		}
	}
	return out
}

// SuspectRule returns a rule that fails the source item of every suspect
// link, with the link as the path. Items with reviewed links that are all
// current pass.
func SuspectRule(meta RuleMeta) Rule {
	return FuncRule{RuleMeta: meta, Fn: func(g *Graph, r *Recorder) {
		if g == nil {
			return
		}
		for i := range g.edges {
			e := &g.edges[i]
			reviewed := g.links[e.src].Reviewed
			if reviewed.IsZero() {
				continue
			}
			from := g.items[e.from]
			to := g.items[e.to]
			if to.Fingerprint == reviewed {
				r.Pass(from.ID)
				continue
			}
			r.Fail(from.ID, expand(meta, from, map[string]string{
				"link": string(g.ltypes[e.typ]), "to": string(to.ID),
				"reviewed": reviewed.Short(), "current": to.Fingerprint.Short(),
			}), Hop{From: from.ID, Type: g.ltypes[e.typ], To: to.ID})
		}
	}}
}
