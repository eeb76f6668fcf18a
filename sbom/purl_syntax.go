package sbom

import (
	"fmt"
	"strings"
)

// purlSyntax checks s against the package URL grammar without allocating
// (purl specification: scheme "pkg", type, namespace segments, a required
// name, optional version, qualifiers and subpath, with percent-encoding).
// It returns "" when s is well formed, else what is wrong. It is the check
// SBOM-003 uses on every component; Component.ParsePURL parses.
func purlSyntax(s string) string {
	rest, ok := cutPrefixFold(s, "pkg:")
	if !ok {
		return "does not start with pkg:"
	}
	rest = strings.TrimLeft(rest, "/")
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		if msg := escapes(rest[i+1:]); msg != "" {
			return "subpath: " + msg
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		if msg := qualifiers(rest[i+1:]); msg != "" {
			return msg
		}
		rest = rest[:i]
	}
	typ, path, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return "has no type"
	}
	for i := 0; i < len(typ); i++ {
		c := typ[i]
		if !(isLetter(c) || c == '.' || c == '+' || c == '-' || (i > 0 && isDigit(c))) {
			return fmt.Sprintf("type %q has a character not allowed in a purl type", typ)
		}
	}
	if i := strings.LastIndexByte(path, '@'); i >= 0 {
		if msg := escapes(path[i+1:]); msg != "" {
			return "version: " + msg
		}
		path = path[:i]
	}
	path = strings.TrimRight(path, "/")
	name := path[strings.LastIndexByte(path, '/')+1:]
	if name == "" {
		return "has no name"
	}
	return escapes(path)
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isHex(c byte) bool { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// escapes checks percent-encoding.
func escapes(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return "bad percent-encoding"
		}
	}
	return ""
}

// qualifiers checks "key=value&key=value"; pairs without a value are
// tolerated, since the purl parsing rules discard them.
func qualifiers(q string) string {
	for q != "" {
		var kv string
		kv, q, _ = strings.Cut(q, "&")
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=") // a pair without a value is discarded by parsers
		if k == "" {
			return fmt.Sprintf("qualifier %q has no key", kv)
		}
		for i := 0; i < len(k); i++ {
			c := k[i]
			if !(isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_') {
				return fmt.Sprintf("qualifier key %q has a character not allowed", k)
			}
		}
		if msg := escapes(v); msg != "" {
			return "qualifier " + k + ": " + msg
		}
	}
	return ""
}
