package sbom

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// osvInterval is one affected osvInterval of a range, made from its sorted
// events: lo (nil: from the first version) up to hi (nil: no upper bound).
type osvInterval struct {
	lo     semantic.Version
	loText string
	hi     semantic.Version
	hiText string
	hiKind OSVEventKind // EventFixed, EventLastAffected or EventLimit; "" if unbounded
}

// osvPreparedRange is a range whose events are parsed and sorted once, at
// index build time.
type osvPreparedRange struct {
	index     int // position in affected[].ranges
	typ       OSVRangeType
	intervals []osvInterval
	err       string // why the range cannot be evaluated, or ""
}

// osvVersionParser parses versions of one order: SEMVER ranges use Semantic
// Versioning whatever the ecosystem; ECOSYSTEM ranges use the ecosystem's.
type osvVersionParser func(string) (semantic.Version, error)

// osvSemverShape accepts what the SEMVER order can rank: an optional "v",
// one to four dot-separated numbers, an optional pre-release and build.
var osvSemverShape = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+){0,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

func osvParseSemver(s string) (semantic.Version, error) {
	if !osvSemverShape.MatchString(s) {
		return nil, fmt.Errorf("%q is not a semantic version", osvClip(s))
	}
	return semantic.ParseSemverVersion(s), nil
}

// osvSemverFamily lists the ecosystems whose own order is Semantic Versioning
// (reference §6); their versions are checked for shape, since the semver
// parser accepts any text.
var osvSemverFamily = map[string]bool{"Go": true, "npm": true, "crates.io": true, "Hex": true,
	"Bitnami": true, "ConanCenter": true, "SwiftURL": true, "Julia": true, "GHC": true,
	"Bioconductor": true, "Docker Hardened Images": true}

// osvParserFor returns the version parser of a range type in an ecosystem
// (base name, without release suffix).
func osvParserFor(typ OSVRangeType, ecosystem string) osvVersionParser {
	if typ == RangeSemver || osvSemverFamily[ecosystem] {
		return osvParseSemver
	}
	return func(s string) (semantic.Version, error) {
		if !strings.ContainsAny(s, "0123456789") {
			return nil, fmt.Errorf("%q has no digit", osvClip(s))
		}
		v, err := semantic.Parse(s, ecosystem)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", osvClip(s), err)
		}
		return v, nil
	}
}

// osvNormalizeVersion prepares a version string of an ecosystem for exact
// comparison and parsing: Go versions lose their "v" (or the toolchain's
// "go") prefix, since the Go vulnerability database writes them bare.
func osvNormalizeVersion(ecosystem, v string) string {
	if ecosystem == "Go" {
		switch {
		case strings.HasPrefix(v, "v"):
			return v[1:]
		case strings.HasPrefix(v, "go") && len(v) > 2 && vidIsDigit(v[2]):
			return v[2:]
		}
	}
	return v
}

type osvSortedEvent struct {
	ev  OSVEvent
	ver semantic.Version // nil for introduced "0"
}

// osvPrepareRange parses and sorts a range's events by the ecosystem order
// (introduced "0" first, ties in document order) and turns them into
// intervals: an introduced event opens an interval unless one is open;
// fixed (exclusive) and last_affected (inclusive) close an open interval;
// limit closes it (exclusive) and ends the range.
func osvPrepareRange(idx int, r *OSVRange, ecosystem string) osvPreparedRange {
	pr := osvPreparedRange{index: idx, typ: r.Type}
	if r.Type == RangeGit {
		pr.err = "GIT range: its events are commits, which cannot be ordered against a version without the repository history"
		return pr
	}
	parse := osvParserFor(r.Type, ecosystem)
	evs := make([]osvSortedEvent, 0, len(r.Events))
	for _, e := range r.Events {
		se := osvSortedEvent{ev: e}
		if !(e.Kind == EventIntroduced && e.Version == "0") {
			v, err := parse(osvNormalizeVersion(ecosystem, e.Version))
			if err != nil {
				pr.err = fmt.Sprintf("%s event: %v", e.Kind, err)
				return pr
			}
			se.ver = v
		}
		evs = append(evs, se)
	}
	var cmpErr error
	slices.SortStableFunc(evs, func(a, b osvSortedEvent) int {
		switch {
		case a.ver == nil && b.ver == nil:
			return 0
		case a.ver == nil:
			return -1
		case b.ver == nil:
			return 1
		}
		c, err := a.ver.Compare(b.ver)
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		return c
	})
	if cmpErr != nil {
		pr.err = fmt.Sprintf("events cannot be ordered: %v", cmpErr)
		return pr
	}
	pr.intervals = osvBuildIntervals(evs)
	return pr
}

func osvBuildIntervals(evs []osvSortedEvent) []osvInterval {
	var out []osvInterval
	var cur osvInterval
	open := false
	for _, se := range evs {
		switch se.ev.Kind {
		case EventIntroduced:
			if !open {
				open = true
				cur = osvInterval{lo: se.ver, loText: se.ev.Version}
			}
		case EventFixed, EventLastAffected, EventLimit:
			if open {
				cur.hi, cur.hiText, cur.hiKind = se.ver, se.ev.Version, se.ev.Kind
				out = append(out, cur)
				open = false
			}
			if se.ev.Kind == EventLimit {
				return out
			}
		}
	}
	if open {
		out = append(out, cur)
	}
	return out
}

// contains reports whether v lies in the interval, with the reason text
// (built only for a match).
func (iv *osvInterval) contains(v semantic.Version, vText string, typ OSVRangeType) (bool, string, error) {
	if iv.lo != nil {
		c, err := iv.lo.Compare(v)
		if err != nil || c > 0 {
			return false, "", err
		}
	}
	if iv.hi != nil {
		c, err := iv.hi.Compare(v)
		if err != nil {
			return false, "", err
		}
		if c < 0 || (c == 0 && iv.hiKind != EventLastAffected) {
			return false, "", nil
		}
	}
	return true, iv.reason(vText, typ), nil
}

// reason formats why vText lies in the interval, such as
// "introduced 0 ≤ 1.2.3 < fixed 1.2.5 (SEMVER)".
func (iv *osvInterval) reason(vText string, typ OSVRangeType) string {
	lo := "introduced " + iv.loText + " ≤ " + vText
	switch {
	case iv.hi == nil:
		return lo + ", no fixed version (" + string(typ) + ")"
	case iv.hiKind == EventLastAffected:
		return lo + " ≤ last_affected " + iv.hiText + " (" + string(typ) + ")"
	}
	return lo + " < " + string(iv.hiKind) + " " + iv.hiText + " (" + string(typ) + ")"
}
