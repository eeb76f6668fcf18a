package sbom

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// MergeOptions describes the merged SBOM. Time is injected: the library
// never reads the clock.
type MergeOptions struct {
	// Name names the merged document.
	Name string
	// SerialNumber of the merged document (urn:uuid:...).
	SerialNumber string
	// Timestamp of the merged document (RFC 3339).
	Timestamp string
	// Primary is the system's primary component. When set, it depends on
	// the primary components of the merged SBOMs, which become ordinary
	// components. When nil, the first SBOM's primary component is kept.
	Primary *Component
}

// MergeConflict records two documents giving different values for one field
// of the same component. The first value is kept.
type MergeConflict struct {
	// Component is the merged component's Ref.
	Component string `json:"component"`
	// Field that differs.
	Field Field `json:"field"`
	// Kept is the value kept and where it came from.
	Kept       string `json:"kept"`
	KeptOrigin Origin `json:"keptOrigin"` // where the kept value came from
	// Other is the value not kept and where it came from.
	Other       string `json:"other"`
	OtherOrigin Origin `json:"otherOrigin"` // where the other value came from
}

// MergeReport says what Merge did.
type MergeReport struct {
	// Duplicates is the number of component records folded into another.
	Duplicates int `json:"duplicates"`
	// Renamed maps "document: old bom-ref" to the new bom-ref given to a
	// component whose bom-ref another component already used.
	Renamed map[string]string `json:"renamed,omitempty"`
	// Conflicts lists fields whose values differ between documents.
	Conflicts []MergeConflict `json:"conflicts,omitempty"`
}

// mergeKey identifies the same component across documents: its purl, else
// its strongest hash, else group/name@version.
func mergeKey(c *Component) string {
	if c.PURL != "" {
		if p, err := parsePURLCanonical(c.PURL); err == nil {
			return "purl:" + p
		}
		return "purl:" + c.PURL
	}
	for _, alg := range []string{"SHA-512", "SHA-384", "SHA-256", "SHA3-512", "SHA3-256", "SHA-1"} {
		for _, h := range c.Hashes {
			if h.Alg == alg {
				return "hash:" + alg + ":" + h.Content
			}
		}
	}
	return "name:" + c.Group + "/" + c.Name + "@" + c.Version.String()
}

// Merge folds the SBOMs of sub-systems into one without duplicate
// components. Components are the same when their purls are equal (else a
// hash, else group, name and version); the first record is kept and each
// field it lacks is filled from a later one, with that document as the
// field's origin (Component.OriginOf). Differing values are reported as
// conflicts, never silently replaced. bom-refs that clash are renamed and
// dependencies follow. Merge is deterministic: the order of boms decides.
func Merge(opts MergeOptions, boms ...*SBOM) (*SBOM, *MergeReport, error) {
	if len(boms) == 0 {
		return nil, nil, errors.New("sbom: merge: no SBOMs")
	}
	for i, s := range boms {
		if s == nil {
			return nil, nil, fmt.Errorf("sbom: merge: boms[%d] is nil", i)
		}
	}
	m := &merger{out: &SBOM{Format: FormatCycloneDX, SpecVersion: "1.6", Name: opts.Name, SerialNumber: opts.SerialNumber, Version: 1},
		byKey: map[string]int{}, refOwner: map[string]string{}, rep: &MergeReport{}}
	m.out.Metadata.Timestamp = opts.Timestamp
	var subPrimaries []string
	for i, s := range boms {
		m.remap = map[string]string{}
		doc := s.Name
		if doc == "" {
			doc = "boms[" + strconv.Itoa(i) + "]"
		}
		if pc := s.Metadata.Component; pc != nil {
			if opts.Primary == nil && i == 0 {
				c := *pc
				m.claimRef(&c, doc)
				m.out.Metadata.Component = &c
			} else {
				subPrimaries = append(subPrimaries, m.add(*pc, doc))
			}
		}
		for j := range s.Components {
			m.add(s.Components[j], doc)
		}
		m.mergeMetadata(s)
		m.mergeGraph(s)
	}
	if opts.Primary != nil {
		p := *opts.Primary
		m.out.Metadata.Component = &p
		if p.BOMRef != "" {
			m.addDeps(p.BOMRef, subPrimaries)
		}
	}
	return m.out, m.rep, nil
}

type merger struct {
	out      *SBOM
	byKey    map[string]int    // merge key → index in out.Components
	refOwner map[string]string // bom-ref → merge key of its owner
	remap    map[string]string // this document's bom-ref → merged bom-ref
	deps     map[string]int    // ref → index in out.Dependencies
	rep      *MergeReport
}

// claimRef makes c's bom-ref unique in the merged document.
func (m *merger) claimRef(c *Component, doc string) {
	if c.BOMRef == "" {
		return
	}
	key := mergeKey(c)
	old := c.BOMRef
	if owner, taken := m.refOwner[old]; taken && owner != key {
		for n := 2; ; n++ {
			cand := old + "#" + strconv.Itoa(n)
			if _, t := m.refOwner[cand]; !t {
				c.BOMRef = cand
				break
			}
		}
		if m.rep.Renamed == nil {
			m.rep.Renamed = map[string]string{}
		}
		m.rep.Renamed[doc+": "+old] = c.BOMRef
	}
	m.refOwner[c.BOMRef] = key
	m.remap[old] = c.BOMRef
}

// add merges one component and returns its merged bom-ref.
func (m *merger) add(c Component, doc string) string {
	key := mergeKey(&c)
	if i, ok := m.byKey[key]; ok {
		kept := &m.out.Components[i]
		m.rep.Duplicates++
		if c.BOMRef != "" {
			m.remap[c.BOMRef] = kept.BOMRef
		}
		m.fill(kept, &c)
		return kept.BOMRef
	}
	m.claimRef(&c, doc)
	if c.Parent != "" {
		c.Parent = m.remap[c.Parent]
	}
	m.byKey[key] = len(m.out.Components)
	m.out.Components = append(m.out.Components, c)
	return c.BOMRef
}

// fill completes kept with the fields it lacks from other, recording the
// origin, and reports differing values.
func (m *merger) fill(kept, other *Component) {
	from := other.Origin
	set := func(f Field) {
		kept.FieldOrigins = cloneOrigins(kept.FieldOrigins)
		kept.FieldOrigins[f] = from
	}
	conflict := func(f Field, a, b string) {
		if a != "" && b != "" && a != b {
			m.rep.Conflicts = append(m.rep.Conflicts, MergeConflict{Component: kept.Ref(), Field: f,
				Kept: a, KeptOrigin: kept.OriginOf(f), Other: b, OtherOrigin: from})
		}
	}
	if kept.Version.State() != StatePresent && other.Version.State() == StatePresent {
		kept.Version = other.Version
		set(FieldVersion)
	}
	conflict(FieldVersion, kept.Version.Text, other.Version.Text)
	if kept.Supplier.State() != StatePresent && other.Supplier.State() == StatePresent {
		kept.Supplier = other.Supplier
		set(FieldSupplier)
	}
	conflict(FieldSupplier, kept.Supplier.Name, other.Supplier.Name)
	if kept.LicenseState() != StatePresent && other.LicenseState() == StatePresent {
		kept.Licenses, kept.LicensesDeclared = other.Licenses, ""
		set(FieldLicenses)
	}
	conflict(FieldLicenses, licenseText(kept), licenseText(other))
	if kept.CPE == "" && other.CPE != "" {
		kept.CPE = other.CPE
		set(FieldCPE)
	}
	if kept.Type == "" && other.Type != "" {
		kept.Type = other.Type
		set(FieldType)
	}
	if kept.Scope == "" && other.Scope != "" {
		kept.Scope = other.Scope
		set(FieldScope)
	}
	if kept.Support.IsZero() && !other.Support.IsZero() {
		kept.Support = other.Support
		set(FieldSupport)
	}
	if added := missingHashes(kept.Hashes, other.Hashes); len(added) > 0 {
		kept.Hashes = append(slices.Clone(kept.Hashes), added...)
		set(FieldHashes)
	}
}

func missingHashes(have, more []Hash) []Hash {
	var out []Hash
	for _, h := range more {
		if !slices.Contains(have, h) {
			out = append(out, h)
		}
	}
	return out
}

func (m *merger) mergeMetadata(s *SBOM) {
	md := &m.out.Metadata
	for _, a := range s.Metadata.Authors {
		if !slices.ContainsFunc(md.Authors, func(b Party) bool { return b.Name == a.Name && b.Email() == a.Email() }) {
			md.Authors = append(md.Authors, a)
		}
	}
	for _, t := range s.Metadata.Tools {
		if !slices.Contains(md.Tools, t) {
			md.Tools = append(md.Tools, t)
		}
	}
}

func (m *merger) ref(r string) string {
	if n, ok := m.remap[r]; ok {
		return n
	}
	return r
}

func (m *merger) addDeps(ref string, on []string) {
	if m.deps == nil {
		m.deps = map[string]int{}
	}
	i, ok := m.deps[ref]
	if !ok {
		i = len(m.out.Dependencies)
		m.deps[ref] = i
		m.out.Dependencies = append(m.out.Dependencies, Dependency{Ref: ref, DependsOn: []string{}})
	}
	d := &m.out.Dependencies[i]
	for _, r := range on {
		if r != ref && !slices.Contains(d.DependsOn, r) {
			d.DependsOn = append(d.DependsOn, r)
		}
	}
}

func (m *merger) mergeGraph(s *SBOM) {
	for _, d := range s.Dependencies {
		on := make([]string, len(d.DependsOn))
		for i, r := range d.DependsOn {
			on[i] = m.ref(r)
		}
		m.addDeps(m.ref(d.Ref), on)
	}
	for _, c := range s.Compositions {
		nc := Composition{Aggregate: c.Aggregate}
		for _, r := range c.Assemblies {
			nc.Assemblies = append(nc.Assemblies, m.ref(r))
		}
		for _, r := range c.Dependencies {
			nc.Dependencies = append(nc.Dependencies, m.ref(r))
		}
		m.out.Compositions = append(m.out.Compositions, nc)
	}
}
