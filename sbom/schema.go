package sbom

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed schema/*.json
var schemaFiles embed.FS

const schemaBase = "http://cyclonedx.org/schema/"

// ErrSchema is wrapped by *SchemaError: the document does not conform to
// the schema of its spec version (reference check SBOM-001).
var ErrSchema = errors.New("sbom: document does not conform to its CycloneDX schema")

// Violation is one schema violation.
type Violation struct {
	// Path is the JSON pointer of the offending value ("/components/0/type").
	Path string `json:"path"`
	// Message says what is wrong.
	Message string `json:"message"`
}

// SchemaError lists every violation found in a document.
type SchemaError struct {
	// Name is DecodeOptions.Name.
	Name string
	// SpecVersion is the document's CycloneDX version.
	SpecVersion string
	// Violations, ordered by path and message.
	Violations []Violation
}

// Error lists the violations, one a line.
func (e *SchemaError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: CycloneDX %s schema: %d violation(s)", nameOr(e.Name, "document"), e.SpecVersion, len(e.Violations))
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "\n\t%s: %s", nameOr(v.Path, "/"), v.Message)
	}
	return b.String()
}

// Unwrap returns ErrSchema.
func (e *SchemaError) Unwrap() error { return ErrSchema }

// Validator checks CycloneDX documents against the official JSON schemas
// embedded in the package (1.4–1.7), offline. Schemas are compiled on first
// use and kept. A Validator is safe for concurrent use; its zero value is
// ready to use.
type Validator struct {
	mu       sync.Mutex
	compiled map[cdx.SpecVersion]*jsonschema.Schema
}

// NewValidator returns a Validator.
func NewValidator() *Validator { return &Validator{} }

func (v *Validator) schema(sv cdx.SpecVersion) (*jsonschema.Schema, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.compiled[sv]; ok {
		return s, nil
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("sbom: schema %q is not embedded (no network access)", u)
	}
	entries, err := schemaFiles.ReadDir("schema")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		data, err := schemaFiles.ReadFile("schema/" + e.Name())
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(schemaBase+e.Name(), bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("sbom: embedded schema %s: %w", e.Name(), err)
		}
	}
	s, err := c.Compile(schemaBase + "bom-" + sv.String() + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("sbom: compiling the CycloneDX %s schema: %w", sv, err)
	}
	if v.compiled == nil {
		v.compiled = make(map[cdx.SpecVersion]*jsonschema.Schema)
	}
	v.compiled[sv] = s
	return s, nil
}

// ValidateJSON validates a CycloneDX JSON document against the schema of
// the spec version it declares. It returns a *DecodeError for a document it
// cannot read and a *SchemaError listing every violation.
func (v *Validator) ValidateJSON(ctx context.Context, r io.Reader, opts DecodeOptions) error {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return err
	}
	if err := checkJSONDepth(data, opts.Name, opts.maxDepth()); err != nil {
		return err
	}
	var head struct {
		SpecVersion any `json:"specVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return jsonError(data, opts.Name, err)
	}
	sv, ok := parseCDXVersion(head.SpecVersion)
	if !ok {
		return &DecodeError{Name: opts.Name, Offset: -1, Path: "specVersion",
			Detail: fmt.Sprintf("CycloneDX spec version %s is not supported (validates 1.4 to 1.7)", quoteAny(head.SpecVersion)), Err: ErrUnsupportedSpecVersion}
	}
	return v.validateBytes(ctx, data, sv, opts.Name, nil)
}

func parseCDXVersion(x any) (cdx.SpecVersion, bool) {
	s, _ := x.(string)
	for _, sv := range cdxVersions {
		if sv.String() == s {
			return sv, true
		}
	}
	return 0, false
}

// validateBytes validates JSON data; patch, if not nil, adjusts the decoded
// document first.
func (v *Validator) validateBytes(ctx context.Context, data []byte, sv cdx.SpecVersion, name string, patch func(doc any)) error {
	schema, err := v.schema(sv)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return jsonError(data, name, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if patch != nil {
		patch(doc)
	}
	err = schema.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("sbom: validating %s: %w", nameOr(name, "document"), err)
	}
	return &SchemaError{Name: name, SpecVersion: sv.String(), Violations: violations(ve)}
}

// violations flattens a validation error tree into its leaves.
func violations(ve *jsonschema.ValidationError) []Violation {
	var out []Violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, Violation{Path: e.InstanceLocation, Message: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.SortFunc(out, func(a, b Violation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message))
	})
	return slices.Compact(out)
}

// ValidateXML validates a CycloneDX XML document. XML is checked through its
// JSON equivalent: the document is decoded, encoded as JSON of the same spec
// version and validated against the JSON schema; checks that the JSON form
// cannot express (namespace, repeated single-valued elements, required
// elements that decode to empty values) are added by this package, and
// what cyclonedx-go reads wrongly from XML is repaired first (references
// written as text in declarations; an enveloped XML signature of a
// signatory stands as a JSF signature naming the XML Signature namespace).
// See the package documentation for the limits of this approach.
func (v *Validator) ValidateXML(ctx context.Context, r io.Reader, opts DecodeOptions) error {
	data, err := readLimited(ctx, r, opts.Name, opts.maxBytes())
	if err != nil {
		return err
	}
	bom, err := decodeCDXXMLBytes(data, opts)
	if err != nil {
		return err
	}
	if !supportedCDX(bom.SpecVersion) {
		return &DecodeError{Name: opts.Name, Offset: -1, Path: "bom",
			Detail: fmt.Sprintf("CycloneDX %s is not validated (validates 1.4 to 1.7)", bom.SpecVersion), Err: ErrUnsupportedSpecVersion}
	}
	xmlViolations := checkXMLStructure(data, bom.SpecVersion)
	jsonEquivalent(bom)
	signed := fixDeclarations(data, bom)
	var buf bytes.Buffer
	if err := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).Encode(bom); err != nil {
		return &DecodeError{Name: opts.Name, Offset: -1, Detail: "cannot express the document as JSON: " + err.Error(), Err: ErrSchema}
	}
	err = v.validateBytes(ctx, buf.Bytes(), bom.SpecVersion, opts.Name, func(doc any) { signSignatories(doc, signed) })
	if len(xmlViolations) == 0 {
		return err
	}
	var se *SchemaError
	if err != nil && !errors.As(err, &se) {
		return err
	}
	if se == nil {
		se = &SchemaError{Name: opts.Name, SpecVersion: bom.SpecVersion.String()}
	}
	se.Violations = append(se.Violations, xmlViolations...)
	slices.SortFunc(se.Violations, func(a, b Violation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message))
	})
	return se
}
