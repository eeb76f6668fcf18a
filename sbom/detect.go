package sbom

import (
	"bytes"
	"context"
	"io"
)

// Decode reads a CycloneDX (JSON or XML) or SPDX JSON document, telling
// them apart by content: XML starts with '<'; a JSON document with an
// "spdxVersion" member and no "bomFormat" member is SPDX.
func Decode(ctx context.Context, r io.Reader, opts DecodeOptions) (*SBOM, error) {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
	switch {
	case len(trimmed) > 0 && trimmed[0] == '<':
		return DecodeCycloneDXXML(ctx, bytes.NewReader(data), opts)
	case bytes.Contains(data, []byte(`"spdxVersion"`)) && !bytes.Contains(data, []byte(`"bomFormat"`)):
		return DecodeSPDXJSON(ctx, bytes.NewReader(data), opts)
	}
	return DecodeCycloneDXJSON(ctx, bytes.NewReader(data), opts)
}
