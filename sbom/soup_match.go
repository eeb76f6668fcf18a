package sbom

import (
	"cmp"
	"slices"
	"strings"
)

// soupMatcher finds the SOUP records that key each component with every
// package URL parsed once: records are indexed by purl (without version,
// qualifiers and subpath) and by name, so matching n records against m
// components costs O(n + m) lookups instead of n × m purl parses.
type soupMatcher struct {
	records []SOUP
	byPURL  map[string][]soupKey
	byName  map[string][]soupKey
}

// soupKey is one record in an index bucket; an empty version matches every
// version of the package.
type soupKey struct {
	rec     int
	version string
}

// soupPair is a record that keys a component.
type soupPair struct{ rec, comp int }

func newSOUPMatcher(records []SOUP) *soupMatcher {
	m := &soupMatcher{records: records, byPURL: map[string][]soupKey{}, byName: map[string][]soupKey{}}
	for i := range records {
		r := &records[i]
		if r.PURL != "" {
			if key, version, ok := purlKey(r.PURL); ok {
				m.byPURL[key] = append(m.byPURL[key], soupKey{i, version})
			}
			continue
		}
		m.byName[r.Name] = append(m.byName[r.Name], soupKey{i, r.Version})
	}
	return m
}

// match returns the indices of the records that key c, in record order. A
// record with a purl keys components with the same purl (and version, if
// it names one); a record without one keys by name ("group/name" when the
// record's name has a slash and the component a group) and version.
func (m *soupMatcher) match(c *Component) []int {
	var out []int
	if c.PURL != "" {
		if key, version, ok := purlKey(c.PURL); ok {
			if version == "" {
				version = c.Version.Text
			}
			for _, k := range m.byPURL[key] {
				if k.version == "" || k.version == version {
					out = append(out, k.rec)
				}
			}
		}
	}
	for _, k := range m.byName[c.Name] {
		if (c.Group == "" || !strings.Contains(m.records[k.rec].Name, "/")) && (k.version == "" || k.version == c.Version.Text) {
			out = append(out, k.rec)
		}
	}
	if c.Group != "" {
		for _, k := range m.byName[c.Group+"/"+c.Name] {
			if k.version == "" || k.version == c.Version.Text {
				out = append(out, k.rec)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pairs matches every component and returns (record, component) pairs in
// record order, then component order.
func (m *soupMatcher) pairs(comps []*Component) []soupPair {
	var out []soupPair
	for j, c := range comps {
		for _, i := range m.match(c) {
			out = append(out, soupPair{i, j})
		}
	}
	slices.SortFunc(out, func(a, b soupPair) int { return cmp.Or(cmp.Compare(a.rec, b.rec), cmp.Compare(a.comp, b.comp)) })
	return out
}
