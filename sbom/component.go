package sbom

import (
	"errors"
	"fmt"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/package-url/packageurl-go"

	"github.com/medtrace/medtrace/trace"
)

// Kinds of trace items this package contributes.
const (
	// KindComponent is a component of the SBOM (NTIA 2021 "component").
	KindComponent trace.Kind = "component"
	// KindSOUP is the maker's SOUP annotation record on a component
	// (IEC 62304:2006+A1:2015 3.29, 8.1.2).
	KindSOUP trace.Kind = "soup"
	// KindSoftwareItem is a software item of the lifecycle package, named
	// here for the "usedBy" links of SOUP records; owned by lifecycle.
	KindSoftwareItem trace.Kind = "software-item"
)

// Format is the family of an SBOM document.
type Format string

const (
	// FormatCycloneDX is an OWASP CycloneDX document (JSON or XML).
	FormatCycloneDX Format = "CycloneDX"
	// FormatSPDX is an SPDX document.
	FormatSPDX Format = "SPDX"
	// FormatSOUP is a SOUP annotation record (origin of annotated fields).
	FormatSOUP Format = "medtrace-soup"
)

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return f == FormatCycloneDX || f == FormatSPDX || f == FormatSOUP }

// Declaration is an explicit statement that a value is unknown or absent,
// as opposed to the field being left out of the document.
type Declaration string

const (
	// DeclaredUnknown: the document says it does not know or will not say
	// (SPDX NOASSERTION; a CycloneDX value written as NOASSERTION).
	DeclaredUnknown Declaration = "NOASSERTION"
	// DeclaredNone: the document says there is no such value (SPDX NONE).
	DeclaredNone Declaration = "NONE"
)

// Valid reports whether d is DeclaredUnknown or DeclaredNone.
func (d Declaration) Valid() bool { return d == DeclaredUnknown || d == DeclaredNone }

// ValueState is the three-valued (four with NONE) state of an SBOM field.
type ValueState string

const (
	// StatePresent: the field has a value.
	StatePresent ValueState = "present"
	// StateUnknown: the document declares the value unknown (NOASSERTION).
	StateUnknown ValueState = "declared-unknown"
	// StateNone: the document declares there is no value (NONE).
	StateNone ValueState = "declared-none"
	// StateMissing: the document leaves the field out.
	StateMissing ValueState = "missing"
)

// Valid reports whether s is one of the four states.
func (s ValueState) Valid() bool {
	switch s {
	case StatePresent, StateUnknown, StateNone, StateMissing:
		return true
	}
	return false
}

// Answered reports whether the state counts as an answer: present, or an
// explicit declaration (CISA minimum elements: a declared unknown must be
// distinguishable from an omission).
func (s ValueState) Answered() bool { return s == StatePresent || s == StateUnknown || s == StateNone }

// Value is a text field that may be declared unknown. The zero Value is a
// missing field.
type Value struct {
	// Text is the value as written; empty when the field is declared or
	// missing.
	Text string `json:"text,omitempty"`
	// Declared is set when the document declares the value unknown or none.
	Declared Declaration `json:"declared,omitempty"`
}

// Known returns a present Value.
func Known(text string) Value { return Value{Text: text} }

// State reports whether v is present, declared unknown, declared none or
// missing. Text wins over a declaration.
func (v Value) State() ValueState { return stateOf(v.Text != "", v.Declared) }

// String returns the text, or the declaration, or "".
func (v Value) String() string {
	if v.Text != "" {
		return v.Text
	}
	return string(v.Declared)
}

func stateOf(present bool, d Declaration) ValueState {
	switch {
	case present:
		return StatePresent
	case d == DeclaredUnknown:
		return StateUnknown
	case d == DeclaredNone:
		return StateNone
	}
	return StateMissing
}

// Contact is a person or mailbox (CycloneDX organizationalContact).
type Contact struct {
	// Name of the person or mailbox.
	Name string `json:"name,omitempty"`
	// Email address.
	Email string `json:"email,omitempty"`
	// Phone number.
	Phone string `json:"phone,omitempty"`
}

// Party is an organisation or person that supplies, makes or authors
// something (NTIA 2021 "supplier name", "author of SBOM data"). The zero
// Party is missing.
type Party struct {
	// Name of the organisation or person.
	Name string `json:"name,omitempty"`
	// URLs of the organisation.
	URLs []string `json:"urls,omitempty"`
	// Contacts at the organisation.
	Contacts []Contact `json:"contacts,omitempty"`
	// Declared is set when the document declares the party unknown or none
	// (SPDX supplier NOASSERTION).
	Declared Declaration `json:"declared,omitempty"`
}

// State reports whether p is present (a name, URL or contact), declared, or
// missing.
func (p Party) State() ValueState {
	return stateOf(p.Name != "" || len(p.URLs) > 0 || len(p.Contacts) > 0, p.Declared)
}

// Email returns the first e-mail address of p's contacts, or "".
func (p Party) Email() string {
	for _, c := range p.Contacts {
		if c.Email != "" {
			return c.Email
		}
	}
	return ""
}

// Hash is a digest of a component (CycloneDX hashes[], SPDX checksums[]).
type Hash struct {
	// Alg is the algorithm in CycloneDX spelling ("SHA-256", "SHA-512").
	Alg string `json:"alg"`
	// Content is the lower- or upper-case hex digest as written.
	Content string `json:"content"`
}

// Property is a name/value pair (CycloneDX properties[]).
type Property struct {
	// Name, namespaced by its owner ("cdx:", "bsi:", "medtrace:").
	Name string `json:"name"`
	// Value as written.
	Value string `json:"value,omitempty"`
}

// ExternalRef is a reference to something outside the document
// (CycloneDX externalReferences[]; SPDX downloadLocation and externalRefs).
type ExternalRef struct {
	// Type in CycloneDX spelling ("vcs", "distribution", "website").
	Type string `json:"type"`
	// URL of the reference.
	URL string `json:"url"`
	// Hashes of what the URL points to (BSI TR-03183-2 puts the SHA-512 of
	// the deployable form here).
	Hashes []Hash `json:"hashes,omitempty"`
}

// ComponentType says what a component is (CycloneDX component.type).
type ComponentType string

// The CycloneDX 1.4–1.7 component types.
const (
	// TypeApplication is a software application.
	TypeApplication ComponentType = "application"
	// TypeFramework is a software framework.
	TypeFramework ComponentType = "framework"
	// TypeLibrary is a software library.
	TypeLibrary ComponentType = "library"
	// TypeContainer is a container image.
	TypeContainer ComponentType = "container"
	// TypePlatform is a runtime environment (CycloneDX 1.5+).
	TypePlatform ComponentType = "platform"
	// TypeOperatingSystem is an operating system.
	TypeOperatingSystem ComponentType = "operating-system"
	// TypeDevice is a hardware device.
	TypeDevice ComponentType = "device"
	// TypeDeviceDriver is a device driver (CycloneDX 1.5+).
	TypeDeviceDriver ComponentType = "device-driver"
	// TypeFirmware is firmware.
	TypeFirmware ComponentType = "firmware"
	// TypeFile is a file.
	TypeFile ComponentType = "file"
	// TypeMachineLearningModel is a model (CycloneDX 1.5+).
	TypeMachineLearningModel ComponentType = "machine-learning-model"
	// TypeData is a data set (CycloneDX 1.5+).
	TypeData ComponentType = "data"
	// TypeCryptographicAsset is a cryptographic asset (CycloneDX 1.6+).
	TypeCryptographicAsset ComponentType = "cryptographic-asset"
)

// Valid reports whether t is a CycloneDX component type.
func (t ComponentType) Valid() bool {
	switch t {
	case TypeApplication, TypeFramework, TypeLibrary, TypeContainer, TypePlatform,
		TypeOperatingSystem, TypeDevice, TypeDeviceDriver, TypeFirmware, TypeFile,
		TypeMachineLearningModel, TypeData, TypeCryptographicAsset:
		return true
	}
	return false
}

// Scope says whether a component is needed at run time (CycloneDX scope).
// An empty Scope means the document does not say.
type Scope string

const (
	// ScopeRequired: the component is required at run time.
	ScopeRequired Scope = "required"
	// ScopeOptional: the component is optional at run time.
	ScopeOptional Scope = "optional"
	// ScopeExcluded: the component is not part of the shipped software.
	ScopeExcluded Scope = "excluded"
)

// Valid reports whether s is required, optional or excluded.
func (s Scope) Valid() bool { return s == ScopeRequired || s == ScopeOptional || s == ScopeExcluded }

// Field names a field of Component, for provenance and diffs.
type Field string

// The fields whose origin is tracked.
const (
	// FieldName is Component.Name and Group.
	FieldName Field = "name"
	// FieldVersion is Component.Version.
	FieldVersion Field = "version"
	// FieldType is Component.Type.
	FieldType Field = "type"
	// FieldPURL is Component.PURL.
	FieldPURL Field = "purl"
	// FieldCPE is Component.CPE.
	FieldCPE Field = "cpe"
	// FieldHashes is Component.Hashes.
	FieldHashes Field = "hashes"
	// FieldSupplier is Component.Supplier.
	FieldSupplier Field = "supplier"
	// FieldManufacturer is Component.Manufacturer.
	FieldManufacturer Field = "manufacturer"
	// FieldAuthors is Component.Authors.
	FieldAuthors Field = "authors"
	// FieldLicenses is Component.Licenses.
	FieldLicenses Field = "licenses"
	// FieldScope is Component.Scope.
	FieldScope Field = "scope"
	// FieldSupport is Component.Support.
	FieldSupport Field = "support"
	// FieldProperties is Component.Properties.
	FieldProperties Field = "properties"
)

// Valid reports whether f is one of the tracked fields.
func (f Field) Valid() bool {
	switch f {
	case FieldName, FieldVersion, FieldType, FieldPURL, FieldCPE, FieldHashes, FieldSupplier, FieldManufacturer,
		FieldAuthors, FieldLicenses, FieldScope, FieldSupport, FieldProperties:
		return true
	}
	return false
}

// Origin says where a record or field was read from.
type Origin struct {
	// Document names the source document: the name the caller gave when
	// decoding (DecodeOptions.Name), else its serial number or namespace.
	Document string `json:"document,omitempty"`
	// Format of the source document.
	Format Format `json:"format,omitempty"`
	// Path of the record inside the document, such as
	// "components[3].components[0]" or "packages[12]".
	Path string `json:"path,omitempty"`
}

// Component is one unit of software in an SBOM (NTIA 2021 component;
// CycloneDX component; SPDX package). Nested CycloneDX components are
// flattened into SBOM.Components with Parent naming the container.
type Component struct {
	// BOMRef is the document-local reference (CycloneDX bom-ref, SPDX
	// SPDXID). Unique within a document.
	BOMRef string `json:"bomRef,omitempty"`
	// Type says what the component is.
	Type ComponentType `json:"type,omitempty"`
	// Name as its supplier names it (NTIA "component name"). Required.
	Name string `json:"name"`
	// Group is the namespace (Maven group, npm scope), if any.
	Group string `json:"group,omitempty"`
	// Version is the supplier's version (NTIA "version").
	Version Value `json:"version"`
	// PURL is the package URL as written (NTIA "other unique identifiers").
	PURL string `json:"purl,omitempty"`
	// CPE is the CPE 2.2 or 2.3 name as written.
	CPE string `json:"cpe,omitempty"`
	// OtherIDs are further identifiers (SWID tag ID, OmniBOR, SWHID), as
	// "scheme:value".
	OtherIDs []string `json:"otherIds,omitempty"`
	// Hashes of the component.
	Hashes []Hash `json:"hashes,omitempty"`
	// Supplier is the entity that supplies the component (NTIA "supplier
	// name"; CycloneDX supplier; SPDX supplier).
	Supplier Party `json:"supplier"`
	// Manufacturer made the component (CycloneDX 1.6 manufacturer; SPDX
	// originator).
	Manufacturer Party `json:"manufacturer"`
	// Authors of the component.
	Authors []Contact `json:"authors,omitempty"`
	// Publisher is who published the component (CycloneDX publisher). It is
	// not the supplier and no profile counts it as one.
	Publisher string `json:"publisher,omitempty"`
	// Licenses are SPDX licence expressions or IDs; a licence known only by
	// name is kept as its name.
	Licenses []string `json:"licenses,omitempty"`
	// LicensesDeclared is set when the document declares the licence
	// unknown (NOASSERTION) or none (NONE) instead of naming one.
	LicensesDeclared Declaration `json:"licensesDeclared,omitempty"`
	// Copyright text.
	Copyright string `json:"copyright,omitempty"`
	// Description of the component.
	Description string `json:"description,omitempty"`
	// Scope at run time; empty when the document does not say.
	Scope Scope `json:"scope,omitempty"`
	// Support is the level of support and end-of-support date (FDA premarket
	// guidance V.A.4(b)), from the document's properties or a SOUP record.
	Support Support `json:"support"`
	// ExternalRefs are references outside the document.
	ExternalRefs []ExternalRef `json:"externalRefs,omitempty"`
	// Properties are name/value pairs, in document order.
	Properties []Property `json:"properties,omitempty"`
	// Parent is the BOMRef of the component that contains this one
	// (CycloneDX nesting), or "".
	Parent string `json:"parent,omitempty"`
	// Origin is where the component record was read from.
	Origin Origin `json:"origin"`
	// FieldOrigins holds the origin of fields that came from another
	// document than Origin (set by Merge). Use OriginOf.
	FieldOrigins map[Field]Origin `json:"fieldOrigins,omitempty"`

	// raw is the decoded CycloneDX component (its nested components are
	// ignored), kept so that writing back loses nothing the model does not
	// carry. It is never modified.
	raw *cdx.Component
}

// LicenseState reports whether licences are present, declared, or missing.
func (c *Component) LicenseState() ValueState {
	return stateOf(len(c.Licenses) > 0, c.LicensesDeclared)
}

// OriginOf returns where field f of c came from.
func (c *Component) OriginOf(f Field) Origin {
	if o, ok := c.FieldOrigins[f]; ok {
		return o
	}
	return c.Origin
}

// Property returns the value of the first property named name.
func (c *Component) Property(name string) (string, bool) {
	for _, p := range c.Properties {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// ErrNoPURL is returned by ParsePURL for a component without a package URL.
var ErrNoPURL = errors.New("sbom: component has no package URL")

// ParsePURL parses c.PURL. The package URL's type is the ecosystem
// ("npm", "maven", "golang"); its namespace, name and version follow the
// purl specification.
func (c *Component) ParsePURL() (packageurl.PackageURL, error) {
	if c.PURL == "" {
		return packageurl.PackageURL{}, ErrNoPURL
	}
	p, err := packageurl.FromString(c.PURL)
	if err != nil {
		return packageurl.PackageURL{}, fmt.Errorf("sbom: component %q: purl %q: %w", c.Ref(), c.PURL, err)
	}
	return p, nil
}

// ID returns c's trace item ID: Ref as a trace.ID.
func (c *Component) ID() trace.ID { return trace.ID(c.Ref()) }

// Ref returns the best document-independent identifier of c: its purl when
// present, else its bom-ref, else group/name@version.
func (c *Component) Ref() string {
	switch {
	case c.PURL != "":
		return c.PURL
	case c.BOMRef != "":
		return c.BOMRef
	}
	return c.DisplayName()
}

// DisplayName returns "group/name@version", leaving out what is unknown.
func (c *Component) DisplayName() string {
	s := c.Name
	if c.Group != "" {
		s = c.Group + "/" + s
	}
	if c.Version.Text != "" {
		s += "@" + c.Version.Text
	}
	return s
}

// Dependency records that Ref depends on each of DependsOn (NTIA 2021
// "dependency relationship"; CycloneDX dependencies[]; SPDX DEPENDS_ON).
// An empty DependsOn states that Ref has no dependencies.
type Dependency struct {
	// Ref is the bom-ref of the depending component.
	Ref string `json:"ref"`
	// DependsOn are the bom-refs of its direct dependencies.
	DependsOn []string `json:"dependsOn"`
}

// Aggregate is a completeness statement (CycloneDX compositions[].aggregate).
type Aggregate string

const (
	// AggregateComplete: the listed inventory is complete.
	AggregateComplete Aggregate = "complete"
	// AggregateIncomplete: the inventory is known to be incomplete.
	AggregateIncomplete Aggregate = "incomplete"
	// AggregateIncompleteFirstPartyOnly: only first-party parts are incomplete.
	AggregateIncompleteFirstPartyOnly Aggregate = "incomplete_first_party_only"
	// AggregateIncompleteFirstPartyProprietaryOnly: CycloneDX 1.5+.
	AggregateIncompleteFirstPartyProprietaryOnly Aggregate = "incomplete_first_party_proprietary_only"
	// AggregateIncompleteFirstPartyOpensourceOnly: CycloneDX 1.5+.
	AggregateIncompleteFirstPartyOpensourceOnly Aggregate = "incomplete_first_party_opensource_only"
	// AggregateIncompleteThirdPartyOnly: only third-party parts are incomplete.
	AggregateIncompleteThirdPartyOnly Aggregate = "incomplete_third_party_only"
	// AggregateIncompleteThirdPartyProprietaryOnly: CycloneDX 1.5+.
	AggregateIncompleteThirdPartyProprietaryOnly Aggregate = "incomplete_third_party_proprietary_only"
	// AggregateIncompleteThirdPartyOpensourceOnly: CycloneDX 1.5+.
	AggregateIncompleteThirdPartyOpensourceOnly Aggregate = "incomplete_third_party_opensource_only"
	// AggregateUnknown: completeness is unknown.
	AggregateUnknown Aggregate = "unknown"
	// AggregateNotSpecified: completeness is not stated.
	AggregateNotSpecified Aggregate = "not_specified"
)

// Valid reports whether a is a CycloneDX aggregate value.
func (a Aggregate) Valid() bool {
	switch a {
	case AggregateComplete, AggregateIncomplete, AggregateIncompleteFirstPartyOnly,
		AggregateIncompleteFirstPartyProprietaryOnly, AggregateIncompleteFirstPartyOpensourceOnly,
		AggregateIncompleteThirdPartyOnly, AggregateIncompleteThirdPartyProprietaryOnly,
		AggregateIncompleteThirdPartyOpensourceOnly, AggregateUnknown, AggregateNotSpecified:
		return true
	}
	return false
}

// Composition states how complete the inventory of some assemblies or
// dependencies is (NTIA 2021 "known unknowns"; CycloneDX compositions[];
// SPDX relationships to NONE / NOASSERTION).
type Composition struct {
	// Aggregate is the completeness stated.
	Aggregate Aggregate `json:"aggregate"`
	// Assemblies are the bom-refs whose contents the statement covers.
	Assemblies []string `json:"assemblies,omitempty"`
	// Dependencies are the bom-refs whose dependencies it covers.
	Dependencies []string `json:"dependencies,omitempty"`
}

// Tool made the SBOM data (CycloneDX metadata.tools; SPDX "Tool:" creators).
type Tool struct {
	// Vendor of the tool.
	Vendor string `json:"vendor,omitempty"`
	// Name of the tool.
	Name string `json:"name"`
	// Version of the tool.
	Version string `json:"version,omitempty"`
}

// Metadata describes the SBOM document itself.
type Metadata struct {
	// Timestamp is when the SBOM data was assembled, as written (NTIA
	// "timestamp"; RFC 3339 expected).
	Timestamp string `json:"timestamp,omitempty"`
	// Authors of the SBOM data (NTIA "author of SBOM data").
	Authors []Party `json:"authors,omitempty"`
	// Manufacturer is the organisation that made the BOM (CycloneDX 1.6).
	Manufacturer Party `json:"manufacturer"`
	// Supplier of the product the BOM describes (CycloneDX metadata.supplier).
	Supplier Party `json:"supplier"`
	// Tools that made the SBOM.
	Tools []Tool `json:"tools,omitempty"`
	// Lifecycles are the generation contexts (CycloneDX 1.5 lifecycles[].phase
	// or name).
	Lifecycles []string `json:"lifecycles,omitempty"`
	// Component is the primary component the SBOM describes, or nil.
	Component *Component `json:"component,omitempty"`
	// Properties of the document.
	Properties []Property `json:"properties,omitempty"`
}

// SBOM is a software bill of materials in the format-neutral model.
type SBOM struct {
	// Format of the document it was read from.
	Format Format `json:"format"`
	// SpecVersion is the version of the format ("1.6", "SPDX-2.3").
	SpecVersion string `json:"specVersion"`
	// SerialNumber identifies the document (CycloneDX serialNumber; SPDX
	// documentNamespace).
	SerialNumber string `json:"serialNumber,omitempty"`
	// Version is the document's revision counter (CycloneDX version).
	Version int `json:"version,omitempty"`
	// Name is the document's name (the caller's name for it, or SPDX name).
	Name string `json:"name,omitempty"`
	// Metadata describes the document.
	Metadata Metadata `json:"metadata"`
	// Components lists every component except the primary one, depth first
	// in document order.
	Components []Component `json:"components"`
	// Dependencies is the dependency graph: ref → refs.
	Dependencies []Dependency `json:"dependencies,omitempty"`
	// Compositions are completeness statements.
	Compositions []Composition `json:"compositions,omitempty"`
	// EmbeddedVulnerabilities is the number of vulnerabilities the document
	// itself carries (CycloneDX vulnerabilities[]).
	EmbeddedVulnerabilities int `json:"embeddedVulnerabilities,omitempty"`
	// SkippedSections names top-level sections of the source document that
	// could not be read and were left out ("declarations"); the model does
	// not use them, and EncodeCycloneDX does not write them back.
	SkippedSections []string `json:"skippedSections,omitempty"`

	// raw is the decoded CycloneDX document, kept for lossless writing.
	raw *cdx.BOM
}

// DocumentID names the document as a trace item: its serial number or
// namespace, else its name, else "sbom".
func (s *SBOM) DocumentID() trace.ID {
	switch {
	case s.SerialNumber != "":
		return trace.ID(s.SerialNumber)
	case s.Name != "":
		return trace.ID(s.Name)
	}
	return "sbom"
}

// Component returns the component whose BOMRef is ref (the primary
// component included).
func (s *SBOM) Component(ref string) (*Component, bool) {
	if mc := s.Metadata.Component; mc != nil && mc.BOMRef == ref && ref != "" {
		return mc, true
	}
	for i := range s.Components {
		if s.Components[i].BOMRef == ref && ref != "" {
			return &s.Components[i], true
		}
	}
	return nil, false
}

// DependsOn returns the refs ref depends on, and whether the document states
// ref's dependencies at all.
func (s *SBOM) DependsOn(ref string) ([]string, bool) {
	for _, d := range s.Dependencies {
		if d.Ref == ref {
			return d.DependsOn, true
		}
	}
	return nil, false
}
