package sbom

import (
	"slices"
	"strings"
)

// osvVulnGroup is one vulnerability: the advisories and aliases that name it.
type osvVulnGroup struct {
	id       string   // canonical ID
	ids      []string // every ID of the group but the canonical one, sorted
	summary  string
	severity []OSVSeverity // of all records, deduplicated, sorted
	records  []int32       // indices of the advisories in the group, in ID order
}

// osvJoinAliases groups advisories that name the same vulnerability: each
// (non-withdrawn) record's ID and aliases are joined by union-find, so
// aliases of aliases end in one group. A withdrawn record stays alone: its
// aliases are not trusted. It returns the groups and, per advisory, its
// group index.
func osvJoinAliases(advs []Advisory) ([]osvVulnGroup, []int32) {
	node := make(map[string]int32, len(advs)*2)
	var parent []int32
	id := func(s string) int32 {
		if n, ok := node[s]; ok {
			return n
		}
		n := int32(len(parent))
		node[s] = n
		parent = append(parent, n)
		return n
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	own := make([]int32, len(advs))
	for i := range advs {
		own[i] = id(advs[i].ID)
	}
	for i := range advs {
		if advs[i].IsWithdrawn() {
			continue
		}
		for _, al := range advs[i].Aliases {
			if al != advs[i].ID && !osvIsWithdrawnRecord(advs, node, al) {
				union(own[i], id(al))
			}
		}
	}
	// Collect members per root, in node order (deterministic: advisories are
	// sorted by ID and aliases are visited in record order).
	names := make([]string, len(parent))
	for s, n := range node {
		names[n] = s
	}
	members := make(map[int32][]string)
	for n := range parent {
		r := find(int32(n))
		members[r] = append(members[r], names[n])
	}
	groupOf := make(map[int32]int32, len(members))
	var groups []osvVulnGroup
	advGroup := make([]int32, len(advs))
	for i := range advs {
		r := find(own[i])
		g, ok := groupOf[r]
		if !ok {
			g = int32(len(groups))
			groupOf[r] = g
			groups = append(groups, osvNewVulnGroup(members[r]))
		}
		groups[g].records = append(groups[g].records, int32(i))
		advGroup[i] = g
	}
	for g := range groups {
		groups[g].summary = osvGroupSummary(advs, &groups[g])
		groups[g].severity = osvGroupSeverity(advs, &groups[g])
	}
	return groups, advGroup
}

// osvIsWithdrawnRecord reports whether alias names a record in advs that has
// been withdrawn; such records do not join groups through others' aliases.
func osvIsWithdrawnRecord(advs []Advisory, node map[string]int32, alias string) bool {
	if _, seen := node[alias]; !seen {
		return false
	}
	i, ok := slices.BinarySearchFunc(advs, alias, func(a Advisory, s string) int { return strings.Compare(a.ID, s) })
	return ok && advs[i].IsWithdrawn()
}

func osvNewVulnGroup(ids []string) osvVulnGroup {
	ids = slices.Clone(ids)
	slices.SortFunc(ids, osvCompareVulnIDs)
	ids = slices.Compact(ids)
	return osvVulnGroup{id: ids[0], ids: ids[1:]}
}

// CanonicalVulnID returns the ID medtrace names a vulnerability by, out of
// the IDs its advisories give (record IDs and aliases): the lowest CVE ID
// if there is one, else the lowest ID. "Lowest" is natural order: digit
// runs compare as numbers, so CVE-2021-9999 comes before CVE-2021-10000.
func CanonicalVulnID(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return slices.MinFunc(ids, osvCompareVulnIDs)
}

// osvCompareVulnIDs orders vulnerability IDs: CVE IDs first, then natural order.
func osvCompareVulnIDs(a, b string) int {
	ca, cb := strings.HasPrefix(a, "CVE-"), strings.HasPrefix(b, "CVE-")
	switch {
	case ca && !cb:
		return -1
	case cb && !ca:
		return 1
	}
	if c := vidNaturalCompare(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// vidNaturalCompare compares strings chunk by chunk, digit runs numerically.
func vidNaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := vidIsDigit(a[0]), vidIsDigit(b[0])
		if da && db {
			na, ra := vidDigitRun(a)
			nb, rb := vidDigitRun(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if c := vidCmpInt(len(ta), len(tb)); c != 0 {
				return c
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return vidCmpInt(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	if c := vidCmpInt(len(a), len(b)); c != 0 {
		return c
	}
	return 0
}

func vidIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func vidDigitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && vidIsDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func vidCmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// osvGroupSummary takes the canonical record's summary, else the first
// record's (in ID order) that has one.
func osvGroupSummary(advs []Advisory, g *osvVulnGroup) string {
	for _, r := range g.records {
		if advs[r].ID == g.id && advs[r].Summary != "" {
			return advs[r].Summary
		}
	}
	for _, r := range g.records {
		if advs[r].Summary != "" {
			return advs[r].Summary
		}
	}
	return ""
}

// osvGroupSeverity collects the severity scores of a group's records,
// without duplicates, in (type, score) order.
func osvGroupSeverity(advs []Advisory, g *osvVulnGroup) []OSVSeverity {
	var out []OSVSeverity
	for _, r := range g.records {
		out = append(out, advs[r].Severity...)
	}
	slices.SortFunc(out, func(a, b OSVSeverity) int {
		if c := strings.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		return strings.Compare(a.Score, b.Score)
	})
	return slices.Compact(out)
}
