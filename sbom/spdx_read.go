package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/spdx/v2/common"
)

// PropSPDXFileName holds an SPDX package's packageFileName.
const PropSPDXFileName = "spdx:packageFileName"

// DecodeSPDXJSON reads an SPDX 2.3 JSON document (2.2 is read through the
// conversion of github.com/spdx/tools-golang). Packages become components,
// the package the document DESCRIBES becomes the primary component,
// DEPENDS_ON, DEPENDENCY_OF and CONTAINS become dependencies, and a
// relationship to NONE or NOASSERTION becomes a completeness statement.
// NOASSERTION and NONE are kept as declarations, distinct from a missing
// field.
func DecodeSPDXJSON(ctx context.Context, r io.Reader, opts DecodeOptions) (*SBOM, error) {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	if err := checkJSONDepth(data, opts.Name, opts.maxDepth()); err != nil {
		return nil, err
	}
	var head struct {
		SPDXVersion any `json:"spdxVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(data, opts.Name, err)
	}
	switch head.SPDXVersion {
	case "SPDX-2.3", "SPDX-2.2":
	case nil:
		return nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "spdxVersion", Detail: "spdxVersion is missing", Err: ErrWrongFormat}
	default:
		return nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "spdxVersion",
			Detail: fmt.Sprintf("SPDX version %s is not supported (reads SPDX-2.2 and SPDX-2.3)", quoteAny(head.SPDXVersion)), Err: ErrUnsupportedSpecVersion}
	}
	doc, err := spdxjson.Read(bytes.NewReader(data))
	if err != nil {
		if de := jsonError(data, opts.Name, err); de != nil {
			return nil, de
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return fromSPDX(doc, opts.Name), nil
}

func fromSPDX(doc *spdx.Document, name string) *SBOM {
	s := &SBOM{Format: FormatSPDX, SpecVersion: "SPDX-2.3", SerialNumber: doc.DocumentNamespace, Name: doc.DocumentName}
	if name != "" {
		s.Name = name
	}
	origin := name
	if origin == "" {
		origin = doc.DocumentNamespace
	}
	if ci := doc.CreationInfo; ci != nil {
		s.Metadata.Timestamp = ci.Created
		for _, c := range ci.Creators {
			switch c.CreatorType {
			case "Tool":
				s.Metadata.Tools = append(s.Metadata.Tools, toolFromSPDX(c.Creator))
			default:
				s.Metadata.Authors = append(s.Metadata.Authors, partyFromSPDX(c.Creator))
			}
		}
	}
	described := map[string]bool{}
	for _, r := range doc.Relationships {
		if r != nil && r.Relationship == "DESCRIBES" && elementRef(r.RefA) == "SPDXRef-DOCUMENT" {
			described[elementRef(r.RefB)] = true
		}
	}
	for i, p := range doc.Packages {
		if p == nil {
			continue
		}
		c := componentFromSPDX(p, Origin{Document: origin, Format: FormatSPDX, Path: "packages[" + strconv.Itoa(i) + "]"})
		if described[c.BOMRef] && s.Metadata.Component == nil {
			s.Metadata.Component = &c
			continue
		}
		s.Components = append(s.Components, c)
	}
	s.Dependencies, s.Compositions = relationshipsFromSPDX(doc)
	return s
}

func elementRef(id common.DocElementID) string {
	if id.SpecialID != "" {
		return id.SpecialID
	}
	ref := "SPDXRef-" + string(id.ElementRefID)
	if id.DocumentRefID != "" {
		ref = "DocumentRef-" + string(id.DocumentRefID) + ":" + ref
	}
	return ref
}

// relationshipsFromSPDX builds the dependency graph in relationship order.
func relationshipsFromSPDX(doc *spdx.Document) ([]Dependency, []Composition) {
	var deps []Dependency
	index := map[string]int{}
	add := func(from, to string) {
		i, ok := index[from]
		if !ok {
			i = len(deps)
			index[from] = i
			deps = append(deps, Dependency{Ref: from, DependsOn: []string{}})
		}
		if to != "" {
			deps[i].DependsOn = append(deps[i].DependsOn, to)
		}
	}
	var complete, unknown []string
	for _, r := range doc.Relationships {
		if r == nil {
			continue
		}
		a, b := elementRef(r.RefA), elementRef(r.RefB)
		switch r.Relationship {
		case "DEPENDS_ON", "CONTAINS":
			switch b {
			case "NONE":
				add(a, "")
				complete = append(complete, a)
			case "NOASSERTION":
				unknown = append(unknown, a)
			default:
				add(a, b)
			}
		case "DEPENDENCY_OF", "CONTAINED_BY":
			if a != "NONE" && a != "NOASSERTION" {
				add(b, a)
			}
		}
	}
	var comps []Composition
	if len(complete) > 0 {
		comps = append(comps, Composition{Aggregate: AggregateComplete, Dependencies: complete})
	}
	if len(unknown) > 0 {
		comps = append(comps, Composition{Aggregate: AggregateUnknown, Dependencies: unknown})
	}
	return deps, comps
}

// spdxPurpose maps primaryPackagePurpose to a component type.
var spdxPurpose = map[string]ComponentType{
	"APPLICATION": TypeApplication, "FRAMEWORK": TypeFramework, "LIBRARY": TypeLibrary,
	"CONTAINER": TypeContainer, "OPERATING-SYSTEM": TypeOperatingSystem, "DEVICE": TypeDevice,
	"FIRMWARE": TypeFirmware, "FILE": TypeFile, "ARCHIVE": TypeFile, "INSTALL": TypeApplication,
}

// spdxAlgorithms maps SPDX checksum algorithms to CycloneDX spelling.
var spdxAlgorithms = map[string]string{
	"MD5": "MD5", "SHA1": "SHA-1", "SHA256": "SHA-256", "SHA384": "SHA-384", "SHA512": "SHA-512",
	"SHA3-256": "SHA3-256", "SHA3-384": "SHA3-384", "SHA3-512": "SHA3-512",
	"BLAKE2b-256": "BLAKE2b-256", "BLAKE2b-384": "BLAKE2b-384", "BLAKE2b-512": "BLAKE2b-512", "BLAKE3": "BLAKE3",
}

func componentFromSPDX(p *spdx.Package, origin Origin) Component {
	c := Component{
		BOMRef:      "SPDXRef-" + string(p.PackageSPDXIdentifier),
		Type:        spdxPurpose[p.PrimaryPackagePurpose],
		Name:        p.PackageName,
		Version:     valueOf(p.PackageVersion),
		Copyright:   textOrEmpty(p.PackageCopyrightText),
		Description: p.PackageDescription,
		Origin:      origin,
	}
	if s := p.PackageSupplier; s != nil {
		c.Supplier = supplierFromSPDX(s.Supplier, s.SupplierType)
	}
	if o := p.PackageOriginator; o != nil {
		c.Manufacturer = supplierFromSPDX(o.Originator, o.OriginatorType)
	}
	for _, h := range p.PackageChecksums {
		alg, ok := spdxAlgorithms[string(h.Algorithm)]
		if !ok {
			alg = string(h.Algorithm)
		}
		c.Hashes = append(c.Hashes, Hash{Alg: alg, Content: h.Value})
	}
	c.Licenses, c.LicensesDeclared = licensesFromSPDX(p.PackageLicenseConcluded, p.PackageLicenseDeclared)
	for _, r := range p.PackageExternalReferences {
		if r == nil {
			continue
		}
		switch {
		case r.RefType == "purl" && c.PURL == "":
			c.PURL = r.Locator
		case (r.RefType == "cpe23Type" || r.RefType == "cpe22Type") && c.CPE == "":
			c.CPE = r.Locator
		default:
			c.OtherIDs = append(c.OtherIDs, r.RefType+":"+r.Locator)
		}
	}
	if v := valueOf(p.PackageDownloadLocation); v.Text != "" {
		c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: "distribution", URL: v.Text})
	}
	if v := valueOf(p.PackageHomePage); v.Text != "" {
		c.ExternalRefs = append(c.ExternalRefs, ExternalRef{Type: "website", URL: v.Text})
	}
	if p.PackageFileName != "" {
		c.Properties = append(c.Properties, Property{Name: PropSPDXFileName, Value: p.PackageFileName})
	}
	c.Support.EndOfSupport = p.ValidUntilDate
	return c
}

func textOrEmpty(s string) string {
	if v := valueOf(s); v.Text != "" {
		return v.Text
	}
	return ""
}

func licensesFromSPDX(concluded, declared string) ([]string, Declaration) {
	var decl Declaration
	for _, l := range []string{concluded, declared} {
		v := valueOf(l)
		if v.Text != "" {
			return []string{v.Text}, ""
		}
		if decl == "" {
			decl = v.Declared
		}
	}
	return nil, decl
}

// supplierFromSPDX reads "Organization: Name (email)" style values.
func supplierFromSPDX(value, typ string) Party {
	if v := valueOf(value); v.Declared != "" {
		return Party{Declared: v.Declared}
	}
	p := partyFromSPDX(value)
	_ = typ
	return p
}

// partyFromSPDX reads "Name (email)" or "Type: Name (email)".
func partyFromSPDX(s string) Party {
	if _, rest, ok := strings.Cut(s, ":"); ok && !strings.Contains(s[:strings.Index(s, ":")], " ") {
		s = rest
	}
	s = strings.TrimSpace(s)
	p := Party{}
	if i := strings.LastIndex(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		email := strings.TrimSpace(s[i+1 : len(s)-1])
		s = strings.TrimSpace(s[:i])
		if email != "" {
			p.Contacts = []Contact{{Email: email}}
		}
	}
	p.Name = s
	if p.Name == "" && len(p.Contacts) == 0 {
		return Party{}
	}
	return p
}

// toolFromSPDX splits "name-version" at the last '-' before a digit.
func toolFromSPDX(s string) Tool {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "-"); i > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		return Tool{Name: s[:i], Version: s[i+1:]}
	}
	return Tool{Name: s}
}
