package sbom

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xmlWrongVerdicts lists the XML conformance files that validation through
// the JSON schema still judges wrongly. The test asserts the list is exact.
var xmlWrongVerdicts []string

func TestConformance(t *testing.T) {
	v := NewValidator()
	var wrongXML []string
	for _, ver := range []string{"1.4", "1.5", "1.6"} {
		dir := filepath.Join("testdata", "cyclonedx-spec", ver)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.NotEmpty(t, entries)
		for _, e := range entries {
			name := e.Name()
			valid := strings.HasPrefix(name, "valid-")
			require.True(t, valid || strings.HasPrefix(name, "invalid-"), name)
			path := filepath.Join(dir, name)
			t.Run(ver+"/"+name, func(t *testing.T) {
				f, err := os.Open(path)
				require.NoError(t, err)
				defer f.Close()
				opts := DecodeOptions{Name: name}
				if strings.HasSuffix(name, ".json") {
					err = v.ValidateJSON(context.Background(), f, opts)
					if valid {
						assert.NoError(t, err)
					} else {
						assert.Error(t, err)
					}
					return
				}
				err = v.ValidateXML(context.Background(), f, opts)
				if (err == nil) != valid {
					wrongXML = append(wrongXML, ver+"/"+name)
					t.Logf("wrong verdict: %v", err)
				}
			})
		}
	}
	slices.Sort(wrongXML)
	assert.Equal(t, xmlWrongVerdicts, wrongXML, "XML files with a wrong verdict")
}

func TestValidatorConcurrentUse(t *testing.T) {
	v := NewValidator()
	data := readTestdata(t, "cyclonedx-spec", "1.6", "valid-bom-1.6.json")
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- v.ValidateJSON(context.Background(), bytes.NewReader(data), DecodeOptions{}) }()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
}

// CycloneDX 1.7 has no conformance files in the corpus; 1.6 documents
// relabelled 1.7 check that the embedded 1.7 schema (with its reduced
// cryptography definitions) compiles offline and accepts them, and that
// 1.7-only enumerations are still enforced.
func TestCycloneDX17(t *testing.T) {
	ctx := context.Background()
	v := NewValidator()
	for _, name := range []string{"valid-bom-1.6.json", "valid-cryptography-full-1.6.json", "valid-component-types-1.6.json"} {
		data := bytes.Replace(readTestdata(t, "cyclonedx-spec", "1.6", name), []byte(`"specVersion": "1.6"`), []byte(`"specVersion": "1.7"`), 1)
		require.Contains(t, string(data), `"1.7"`, name)
		assert.NoError(t, v.ValidateJSON(ctx, bytes.NewReader(data), DecodeOptions{Name: name}), name)
		s, err := DecodeCycloneDXJSON(ctx, bytes.NewReader(data), DecodeOptions{})
		require.NoError(t, err, name)
		assert.Equal(t, "1.7", s.SpecVersion)
	}
	bad := bytes.Replace(readTestdata(t, "cyclonedx-spec", "1.6", "invalid-component-type-1.6.json"), []byte(`"specVersion": "1.6"`), []byte(`"specVersion": "1.7"`), 1)
	assert.ErrorIs(t, v.ValidateJSON(ctx, bytes.NewReader(bad), DecodeOptions{}), ErrSchema)

	xmlDoc := bytes.Replace(readTestdata(t, "cyclonedx-spec", "1.6", "valid-bom-1.6.xml"), []byte("http://cyclonedx.org/schema/bom/1.6"), []byte("http://cyclonedx.org/schema/bom/1.7"), 1)
	assert.NoError(t, v.ValidateXML(ctx, bytes.NewReader(xmlDoc), DecodeOptions{}))
}
