package sbom

import (
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// fromCDX maps a decoded CycloneDX document to the model.
func fromCDX(bom *cdx.BOM, name string) *SBOM {
	s := &SBOM{
		Format:       FormatCycloneDX,
		SpecVersion:  bom.SpecVersion.String(),
		SerialNumber: bom.SerialNumber,
		Version:      bom.Version,
		Name:         name,
		raw:          bom,
	}
	doc := name
	if doc == "" {
		doc = bom.SerialNumber
	}
	if md := bom.Metadata; md != nil {
		s.Metadata = metadataFromCDX(md, doc)
	}
	if bom.Components != nil {
		a := newArena(*bom.Components)
		s.Components = make([]Component, 0, countCDX(*bom.Components))
		s.Components = componentsFromCDX(a, s.Components, *bom.Components, doc, "components", "")
	}
	if bom.Dependencies != nil {
		s.Dependencies = make([]Dependency, 0, len(*bom.Dependencies))
		for _, d := range *bom.Dependencies {
			dep := Dependency{Ref: d.Ref, DependsOn: []string{}}
			if d.Dependencies != nil {
				dep.DependsOn = append(dep.DependsOn, *d.Dependencies...)
			}
			s.Dependencies = append(s.Dependencies, dep)
		}
	}
	if bom.Compositions != nil {
		for _, c := range *bom.Compositions {
			s.Compositions = append(s.Compositions, Composition{
				Aggregate:    Aggregate(c.Aggregate),
				Assemblies:   refs(c.Assemblies),
				Dependencies: refs(c.Dependencies),
			})
		}
	}
	if bom.Vulnerabilities != nil {
		s.EmbeddedVulnerabilities = len(*bom.Vulnerabilities)
	}
	return s
}

// arena hands out sub-slices of a few large slices, so that mapping a
// document allocates per document rather than per component. Each
// sub-slice has its capacity capped, so appending to it copies.
type arena struct {
	hashes []Hash
	props  []Property
	strs   []string
	refs   []ExternalRef
}

func newArena(cs []cdx.Component) *arena {
	var nh, np, ns, nr int
	var count func(cs []cdx.Component)
	count = func(cs []cdx.Component) {
		for i := range cs {
			c := &cs[i]
			if c.Hashes != nil {
				nh += len(*c.Hashes)
			}
			if c.Properties != nil {
				np += len(*c.Properties)
			}
			if c.Licenses != nil {
				ns += len(*c.Licenses)
			}
			if c.ExternalReferences != nil {
				nr += len(*c.ExternalReferences)
			}
			if c.Components != nil {
				count(*c.Components)
			}
		}
	}
	count(cs)
	return &arena{hashes: make([]Hash, 0, nh), props: make([]Property, 0, np), strs: make([]string, 0, ns), refs: make([]ExternalRef, 0, nr)}
}

func take[T any](pool *[]T, n int) []T {
	if n == 0 {
		return nil
	}
	if cap(*pool)-len(*pool) < n {
		return make([]T, 0, n)
	}
	l := len(*pool)
	out := (*pool)[l : l : l+n]
	*pool = (*pool)[:l+n]
	return out
}

func refs(in *[]cdx.BOMReference) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(*in))
	for i, r := range *in {
		out[i] = string(r)
	}
	return out
}

func countCDX(cs []cdx.Component) int {
	n := len(cs)
	for i := range cs {
		if cs[i].Components != nil {
			n += countCDX(*cs[i].Components)
		}
	}
	return n
}

func metadataFromCDX(md *cdx.Metadata, doc string) Metadata {
	m := Metadata{Timestamp: md.Timestamp}
	if md.Authors != nil {
		m.Authors = authorsFromCDX(*md.Authors)
	}
	m.Manufacturer = partyFromCDX(md.Manufacturer)
	if m.Manufacturer.State() == StateMissing {
		m.Manufacturer = partyFromCDX(md.Manufacture)
	}
	m.Supplier = partyFromCDX(md.Supplier)
	if t := md.Tools; t != nil {
		if t.Tools != nil {
			for _, tool := range *t.Tools {
				m.Tools = append(m.Tools, Tool{Vendor: tool.Vendor, Name: tool.Name, Version: tool.Version})
			}
		}
		if t.Components != nil {
			for _, c := range *t.Components {
				vendor := c.Group
				if c.Supplier != nil {
					vendor = c.Supplier.Name
				}
				m.Tools = append(m.Tools, Tool{Vendor: vendor, Name: c.Name, Version: c.Version})
			}
		}
		if t.Services != nil {
			for _, sv := range *t.Services {
				vendor := sv.Group
				if sv.Provider != nil {
					vendor = sv.Provider.Name
				}
				m.Tools = append(m.Tools, Tool{Vendor: vendor, Name: sv.Name, Version: sv.Version})
			}
		}
	}
	if md.Lifecycles != nil {
		for _, l := range *md.Lifecycles {
			if l.Phase != "" {
				m.Lifecycles = append(m.Lifecycles, string(l.Phase))
			} else {
				m.Lifecycles = append(m.Lifecycles, l.Name)
			}
		}
	}
	m.Properties = propsFromCDX(nil, md.Properties)
	if md.Component != nil {
		c := componentFromCDX(nil, md.Component, doc, "metadata.component", "")
		m.Component = &c
	}
	return m
}

// authorsFromCDX maps the SBOM authors; each becomes a party named after
// the person with the person as its contact.
func authorsFromCDX(as []cdx.OrganizationalContact) []Party {
	var out []Party
	for _, a := range as {
		out = append(out, Party{Name: a.Name, Contacts: []Contact{contactFromCDX(a)}})
	}
	return out
}

func componentsFromCDX(a *arena, out []Component, cs []cdx.Component, doc, path, parent string) []Component {
	for i := range cs {
		p := path + "[" + strconv.Itoa(i) + "]"
		out = append(out, componentFromCDX(a, &cs[i], doc, p, parent))
		if cs[i].Components != nil {
			out = componentsFromCDX(a, out, *cs[i].Components, doc, p+".components", cs[i].BOMRef)
		}
	}
	return out
}

// componentFromCDX maps one component; a may be nil.
func componentFromCDX(a *arena, c *cdx.Component, doc, path, parent string) Component {
	if a == nil {
		a = &arena{}
	}
	out := Component{
		BOMRef:       c.BOMRef,
		Type:         ComponentType(c.Type),
		Name:         c.Name,
		Group:        c.Group,
		Version:      valueOf(c.Version),
		PURL:         c.PackageURL,
		CPE:          c.CPE,
		Supplier:     partyFromCDX(c.Supplier),
		Manufacturer: partyFromCDX(c.Manufacturer),
		Copyright:    c.Copyright,
		Publisher:    c.Publisher,
		Description:  c.Description,
		Scope:        Scope(c.Scope),
		Properties:   propsFromCDX(a, c.Properties),
		Parent:       parent,
		Origin:       Origin{Document: doc, Format: FormatCycloneDX, Path: path},
		raw:          c,
	}
	if c.Hashes != nil {
		out.Hashes = hashesFromCDX(a, *c.Hashes)
	}
	if c.Authors != nil {
		for _, a := range *c.Authors {
			out.Authors = append(out.Authors, contactFromCDX(a))
		}
	}
	if c.Author != "" {
		out.Authors = append(out.Authors, Contact{Name: c.Author})
	}
	if c.Licenses != nil {
		out.Licenses, out.LicensesDeclared = licensesFromCDX(a, *c.Licenses)
	}
	if c.SWID != nil && c.SWID.TagID != "" {
		out.OtherIDs = append(out.OtherIDs, "swid:"+c.SWID.TagID)
	}
	if c.OmniborID != nil {
		for _, id := range *c.OmniborID {
			out.OtherIDs = append(out.OtherIDs, "omnibor:"+id)
		}
	}
	if c.SWHID != nil {
		out.OtherIDs = append(out.OtherIDs, *c.SWHID...)
	}
	if c.ExternalReferences != nil {
		out.ExternalRefs = take(&a.refs, len(*c.ExternalReferences))
		for _, r := range *c.ExternalReferences {
			ref := ExternalRef{Type: string(r.Type), URL: r.URL}
			if r.Hashes != nil {
				ref.Hashes = hashesFromCDX(nil, *r.Hashes)
			}
			out.ExternalRefs = append(out.ExternalRefs, ref)
		}
	}
	out.Support = supportFromProperties(out.Properties)
	return out
}

// valueOf maps a text field, reading NOASSERTION and NONE as declarations.
func valueOf(s string) Value {
	switch strings.TrimSpace(s) {
	case "":
		return Value{}
	case string(DeclaredUnknown):
		return Value{Declared: DeclaredUnknown}
	case string(DeclaredNone):
		return Value{Declared: DeclaredNone}
	}
	return Value{Text: s}
}

func contactFromCDX(c cdx.OrganizationalContact) Contact {
	return Contact{Name: c.Name, Email: c.Email, Phone: c.Phone}
}

func partyFromCDX(e *cdx.OrganizationalEntity) Party {
	if e == nil {
		return Party{}
	}
	p := Party{}
	switch v := valueOf(e.Name); {
	case v.Declared != "":
		p.Declared = v.Declared
	default:
		p.Name = v.Text
	}
	if e.URL != nil {
		p.URLs = *e.URL // shared with the decoded document, which is never modified
	}
	if e.Contact != nil {
		for _, c := range *e.Contact {
			p.Contacts = append(p.Contacts, contactFromCDX(c))
		}
	}
	return p
}

func hashesFromCDX(a *arena, hs []cdx.Hash) []Hash {
	if a == nil {
		a = &arena{}
	}
	out := take(&a.hashes, len(hs))
	for _, h := range hs {
		out = append(out, Hash{Alg: string(h.Algorithm), Content: h.Value})
	}
	return out
}

func propsFromCDX(a *arena, ps *[]cdx.Property) []Property {
	if ps == nil {
		return nil
	}
	if a == nil {
		a = &arena{}
	}
	out := take(&a.props, len(*ps))
	for _, p := range *ps {
		out = append(out, Property{Name: p.Name, Value: p.Value})
	}
	return out
}

// licensesFromCDX returns SPDX IDs, expressions and names; a lone
// NOASSERTION or NONE becomes a declaration.
func licensesFromCDX(a *arena, ls cdx.Licenses) ([]string, Declaration) {
	if a == nil {
		a = &arena{}
	}
	out := take(&a.strs, len(ls))
	var decl Declaration
	for _, l := range ls {
		var s string
		switch {
		case l.Expression != "":
			s = l.Expression
		case l.License != nil && l.License.ID != "":
			s = l.License.ID
		case l.License != nil:
			s = l.License.Name
		}
		switch v := valueOf(s); {
		case v.Declared != "":
			decl = v.Declared
		case v.Text != "":
			out = append(out, v.Text)
		}
	}
	if len(out) == 0 {
		return nil, decl
	}
	return out, ""
}
