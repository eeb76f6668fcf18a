package sbom

import (
	"strings"

	"github.com/google/osv-scalibr/semantic"
	"github.com/package-url/packageurl-go"
)

// EcosystemOf returns the OSV ecosystem and the normalised OSV package name
// a package URL denotes, or ok false if the purl type has no OSV ecosystem
// with a version order.
//
// The mapping between package URL types and OSV ecosystems:
//
//	purl type   namespace        OSV ecosystem   OSV package name
//	golang      module path      Go              namespace/name, lower-cased (module path; "v" prefix dropped from versions)
//	npm         @scope           npm             @scope/name
//	pypi        —                PyPI            name, normalised by PEP 503 (lower case, runs of -_. as -)
//	maven       group            Maven           group:artifact
//	cargo       —                crates.io       name, lower-cased, _ as -
//	gem         —                RubyGems        name
//	nuget       —                NuGet           name, case-insensitive (lower-cased)
//	composer    vendor           Packagist       vendor/name, lower-cased
//	hex         —                Hex             name, lower-cased
//	pub         —                Pub             name
//	swift       host/owner       SwiftURL        namespace/name, lower-cased (scheme and ".git" dropped)
//	cran        —                CRAN            name
//	hackage     —                Hackage         name
//	conan       —                ConanCenter     name
//	bitnami     —                Bitnami         name, lower-cased
//	deb         debian | ubuntu  Debian | Ubuntu name, lower-cased (release from the distro qualifier)
//	apk         alpine | wolfi | chainguard
//	                             Alpine | Wolfi | Chainguard   name, lower-cased
//	rpm         redhat | almalinux | rocky | opensuse | suse | mageia | openeuler
//	                             Red Hat | AlmaLinux | Rocky Linux | openSUSE | SUSE | Mageia | openEuler   name
//
// Any other purl type (generic, github, docker, oci, yocto, ...) has no OSV
// ecosystem with a version order: components of those types are reported
// as not assessed, never as clean. OSV ecosystems carrying a release suffix
// ("Debian:12", "Alpine:v3.20") are indexed under the base ecosystem; a
// component whose purl names a numeric distro release (qualifier distro,
// "debian-12", "alpine-3.20.1") matches only records of that release (or a
// prefix of it) or of no release; a release given by code name
// ("bookworm") is not filtered on.
func EcosystemOf(p packageurl.PackageURL) (ecosystem, name string, ok bool) {
	eco, ok := osvPurlEcosystem(p)
	if !ok {
		return "", "", false
	}
	return eco, osvNormalizeName(eco, osvPurlPackageName(p)), true
}

func osvPurlEcosystem(p packageurl.PackageURL) (string, bool) {
	switch p.Type {
	case "golang":
		return "Go", true
	case "npm":
		return "npm", true
	case "pypi":
		return "PyPI", true
	case "maven":
		return "Maven", true
	case "cargo":
		return "crates.io", true
	case "gem":
		return "RubyGems", true
	case "nuget":
		return "NuGet", true
	case "composer":
		return "Packagist", true
	case "hex":
		return "Hex", true
	case "pub":
		return "Pub", true
	case "swift":
		return "SwiftURL", true
	case "cran":
		return "CRAN", true
	case "hackage":
		return "Hackage", true
	case "conan":
		return "ConanCenter", true
	case "bitnami":
		return "Bitnami", true
	case "deb", "apk", "rpm":
		eco, ok := osvDistroEcosystems[p.Type+"/"+strings.ToLower(p.Namespace)]
		return eco, ok
	}
	return "", false
}

var osvDistroEcosystems = map[string]string{
	"deb/debian":     "Debian",
	"deb/ubuntu":     "Ubuntu",
	"apk/alpine":     "Alpine",
	"apk/wolfi":      "Wolfi",
	"apk/chainguard": "Chainguard",
	"rpm/redhat":     "Red Hat",
	"rpm/almalinux":  "AlmaLinux",
	"rpm/rocky":      "Rocky Linux",
	"rpm/opensuse":   "openSUSE",
	"rpm/suse":       "SUSE",
	"rpm/mageia":     "Mageia",
	"rpm/openeuler":  "openEuler",
}

// osvPurlPackageName returns the OSV package name a purl denotes.
func osvPurlPackageName(p packageurl.PackageURL) string {
	switch p.Type {
	case "maven":
		if p.Namespace != "" {
			return p.Namespace + ":" + p.Name
		}
		return p.Name
	case "golang", "npm", "composer", "swift":
		if p.Namespace != "" {
			return p.Namespace + "/" + p.Name
		}
	}
	return p.Name
}

// osvNormalizeName puts a package name into the form both sides are keyed by.
func osvNormalizeName(ecosystem, name string) string {
	switch ecosystem {
	case "PyPI":
		return osvPEP503(name)
	case "Go", "NuGet", "Packagist", "Hex", "Bitnami", "Debian", "Ubuntu", "Alpine", "Wolfi", "Chainguard":
		// Case-insensitive in the ecosystem, or lower-cased by the purl
		// specification (packageurl-go lower-cases golang, deb, apk,
		// bitnami and composer names when parsing).
		return strings.ToLower(name)
	case "crates.io":
		// crates.io treats names as equal regardless of case and of - vs _.
		return strings.ReplaceAll(strings.ToLower(name), "_", "-")
	case "SwiftURL":
		name = strings.TrimPrefix(strings.TrimPrefix(name, "https://"), "http://")
		return strings.ToLower(strings.TrimSuffix(name, ".git"))
	}
	return name
}

// osvPEP503 normalises a Python distribution name (PEP 503): lower case, and
// every run of '-', '_' and '.' becomes one '-'.
func osvPEP503(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// osvBaseEcosystem splits "Debian:12" into "Debian" and "12"; an Alpine
// release "v3.20" becomes "3.20".
func osvBaseEcosystem(eco string) (base, release string) {
	base, release, _ = strings.Cut(eco, ":")
	release, _, _ = strings.Cut(release, ":")
	return base, strings.TrimPrefix(release, "v")
}

// osvDistroRelease reads the release from a purl's distro qualifier
// ("debian-12", "alpine-3.20", "bookworm"); "" if none.
func osvDistroRelease(p packageurl.PackageURL) string {
	d := p.Qualifiers.Map()["distro"]
	if d == "" {
		return ""
	}
	if i := strings.LastIndexByte(d, '-'); i >= 0 {
		d = d[i+1:]
	}
	return strings.TrimPrefix(d, "v")
}

// osvVersionOrdered reports whether the ecosystem has a version order the
// matcher can evaluate ranges with.
func osvVersionOrdered(ecosystem string) bool {
	_, err := semantic.Parse("0", ecosystem)
	return err == nil
}

// osvReleaseCompatible reports whether an advisory for a distribution
// release (the ecosystem suffix, "12" of "Debian:12") applies to a
// component of release comp (from its purl's distro qualifier). Unknown
// releases on either side, and release names that are not numbers
// ("bookworm"), are compatible: filtering on a guess could hide a match.
// "3.16" is compatible with "3.16.2".
func osvReleaseCompatible(adv, comp string) bool {
	if adv == "" || comp == "" || !vidIsDigit(adv[0]) || !vidIsDigit(comp[0]) {
		return true
	}
	return adv == comp || strings.HasPrefix(comp, adv+".")
}
