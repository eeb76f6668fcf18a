package sbom

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/osv-scalibr/semantic"
	"github.com/package-url/packageurl-go"
)

// versScheme maps a purl-spec "vers:" scheme to the OSV ecosystem whose
// order it uses; "" means a lenient semantic-version order (scheme
// "generic" and unknown schemes).
func versScheme(scheme string) string {
	eco, _ := osvPurlEcosystem(packageurl.PackageURL{Type: scheme})
	switch scheme {
	case "deb":
		eco = "Debian"
	case "apk", "alpine":
		eco = "Alpine"
	case "rpm":
		eco = "Red Hat"
	}
	return eco
}

type versConstraint struct {
	op  string
	ver semantic.Version
	rel int // order of the version relative to this constraint: -1, 0, +1
}

// VersContains reports whether version lies in a purl-spec "vers:" range,
// such as "vers:generic/>=2.9|<=4.1" or "vers:npm/1.2.3|>=2.0.0|<3.0.0".
// Versions compare in the scheme's order (generic and unknown schemes:
// semantic-version-like, numeric components first). Constraints are "="
// (the default), "!=", "<", "<=", ">", ">=", or "*" alone for every version.
func VersContains(rng, version string) (bool, error) {
	rest, ok := strings.CutPrefix(rng, "vers:")
	if !ok {
		return false, fmt.Errorf("%w: %q is not a vers: range", ErrVEXInvalid, osvClip(rng))
	}
	scheme, body, ok := strings.Cut(rest, "/")
	if !ok || strings.TrimSpace(body) == "" {
		return false, fmt.Errorf("%w: %q has no constraints", ErrVEXInvalid, osvClip(rng))
	}
	if strings.TrimSpace(body) == "*" {
		return true, nil
	}
	eco := versScheme(strings.ToLower(scheme))
	parse := osvParserFor(RangeEcosystem, eco)
	if eco == "" {
		parse = osvParserFor(RangeSemver, "")
	}
	v, err := parse(osvNormalizeVersion(eco, version))
	if err != nil {
		return false, fmt.Errorf("%w: version %v", ErrVEXInvalid, err)
	}
	var bounds []versConstraint
	for _, c := range strings.Split(body, "|") {
		c = strings.TrimSpace(c)
		op := "="
		for _, o := range []string{">=", "<=", "!=", "<", ">", "="} {
			if strings.HasPrefix(c, o) {
				op, c = o, strings.TrimSpace(c[len(o):])
				break
			}
		}
		cv, err := parse(osvNormalizeVersion(eco, c))
		if err != nil {
			return false, fmt.Errorf("%w: constraint %v", ErrVEXInvalid, err)
		}
		rel, err := cv.Compare(v)
		if err != nil {
			return false, fmt.Errorf("%w: %v", ErrVEXInvalid, err)
		}
		rel = -rel
		switch {
		case op == "=" && rel == 0:
			return true, nil
		case op == "!=" && rel == 0:
			return false, nil
		case op == "=" || op == "!=":
			continue
		}
		bounds = append(bounds, versConstraint{op: op, ver: cv, rel: rel})
	}
	return versInBounds(bounds)
}

// versInBounds evaluates the range constraints (purl-spec vers algorithm):
// sorted by version, a first "<"/"<=" that holds includes the version; a
// ">"/">=" that holds includes it if it is the last constraint or the next
// is a "<"/"<=" that holds too.
func versInBounds(bounds []versConstraint) (bool, error) {
	var cmpErr error
	slices.SortStableFunc(bounds, func(a, b versConstraint) int {
		c, err := a.ver.Compare(b.ver)
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		return c
	})
	if cmpErr != nil {
		return false, fmt.Errorf("%w: %v", ErrVEXInvalid, cmpErr)
	}
	sat := func(b versConstraint) bool {
		switch b.op {
		case "<":
			return b.rel < 0
		case "<=":
			return b.rel <= 0
		case ">":
			return b.rel > 0
		}
		return b.rel >= 0 // ">="
	}
	for k, b := range bounds {
		lower := b.op == ">" || b.op == ">="
		switch {
		case !lower && k == 0 && sat(b):
			return true, nil
		case lower && sat(b):
			if k == len(bounds)-1 {
				return true, nil
			}
			if n := bounds[k+1]; (n.op == "<" || n.op == "<=") && sat(n) {
				return true, nil
			}
		}
	}
	return false, nil
}
