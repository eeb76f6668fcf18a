package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// CycloneDX spec versions this package writes and validates.
var cdxVersions = []cdx.SpecVersion{cdx.SpecVersion1_4, cdx.SpecVersion1_5, cdx.SpecVersion1_6, cdx.SpecVersion1_7}

// cdxReadVersions are the versions read: 1.2 and 1.3 too, since released
// software still ships them.
var cdxReadVersions = []cdx.SpecVersion{cdx.SpecVersion1_2, cdx.SpecVersion1_3,
	cdx.SpecVersion1_4, cdx.SpecVersion1_5, cdx.SpecVersion1_6, cdx.SpecVersion1_7}

func supportedCDX(v cdx.SpecVersion) bool { return slices.Contains(cdxVersions, v) }

func readableCDX(v cdx.SpecVersion) bool { return slices.Contains(cdxReadVersions, v) }

// cdxNamespacePrefix starts every CycloneDX XML namespace.
const cdxNamespacePrefix = "http://cyclonedx.org/schema/bom/"

// DecodeCycloneDXJSON reads a CycloneDX 1.2–1.7 JSON document. It reports a
// malformed or truncated document with its line and column, a document
// beyond the size or depth limit, a bomFormat other than "CycloneDX" and a
// spec version outside 1.2–1.7 (the version is named, never guessed).
func DecodeCycloneDXJSON(ctx context.Context, r io.Reader, opts DecodeOptions) (*SBOM, error) {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	bom, skipped, err := decodeCDXJSONBytes(data, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := fromCDX(bom, opts.Name)
	s.SkippedSections = skipped
	return s, nil
}

func decodeCDXJSONBytes(data []byte, opts DecodeOptions) (*cdx.BOM, []string, error) {
	if err := checkJSONDepth(data, opts.Name, opts.maxDepth()); err != nil {
		return nil, nil, err
	}
	bom := new(cdx.BOM)
	var skipped []string
	if err := json.Unmarshal(data, bom); err != nil {
		var ok bool
		if bom, skipped, ok = decodeWithoutSection(data, err); !ok {
			return nil, nil, jsonError(data, opts.Name, err)
		}
	}
	if bom.BOMFormat != "CycloneDX" {
		return nil, nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "bomFormat",
			Detail: fmt.Sprintf("bomFormat is %q, want \"CycloneDX\"", bom.BOMFormat), Err: ErrWrongFormat}
	}
	if !readableCDX(bom.SpecVersion) {
		return nil, nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "specVersion",
			Detail: fmt.Sprintf("CycloneDX spec version %q is not supported (reads 1.2 to 1.7)", bom.SpecVersion), Err: ErrUnsupportedSpecVersion}
	}
	return bom, skipped, nil
}

// skippableSections are top-level sections the model does not use. When
// cyclonedx-go cannot read one of them (v0.12.0 reads 1.6
// declarations.evidence[].data[].classification as an object where the
// schema has a string), the document is read without it rather than
// rejected; SBOM.SkippedSections records what was left out.
var skippableSections = []string{"declarations", "definitions", "formulation"}

func decodeWithoutSection(data []byte, err error) (*cdx.BOM, []string, bool) {
	var skipped []string
	for range skippableSections {
		var typ *json.UnmarshalTypeError
		if !errors.As(err, &typ) {
			return nil, nil, false
		}
		section, _, _ := strings.Cut(typ.Field, ".")
		if !slices.Contains(skippableSections, section) || slices.Contains(skipped, section) {
			return nil, nil, false
		}
		var doc map[string]json.RawMessage
		if json.Unmarshal(data, &doc) != nil {
			return nil, nil, false
		}
		delete(doc, section)
		skipped = append(skipped, section)
		if data, err = json.Marshal(doc); err != nil {
			return nil, nil, false
		}
		bom := new(cdx.BOM)
		if err = json.Unmarshal(data, bom); err == nil {
			return bom, skipped, true
		}
	}
	return nil, nil, false
}

// jsonError turns an encoding/json error into a DecodeError with position.
func jsonError(data []byte, name string, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return errorAt(data, name, syn.Offset, ErrSyntax, syn.Error())
	case errors.As(err, &typ):
		e := errorAt(data, name, typ.Offset, ErrSyntax, fmt.Sprintf("cannot read a JSON %s as %s", typ.Value, typ.Type))
		e.Path = typ.Field
		return e
	case errors.Is(err, cdx.ErrInvalidSpecVersion):
		var head struct {
			SpecVersion any `json:"specVersion"`
		}
		_ = json.Unmarshal(data, &head)
		return &DecodeError{Name: name, Offset: -1, Path: "specVersion",
			Detail: fmt.Sprintf("CycloneDX spec version %v is not supported (reads 1.2 to 1.7)", quoteAny(head.SpecVersion)), Err: ErrUnsupportedSpecVersion}
	}
	return &DecodeError{Name: name, Offset: -1, Detail: err.Error(), Err: ErrSyntax}
}

func quoteAny(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// DecodeCycloneDXXML reads a CycloneDX 1.2–1.7 XML document. The spec
// version is taken from the namespace of the root element; an unknown
// namespace is reported, never guessed.
func DecodeCycloneDXXML(ctx context.Context, r io.Reader, opts DecodeOptions) (*SBOM, error) {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	bom, err := decodeCDXXMLBytes(data, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return fromCDX(bom, opts.Name), nil
}

func decodeCDXXMLBytes(data []byte, opts DecodeOptions) (*cdx.BOM, error) {
	ns, err := scanXML(data, opts.Name, opts.maxDepth())
	if err != nil {
		return nil, err
	}
	v, ok := strings.CutPrefix(ns, cdxNamespacePrefix)
	if !ok {
		return nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "bom",
			Detail: fmt.Sprintf("root element namespace %q is not a CycloneDX namespace", ns), Err: ErrWrongFormat}
	}
	bom := new(cdx.BOM)
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(bom); err != nil {
		var syn *xml.SyntaxError
		if errors.As(err, &syn) {
			return nil, &DecodeError{Name: opts.Name, Line: syn.Line, Offset: -1, Detail: syn.Msg, Err: ErrSyntax}
		}
		if errors.Is(err, cdx.ErrInvalidSpecVersion) {
			err = fmt.Errorf("invalid spec version inside the document: %w", err)
		}
		return nil, &DecodeError{Name: opts.Name, Offset: -1, Detail: err.Error(), Err: ErrSyntax}
	}
	bom.SpecVersion = 0
	for _, sv := range cdxReadVersions {
		if sv.String() == v {
			bom.SpecVersion = sv
		}
	}
	if bom.SpecVersion == 0 {
		return nil, &DecodeError{Name: opts.Name, Offset: -1, Path: "bom",
			Detail: fmt.Sprintf("CycloneDX spec version %q (namespace %q) is not supported (reads 1.2 to 1.7)", v, ns), Err: ErrUnsupportedSpecVersion}
	}
	bom.BOMFormat = "CycloneDX"
	return bom, nil
}

// scanXML checks that data is well-formed XML no deeper than max and
// returns the namespace of the root element.
func scanXML(data []byte, name string, max int) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	root := ""
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			if root == "" {
				return "", errorAt(data, name, off, ErrSyntax, "no root element")
			}
			return root, nil
		}
		if err != nil {
			line, col := d.InputPos()
			return "", &DecodeError{Name: name, Line: line, Column: col, Offset: d.InputOffset(), Detail: err.Error(), Err: ErrSyntax}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if root != "" {
					return "", errorAt(data, name, off, ErrSyntax, "more than one root element")
				}
				root = t.Name.Space
				if t.Name.Local != "bom" {
					return "", errorAt(data, name, off, ErrWrongFormat, fmt.Sprintf("root element is <%s>, want <bom>", t.Name.Local))
				}
			}
			depth++
			if depth > max {
				return "", errorAt(data, name, off, ErrTooDeep, fmt.Sprintf("elements nest deeper than %d levels", max))
			}
		case xml.EndElement:
			depth--
		}
	}
}
