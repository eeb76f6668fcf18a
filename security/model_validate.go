package security

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Validate reports every problem with the model at once: missing or invalid
// fields, duplicate IDs, unknown element types, flows or boundaries naming
// elements or boundaries that do not exist. cat resolves element types; nil
// accepts only the bases.
func (m *Model) Validate(cat *Catalogue) error {
	var p problems
	m.validate(cat, &p, map[trace.ID]string{})
	return p.err()
}

// validate adds the model's problems to p and its IDs to ids (ID → path).
func (m *Model) validate(cat *Catalogue, p *problems, ids map[trace.ID]string) {
	m.validateHead(p, ids)
	kinds := m.claimIDs(p, ids)
	ref := func(path string, owner trace.ID, pos trace.Position, id trace.ID, want trace.Kind) {
		switch k, ok := kinds[id]; {
		case !ok:
			p.add(path, owner, pos, ErrUnknownRef, "no %s has ID %q", want, id)
		case k != want:
			p.add(path, owner, pos, ErrUnknownRef, "%q is a %s, not a %s", id, k, want)
		}
	}
	for i, b := range m.Boundaries {
		path := fmt.Sprintf("model.boundaries[%d]", i)
		if strings.TrimSpace(b.Name) == "" {
			p.add(path+".name", b.ID, b.Pos, ErrMissing, "name is required")
		}
		if b.Parent != "" {
			ref(path+".parent", b.ID, b.Pos, b.Parent, KindTrustBoundary)
		}
	}
	m.checkBoundaryCycles(p)
	for i, a := range m.Assets {
		a.validate(fmt.Sprintf("model.assets[%d]", i), p)
	}
	for i, e := range m.Elements {
		e.validate(fmt.Sprintf("model.elements[%d]", i), cat, p, ref)
	}
	for i, f := range m.Flows {
		f.validate(fmt.Sprintf("model.flows[%d]", i), p, ref)
	}
}

// validateHead checks the model's own fields.
func (m *Model) validateHead(p *problems, ids map[trace.ID]string) {
	if !m.ID.Valid() {
		p.add("model.id", m.ID, m.Pos, ErrMissing, "the threat model needs a valid ID")
	} else {
		ids[m.ID] = "model"
	}
	if len(m.Methods) == 0 {
		p.add("model.methods", m.ID, m.Pos, ErrMissing, "name at least one threat-modelling method (FDA premarket guidance V.A.1)")
	}
	for i, meth := range m.Methods {
		if !meth.Valid() {
			p.add(fmt.Sprintf("model.methods[%d]", i), m.ID, m.Pos, ErrInvalid, "unknown method %q", meth)
		}
	}
	for i, id := range m.AttackSurfaces {
		if !id.Valid() {
			p.add(fmt.Sprintf("model.attackSurfaces[%d]", i), m.ID, m.Pos, ErrInvalid, "%q is not a valid ID", id)
		}
	}
	if c := m.CyberDevice; c != nil && strings.TrimSpace(c.Rationale) == "" {
		p.add("model.cyberDevice.rationale", m.ID, m.Pos, ErrMissing, "the cyber-device determination needs a rationale")
	}
	for i, ex := range m.Exemptions {
		path := fmt.Sprintf("model.exemptions[%d]", i)
		if !slicesContains(coverageItems(), ex.Item) {
			p.add(path+".item", m.ID, m.Pos, ErrInvalid, "%q is not an item of IEC 81001-5-1 7.2 (a to l)", ex.Item)
		}
		if strings.TrimSpace(ex.Rationale) == "" {
			p.add(path+".rationale", m.ID, m.Pos, ErrMissing, "exemption of %q needs a rationale", ex.Item)
		}
	}
}

// claimIDs records the IDs of the model's records in ids, reporting
// duplicates, and returns each valid ID's kind.
func (m *Model) claimIDs(p *problems, ids map[trace.ID]string) map[trace.ID]trace.Kind {
	kinds := map[trace.ID]trace.Kind{}
	claim := func(path string, id trace.ID, pos trace.Position, kind trace.Kind) {
		if !id.Valid() {
			p.add(path+".id", id, pos, ErrMissing, "a valid ID is required (1-512 bytes, no control characters)")
			return
		}
		if first, dup := ids[id]; dup {
			p.add(path+".id", id, pos, ErrDuplicateID, "ID already used by %s", first)
			return
		}
		ids[id] = path
		kinds[id] = kind
	}
	for i, a := range m.Assets {
		claim(fmt.Sprintf("model.assets[%d]", i), a.ID, a.Pos, KindAsset)
	}
	for i, b := range m.Boundaries {
		claim(fmt.Sprintf("model.boundaries[%d]", i), b.ID, b.Pos, KindTrustBoundary)
	}
	for i, e := range m.Elements {
		claim(fmt.Sprintf("model.elements[%d]", i), e.ID, e.Pos, KindElement)
	}
	for i, f := range m.Flows {
		claim(fmt.Sprintf("model.flows[%d]", i), f.ID, f.Pos, KindDataFlow)
	}
	return kinds
}

func (f Flow) validate(path string, p *problems, ref refFunc) {
	if f.From == "" {
		p.add(path+".from", f.ID, f.Pos, ErrMissing, "the source element is required")
	} else {
		ref(path+".from", f.ID, f.Pos, f.From, KindElement)
	}
	if f.To == "" {
		p.add(path+".to", f.ID, f.Pos, ErrMissing, "the destination element is required")
	} else {
		ref(path+".to", f.ID, f.Pos, f.To, KindElement)
	}
	if f.From != "" && f.From == f.To {
		p.add(path+".to", f.ID, f.Pos, ErrInvalid, "a flow cannot go from %q to itself", f.From)
	}
	if strings.TrimSpace(f.Protocol) == "" {
		p.add(path+".protocol", f.ID, f.Pos, ErrMissing, "the protocol is required (IEC 81001-5-1 7.2 f)")
	}
	for j, a := range f.Assets {
		ref(fmt.Sprintf("%s.assets[%d]", path, j), f.ID, f.Pos, a, KindAsset)
	}
}

func (a Asset) validate(path string, p *problems) {
	if strings.TrimSpace(a.Name) == "" {
		p.add(path+".name", a.ID, a.Pos, ErrMissing, "name is required")
	}
	if !a.Class.Valid() {
		p.add(path+".class", a.ID, a.Pos, ErrInvalid, "data class %q must be one of phi, diagnosis, therapy, workflow, secrets, other", a.Class)
	}
	for _, n := range []struct {
		field string
		v     Need
	}{{"confidentiality", a.Needs.Confidentiality}, {"integrity", a.Needs.Integrity}, {"availability", a.Needs.Availability}} {
		if !n.v.Valid() {
			p.add(path+".needs."+n.field, a.ID, a.Pos, ErrInvalid, "need %q must be none, low, medium or high", n.v)
		}
	}
}

type refFunc func(path string, owner trace.ID, pos trace.Position, id trace.ID, want trace.Kind)

func (e Element) validate(path string, cat *Catalogue, p *problems, ref refFunc) {
	if strings.TrimSpace(e.Name) == "" {
		p.add(path+".name", e.ID, e.Pos, ErrMissing, "name is required")
	}
	if e.Type == "" {
		p.add(path+".type", e.ID, e.Pos, ErrMissing, "element type is required")
	} else if _, ok := cat.Type(e.Type); !ok {
		p.add(path+".type", e.ID, e.Pos, ErrUnknownElementType, "unknown element type %q (not a base or a catalogue type)", e.Type)
	}
	if e.Boundary != "" {
		ref(path+".boundary", e.ID, e.Pos, e.Boundary, KindTrustBoundary)
	}
	for j, a := range e.Assets {
		ref(fmt.Sprintf("%s.assets[%d]", path, j), e.ID, e.Pos, a, KindAsset)
	}
	for j, c := range e.Components {
		if !c.Valid() {
			p.add(fmt.Sprintf("%s.components[%d]", path, j), e.ID, e.Pos, ErrInvalid, "component reference %q is not a valid ID", c)
		}
	}
	names := map[string]bool{}
	for j, it := range e.Interfaces {
		ip := fmt.Sprintf("%s.interfaces[%d]", path, j)
		if strings.TrimSpace(it.Name) == "" {
			p.add(ip+".name", e.ID, e.Pos, ErrMissing, "interface name is required")
		} else if names[it.Name] {
			p.add(ip+".name", e.ID, e.Pos, ErrDuplicateID, "interface %q is listed twice", it.Name)
		}
		names[it.Name] = true
		if !it.Kind.Valid() {
			p.add(ip+".kind", e.ID, e.Pos, ErrInvalid, "unknown interface kind %q", it.Kind)
		}
		if d := it.Direction; d != "" && !d.Valid() {
			p.add(ip+".direction", e.ID, e.Pos, ErrInvalid, "direction %q must be in, out or both", d)
		}
	}
	if e.OutOfScope && strings.TrimSpace(e.Rationale) == "" {
		p.add(path+".rationale", e.ID, e.Pos, ErrMissing, "an out-of-scope element needs a rationale")
	}
}

// checkBoundaryCycles reports boundaries nested in themselves.
func (m *Model) checkBoundaryCycles(p *problems) {
	parent := make(map[trace.ID]trace.ID, len(m.Boundaries))
	for _, b := range m.Boundaries {
		if b.Parent != "" {
			parent[b.ID] = b.Parent
		}
	}
	for i, b := range m.Boundaries {
		cur, steps := b.Parent, 0
		for cur != "" && steps <= len(m.Boundaries) {
			if cur == b.ID {
				p.add(fmt.Sprintf("model.boundaries[%d].parent", i), b.ID, b.Pos, ErrInvalid, "boundary %q is nested in itself", b.ID)
				break
			}
			cur = parent[cur]
			steps++
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
