package sbom

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/medtrace/medtrace/internal/nesting"
	"github.com/medtrace/medtrace/internal/textpos"
	"io"
	"strings"
	"time"
)

// VEXStatus is the status of a vulnerability in a product: the OpenVEX
// vocabulary, which is also the common model medtrace maps CycloneDX
// analysis states into (reference §8).
type VEXStatus string

const (
	// VEXNotAffected: the product is not affected; a justification or an
	// impact statement must say why (OpenVEX 0.2 status rules).
	VEXNotAffected VEXStatus = "not_affected"
	// VEXAffected: the product is affected; an action statement must say
	// what users should do (also a CISA VEX minimum element).
	VEXAffected VEXStatus = "affected"
	// VEXFixed: the product version contains a fix.
	VEXFixed VEXStatus = "fixed"
	// VEXUnderInvestigation: the maker does not know yet.
	VEXUnderInvestigation VEXStatus = "under_investigation"
)

// Valid reports whether s is one of the four statuses.
func (s VEXStatus) Valid() bool {
	return s == VEXNotAffected || s == VEXAffected || s == VEXFixed || s == VEXUnderInvestigation
}

// VEXJustification says why a product is not affected (OpenVEX labels).
type VEXJustification string

const (
	// JustComponentNotPresent: the vulnerable component is not in the product.
	JustComponentNotPresent VEXJustification = "component_not_present"
	// JustVulnerableCodeNotPresent: the component is present but the
	// vulnerable code is not (removed, not compiled in).
	JustVulnerableCodeNotPresent VEXJustification = "vulnerable_code_not_present"
	// JustVulnerableCodeNotInExecutePath: the vulnerable code is present but
	// cannot be executed.
	JustVulnerableCodeNotInExecutePath VEXJustification = "vulnerable_code_not_in_execute_path"
	// JustVulnerableCodeCannotBeControlledByAdversary: the vulnerable code
	// runs but an attacker cannot reach or control it.
	JustVulnerableCodeCannotBeControlledByAdversary VEXJustification = "vulnerable_code_cannot_be_controlled_by_adversary"
	// JustInlineMitigationsAlreadyExist: built-in protections prevent
	// exploitation.
	JustInlineMitigationsAlreadyExist VEXJustification = "inline_mitigations_already_exist"
)

// Valid reports whether j is one of the five OpenVEX justifications.
func (j VEXJustification) Valid() bool {
	switch j {
	case JustComponentNotPresent, JustVulnerableCodeNotPresent, JustVulnerableCodeNotInExecutePath,
		JustVulnerableCodeCannotBeControlledByAdversary, JustInlineMitigationsAlreadyExist:
		return true
	}
	return false
}

// VEXFormat is the format a VEX document was read from.
type VEXFormat string

const (
	// VEXFormatOpenVEX is an OpenVEX JSON-LD document.
	VEXFormatOpenVEX VEXFormat = "OpenVEX"
	// VEXFormatCycloneDX is a CycloneDX BOM carrying vulnerabilities[] with
	// analysis (a CycloneDX VEX).
	VEXFormatCycloneDX VEXFormat = "CycloneDX"
)

// Valid reports whether f is a known VEX format.
func (f VEXFormat) Valid() bool { return f == VEXFormatOpenVEX || f == VEXFormatCycloneDX }

// VEXVersion restricts a product to some versions (CycloneDX
// affects[].versions[]): one exact version or a purl-spec "vers:" range.
type VEXVersion struct {
	// Version is an exact version, or "".
	Version string `json:"version,omitempty"`
	// Range is a "vers:" range, or "".
	Range string `json:"range,omitempty"`
	// Status overrides the statement's status for these versions
	// (CycloneDX affected → affected, unaffected → not_affected, unknown →
	// under_investigation); "" keeps the statement's.
	Status VEXStatus `json:"status,omitempty"`
}

// VEXProduct names what a statement is about: a product or component by
// document reference (CycloneDX bom-ref or BOM-Link, OpenVEX @id) and/or
// package URL.
type VEXProduct struct {
	// ID is the bom-ref, BOM-Link ("urn:cdx:serial/version#ref") or IRI.
	ID string `json:"id,omitempty"`
	// PURL identifies the product by package URL; without a version it
	// means every version.
	PURL string `json:"purl,omitempty"`
	// Versions restricts the statement to these versions; empty means all.
	Versions []VEXVersion `json:"versions,omitempty"`
	// Subcomponents are components of the product the statement is about
	// (OpenVEX products[].subcomponents).
	Subcomponents []VEXProduct `json:"subcomponents,omitempty"`
}

// VEXStatement is one statement of the common VEX model: the status of one
// vulnerability in some products.
type VEXStatement struct {
	// Vulnerability is the vulnerability ID (CVE, GHSA, ...). Required.
	Vulnerability string `json:"vulnerability"`
	// Aliases are other IDs of the vulnerability.
	Aliases []string `json:"aliases,omitempty"`
	// Products the statement applies to. Required, at least one.
	Products []VEXProduct `json:"products"`
	// Status of the vulnerability in the products. Required.
	Status VEXStatus `json:"status"`
	// Justification for not_affected.
	Justification VEXJustification `json:"justification,omitempty"`
	// ImpactStatement explains not_affected in words.
	ImpactStatement string `json:"impactStatement,omitempty"`
	// ActionStatement says what to do about an affected product.
	ActionStatement string `json:"actionStatement,omitempty"`
	// StatusNotes add detail to any status.
	StatusNotes string `json:"statusNotes,omitempty"`
	// Timestamp is when the statement was made; the latest statement per
	// product and vulnerability wins.
	Timestamp time.Time `json:"timestamp,omitzero"`
	// CDXState, CDXJustification and CDXResponses keep the CycloneDX
	// values a statement was read from, so writing CycloneDX again loses
	// nothing.
	CDXState         string   `json:"cdxState,omitempty"`
	CDXJustification string   `json:"cdxJustification,omitempty"`
	CDXResponses     []string `json:"cdxResponses,omitempty"`
	// Path is where the statement was read, such as "statements[3]" or
	// "vulnerabilities[2]"; empty for statements made in code.
	Path string `json:"-"`
}

// VEXDocument is a VEX document in the common model.
type VEXDocument struct {
	// Format the document was read from.
	Format VEXFormat `json:"format"`
	// ID is the OpenVEX @id or the CycloneDX serial number.
	ID string `json:"id,omitempty"`
	// Author is the OpenVEX author or the CycloneDX metadata author.
	Author string `json:"author,omitempty"`
	// Timestamp is when the document was issued.
	Timestamp time.Time `json:"timestamp,omitzero"`
	// Version is the document's revision.
	Version int `json:"version,omitempty"`
	// Statements in document order.
	Statements []VEXStatement `json:"statements"`
}

// VEXLoss records information lost (or guessed) when mapping a statement
// between the CycloneDX and OpenVEX vocabularies.
type VEXLoss struct {
	// Path is the statement's path in the source document.
	Path string `json:"path"`
	// Field is the field concerned.
	Field string `json:"field"`
	// Detail says what was lost or how it was mapped.
	Detail string `json:"detail"`
}

// String formats the loss as "path.field: detail".
func (l VEXLoss) String() string { return l.Path + "." + l.Field + ": " + l.Detail }

// Sentinel errors of VEX reading; test with errors.Is.
var (
	// ErrVEXSyntax: the document is not well-formed JSON or has a value of
	// the wrong type.
	ErrVEXSyntax = errors.New("malformed VEX document")
	// ErrVEXInvalid: a statement breaks the VEX rules.
	ErrVEXInvalid = errors.New("invalid VEX statement")
	// ErrVEXTooLarge: the document exceeds the size or depth limit.
	ErrVEXTooLarge = errors.New("VEX document exceeds a limit")
)

// VEXError is one problem in a VEX document, located by JSON position or
// by field path (such as "statements[3].justification").
type VEXError struct {
	// Document names the document (VEXOptions.Name), if given.
	Document string
	// Line and Column locate a JSON error (1-based), else zero.
	Line, Column int
	// Path is the field path, such as "statements[3].justification".
	Path string
	// Err wraps one of the ErrVEX sentinels.
	Err error
}

// Error formats the problem with its place first.
func (e *VEXError) Error() string {
	s := e.Document
	if s == "" {
		s = "vex"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(":%d:%d", e.Line, e.Column)
	}
	if e.Path != "" {
		s += ": " + e.Path
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *VEXError) Unwrap() error { return e.Err }

// Validate checks every statement against the VEX status rules (OpenVEX
// 0.2; CISA VEX minimum requirements) and returns every violation, joined,
// each naming the statement and field: a vulnerability and at least one
// identified product are required; status must be known; not_affected
// needs a justification or an impact statement; affected needs an action
// statement; a justification or impact statement is only allowed with
// not_affected, an action statement only with affected.
func (d *VEXDocument) Validate() error {
	var errs []error
	for i := range d.Statements {
		errs = append(errs, d.Statements[i].validate(i)...)
	}
	return errors.Join(errs...)
}

func (s *VEXStatement) validate(i int) []error {
	path := s.Path
	if path == "" {
		path = fmt.Sprintf("statements[%d]", i)
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &VEXError{Path: path + "." + field, Err: fmt.Errorf("%w: %s", ErrVEXInvalid, fmt.Sprintf(format, args...))})
	}
	if s.Vulnerability == "" {
		bad("vulnerability", "required")
	}
	if len(s.Products) == 0 {
		bad("products", "at least one product is required")
	}
	for j, p := range s.Products {
		if p.ID == "" && p.PURL == "" {
			bad(fmt.Sprintf("products[%d]", j), "a product needs an ID or a package URL")
		}
	}
	switch {
	case !s.Status.Valid():
		bad("status", "must be not_affected, affected, fixed or under_investigation, got %q", osvClip(string(s.Status)))
	case s.Status == VEXNotAffected && s.Justification == "" && s.ImpactStatement == "":
		bad("justification", "not_affected needs a justification or an impact statement")
	case s.Status == VEXAffected && s.ActionStatement == "":
		bad("action_statement", "affected needs an action statement")
	}
	if s.Justification != "" && !s.Justification.Valid() {
		bad("justification", "unknown justification %q", osvClip(string(s.Justification)))
	}
	if s.Status.Valid() && s.Status != VEXNotAffected {
		if s.Justification != "" {
			bad("justification", "only allowed with not_affected, status is %s", s.Status)
		}
		if s.ImpactStatement != "" {
			bad("impact_statement", "only allowed with not_affected, status is %s", s.Status)
		}
	}
	if s.Status.Valid() && s.Status != VEXAffected && s.ActionStatement != "" {
		bad("action_statement", "only allowed with affected, status is %s", s.Status)
	}
	return errs
}

// vexNamed sets the document name on every *VEXError in err (joined errors
// included) and returns err.
func vexNamed(err error, name string) error {
	if err == nil || name == "" {
		return err
	}
	var walk func(error)
	walk = func(e error) {
		if ve, ok := e.(*VEXError); ok {
			ve.Document = name
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return err
}

// Default limits of VEX decoding.
const (
	DefaultVEXMaxSize  = 32 << 20
	DefaultVEXMaxDepth = 64
)

// VEXOptions controls VEX decoding. The zero value uses the defaults.
type VEXOptions struct {
	// Name names the document in errors (a file name, say); "" for none.
	Name string
	// MaxSize bounds the document in bytes; 0 means DefaultVEXMaxSize.
	MaxSize int64
	// MaxDepth bounds JSON nesting; 0 means DefaultVEXMaxDepth.
	MaxDepth int
}

// vexRead reads a JSON document within the limits and checks its depth.
func vexRead(r io.Reader, opts VEXOptions) ([]byte, error) {
	limit := osvLimit(opts.MaxSize, DefaultVEXMaxSize)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &VEXError{Err: fmt.Errorf("%w: read: %v", ErrVEXSyntax, err)}
	}
	if int64(len(data)) > limit {
		return nil, &VEXError{Err: fmt.Errorf("%w: larger than %d bytes", ErrVEXTooLarge, limit)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark some editors write
	depth := osvLimit(opts.MaxDepth, DefaultVEXMaxDepth)
	if vexIsXML(data) {
		if off, ok := nesting.XML(data, depth); !ok {
			line, col := textpos.LineCol(data, off)
			return nil, &VEXError{Line: line, Column: col, Err: fmt.Errorf("%w: nests deeper than %d", ErrVEXTooLarge, depth)}
		}
		return data, nil
	}
	if off, ok := nesting.JSON(data, depth); !ok {
		line, col := textpos.LineCol(data, off)
		return nil, &VEXError{Line: line, Column: col, Err: fmt.Errorf("%w: nests deeper than %d", ErrVEXTooLarge, depth)}
	}
	return data, nil
}

// vexJSONError turns an encoding/json error into a *VEXError with position.
func vexJSONError(data []byte, err error) error {
	var ae *AdvisoryError
	if e, ok := osvJSONError(data, "", err).(*AdvisoryError); ok {
		ae = e
	}
	msg := strings.TrimPrefix(ae.Err.Error(), ErrOSVSyntax.Error()+": ")
	return &VEXError{Line: ae.Line, Column: ae.Column, Path: ae.Field, Err: fmt.Errorf("%w: %s", ErrVEXSyntax, msg)}
}
