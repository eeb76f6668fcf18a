package sbom

import (
	"bytes"
	"context"
	"testing"

	"github.com/medtrace/medtrace/trace"
)

func checkOptionsZero() trace.CheckOptions { return trace.CheckOptions{} }

// fuzzDecoder checks that a decoder never panics and that a document it
// accepts can be profile-checked and written back.
func fuzzDecoder(f *testing.F, dec func(context.Context, []byte) (*SBOM, error), seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		s, err := dec(ctx, data)
		if err != nil {
			if s != nil {
				t.Fatal("a failed decode returned an SBOM")
			}
			return
		}
		for _, p := range []Profile{NTIA(), FDA(), CISA(), BSI()} {
			if _, err := CheckProfile(ctx, Input{SBOM: s}, p, checkOptionsZero()); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		_ = EncodeCycloneDX(&buf, s, EncodeOptions{})
		_ = DiffSBOMs(s, s)
	})
}

func limits() DecodeOptions { return DecodeOptions{MaxBytes: 1 << 20, MaxDepth: 32} }

func FuzzDecodeCycloneDXJSON(f *testing.F) {
	fuzzDecoder(f, func(ctx context.Context, b []byte) (*SBOM, error) {
		return DecodeCycloneDXJSON(ctx, bytes.NewReader(b), limits())
	},
		[]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"a","version":"NOASSERTION","purl":"pkg:npm/a@1"}]}`),
		[]byte(`{"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"component":{"type":"application","name":"x","components":[{"type":"library","name":"y"}]}}}`),
		[]byte(`{"bomFormat":"CycloneDX","specVersion":"9"}`),
		[]byte(`{"a":[[[[`),
		readTestdataF(f, "sbom", "laravel-7.12.0.cdx-1.4.json"),
	)
}

func FuzzDecodeCycloneDXXML(f *testing.F) {
	fuzzDecoder(f, func(ctx context.Context, b []byte) (*SBOM, error) {
		return DecodeCycloneDXXML(ctx, bytes.NewReader(b), limits())
	},
		[]byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>a</name></component></components></bom>`),
		[]byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.9"/>`),
		[]byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><metadata>`),
		readTestdataF(f, "cyclonedx-spec", "1.6", "valid-bom-1.6.xml"),
	)
}

func FuzzDecodeSPDXJSON(f *testing.F) {
	fuzzDecoder(f, func(ctx context.Context, b []byte) (*SBOM, error) {
		return DecodeSPDXJSON(ctx, bytes.NewReader(b), limits())
	},
		readTestdataF(f, "spdx", "device-2.3.spdx.json"),
		[]byte(`{"spdxVersion":"SPDX-2.3","packages":[{"name":"a","SPDXID":"SPDXRef-a","supplier":"NOASSERTION"}]}`),
		[]byte(`{"spdxVersion":"SPDX-2.3","relationships":[{"spdxElementId":"SPDXRef-a","relationshipType":"DEPENDS_ON","relatedSpdxElement":"NONE"}]}`),
	)
}

func FuzzValidateJSON(f *testing.F) {
	v := NewValidator()
	for _, s := range [][]byte{
		readTestdataF(f, "cyclonedx-spec", "1.6", "valid-bom-1.6.json"),
		readTestdataF(f, "cyclonedx-spec", "1.4", "invalid-component-type-1.4.json"),
		[]byte(`{"specVersion":"1.5"}`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = v.ValidateJSON(context.Background(), bytes.NewReader(data), limits())
	})
}

func readTestdataF(f *testing.F, parts ...string) []byte { return readTestdata(f, parts...) }

func FuzzValidateXML(f *testing.F) {
	v := NewValidator()
	for _, s := range [][]byte{
		readTestdataF(f, "cyclonedx-spec", "1.6", "valid-bom-1.6.xml"),
		readTestdataF(f, "cyclonedx-spec", "1.5", "invalid-component-ref-1.5.xml"),
		[]byte(`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component/></components></bom>`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = v.ValidateXML(context.Background(), bytes.NewReader(data), limits())
	})
}

func FuzzDecode(f *testing.F) {
	fuzzDecoder(f, func(ctx context.Context, b []byte) (*SBOM, error) {
		return Decode(ctx, bytes.NewReader(b), limits())
	},
		[]byte(`{"spdxVersion":"SPDX-2.3"}`),
		[]byte(` <bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>`),
		[]byte(`{"bomFormat":"CycloneDX","specVersion":"1.5"}`),
	)
}
