package security

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Threat is a threat against one or more elements, flows or assets. Generated
// threats carry the rule that produced them and a stable ID built from the
// rule and the target, so their assessment survives re-generation.
type Threat struct {
	// ID identifies the threat. Generated threats have the ID
	// "THR-<rule>@<target>". Required.
	ID trace.ID `json:"id"`
	// Title is a one-line statement of the threat. Required.
	Title string `json:"title"`
	// Description explains the threat.
	Description string `json:"description,omitempty"`
	// Rule and RuleVersion name the rule that generated the threat; empty
	// for a threat written by hand.
	Rule        string `json:"rule,omitempty"`
	RuleVersion int    `json:"ruleVersion,omitempty"`
	// STRIDE are the threat's categories. Required.
	STRIDE []Category `json:"stride"`
	// Targets are the elements, flows, boundaries or assets threatened. Required.
	Targets []trace.ID `json:"targets"`
	// CWE and CAPEC list weakness and attack-pattern IDs.
	CWE   []string `json:"cwe,omitempty"`
	CAPEC []string `json:"capec,omitempty"`
	// Explanation lists the model facts that made the rule match.
	Explanation []string `json:"explanation,omitempty"`
	// Status is where treatment stands. Required.
	Status ThreatStatus `json:"status"`
	// Rationale explains a status of accepted, transferred, not-applicable
	// or false-positive.
	Rationale string `json:"rationale,omitempty"`
	// PatientHarm says the threat's impact can harm a patient; it must then
	// cause a hazardous situation in the risk file, or carry NoHarmRationale.
	PatientHarm bool `json:"patientHarm,omitempty"`
	// NoHarmRationale is the reviewed statement that the threat cannot harm
	// a patient, which replaces the safety link (AAMI TIR57).
	NoHarmRationale string `json:"noHarmRationale,omitempty"`
	// Causes are the hazardous situations (package risk) the threat can
	// cause: threat -causes-> hazardous-situation.
	Causes []trace.ID `json:"causes,omitempty"`
	// IntroducedBy are the safety risk controls whose attack surface opens
	// this threat: risk-control -introduces-> threat.
	IntroducedBy []trace.ID `json:"introducedBy,omitempty"`
	// Stale says the rule no longer generates this threat from the model;
	// it is kept, with its assessment, until a person removes it.
	Stale bool `json:"stale,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// ThreatID returns the stable ID of the threat rule generates on target.
func ThreatID(rule string, target trace.ID) trace.ID {
	return trace.ID("THR-" + rule + "@" + string(target))
}

// Expected returns the STRIDE categories that apply to an element of base b
// (STRIDE per element); flows use FlowCategories.
func Expected(b Base) []Category {
	switch b {
	case BaseProcess, BaseDevice, BaseCloudService:
		return Categories()
	case BaseDataStore:
		return []Category{Tampering, Repudiation, InformationDisclosure, DenialOfService}
	case BaseExternalEntity, BaseHumanActor:
		return []Category{Spoofing, Repudiation}
	case BaseInterface:
		return []Category{Spoofing, Tampering, InformationDisclosure, DenialOfService, ElevationOfPrivilege}
	case BaseNetwork:
		return []Category{Tampering, InformationDisclosure, DenialOfService}
	}
	return nil
}

// FlowCategories returns the STRIDE categories that apply to a data flow.
func FlowCategories() []Category {
	return []Category{Tampering, InformationDisclosure, DenialOfService}
}

// GenerateOptions tunes Generate. The zero value uses the default catalogue.
type GenerateOptions struct {
	// Catalogue holds the element types and rules; nil means DefaultCatalogue.
	Catalogue *Catalogue
}

// Generate derives threats from the model by evaluating every rule of the
// catalogue on every in-scope element and every flow (STRIDE per element and
// the conditional rules). Threats come back in ID order with status open.
// The model must validate; every problem is reported at once.
func Generate(ctx context.Context, m *Model, opts GenerateOptions) ([]Threat, error) {
	if m == nil {
		return nil, fmt.Errorf("security: Generate needs a model: %w", ErrMissing)
	}
	cat := opts.Catalogue
	if cat == nil {
		var err error
		if cat, err = DefaultCatalogue(); err != nil {
			return nil, err
		}
	}
	if err := m.Validate(cat); err != nil {
		return nil, err
	}
	elems, flows := subjects(m, cat)
	// STRIDE per element alone gives about four threats an element and
	// three a flow; reserving that avoids most regrowth of a large result.
	out := make([]Threat, 0, 4*len(elems)+3*len(flows))
	for _, r := range cat.Rules {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		list := elems
		if r.On == OnFlow {
			list = flows
		}
		for _, s := range list {
			ok, facts := r.When.match(s, r.On)
			if !ok {
				continue
			}
			out = append(out, newThreat(r, s, facts))
		}
	}
	slices.SortFunc(out, func(a, b Threat) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func newThreat(r ThreatRule, s *subject, facts []string) Threat {
	stride := slices.Clone(r.STRIDE)
	slices.SortFunc(stride, func(a, b Category) int { return cmp.Compare(strideIndex(a), strideIndex(b)) })
	return Threat{
		ID:          ThreatID(r.ID, s.id),
		Title:       expandTitle(r.Title, s),
		Description: r.Description,
		Rule:        r.ID,
		RuleVersion: r.Version,
		STRIDE:      slices.Compact(stride),
		Targets:     []trace.ID{s.id},
		CWE:         slices.Clone(r.CWE),
		CAPEC:       slices.Clone(r.CAPEC),
		Explanation: facts,
		Status:      StatusOpen,
		PatientHarm: r.PatientHarm,
	}
}

// expandTitle replaces {name}, {id}, {from}, {to} and {protocol} in a rule
// title; other braces are kept as written.
func expandTitle(tmpl string, s *subject) string {
	if strings.IndexByte(tmpl, '{') < 0 {
		return tmpl
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl[i:])
			return b.String()
		}
		key := tmpl[i+1 : i+j]
		switch {
		case key == "name":
			b.WriteString(s.name)
		case key == "id":
			b.WriteString(string(s.id))
		case key == "from" && s.from != nil:
			b.WriteString(s.from.name)
		case key == "to" && s.to != nil:
			b.WriteString(s.to.name)
		case key == "protocol" && s.flow != nil:
			b.WriteString(s.flow.Protocol)
		default:
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

// subjects resolves the model's elements and flows for rule evaluation. The
// model must have validated against cat.
func subjects(m *Model, cat *Catalogue) (elems, flows []*subject) {
	classes := make(map[trace.ID]DataClass, len(m.Assets))
	for _, a := range m.Assets {
		classes[a.ID] = a.Class
	}
	types := make(map[string]Base, len(cat.ElementTypes))
	for _, t := range cat.ElementTypes {
		types[t.Name] = t.Base
	}
	byID := make(map[trace.ID]*subject, len(m.Elements))
	all := make([]subject, len(m.Elements)+len(m.Flows))
	for i := range m.Elements {
		e := &m.Elements[i]
		s := &all[i]
		*s = subject{id: e.ID, name: e.Name, typ: e.Type, flags: e.Flags, ifaces: e.Interfaces, attrs: e.Attrs}
		if s.base = Base(e.Type); !s.base.Valid() {
			s.base = types[e.Type]
		}
		for _, a := range e.Assets {
			s.classes = append(s.classes, classes[a])
		}
		byID[e.ID] = s
		if !e.OutOfScope {
			elems = append(elems, s)
		}
	}
	boundary := make(map[trace.ID]trace.ID, len(m.Elements))
	for _, e := range m.Elements {
		boundary[e.ID] = e.Boundary
	}
	for i := range m.Flows {
		f := &m.Flows[i]
		s := &all[len(m.Elements)+i]
		name := f.Name
		if name == "" {
			name = string(f.ID)
		}
		*s = subject{id: f.ID, name: name, typ: string(KindDataFlow), attrs: f.Attrs, flow: f,
			from: byID[f.From], to: byID[f.To], crosses: boundary[f.From] != boundary[f.To]}
		for _, a := range f.Assets {
			s.classes = append(s.classes, classes[a])
		}
		if s.from != nil && s.to != nil {
			flows = append(flows, s)
		}
	}
	return elems, flows
}

// Reconcile merges freshly generated threats into an existing threat list so
// that no assessment is lost when the model changes. A generated threat
// whose ID exists keeps the existing status, rationale, safety links and
// position and takes the rule's current title, categories, targets and
// explanation. An existing generated threat that is no longer generated is
// kept and marked Stale. Threats written by hand are kept as they are. The
// result is in ID order.
func Reconcile(existing, generated []Threat) []Threat {
	old := make(map[trace.ID]int, len(existing))
	for i, t := range existing {
		old[t.ID] = i
	}
	seen := make(map[trace.ID]bool, len(generated))
	out := make([]Threat, 0, len(existing)+len(generated))
	for _, g := range generated {
		seen[g.ID] = true
		if i, ok := old[g.ID]; ok {
			e := existing[i]
			g.Status, g.Rationale, g.NoHarmRationale = e.Status, e.Rationale, e.NoHarmRationale
			g.Causes, g.IntroducedBy, g.Pos = slices.Clone(e.Causes), slices.Clone(e.IntroducedBy), e.Pos
			g.PatientHarm = g.PatientHarm || e.PatientHarm
			if e.Description != "" {
				g.Description = e.Description
			}
		}
		out = append(out, g)
	}
	for _, e := range existing {
		if seen[e.ID] {
			continue
		}
		if e.Rule != "" {
			e.Stale = true
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Threat) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// strideString formats categories as "S,T,I".
func strideString(cs []Category) string {
	return strings.Join(stringsOf(cs), ",")
}

func threatPath(i int) string { return fmt.Sprintf("threats[%d]", i) }
