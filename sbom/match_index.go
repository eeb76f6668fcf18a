package sbom

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// SnapshotInfo identifies the advisory data a match ran against, so that a
// report says which data it rests on and can be reproduced.
type SnapshotInfo struct {
	// Digest is "sha256:" and the SHA-256 of every advisory's ID and
	// modified time (RFC 3339, nanoseconds), one "ID\tmodified\n" line per
	// advisory in ID order. Two snapshots with the same records at the same
	// revisions have the same digest.
	Digest string `json:"digest"`
	// Advisories is the number of records, withdrawn ones included.
	Advisories int `json:"advisories"`
	// Withdrawn is the number of withdrawn records (kept, never matched).
	Withdrawn int `json:"withdrawn"`
	// Vulnerabilities is the number of vulnerabilities after joining aliases.
	Vulnerabilities int `json:"vulnerabilities"`
	// LatestModified is the latest modified time of any record: the data is
	// at least this fresh.
	LatestModified time.Time `json:"latestModified"`
}

// IndexOptions controls BuildIndex. It has no settings yet; it is there so
// that options can be added without breaking callers. The zero value is the
// default.
type IndexOptions struct{}

// IndexProblem is a part of an advisory the index cannot evaluate, such as
// a GIT range or an event version the ecosystem order cannot parse. It is
// not an error: matching reports it wherever it leaves a component's
// assessment open.
type IndexProblem struct {
	// Advisory is the record ID.
	Advisory string `json:"advisory"`
	// Path is the JSON path of the range, such as "affected[0].ranges[1]".
	Path string `json:"path"`
	// Detail says why the range cannot be evaluated.
	Detail string `json:"detail"`
}

// Index is a matcher over an OSV snapshot. It is built once by BuildIndex,
// never changes afterwards, and is safe for concurrent use by any number
// of goroutines matching SBOMs.
type Index struct {
	advs     []Advisory
	groups   []osvVulnGroup
	groupOf  map[string]int32 // every ID and alias → group
	advGroup []int32
	byPkg    map[string][]*osvCandidate
	// ecosystems holds the base ecosystems the data covers.
	ecosystems map[string]bool
	snap       SnapshotInfo
	problems   []IndexProblem
}

// osvCandidate is one affected[] entry of one advisory, prepared.
type osvCandidate struct {
	adv       int32
	affected  int
	ecosystem string // as written, with release suffix
	release   string // release suffix, "" if none
	versions  []string
	ranges    []osvPreparedRange
	hasGit    bool // some range is GIT (not evaluable against versions)
}

// BuildIndex prepares advisories for matching: it joins aliases into
// vulnerabilities, keys every affected package by ecosystem and normalised
// name (see EcosystemOf), and parses and sorts every range's events by the
// ecosystem's version order. Ranges it cannot evaluate are listed by
// Index.Problems. advisories need not be sorted; BuildIndex keeps its own
// sorted copy of the slice (records are not deep-copied and must not be
// changed afterwards).
func BuildIndex(ctx context.Context, advisories []Advisory, opts IndexOptions) (*Index, error) {
	_ = opts
	ix := &Index{advs: slices.Clone(advisories), byPkg: make(map[string][]*osvCandidate), ecosystems: make(map[string]bool)}
	slices.SortStableFunc(ix.advs, func(a, b Advisory) int { return cmp.Compare(a.ID, b.ID) })
	for i := 1; i < len(ix.advs); i++ {
		if ix.advs[i].ID == ix.advs[i-1].ID {
			return nil, fmt.Errorf("sbom: build index: %w: advisory %s given twice", ErrOSVInvalid, ix.advs[i].ID)
		}
	}
	ix.groups, ix.advGroup = osvJoinAliases(ix.advs)
	ix.groupOf = make(map[string]int32, len(ix.groups))
	for g := range ix.groups {
		ix.groupOf[ix.groups[g].id] = int32(g)
		for _, id := range ix.groups[g].ids {
			ix.groupOf[id] = int32(g)
		}
	}
	h := sha256.New()
	for i := range ix.advs {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		a := &ix.advs[i]
		fmt.Fprintf(h, "%s\t%s\n", a.ID, a.Modified.UTC().Format(time.RFC3339Nano))
		if a.Modified.After(ix.snap.LatestModified) {
			ix.snap.LatestModified = a.Modified.UTC()
		}
		if a.IsWithdrawn() {
			ix.snap.Withdrawn++
		}
		ix.addAdvisory(int32(i))
	}
	ix.snap.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	ix.snap.Advisories = len(ix.advs)
	ix.snap.Vulnerabilities = len(ix.groups)
	return ix, nil
}

func (ix *Index) addAdvisory(i int32) {
	a := &ix.advs[i]
	for j := range a.Affected {
		af := &a.Affected[j]
		if af.Package.Ecosystem == "" || af.Package.Name == "" {
			continue
		}
		base, release := osvBaseEcosystem(af.Package.Ecosystem)
		ix.ecosystems[base] = true
		c := &osvCandidate{adv: i, affected: j, ecosystem: af.Package.Ecosystem, release: release}
		for _, v := range af.Versions {
			c.versions = append(c.versions, osvNormalizeVersion(base, v))
		}
		slices.Sort(c.versions)
		c.versions = slices.Compact(c.versions)
		for k := range af.Ranges {
			pr := osvPrepareRange(k, &af.Ranges[k], base)
			if pr.err != "" {
				ix.problems = append(ix.problems, IndexProblem{Advisory: a.ID,
					Path: fmt.Sprintf("affected[%d].ranges[%d]", j, k), Detail: pr.err})
			}
			c.ranges = append(c.ranges, pr)
			c.hasGit = c.hasGit || pr.typ == RangeGit
		}
		key := osvKey(base, osvNormalizeName(base, af.Package.Name))
		ix.byPkg[key] = append(ix.byPkg[key], c)
	}
}

func osvKey(ecosystem, name string) string { return ecosystem + "\x00" + name }

// Snapshot returns the identity of the data the index was built from.
func (ix *Index) Snapshot() SnapshotInfo { return ix.snap }

// Problems returns the ranges the index cannot evaluate, in advisory order.
func (ix *Index) Problems() []IndexProblem { return slices.Clone(ix.problems) }

// Ecosystems returns the OSV ecosystems (without release suffix) the data
// has records for, sorted. A component of any other ecosystem is reported
// as not assessed (ReasonEcosystemNotCovered), never as clean.
func (ix *Index) Ecosystems() []string {
	out := make([]string, 0, len(ix.ecosystems))
	for e := range ix.ecosystems {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// Withdrawn returns the IDs of the withdrawn advisories, which the index
// keeps but never matches.
func (ix *Index) Withdrawn() []string {
	var out []string
	for i := range ix.advs {
		if ix.advs[i].IsWithdrawn() {
			out = append(out, ix.advs[i].ID)
		}
	}
	return out
}

// Advisory returns the record with the given ID.
func (ix *Index) Advisory(id string) (Advisory, bool) {
	i, ok := slices.BinarySearchFunc(ix.advs, id, func(a Advisory, s string) int { return cmp.Compare(a.ID, s) })
	if !ok {
		return Advisory{}, false
	}
	return ix.advs[i], true
}

// Vulnerability returns the canonical ID of the vulnerability an advisory
// ID or alias belongs to, and the other IDs of that vulnerability.
func (ix *Index) Vulnerability(id string) (canonical string, aliases []string, ok bool) {
	g, ok := ix.groupOf[id]
	if !ok {
		return "", nil, false
	}
	return ix.groups[g].id, slices.Clone(ix.groups[g].ids), true
}
