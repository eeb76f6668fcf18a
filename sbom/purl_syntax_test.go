package sbom

import (
	"testing"

	"github.com/package-url/packageurl-go"
	"github.com/stretchr/testify/assert"
)

func TestPURLSyntax(t *testing.T) {
	for _, ok := range []string{
		"pkg:npm/%40angular/core@16.0.0", "pkg:maven/org.apache/commons-io@2.11.0?type=jar",
		"pkg:golang/github.com/x/y@v1.2.3#sub/dir", "pkg:generic/zlib", "PKG:pypi/Django@4.2",
		"pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "pkg://npm/a@1",
	} {
		assert.Empty(t, purlSyntax(ok), ok)
		_, err := packageurl.FromString(ok)
		assert.NoError(t, err, "the library agrees: %s", ok)
	}
	for _, bad := range []string{
		"npm/a@1", "pkg:", "pkg:npm", "pkg:npm/", "pkg:1npm/a", "pkg:np m/a",
		"pkg:npm/a%zz", "pkg:npm/a?=x", "pkg:npm/a?ty pe=x", "pkg:npm/a#%",
	} {
		assert.NotEmpty(t, purlSyntax(bad), bad)
	}
}

// FuzzPURLSyntax checks that every package URL the purl library accepts is
// well formed by purlSyntax too.
func FuzzPURLSyntax(f *testing.F) {
	for _, s := range []string{"pkg:npm/%40angular/core@16.0.0", "pkg:maven/a/b@1?type=jar#x", "pkg:generic/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := packageurl.FromString(s); err == nil {
			if msg := purlSyntax(s); msg != "" {
				t.Fatalf("%q: library accepts, purlSyntax says %s", s, msg)
			}
		}
	})
}
