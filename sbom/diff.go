package sbom

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ChangeKind classifies a difference between two SBOMs (reference check
// SBOM-060; IEC 62304:2006+A1:2015 6.2.1.3 and 7.4 take such changes into
// change evaluation; FDA premarket guidance VII.D and VII.E).
type ChangeKind string

const (
	// ChangeAdded: the component is only in the new SBOM.
	ChangeAdded ChangeKind = "added"
	// ChangeRemoved: the component is only in the old SBOM.
	ChangeRemoved ChangeKind = "removed"
	// ChangeUpgraded: the package moved to a later version.
	ChangeUpgraded ChangeKind = "upgraded"
	// ChangeDowngraded: the package moved to an earlier version.
	ChangeDowngraded ChangeKind = "downgraded"
	// ChangeVersion: the version changed but the two cannot be ordered.
	ChangeVersion ChangeKind = "version-changed"
	// ChangeModified: same version, other fields changed (supplier,
	// licences, level of support).
	ChangeModified ChangeKind = "modified"
)

// Valid reports whether k is a change kind.
func (k ChangeKind) Valid() bool {
	switch k {
	case ChangeAdded, ChangeRemoved, ChangeUpgraded, ChangeDowngraded, ChangeVersion, ChangeModified:
		return true
	}
	return false
}

// FieldChange is one field that differs between the two records of a
// component.
type FieldChange struct {
	// Field that changed.
	Field Field `json:"field"`
	// From is the old value, To the new one.
	From string `json:"from"`
	To   string `json:"to"` // the new value
}

// ComponentChange is one difference.
type ComponentChange struct {
	// Kind of change.
	Kind ChangeKind `json:"kind"`
	// Package identifies the package: its purl without version and
	// qualifiers, else group/name.
	Package string `json:"package"`
	// From and To are the old and new versions ("" when absent).
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"` // the new version
	// Order names the version order used ("npm", "Maven", "generic").
	Order string `json:"order,omitempty"`
	// Fields lists supplier, licence and support changes of a component
	// present in both.
	Fields []FieldChange `json:"fields,omitempty"`
}

// Diff is the difference between two SBOMs, ordered by package, kind and
// versions.
type Diff struct {
	// Changes, one per component difference.
	Changes []ComponentChange `json:"changes"`
}

// Count returns the number of changes of kind k.
func (d *Diff) Count(k ChangeKind) int {
	n := 0
	for _, c := range d.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// String renders the diff one change a line, for people.
func (d *Diff) String() string {
	var b strings.Builder
	for _, c := range d.Changes {
		switch c.Kind {
		case ChangeAdded:
			fmt.Fprintf(&b, "+ %s %s\n", c.Package, c.To)
		case ChangeRemoved:
			fmt.Fprintf(&b, "- %s %s\n", c.Package, c.From)
		case ChangeModified:
			fmt.Fprintf(&b, "~ %s %s\n", c.Package, c.To)
		default:
			fmt.Fprintf(&b, "%s %s %s -> %s (%s order)\n", arrow(c.Kind), c.Package, c.From, c.To, c.Order)
		}
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "    %s: %q -> %q\n", f.Field, f.From, f.To)
		}
	}
	return b.String()
}

func arrow(k ChangeKind) string {
	switch k {
	case ChangeUpgraded:
		return "^"
	case ChangeDowngraded:
		return "v"
	}
	return "?"
}

// packageKey identifies a package across versions.
func packageKey(c *Component) string {
	if c.PURL != "" {
		if k, _, ok := purlKey(c.PURL); ok {
			return k
		}
	}
	if c.Group != "" {
		return c.Group + "/" + c.Name
	}
	return c.Name
}

// DiffSBOMs compares old and new: components are paired by package (purl
// without version, else group/name); equal versions pair first, the rest
// pair from the newest down, and what is left is added or removed. Versions
// are ordered per ecosystem where the purl names one (see compareVersions).
// The primary components take part like any other.
func DiffSBOMs(old, new *SBOM) *Diff {
	group := func(s *SBOM) map[string][]*Component {
		m := map[string][]*Component{}
		if s != nil {
			each(s, func(c *Component) { m[packageKey(c)] = append(m[packageKey(c)], c) })
		}
		return m
	}
	om, nm := group(old), group(new)
	keys := make([]string, 0, len(om)+len(nm))
	for k := range om {
		keys = append(keys, k)
	}
	for k := range nm {
		if _, ok := om[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	d := &Diff{}
	for _, k := range keys {
		d.Changes = append(d.Changes, diffPackage(k, om[k], nm[k])...)
	}
	return d
}

func diffPackage(key string, olds, news []*Component) []ComponentChange {
	var out []ComponentChange
	var restOld, restNew []*Component
	used := make([]bool, len(news))
	for _, o := range olds {
		j := -1
		for k, n := range news {
			if !used[k] && n.Version.String() == o.Version.String() {
				j = k
				break
			}
		}
		if j < 0 {
			restOld = append(restOld, o)
			continue
		}
		used[j] = true
		if f := fieldChanges(o, news[j]); len(f) > 0 {
			out = append(out, ComponentChange{Kind: ChangeModified, Package: key, From: o.Version.String(), To: news[j].Version.String(), Fields: f})
		}
	}
	for j, n := range news {
		if !used[j] {
			restNew = append(restNew, n)
		}
	}
	purl := ""
	if len(olds) > 0 {
		purl = olds[0].PURL
	} else if len(news) > 0 {
		purl = news[0].PURL
	}
	byVersion := func(cs []*Component) {
		slices.SortStableFunc(cs, func(a, b *Component) int {
			c, _ := compareVersions(purl, a.Version.String(), b.Version.String())
			return -c // newest first: the newest old version pairs with the newest new one
		})
	}
	byVersion(restOld)
	byVersion(restNew)
	for i := 0; i < max(len(restOld), len(restNew)); i++ {
		switch {
		case i >= len(restOld):
			out = append(out, ComponentChange{Kind: ChangeAdded, Package: key, To: restNew[i].Version.String()})
		case i >= len(restNew):
			out = append(out, ComponentChange{Kind: ChangeRemoved, Package: key, From: restOld[i].Version.String()})
		default:
			o, n := restOld[i], restNew[i]
			c, order := compareVersions(purl, o.Version.String(), n.Version.String())
			kind := ChangeVersion
			if c < 0 {
				kind = ChangeUpgraded
			} else if c > 0 {
				kind = ChangeDowngraded
			}
			out = append(out, ComponentChange{Kind: kind, Package: key, From: o.Version.String(), To: n.Version.String(),
				Order: order, Fields: fieldChanges(o, n)})
		}
	}
	slices.SortStableFunc(out, func(a, b ComponentChange) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return out
}

// fieldChanges lists the supplier, licence and support differences.
func fieldChanges(o, n *Component) []FieldChange {
	var out []FieldChange
	add := func(f Field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: f, From: a, To: b})
		}
	}
	add(FieldSupplier, supplierText(o.Supplier), supplierText(n.Supplier))
	add(FieldLicenses, licenseText(o), licenseText(n))
	add(FieldSupport, supportText(o.Support), supportText(n.Support))
	return out
}

func licenseText(c *Component) string {
	if len(c.Licenses) > 0 {
		return strings.Join(c.Licenses, " AND ")
	}
	return string(c.LicensesDeclared)
}

func supportText(s Support) string {
	t := string(s.Level)
	if s.EndOfSupport != "" {
		t += " until " + s.EndOfSupport
	}
	return strings.TrimSpace(t)
}
