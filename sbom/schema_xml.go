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
