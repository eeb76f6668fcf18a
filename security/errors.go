package security

import (
	"errors"
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Sentinel errors; every FieldError wraps one of them. Test with errors.Is.
var (
	// ErrMissing: a required field is empty.
	ErrMissing = errors.New("required field missing")
	// ErrInvalid: a field holds a value outside its domain.
	ErrInvalid = errors.New("invalid value")
	// ErrDuplicateID: two records share an ID.
	ErrDuplicateID = errors.New("duplicate ID")
	// ErrUnknownRef: a record names a record of this file that does not exist.
	ErrUnknownRef = errors.New("reference to an unknown record")
	// ErrUnknownElementType: an element's type is in no catalogue.
	ErrUnknownElementType = errors.New("unknown element type")
	// ErrBadCVSS: a CVSS vector is malformed.
	ErrBadCVSS = errors.New("malformed CVSS vector")
	// ErrTooLarge: input exceeds a size, count or depth limit.
	ErrTooLarge = errors.New("input exceeds a limit")
	// ErrSyntax: input is not well-formed JSON of the expected shape.
	ErrSyntax = errors.New("malformed input")
)

// FieldError is one problem with one field of one record.
type FieldError struct {
	// Path is the field path, such as "elements[3].type".
	Path string
	// ID is the record's ID, if it has one.
	ID trace.ID
	// Pos is where the record was read from, if known.
	Pos trace.Position
	// Err is the sentinel error.
	Err error
	// Detail says what is wrong, for a person.
	Detail string
}

// Error formats the problem as "pos: path (id "X"): detail".
func (e *FieldError) Error() string {
	var b strings.Builder
	if p := e.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(e.Path)
	if e.ID != "" {
		fmt.Fprintf(&b, " (id %q)", e.ID)
	}
	b.WriteString(": ")
	b.WriteString(e.Detail)
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

// ValidationError holds every problem found in a record set, in order.
type ValidationError struct {
	// Problems are the problems, in the order found.
	Problems []*FieldError
}

// Error lists every problem, one a line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "security: %d problem(s)", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n\t")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns each problem, so errors.Is and errors.As see them all.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// problems collects FieldErrors.
type problems struct {
	list []*FieldError
}

func (p *problems) add(path string, id trace.ID, pos trace.Position, err error, format string, args ...any) {
	p.list = append(p.list, &FieldError{Path: path, ID: id, Pos: pos, Err: err, Detail: fmt.Sprintf(format, args...)})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: p.list}
}

// traceProblems turns a ValidationError into trace problems for Builder.Report.
func traceProblems(err error) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	be := &trace.BuildError{}
	for _, p := range ve.Problems {
		be.Problems = append(be.Problems, trace.Problem{Err: p, Item: p.ID, Pos: p.Pos,
			Detail: strings.TrimPrefix(p.Error(), p.Pos.String()+": ")})
	}
	return be
}
