package security

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

//go:embed data/catalogue.json
var catalogueJSON []byte

// ElementType is a kind of element a model may use, such as
// "infusion-pump" or "update-server". Each resolves to a Base.
type ElementType struct {
	// Name is the type's name, lower-case with '-'. Required.
	Name string `json:"name"`
	// Base is the generic type the STRIDE map applies to. Required.
	Base Base `json:"base"`
	// Description says what the type is.
	Description string `json:"description,omitempty"`
	// Interfaces are the interface kinds such elements typically expose.
	Interfaces []InterfaceKind `json:"interfaces,omitempty"`
	// Source names where the type comes from.
	Source string `json:"source,omitempty"`
}

// Catalogue is a library of element types and threat rules. The package
// ships one (DefaultCatalogue); hosts add their own with Extend.
type Catalogue struct {
	// Name and Version identify the library; threats record the rule
	// versions they came from.
	Name    string `json:"name"`
	Version string `json:"version"`
	// Source and Licence record where the content comes from.
	Source  string `json:"source,omitempty"`
	Licence string `json:"licence,omitempty"`
	// ElementTypes are the element types beyond the bases.
	ElementTypes []ElementType `json:"elementTypes"`
	// Rules are the threat rules.
	Rules []ThreatRule `json:"rules"`
}

// DefaultCatalogue returns a fresh copy of the shipped catalogue: the STRIDE
// per element map, generic rules (missing authentication, cleartext across a
// boundary, internet exposure, open debug port, shared key, unsigned update)
// and medical-device element types and threats (infusion and insulin pumps,
// patient monitors, BLE/USB/serial interfaces, hospital network, cloud
// backend, mobile app, update server).
func DefaultCatalogue() (*Catalogue, error) {
	var c Catalogue
	if err := decodeJSON(context.Background(), bytes.NewReader(catalogueJSON), DecodeOptions{Name: "catalogue.json"}, &c); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// DecodeCatalogue reads a catalogue in YAML or JSON and validates it.
func DecodeCatalogue(ctx context.Context, r io.Reader, opts DecodeOptions) (*Catalogue, error) {
	var c Catalogue
	if err := decodeDoc(ctx, r, opts, &c); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Extend returns a new catalogue holding c's types and rules followed by
// those of more. A type name or rule ID defined twice is an error.
func (c *Catalogue) Extend(more ...*Catalogue) (*Catalogue, error) {
	if c == nil {
		c = &Catalogue{}
	}
	out := &Catalogue{Name: c.Name, Version: c.Version, Source: c.Source, Licence: c.Licence}
	out.ElementTypes = slices.Clone(c.ElementTypes)
	out.Rules = slices.Clone(c.Rules)
	for _, m := range more {
		if m == nil {
			continue
		}
		out.ElementTypes = append(out.ElementTypes, m.ElementTypes...)
		out.Rules = append(out.Rules, m.Rules...)
	}
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
}

// Type resolves an element type name: a catalogue type or a Base.
func (c *Catalogue) Type(name string) (ElementType, bool) {
	if Base(name).Valid() {
		return ElementType{Name: name, Base: Base(name)}, true
	}
	if c == nil {
		return ElementType{}, false
	}
	for _, t := range c.ElementTypes {
		if t.Name == name {
			return t, true
		}
	}
	return ElementType{}, false
}

// Rule returns the rule with the given ID.
func (c *Catalogue) Rule(id string) (ThreatRule, bool) {
	if c == nil {
		return ThreatRule{}, false
	}
	for _, r := range c.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return ThreatRule{}, false
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}

func validRuleID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || (c == '-' || c == '.' || c == '_') && i > 0) {
			return false
		}
	}
	return true
}

// Validate reports every problem with the catalogue at once.
func (c *Catalogue) Validate() error {
	var p problems
	types := map[string]int{}
	for i, t := range c.ElementTypes {
		path := fmt.Sprintf("elementTypes[%d]", i)
		switch {
		case !validName(t.Name):
			p.add(path+".name", "", trace.Position{}, ErrInvalid, "type name %q must be lower-case letters, digits and '-'", t.Name)
		case Base(t.Name).Valid():
			p.add(path+".name", "", trace.Position{}, ErrDuplicateID, "type %q redefines a base", t.Name)
		default:
			if j, dup := types[t.Name]; dup {
				p.add(path+".name", "", trace.Position{}, ErrDuplicateID, "type %q already defined at elementTypes[%d]", t.Name, j)
			}
			types[t.Name] = i
		}
		if !t.Base.Valid() {
			p.add(path+".base", "", trace.Position{}, ErrInvalid, "type %q: base %q is not one of %s", t.Name, t.Base, baseList())
		}
		for k, ik := range t.Interfaces {
			if !ik.Valid() {
				p.add(fmt.Sprintf("%s.interfaces[%d]", path, k), "", trace.Position{}, ErrInvalid, "type %q: unknown interface kind %q", t.Name, ik)
			}
		}
	}
	rules := map[string]int{}
	for i, r := range c.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		if j, dup := rules[r.ID]; dup && r.ID != "" {
			p.add(path+".id", "", trace.Position{}, ErrDuplicateID, "rule %q already defined at rules[%d]", r.ID, j)
		}
		rules[r.ID] = i
		r.validate(path, c, &p)
	}
	return p.err()
}

func baseList() string {
	var s []string
	for _, b := range bases() {
		s = append(s, string(b))
	}
	return strings.Join(s, ", ")
}
