package trace

import (
	"fmt"
	"sort"
)

// LinkType names a typed, directed relation. A link "A mitigates B" goes from
// A to B; its inverse name ("mitigated-by") reads it from B's side.
type LinkType string

// The link vocabulary of the one thread. Each constant documents the
// direction: From → To. Contributors may declare further types with
// Builder.DeclareLinkType.
const (
	// Derives: a user need or system requirement derives a requirement.
	Derives LinkType = "derives"
	// AllocatedTo: a requirement is allocated to a software item.
	AllocatedTo LinkType = "allocated-to"
	// ImplementedBy: a risk or security control is implemented by a requirement.
	ImplementedBy LinkType = "implemented-by"
	// PartOf: a software unit or item is part of an item or the system.
	PartOf LinkType = "part-of"
	// Uses: a software item uses a component (SOUP).
	Uses LinkType = "uses"
	// Hosts: a threat-model element (a device, an app, a cloud service)
	// hosts a component; kept apart from Uses, which is the software's own
	// use of SOUP.
	Hosts LinkType = "hosts"
	// Causes: a cause (software item, SOUP failure, threat, event) causes a
	// hazard or a hazardous situation.
	Causes LinkType = "causes"
	// LeadsTo: a hazard leads to a hazardous situation, a situation to a harm.
	LeadsTo LinkType = "leads-to"
	// Mitigates: a risk control mitigates a hazardous situation; a security
	// control mitigates a threat.
	Mitigates LinkType = "mitigates"
	// Introduces: a control introduces a new hazard, situation or threat.
	Introduces LinkType = "introduces"
	// Targets: a threat targets an asset or a model element.
	Targets LinkType = "targets"
	// Realises: a vulnerability realises a threat.
	Realises LinkType = "realises"
	// Affects: a vulnerability affects a component.
	Affects LinkType = "affects"
	// Verifies: a test verifies a requirement or a control's implementation.
	Verifies LinkType = "verifies"
	// VerifiesEffectiveness: a test verifies a control's effectiveness
	// (ISO 14971 7.2), kept apart from implementation.
	VerifiesEffectiveness LinkType = "verifies-effectiveness"
	// Evidences: a test result evidences a test.
	Evidences LinkType = "evidences"
	// Raises: a signal (complaint, CVD report, advisory) raises a problem report.
	Raises LinkType = "raises"
	// Resolves: a change request resolves a problem report.
	Resolves LinkType = "resolves"
	// Changes: a change request changes an item.
	Changes LinkType = "changes"
	// Contains: a release contains an item.
	Contains LinkType = "contains"
	// Reviews: a review record reviewed an item.
	Reviews LinkType = "reviews"
	// Relates: a weak, untyped association; never used by thread rules.
	Relates LinkType = "relates"
)

// LinkTypeInfo documents a link type.
type LinkTypeInfo struct {
	// Type is the forward name (From → To).
	Type LinkType
	// Inverse is the name read from the To side ("mitigated-by").
	Inverse string
	// Doc is one line for people.
	Doc string
	// Acyclic says the links of this type must not form a cycle.
	Acyclic bool
}

// Vocabulary is a set of link types. Its zero value is empty; use
// DefaultVocabulary for the thread's types.
type Vocabulary struct {
	types map[LinkType]LinkTypeInfo
}

// DefaultVocabulary returns a new vocabulary holding the thread's link types.
func DefaultVocabulary() *Vocabulary {
	v := &Vocabulary{}
	for _, info := range []LinkTypeInfo{
		{Derives, "derived-from", "a need or system requirement derives a requirement", true},
		{AllocatedTo, "allocates", "a requirement is allocated to a software item", false},
		{ImplementedBy, "implements", "a control is implemented by a requirement", false},
		{PartOf, "has-part", "a unit or item is part of an item or the system", true},
		{Uses, "used-by", "a software item uses a component", false},
		{Hosts, "hosted-by", "a threat-model element hosts a component", false},
		{Causes, "caused-by", "a cause leads to a hazard or hazardous situation", true},
		{LeadsTo, "follows-from", "hazard → hazardous situation → harm", true},
		{Mitigates, "mitigated-by", "a control mitigates a situation or threat", false},
		{Introduces, "introduced-by", "a control introduces a new risk or threat", false},
		{Targets, "targeted-by", "a threat targets an asset or element", false},
		{Realises, "realised-by", "a vulnerability realises a threat", false},
		{Affects, "affected-by", "a vulnerability affects a component", false},
		{Verifies, "verified-by", "a test verifies a requirement or a control's implementation", false},
		{VerifiesEffectiveness, "effectiveness-verified-by", "a test verifies a control's effectiveness", false},
		{Evidences, "evidenced-by", "a result evidences a test", false},
		{Raises, "raised-by", "a signal raises a problem report", false},
		{Resolves, "resolved-by", "a change request resolves a problem report", false},
		{Changes, "changed-by", "a change request changes an item", false},
		{Contains, "contained-in", "a release contains an item", false},
		{Reviews, "reviewed-in", "a review record covers an item", false},
		{Relates, "related-to", "an untyped association", false},
	} {
		v.add(info)
	}
	return v
}

func (v *Vocabulary) add(info LinkTypeInfo) {
	if v.types == nil {
		v.types = make(map[LinkType]LinkTypeInfo)
	}
	v.types[info.Type] = info
}

// Lookup returns the information for t.
func (v *Vocabulary) Lookup(t LinkType) (LinkTypeInfo, bool) {
	if v == nil {
		return LinkTypeInfo{}, false
	}
	info, ok := v.types[t]
	return info, ok
}

// Types returns every type, sorted by name.
func (v *Vocabulary) Types() []LinkTypeInfo {
	if v == nil {
		return nil
	}
	out := make([]LinkTypeInfo, 0, len(v.types))
	for _, info := range v.types {
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// Direction says which way a link is followed from an item.
type Direction uint8

const (
	// Out follows links from the item (the item is From).
	Out Direction = iota + 1
	// In follows links to the item (the item is To).
	In
)

// Valid reports whether d is Out or In.
func (d Direction) Valid() bool { return d == Out || d == In }

// String returns "out" or "in".
func (d Direction) String() string {
	switch d {
	case Out:
		return "out"
	case In:
		return "in"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// Link is a typed, directed relation From → To.
type Link struct {
	From ID       `json:"from"`
	To   ID       `json:"to"`
	Type LinkType `json:"type"`
	// Reviewed is the target's fingerprint when the link was last reviewed;
	// zero if the link has never been reviewed. A link whose Reviewed
	// differs from its target's current fingerprint is suspect.
	Reviewed Fingerprint `json:"reviewed,omitzero"`
	// Pos is where the link was written, if it came from a file.
	Pos Position `json:"pos,omitzero"`
}

// String formats the link as "FROM -type-> TO".
func (l Link) String() string { return fmt.Sprintf("%s -%s-> %s", l.From, l.Type, l.To) }
