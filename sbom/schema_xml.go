package sbom

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// xmlFrame is an open CycloneDX element during the structural scan.
type xmlFrame struct {
	name     string
	path     string
	pos      string
	attrs    map[string]string
	children map[string]int
}

// classificationFlows are the values of the XSD dataFlowType.
var classificationFlows = map[string]bool{"inbound": true, "outbound": true, "bi-directional": true, "unknown": true}

// checkXMLStructure makes the checks of the CycloneDX XSD that the JSON
// form of a document cannot show, because encoding/xml decodes a missing
// required attribute or element as an empty value and keeps only one of
// repeated single-valued elements: required attributes and elements of
// component, swid, dependency and property; one id or name per license; no
// mix of license and expression; service data flow values; non-empty,
// unique bom-ref values. It reports each problem with its line and column.
func checkXMLStructure(data []byte, sv cdx.SpecVersion) []Violation {
	ns := cdxNamespacePrefix + sv.String()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []Violation
	var stack []*xmlFrame
	refs := map[string]string{}
	for {
		tok, err := d.Token()
		if err != nil {
			return out // well-formedness was checked before
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := d.InputPos()
			if t.Name.Space != ns {
				stack = append(stack, nil)
				continue
			}
			f := &xmlFrame{name: t.Name.Local, pos: fmt.Sprintf("xml:%d:%d", line, col), attrs: map[string]string{}, children: map[string]int{}}
			parentPath := ""
			if n := len(stack); n > 0 && stack[n-1] != nil {
				stack[n-1].children[f.name]++
				parentPath = stack[n-1].path
			}
			f.path = parentPath + "/" + f.name
			for _, a := range t.Attr {
				if a.Name.Space == "" {
					f.attrs[a.Name.Local] = a.Value
				}
			}
			if ref, ok := f.attrs["bom-ref"]; ok {
				switch first, dup := refs[ref]; {
				case strings.TrimSpace(ref) == "":
					out = append(out, Violation{Path: f.pos + " " + f.path, Message: "bom-ref is empty"})
				case dup:
					out = append(out, Violation{Path: f.pos + " " + f.path, Message: fmt.Sprintf("bom-ref %q is not unique (first at %s)", ref, first)})
				default:
					refs[ref] = f.pos
				}
			}
			stack = append(stack, f)
		case xml.EndElement:
			n := len(stack)
			if n == 0 {
				continue
			}
			f := stack[n-1]
			stack = stack[:n-1]
			if f != nil {
				var parent *xmlFrame
				if n >= 2 {
					parent = stack[n-2]
				}
				out = append(out, checkXMLElement(f, parent)...)
			}
		}
	}
}

func checkXMLElement(f, parent *xmlFrame) []Violation {
	var msgs []string
	needAttr := func(names ...string) {
		for _, a := range names {
			if _, ok := f.attrs[a]; !ok {
				msgs = append(msgs, fmt.Sprintf("<%s> lacks the required attribute %q", f.name, a))
			}
		}
	}
	switch f.name {
	case "component":
		needAttr("type")
		if f.children["name"] != 1 {
			msgs = append(msgs, fmt.Sprintf("<component> must have one <name>, has %d", f.children["name"]))
		}
	case "swid":
		needAttr("tagId", "name")
	case "dependency":
		needAttr("ref")
	case "property":
		needAttr("name")
	case "license":
		if parent != nil && parent.name == "licenses" {
			if n := f.children["id"] + f.children["name"]; n != 1 {
				msgs = append(msgs, fmt.Sprintf("<license> must have exactly one <id> or <name>, has %d", n))
			}
		}
	case "licenses":
		if f.children["expression"] > 0 && (f.children["license"] > 0 || f.children["expression"] > 1) {
			msgs = append(msgs, "<licenses> holds either licenses or one expression")
		}
	case "classification":
		if parent != nil && parent.name == "data" && strings.HasSuffix(parent.path, "/service/data") {
			if flow := f.attrs["flow"]; !classificationFlows[flow] {
				msgs = append(msgs, fmt.Sprintf("data flow %q is not one of inbound, outbound, bi-directional, unknown", flow))
			}
		}
	}
	out := make([]Violation, len(msgs))
	for i, m := range msgs {
		out[i] = Violation{Path: f.pos + " " + f.path, Message: m}
	}
	return out
}

// jsonEquivalent adjusts a BOM decoded from XML so that its JSON encoding
// has the shape the JSON schema of its version expects, where cyclonedx-go
// always encodes the newest shape.
func jsonEquivalent(bom *cdx.BOM) {
	if bom.SpecVersion >= cdx.SpecVersion1_6 || bom.Components == nil {
		return
	}
	var walk func(cs []cdx.Component)
	walk = func(cs []cdx.Component) {
		for i := range cs {
			c := &cs[i]
			if ev := c.Evidence; ev != nil && ev.Identity != nil && ev.Identity.Identities != nil && len(*ev.Identity.Identities) == 1 {
				first := (*ev.Identity.Identities)[0]
				ev.Identity = &cdx.EvidenceIdentityChoice{Identity: &first}
			}
			if c.Components != nil {
				walk(*c.Components)
			}
		}
	}
	walk(*bom.Components)
}

// xmlDSigNamespace is the XML Signature namespace; in the JSON equivalent
// of a document it names the algorithm of an enveloped XML signature.
const xmlDSigNamespace = "http://www.w3.org/2000/09/xmldsig#"

// xmlDeclarations reads the parts of <declarations> that cyclonedx-go
// v0.12.0 decodes wrongly from XML: references written as element text
// (it expects a "ref" attribute) and enveloped XML signatures of
// signatories (it has no field for them).
type xmlDeclarations struct {
	Declarations *struct {
		Attestations []struct {
			Maps []struct {
				Claims               []string `xml:"claims>claim"`
				CounterClaims        []string `xml:"counterClaims>counterClaim"`
				MitigationStrategies []string `xml:"conformance>mitigationStrategies>mitigationStrategy"`
			} `xml:"map"`
		} `xml:"attestations>attestation"`
		Claims []struct {
			MitigationStrategies []string `xml:"mitigationStrategies>mitigationStrategy"`
			Evidence             []string `xml:"evidence"`
			CounterEvidence      []string `xml:"counterEvidence"`
		} `xml:"claims>claim"`
		Signatories []struct {
			Signature *struct{} `xml:"http://www.w3.org/2000/09/xmldsig# Signature"`
		} `xml:"affirmation>signatories>signatory"`
	} `xml:"declarations"`
}

func textRefs(in []string) *[]cdx.BOMReference {
	if len(in) == 0 {
		return nil
	}
	out := make([]cdx.BOMReference, len(in))
	for i, s := range in {
		out[i] = cdx.BOMReference(strings.TrimSpace(s))
	}
	return &out
}

// fixDeclarations completes bom.Declarations, decoded from the XML in data,
// with the references cyclonedx-go leaves empty, so that its JSON
// equivalent says what the XML says. It returns the indexes of the
// signatories that carry an enveloped XML signature.
func fixDeclarations(data []byte, bom *cdx.BOM) []int {
	d := bom.Declarations
	if d == nil {
		return nil
	}
	var x xmlDeclarations
	if xml.NewDecoder(bytes.NewReader(data)).Decode(&x) != nil || x.Declarations == nil {
		return nil
	}
	if d.Attestations != nil {
		for i, a := range x.Declarations.Attestations {
			if i >= len(*d.Attestations) || (*d.Attestations)[i].Map == nil {
				continue
			}
			maps := *(*d.Attestations)[i].Map
			for j, m := range a.Maps {
				if j >= len(maps) {
					break
				}
				maps[j].Claims, maps[j].CounterClaims = textRefs(m.Claims), textRefs(m.CounterClaims)
				if maps[j].Conformance != nil {
					maps[j].Conformance.MitigationStrategies = textRefs(m.MitigationStrategies)
				}
			}
		}
	}
	if d.Claims != nil {
		for i, c := range x.Declarations.Claims {
			if i < len(*d.Claims) {
				cl := &(*d.Claims)[i]
				cl.MitigationStrategies, cl.Evidence, cl.CounterEvidence = textRefs(c.MitigationStrategies), textRefs(c.Evidence), textRefs(c.CounterEvidence)
			}
		}
	}
	var signed []int
	for i, sg := range x.Declarations.Signatories {
		if sg.Signature != nil {
			signed = append(signed, i)
		}
	}
	return signed
}

// signSignatories gives the listed signatories of the JSON document doc a
// JSF signature whose algorithm is the XML Signature namespace URI: the
// JSON equivalent of their enveloped XML signature, which cyclonedx-go
// does not carry.
func signSignatories(doc any, idx []int) {
	get := func(v any, key string) any {
		if m, ok := v.(map[string]any); ok {
			return m[key]
		}
		return nil
	}
	list, _ := get(get(get(doc, "declarations"), "affirmation"), "signatories").([]any)
	for _, i := range idx {
		if i < len(list) {
			if m, ok := list[i].(map[string]any); ok && m["signature"] == nil {
				m["signature"] = map[string]any{"algorithm": xmlDSigNamespace, "value": "enveloped XML signature"}
			}
		}
	}
}
