package risk

import (
	"errors"
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Sentinel errors for problems in a risk file; test with errors.Is on a
// FieldError or on the ValidationError that holds it.
var (
	// ErrRequired: a required field is empty.
	ErrRequired = errors.New("required field is empty")
	// ErrInvalidValue: a field holds a value outside its enumeration or
	// form (an unknown option, a malformed date or ID).
	ErrInvalidValue = errors.New("invalid value")
	// ErrUnknownLevel: a field names a level its scale does not have.
	ErrUnknownLevel = errors.New("unknown scale level")
	// ErrOutOfRange: a probability or bound lies outside [0, 1] or outside
	// every level of the scale.
	ErrOutOfRange = errors.New("probability out of range")
	// ErrBadScale: a scale's levels are missing, repeated, unordered or not
	// contiguous.
	ErrBadScale = errors.New("malformed scale")
	// ErrBadMatrix: the matrix does not cover every cell exactly once, or
	// gets milder as severity or probability rises.
	ErrBadMatrix = errors.New("malformed risk matrix")
	// ErrUnknownReference: a record refers to a risk record that does not
	// exist.
	ErrUnknownReference = errors.New("reference to an unknown record")
	// ErrDuplicateID: two records of the risk file share an ID.
	ErrDuplicateID = errors.New("duplicate record ID")
	// ErrTooLarge: the input exceeds a decoding limit.
	ErrTooLarge = errors.New("input exceeds a limit")
)

// FieldError is one problem with one field of one record.
type FieldError struct {
	// Record is the ID of the record concerned; empty when it has none.
	Record trace.ID
	// Path is the field's path in the file, such as
	// "hazards[3].situations[0].p1".
	Path string
	// Pos is where the record was read from, if known.
	Pos trace.Position
	// Err is one of the sentinel errors.
	Err error
	// Detail is a sentence a person can act on.
	Detail string

	byBuild bool // trace.Builder.Build reports the same problem
}

// Error formats the problem as "pos: path (record): detail".
func (e *FieldError) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.message()
	}
	return e.message()
}

// message is the error without its position.
func (e *FieldError) message() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Record != "" {
		fmt.Fprintf(&b, " (%s)", e.Record)
	}
	b.WriteString(": ")
	b.WriteString(e.Detail)
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

// ValidationError holds every problem Validate found, in file order.
type ValidationError struct {
	// Errors are the problems, in file order.
	Errors []*FieldError
}

// Error lists every problem, one a line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "risk: %d problem(s) in the risk file", len(e.Errors))
	for _, fe := range e.Errors {
		b.WriteString("\n\t")
		b.WriteString(fe.Error())
	}
	return b.String()
}

// Unwrap returns each problem, so errors.Is and errors.As see them all.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// problems converts a Validate result into trace problems for a Builder,
// leaving out those that Build reports itself (missing, malformed and
// duplicated IDs).
func problems(err error) error {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var ps []trace.Problem
	for _, fe := range ve.Errors {
		if !fe.byBuild {
			ps = append(ps, trace.Problem{Err: fe, Item: fe.Record, Pos: fe.Pos, Detail: fe.message()})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &trace.BuildError{Problems: ps}
}
