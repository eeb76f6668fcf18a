package security

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Target says what a threat rule is evaluated on.
type Target string

// Rule targets.
const (
	// OnElement evaluates the rule on each in-scope element.
	OnElement Target = "element"
	// OnFlow evaluates the rule on each flow.
	OnFlow Target = "flow"
)

// Valid reports whether t is OnElement or OnFlow.
func (t Target) Valid() bool { return t == OnElement || t == OnFlow }

// Flag names one of an element's Flags in rule conditions.
type Flag string

// Flag names.
const (
	// FlagInternetFacing is Flags.InternetFacing.
	FlagInternetFacing Flag = "internet-facing"
	// FlagFleetWide is Flags.FleetWide.
	FlagFleetWide Flag = "fleet-wide"
	// FlagDirectPatientHarm is Flags.DirectPatientHarm.
	FlagDirectPatientHarm Flag = "direct-patient-harm"
	// FlagUpdatable is Flags.Updatable.
	FlagUpdatable Flag = "updatable"
	// FlagSharedKey is Flags.SharedKey.
	FlagSharedKey Flag = "shared-key"
	// FlagSignedUpdates is Flags.SignedUpdates.
	FlagSignedUpdates Flag = "signed-updates"
)

// Valid reports whether f names a flag.
func (f Flag) Valid() bool {
	_, ok := Flags{}.get(f)
	return ok
}

func (fl Flags) get(f Flag) (value, ok bool) {
	switch f {
	case FlagInternetFacing:
		return fl.InternetFacing, true
	case FlagFleetWide:
		return fl.FleetWide, true
	case FlagDirectPatientHarm:
		return fl.DirectPatientHarm, true
	case FlagUpdatable:
		return fl.Updatable, true
	case FlagSharedKey:
		return fl.SharedKey, true
	case FlagSignedUpdates:
		return fl.SignedUpdates, true
	}
	return false, false
}

// Condition is a conjunction of typed predicates; an empty field does not
// constrain. Types, Bases, Flags, NotFlags and Interfaces test an element
// and serve element rules only; Protocols, the flow attributes and
// From*/To* serve flow rules only; Handles and Attrs serve both. A rule
// using a predicate of the other target is rejected. There is no expression
// language and no evaluation of text.
type Condition struct {
	// Types: the element's type is one of these (catalogue names or bases).
	Types []string `json:"types,omitempty"`
	// Bases: the element's base is one of these.
	Bases []Base `json:"bases,omitempty"`
	// Flags must all be set on the element.
	Flags []Flag `json:"flags,omitempty"`
	// NotFlags must all be unset on the element.
	NotFlags []Flag `json:"notFlags,omitempty"`
	// Interfaces: the element has an enabled interface of one of these kinds.
	Interfaces []InterfaceKind `json:"interfaces,omitempty"`
	// Handles: the element handles, or the flow carries, an asset of one of these classes.
	Handles []DataClass `json:"handles,omitempty"`
	// Attrs must all equal the element's or flow's free attributes.
	Attrs map[string]string `json:"attrs,omitempty"`

	// Protocols: the flow's protocol is one of these.
	Protocols []string `json:"protocols,omitempty"`
	// CrossesBoundary, Authenticated, Encrypted, IntegrityProtected test the
	// flow's attributes when set.
	CrossesBoundary    *bool `json:"crossesBoundary,omitempty"`
	Authenticated      *bool `json:"authenticated,omitempty"`
	Encrypted          *bool `json:"encrypted,omitempty"`
	IntegrityProtected *bool `json:"integrityProtected,omitempty"`
	// FromTypes/FromBases and ToTypes/ToBases constrain the flow's ends.
	FromTypes []string `json:"fromTypes,omitempty"`
	FromBases []Base   `json:"fromBases,omitempty"`
	ToTypes   []string `json:"toTypes,omitempty"`
	ToBases   []Base   `json:"toBases,omitempty"`
}

// ThreatRule derives threats from the model: for every element (or flow)
// that meets When, one threat with the rule's categories. Rules are data; a
// host adds its own through a Catalogue.
type ThreatRule struct {
	// ID identifies the rule; generated threat IDs embed it. Required.
	ID string `json:"id"`
	// Version is bumped when the rule's meaning changes. Required (≥ 1).
	Version int `json:"version"`
	// Title is the threat title; {name}, {id}, {from}, {to} and {protocol}
	// are replaced. Required.
	Title string `json:"title"`
	// Description explains the threat.
	Description string `json:"description,omitempty"`
	// On says whether the rule runs on elements or flows. Required.
	On Target `json:"on"`
	// When selects the elements or flows.
	When Condition `json:"when,omitzero"`
	// STRIDE are the threat's categories. Required.
	STRIDE []Category `json:"stride"`
	// PatientHarm says the threat's impact can harm a patient, so it must be
	// linked to a hazardous situation in the safety risk file.
	PatientHarm bool `json:"patientHarm,omitempty"`
	// CWE and CAPEC list weakness and attack-pattern IDs ("CWE-306").
	CWE   []string `json:"cwe,omitempty"`
	CAPEC []string `json:"capec,omitempty"`
	// Controls are the FDA control categories that typically mitigate it.
	Controls []ControlCategory `json:"controls,omitempty"`
	// Clause is the IEC 81001-5-1 clause and FR the IEC 62443-4-2
	// foundational requirement the rule relates to.
	Clause string `json:"clause,omitempty"`
	FR     string `json:"fr,omitempty"`
	// Source says where the rule comes from.
	Source string `json:"source,omitempty"`
}

func (r ThreatRule) validate(path string, c *Catalogue, p *problems) {
	noPos := trace.Position{}
	if !validRuleID(r.ID) {
		p.add(path+".id", "", noPos, ErrInvalid, "rule ID %q must be a letter followed by letters, digits, '-', '.' or '_' (at most 64)", r.ID)
	}
	if r.Version < 1 {
		p.add(path+".version", "", noPos, ErrInvalid, "rule %q: version %d must be at least 1", r.ID, r.Version)
	}
	if strings.TrimSpace(r.Title) == "" {
		p.add(path+".title", "", noPos, ErrMissing, "rule %q: title is required", r.ID)
	}
	if !r.On.Valid() {
		p.add(path+".on", "", noPos, ErrInvalid, "rule %q: on %q must be element or flow", r.ID, r.On)
	}
	if len(r.STRIDE) == 0 {
		p.add(path+".stride", "", noPos, ErrMissing, "rule %q: at least one STRIDE category is required", r.ID)
	}
	for i, s := range r.STRIDE {
		if !s.Valid() {
			p.add(fmt.Sprintf("%s.stride[%d]", path, i), "", noPos, ErrInvalid, "rule %q: %q is not a STRIDE category (S, T, R, I, D, E)", r.ID, s)
		}
	}
	for i, cc := range r.Controls {
		if !cc.Valid() {
			p.add(fmt.Sprintf("%s.controls[%d]", path, i), "", noPos, ErrInvalid, "rule %q: unknown control category %q", r.ID, cc)
		}
	}
	r.When.validate(path+".when", r.ID, c, p)
	w := r.When
	elementOnly := len(w.Types)+len(w.Bases)+len(w.Flags)+len(w.NotFlags)+len(w.Interfaces) > 0
	flowOnly := len(w.Protocols)+len(w.FromTypes)+len(w.FromBases)+len(w.ToTypes)+len(w.ToBases) > 0 ||
		w.CrossesBoundary != nil || w.Authenticated != nil || w.Encrypted != nil || w.IntegrityProtected != nil
	switch {
	case r.On == OnFlow && elementOnly:
		p.add(path+".when", "", noPos, ErrInvalid, "rule %q runs on flows but tests element types, flags or interfaces", r.ID)
	case r.On == OnElement && flowOnly:
		p.add(path+".when", "", noPos, ErrInvalid, "rule %q runs on elements but tests protocols, flow attributes or flow ends", r.ID)
	}
}

func (w Condition) validate(path, rule string, c *Catalogue, p *problems) {
	noPos := trace.Position{}
	types := func(field string, names []string) {
		for i, n := range names {
			if _, ok := c.Type(n); !ok {
				p.add(fmt.Sprintf("%s.%s[%d]", path, field, i), "", noPos, ErrUnknownElementType, "rule %q: unknown element type %q", rule, n)
			}
		}
	}
	basesOK := func(field string, bs []Base) {
		for i, b := range bs {
			if !b.Valid() {
				p.add(fmt.Sprintf("%s.%s[%d]", path, field, i), "", noPos, ErrInvalid, "rule %q: unknown base %q", rule, b)
			}
		}
	}
	types("types", w.Types)
	types("fromTypes", w.FromTypes)
	types("toTypes", w.ToTypes)
	basesOK("bases", w.Bases)
	basesOK("fromBases", w.FromBases)
	basesOK("toBases", w.ToBases)
	for i, f := range w.Flags {
		if !f.Valid() {
			p.add(fmt.Sprintf("%s.flags[%d]", path, i), "", noPos, ErrInvalid, "rule %q: unknown flag %q", rule, f)
		}
	}
	for i, f := range w.NotFlags {
		if !f.Valid() {
			p.add(fmt.Sprintf("%s.notFlags[%d]", path, i), "", noPos, ErrInvalid, "rule %q: unknown flag %q", rule, f)
		}
	}
	for i, k := range w.Interfaces {
		if !k.Valid() {
			p.add(fmt.Sprintf("%s.interfaces[%d]", path, i), "", noPos, ErrInvalid, "rule %q: unknown interface kind %q", rule, k)
		}
	}
	for i, d := range w.Handles {
		if !d.Valid() {
			p.add(fmt.Sprintf("%s.handles[%d]", path, i), "", noPos, ErrInvalid, "rule %q: unknown data class %q", rule, d)
		}
	}
}

// subject is an element or flow with what rules need to know about it,
// resolved once per generation.
type subject struct {
	id       trace.ID
	name     string
	typ      string
	base     Base
	flags    Flags
	ifaces   []Interface
	classes  []DataClass
	attrs    map[string]string
	from, to *subject
	flow     *Flow
	crosses  bool
}

// match reports whether s meets the condition, and the facts that matched.
func (w *Condition) match(s *subject, on Target) (bool, []string) {
	var facts []string
	el := s
	if on == OnFlow {
		f := s.flow
		if len(w.Protocols) > 0 && !slices.Contains(w.Protocols, f.Protocol) {
			return false, nil
		}
		if len(w.Protocols) > 0 {
			facts = append(facts, "protocol is "+f.Protocol)
		}
		for _, b := range []struct {
			want *bool
			have bool
			name string
		}{{w.CrossesBoundary, s.crosses, "crosses a trust boundary"}, {w.Authenticated, f.Authenticated, "authenticated"},
			{w.Encrypted, f.Encrypted, "encrypted"}, {w.IntegrityProtected, f.IntegrityProtected, "integrity-protected"}} {
			if b.want == nil {
				continue
			}
			if *b.want != b.have {
				return false, nil
			}
			if b.have {
				facts = append(facts, b.name)
			} else {
				facts = append(facts, "not "+b.name)
			}
		}
		if !typeMatch(w.FromTypes, w.FromBases, s.from) || !typeMatch(w.ToTypes, w.ToBases, s.to) {
			return false, nil
		}
		if len(w.FromTypes)+len(w.FromBases) > 0 {
			facts = append(facts, "source type is "+s.from.typ)
		}
		if len(w.ToTypes)+len(w.ToBases) > 0 {
			facts = append(facts, "destination type is "+s.to.typ)
		}
	}
	if !typeMatch(w.Types, w.Bases, el) {
		return false, nil
	}
	if len(w.Types)+len(w.Bases) > 0 {
		facts = append(facts, "type is "+el.typ)
	}
	for _, f := range w.Flags {
		if v, _ := el.flags.get(f); !v {
			return false, nil
		}
		facts = append(facts, "is "+string(f))
	}
	for _, f := range w.NotFlags {
		if v, _ := el.flags.get(f); v {
			return false, nil
		}
		facts = append(facts, "is not "+string(f))
	}
	if len(w.Interfaces) > 0 {
		i := slices.IndexFunc(el.ifaces, func(i Interface) bool { return i.Enabled && slices.Contains(w.Interfaces, i.Kind) })
		if i < 0 {
			return false, nil
		}
		facts = append(facts, fmt.Sprintf("has enabled %s interface %q", el.ifaces[i].Kind, el.ifaces[i].Name))
	}
	if len(w.Handles) > 0 {
		i := slices.IndexFunc(el.classes, func(d DataClass) bool { return slices.Contains(w.Handles, d) })
		if i < 0 {
			return false, nil
		}
		facts = append(facts, "handles "+string(el.classes[i])+" data")
	}
	for _, k := range sortedKeys(w.Attrs) {
		if el.attrs[k] != w.Attrs[k] {
			return false, nil
		}
		facts = append(facts, fmt.Sprintf("%s is %q", k, w.Attrs[k]))
	}
	return true, facts
}

func typeMatch(types []string, bs []Base, s *subject) bool {
	if len(types) == 0 && len(bs) == 0 {
		return true
	}
	if s == nil {
		return false
	}
	return slices.Contains(types, s.typ) || slices.Contains(bs, s.base)
}
