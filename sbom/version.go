package sbom

import (
	"strings"

	"github.com/google/osv-scalibr/semantic"
	"github.com/package-url/packageurl-go"
)

// compareVersions orders two versions of the same package. When the
// package has a purl whose ecosystem has a known version order (EcosystemOf,
// osv-scalibr/semantic), that order is used; otherwise a generic order
// compares runs of digits as numbers and other runs as text, ignoring a
// leading "v". It returns the comparison and the name of the order used.
func compareVersions(purl, a, b string) (int, string) {
	if purl != "" {
		if p, err := packageurl.FromString(purl); err == nil {
			if eco, _, ok := EcosystemOf(p); ok {
				if va, err := semantic.Parse(a, eco); err == nil {
					if c, err := va.CompareStr(b); err == nil {
						return c, eco
					}
				}
			}
		}
	}
	return genericCompare(a, b), "generic"
}

// genericCompare compares dotted versions run by run: digits numerically,
// anything else as text; a version that is a prefix of the other is older
// ("1.2" < "1.2.1").
func genericCompare(a, b string) int {
	a, b = strings.TrimPrefix(a, "v"), strings.TrimPrefix(b, "v")
	for a != "" && b != "" {
		ra, rest1 := nextRun(a)
		rb, rest2 := nextRun(b)
		if c := compareRun(ra, rb); c != 0 {
			return c
		}
		a, b = rest1, rest2
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// nextRun returns the leading run of digits or of non-digits (separators
// '.', '-', '_', '+' dropped).
func nextRun(s string) (run, rest string) {
	s = strings.TrimLeft(s, ".-_+")
	if s == "" {
		return "", ""
	}
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d && !strings.ContainsRune(".-_+", rune(s[i])) {
		i++
	}
	return s[:i], s[i:]
}

func compareRun(a, b string) int {
	da, db := a != "" && isDigit(a[0]), b != "" && isDigit(b[0])
	switch {
	case da && db:
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	case da:
		return 1 // a number sorts after text ("1.0.1" > "1.0.rc1")
	case db:
		return -1
	}
	return strings.Compare(a, b)
}

// parsePURLCanonical returns the canonical text of a package URL.
func parsePURLCanonical(s string) (string, error) {
	p, err := packageurl.FromString(s)
	if err != nil {
		return "", err
	}
	return p.ToString(), nil
}
