package security

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/medtrace/medtrace/internal/nesting"
	"github.com/medtrace/medtrace/internal/textpos"
	"github.com/medtrace/medtrace/internal/yamldecode"
	"github.com/medtrace/medtrace/trace"
)

// Default decoder limits.
const (
	// DefaultMaxBytes bounds the input of a decoder (64 MiB).
	DefaultMaxBytes = 64 << 20
	// DefaultMaxDepth bounds the nesting of JSON values.
	DefaultMaxDepth = 64
)

// DecodeOptions tunes the decoders. The zero value uses the defaults.
type DecodeOptions struct {
	// MaxBytes bounds the input; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth bounds nesting; 0 means DefaultMaxDepth.
	MaxDepth int
	// Name is the file name used in error positions.
	Name string
}

// DecodeFile reads a security file in YAML or JSON (JSON is read as YAML)
// and validates it. Unknown fields are errors, so a "probability" field on
// an assessment is rejected (FDA premarket cybersecurity guidance (2023)
// V.A.2). Every problem is reported at once in a *ValidationError; each names
// the file, line and column, the field path and the record ID. On a
// validation error the decoded file is returned too.
func DecodeFile(ctx context.Context, r io.Reader, opts DecodeOptions) (*File, error) {
	var f File
	if err := decodeDoc(ctx, r, opts, &f); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return &f, err
	}
	return &f, nil
}

// decodeDoc reads one YAML or JSON document into v within the limits,
// filling the records' positions.
func decodeDoc(ctx context.Context, r io.Reader, opts DecodeOptions, v any) error {
	data, err := readLimited(ctx, r, opts)
	if err != nil {
		return err
	}
	err = yamldecode.Decode(opts.Name, data, v, yamldecode.Options{MaxBytes: int(maxBytes(opts)), MaxDepth: maxDepth(opts)})
	if err == nil {
		return ctx.Err()
	}
	var p problems
	for _, e := range flatten(err) {
		fe := &FieldError{Path: "$", Pos: trace.Position{File: opts.Name}, Err: ErrSyntax, Detail: e.Error()}
		var te *textpos.Error
		if errors.As(e, &te) {
			fe.Pos = trace.Position{File: te.Name, Line: te.Line, Column: te.Column}
			fe.Detail = te.Err.Error()
		}
		if errors.Is(e, yamldecode.ErrTooLarge) {
			fe.Err = ErrTooLarge
		}
		p.list = append(p.list, fe)
	}
	return p.err()
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func maxBytes(opts DecodeOptions) int64 {
	if opts.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return opts.MaxBytes
}

func maxDepth(opts DecodeOptions) int {
	if opts.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return opts.MaxDepth
}

func readLimited(ctx context.Context, r io.Reader, opts DecodeOptions) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := maxBytes(opts)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading: %w", nameOr(opts.Name), err)
	}
	if int64(len(data)) > limit {
		return nil, decodeErr(opts.Name, data, limit, ErrTooLarge, fmt.Sprintf("input is larger than %d bytes", limit))
	}
	return data, ctx.Err()
}

// decodeJSON reads one JSON value into v within the limits; it serves the
// embedded data, which has no positions to keep.
func decodeJSON(ctx context.Context, r io.Reader, opts DecodeOptions, v any) error {
	data, err := readLimited(ctx, r, opts)
	if err != nil {
		return err
	}
	maxDepth := maxDepth(opts)
	if off, ok := nesting.JSON(data, maxDepth); !ok {
		return decodeErr(opts.Name, data, off, ErrTooLarge, fmt.Sprintf("JSON nests deeper than %d levels", maxDepth))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return decodeErr(opts.Name, data, se.Offset, ErrSyntax, se.Error())
		case errors.As(err, &te):
			return decodeErr(opts.Name, data, te.Offset, ErrSyntax,
				fmt.Sprintf("field %q: cannot use JSON %s as %s", te.Field, te.Value, te.Type))
		default:
			return decodeErr(opts.Name, data, dec.InputOffset(), ErrSyntax, err.Error())
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return decodeErr(opts.Name, data, dec.InputOffset(), ErrSyntax, "unexpected data after the top-level value")
	}
	return nil
}

func nameOr(n string) string {
	if n == "" {
		return "input"
	}
	return n
}

func decodeErr(name string, data []byte, off int64, sentinel error, detail string) error {
	line, col := textpos.LineCol(data, off)
	return &ValidationError{Problems: []*FieldError{{
		Path: "$", Pos: trace.Position{File: name, Line: line, Column: col}, Err: sentinel, Detail: detail,
	}}}
}
