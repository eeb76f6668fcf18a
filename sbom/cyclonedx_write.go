package sbom

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"sync"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/uuid"
)

// EncodeOptions tunes EncodeCycloneDX. The zero value writes indented JSON
// in the SBOM's own CycloneDX version (1.6 for an SPDX source).
type EncodeOptions struct {
	// XML writes XML instead of JSON.
	XML bool
	// SpecVersion is the CycloneDX version to write ("1.4" … "1.7"). Writing
	// an older version than the document was read in drops what the older
	// version cannot hold (cyclonedx-go conversion).
	SpecVersion string
	// Compact writes JSON without indentation.
	Compact bool
}

// EncodeCycloneDX writes s as a CycloneDX document. Fields the model does
// not carry are kept from the document s was read from. Support information
// (FDA premarket guidance V.A.4(b)) and SOUP annotations are written as
// component properties in the medtrace namespace (see PropSupportLevel),
// with the end-of-support date also as the CycloneDX taxonomy property
// cdx:lifecycle:milestone:endOfSupport. Signatures of the source document
// are dropped, since a rewritten document no longer matches them. The
// output is deterministic.
func EncodeCycloneDX(w io.Writer, s *SBOM, opts EncodeOptions) error {
	if s == nil {
		return fmt.Errorf("sbom: encode: nil SBOM")
	}
	target, err := targetVersion(s, opts.SpecVersion)
	if err != nil {
		return err
	}
	bom := toCDX(s, target)
	format := cdx.BOMFileFormatJSON
	if opts.XML {
		format = cdx.BOMFileFormatXML
	}
	enc := cdx.NewBOMEncoder(w, format).SetPretty(!opts.Compact)
	if s.raw != nil && target < s.raw.SpecVersion {
		return enc.EncodeVersion(bom, target)
	}
	return enc.Encode(bom)
}

func targetVersion(s *SBOM, want string) (cdx.SpecVersion, error) {
	if want == "" {
		if s.raw != nil && supportedCDX(s.raw.SpecVersion) {
			return s.raw.SpecVersion, nil
		}
		return cdx.SpecVersion1_6, nil
	}
	if sv, ok := parseCDXVersion(want); ok {
		return sv, nil
	}
	return 0, fmt.Errorf("%w: cannot write CycloneDX %q (writes 1.4 to 1.7)", ErrUnsupportedSpecVersion, want)
}

func toCDX(s *SBOM, sv cdx.SpecVersion) *cdx.BOM {
	bom := &cdx.BOM{}
	if s.raw != nil {
		*bom = *s.raw
	}
	bom.BOMFormat = "CycloneDX"
	bom.SpecVersion = sv
	bom.XMLNS = cdxNamespacePrefix + sv.String()
	bom.JSONSchema = schemaBase + "bom-" + sv.String() + ".schema.json"
	bom.SerialNumber = cdxSerialNumber(s.SerialNumber)
	stripSignatures(bom)
	bom.Version = max(s.Version, 1)
	bom.Metadata = metadataToCDX(s, sv)
	bom.Components = componentTreeToCDX(s.Components, sv)
	bom.Dependencies = nil
	if len(s.Dependencies) > 0 {
		deps := make([]cdx.Dependency, len(s.Dependencies))
		for i, d := range s.Dependencies {
			on := append([]string{}, d.DependsOn...)
			deps[i] = cdx.Dependency{Ref: d.Ref, Dependencies: &on}
		}
		bom.Dependencies = &deps
	}
	bom.Compositions = nil
	if len(s.Compositions) > 0 {
		comps := make([]cdx.Composition, len(s.Compositions))
		for i, c := range s.Compositions {
			comps[i] = cdx.Composition{Aggregate: cdx.CompositionAggregate(c.Aggregate),
				Assemblies: bomRefs(c.Assemblies), Dependencies: bomRefs(c.Dependencies)}
		}
		bom.Compositions = &comps
	}
	return bom
}

func bomRefs(in []string) *[]cdx.BOMReference {
	if len(in) == 0 {
		return nil
	}
	out := make([]cdx.BOMReference, len(in))
	for i, r := range in {
		out[i] = cdx.BOMReference(r)
	}
	return &out
}

func metadataToCDX(s *SBOM, sv cdx.SpecVersion) *cdx.Metadata {
	md := &cdx.Metadata{}
	if s.raw != nil && s.raw.Metadata != nil {
		*md = *s.raw.Metadata
	}
	m := s.Metadata
	md.Timestamp = m.Timestamp
	if md.Authors == nil || !reflect.DeepEqual(authorsFromCDX(*md.Authors), m.Authors) {
		md.Authors = authorsToCDX(m.Authors)
	}
	md.Supplier = keepParty(md.Supplier, m.Supplier)
	if sv >= cdx.SpecVersion1_6 {
		md.Manufacturer = keepParty(md.Manufacturer, m.Manufacturer)
	}
	if s.raw == nil {
		for _, t := range m.Tools {
			if md.Tools == nil {
				md.Tools = &cdx.ToolsChoice{}
			}
			if sv >= cdx.SpecVersion1_5 {
				c := cdx.Component{Type: cdx.ComponentTypeApplication, Name: t.Name, Version: t.Version, Group: t.Vendor}
				md.Tools.Components = appendPtr(md.Tools.Components, c)
			} else {
				//lint:ignore SA1019 CycloneDX 1.4 has only the legacy tools list.
				md.Tools.Tools = appendPtr(md.Tools.Tools, cdx.Tool{Vendor: t.Vendor, Name: t.Name, Version: t.Version})
			}
		}
		if sv >= cdx.SpecVersion1_5 {
			for _, l := range m.Lifecycles {
				lc := cdx.Lifecycle{Phase: cdx.LifecyclePhase(l)}
				if !knownPhase(l) {
					lc = cdx.Lifecycle{Name: l}
				}
				md.Lifecycles = appendPtr(md.Lifecycles, lc)
			}
		}
	}
	md.Properties = propsToCDX(m.Properties)
	md.Component = nil
	if m.Component != nil {
		c := componentToCDX(m.Component, sv)
		if s.raw != nil && s.raw.Metadata != nil && s.raw.Metadata.Component != nil {
			c.Components = s.raw.Metadata.Component.Components
		}
		md.Component = &c
	}
	return md
}

func authorsToCDX(as []Party) *[]cdx.OrganizationalContact {
	if len(as) == 0 {
		return nil
	}
	out := make([]cdx.OrganizationalContact, len(as))
	for i, a := range as {
		out[i] = cdx.OrganizationalContact{Name: a.Name, Email: a.Email()}
		if out[i].Name == "" {
			out[i].Name = string(a.Declared)
		}
	}
	return &out
}

func knownPhase(p string) bool {
	switch cdx.LifecyclePhase(p) {
	case cdx.LifecyclePhaseBuild, cdx.LifecyclePhaseDecommission, cdx.LifecyclePhaseDesign,
		cdx.LifecyclePhaseDiscovery, cdx.LifecyclePhaseOperations, cdx.LifecyclePhasePostBuild, cdx.LifecyclePhasePreBuild:
		return true
	}
	return false
}

func appendPtr[T any](p *[]T, v T) *[]T {
	if p == nil {
		return &[]T{v}
	}
	*p = append(*p, v)
	return p
}

// componentTreeToCDX nests components again under their Parent.
func componentTreeToCDX(cs []Component, sv cdx.SpecVersion) *[]cdx.Component {
	if len(cs) == 0 {
		return nil
	}
	index := make(map[string]int, len(cs))
	children := make([][]int, len(cs))
	var roots []int
	for i := range cs {
		if p, ok := index[cs[i].Parent]; ok && cs[i].Parent != "" {
			children[p] = append(children[p], i)
		} else {
			roots = append(roots, i)
		}
		if ref := cs[i].BOMRef; ref != "" {
			if _, dup := index[ref]; !dup {
				index[ref] = i
			}
		}
	}
	var build func(ids []int) *[]cdx.Component
	build = func(ids []int) *[]cdx.Component {
		out := make([]cdx.Component, len(ids))
		for k, i := range ids {
			out[k] = componentToCDX(&cs[i], sv)
			if len(children[i]) > 0 {
				out[k].Components = build(children[i])
			}
		}
		return &out
	}
	return build(roots)
}

func componentToCDX(c *Component, sv cdx.SpecVersion) cdx.Component {
	var out cdx.Component
	if c.raw != nil {
		out = *c.raw
	}
	out.Components, out.Signature = nil, nil
	out.BOMRef = c.BOMRef
	out.Type = cdx.ComponentType(c.Type)
	if out.Type == "" {
		out.Type = cdx.ComponentTypeLibrary
	}
	out.Name, out.Group = c.Name, c.Group
	out.Version = c.Version.String()
	out.PackageURL, out.CPE = c.PURL, c.CPE
	out.Description, out.Copyright, out.Publisher = c.Description, c.Copyright, c.Publisher
	out.Scope = cdx.Scope(c.Scope)
	out.Hashes = hashesToCDX(c.Hashes)
	out.Supplier = keepParty(out.Supplier, c.Supplier)
	if sv >= cdx.SpecVersion1_6 {
		out.Manufacturer = keepParty(out.Manufacturer, c.Manufacturer)
		out.Author, out.Authors = "", nil
		for _, a := range c.Authors {
			out.Authors = appendPtr(out.Authors, cdx.OrganizationalContact{Name: a.Name, Email: a.Email, Phone: a.Phone})
		}
	}
	keepLicenses := c.raw != nil && c.raw.Licenses != nil && sameLicenses(*c.raw.Licenses, c.Licenses, c.LicensesDeclared)
	if !keepLicenses {
		out.Licenses = licensesToCDX(c.Licenses, c.LicensesDeclared)
	}
	if c.raw == nil {
		for _, r := range c.ExternalRefs {
			out.ExternalReferences = appendPtr(out.ExternalReferences, cdx.ExternalReference{
				Type: cdx.ExternalReferenceType(r.Type), URL: r.URL, Hashes: hashesToCDX(r.Hashes)})
		}
	}
	out.Properties = propsToCDX(withSupportProperties(c.Properties, c.Support))
	return out
}

func sameLicenses(raw cdx.Licenses, ls []string, d Declaration) bool {
	got, gd := licensesFromCDX(nil, raw)
	if gd != d || len(got) != len(ls) {
		return false
	}
	for i := range got {
		if got[i] != ls[i] {
			return false
		}
	}
	return true
}

func hashesToCDX(hs []Hash) *[]cdx.Hash {
	if len(hs) == 0 {
		return nil
	}
	out := make([]cdx.Hash, len(hs))
	for i, h := range hs {
		out[i] = cdx.Hash{Algorithm: cdx.HashAlgorithm(h.Alg), Value: h.Content}
	}
	return &out
}

// keepParty returns raw when the model still says what raw says (so that
// what the model does not carry, such as an address, survives), else p.
func keepParty(raw *cdx.OrganizationalEntity, p Party) *cdx.OrganizationalEntity {
	if raw != nil && reflect.DeepEqual(partyFromCDX(raw), p) {
		return raw
	}
	return partyToCDX(p)
}

func partyToCDX(p Party) *cdx.OrganizationalEntity {
	if p.State() == StateMissing {
		return nil
	}
	e := &cdx.OrganizationalEntity{Name: p.Name}
	if e.Name == "" {
		e.Name = string(p.Declared)
	}
	if len(p.URLs) > 0 {
		urls := append([]string{}, p.URLs...)
		e.URL = &urls
	}
	for _, c := range p.Contacts {
		e.Contact = appendPtr(e.Contact, cdx.OrganizationalContact{Name: c.Name, Email: c.Email, Phone: c.Phone})
	}
	return e
}

func propsToCDX(ps []Property) *[]cdx.Property {
	if len(ps) == 0 {
		return nil
	}
	out := make([]cdx.Property, len(ps))
	for i, p := range ps {
		out[i] = cdx.Property{Name: p.Name, Value: p.Value}
	}
	return &out
}

// withSupportProperties replaces the support properties of ps by those of s.
func withSupportProperties(ps []Property, s Support) []Property {
	out := make([]Property, 0, len(ps)+5)
	for _, p := range ps {
		switch p.Name {
		case PropSupportLevel, PropEndOfSupport, PropSupportJustification, PropSupportAssessedAt, PropMilestoneEndOfSupport:
			continue
		}
		out = append(out, p)
	}
	add := func(name, value string) {
		if value != "" {
			out = append(out, Property{Name: name, Value: value})
		}
	}
	add(PropSupportLevel, string(s.Level))
	add(PropEndOfSupport, s.EndOfSupport)
	add(PropMilestoneEndOfSupport, s.EndOfSupport)
	add(PropSupportJustification, s.Justification)
	add(PropSupportAssessedAt, s.AssessedAt)
	return out
}

var simpleExpression = regexp.MustCompile(`^[A-Za-z0-9.+-]+$`)

// licensesToCDX writes SPDX IDs as ids, a single compound expression as an
// expression and anything else as a named licence.
func licensesToCDX(ls []string, d Declaration) *cdx.Licenses {
	if len(ls) == 0 {
		if d == "" {
			return nil
		}
		return &cdx.Licenses{{License: &cdx.License{Name: string(d)}}}
	}
	ids := spdxLicenseIDs()
	if len(ls) == 1 && !ids[ls[0]] && isExpression(ls[0]) {
		return &cdx.Licenses{{Expression: ls[0]}}
	}
	out := make(cdx.Licenses, len(ls))
	for i, l := range ls {
		if ids[l] {
			out[i] = cdx.LicenseChoice{License: &cdx.License{ID: l}}
		} else {
			out[i] = cdx.LicenseChoice{License: &cdx.License{Name: l}}
		}
	}
	return &out
}

func isExpression(s string) bool {
	for _, op := range []string{" AND ", " OR ", " WITH "} {
		if strings.Contains(s, op) {
			return true
		}
	}
	return strings.HasSuffix(s, "+") && simpleExpression.MatchString(s)
}

// spdxLicenseIDs returns the SPDX licence IDs of the embedded schema.
var spdxLicenseIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	data, err := schemaFiles.ReadFile("schema/spdx.schema.json")
	if err != nil {
		return ids
	}
	var s struct {
		Enum []string `json:"enum"`
	}
	if json.Unmarshal(data, &s) == nil {
		for _, id := range s.Enum {
			ids[id] = true
		}
	}
	return ids
})

var uuidURN = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// cdxSerialNumber returns serial when it is a urn:uuid, as CycloneDX
// requires; any other identifier (an SPDX document namespace) becomes the
// name-based (SHA-1, RFC 9562 version 5) UUID of that identifier, so the
// same source always gets the same serial number.
func cdxSerialNumber(serial string) string {
	if serial == "" || uuidURN.MatchString(serial) {
		return serial
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(serial)).URN()
}

// stripSignatures removes the JSF signatures of the document, its services
// and its standards: a rewritten document no longer matches them.
// Component signatures are dropped in componentToCDX. The source document
// is not modified.
func stripSignatures(bom *cdx.BOM) {
	bom.Signature = nil
	if bom.Services != nil {
		bom.Services = stripServiceSignatures(*bom.Services)
	}
	if d := bom.Definitions; d != nil && d.Standards != nil {
		defs := *d
		std := append([]cdx.StandardDefinition{}, *d.Standards...)
		for i := range std {
			std[i].Signature = nil
		}
		defs.Standards = &std
		bom.Definitions = &defs
	}
}

func stripServiceSignatures(in []cdx.Service) *[]cdx.Service {
	out := append([]cdx.Service{}, in...)
	for i := range out {
		out[i].Signature = nil
		if out[i].Services != nil {
			out[i].Services = stripServiceSignatures(*out[i].Services)
		}
	}
	return &out
}
