// Package textpos turns byte offsets into 1-based line and column numbers, so
// that decoders can name the place in a file where input went wrong.
package textpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// LineCol returns the 1-based line and column of byte offset off in data.
// Columns count characters (runes), not bytes. An offset past the end is
// clamped to the end.
func LineCol(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	prefix := data[:off]
	line = 1 + bytes.Count(prefix, []byte{'\n'})
	start := bytes.LastIndexByte(prefix, '\n') + 1
	col = 1 + utf8.RuneCount(prefix[start:])
	return line, col
}

// Error is a decoding error at a place in a named input.
type Error struct {
	// Name is the input's name (a file path or a description); may be empty.
	Name string
	// Line and Column are 1-based; zero when unknown.
	Line, Column int
	// Err is the underlying error.
	Err error
}

// Error formats the error as name:line:column: message.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Name != "":
		return fmt.Sprintf("%s:%d:%d: %v", e.Name, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
	case e.Name != "":
		return fmt.Sprintf("%s: %v", e.Name, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// JSONError wraps an error from encoding/json with the line and column it
// happened at, when the error carries an offset (syntax and type errors).
// Other errors are wrapped with the name only.
func JSONError(name string, data []byte, err error) error {
	if err == nil {
		return nil
	}
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
		if typ.Field != "" {
			err = fmt.Errorf("field %s: cannot use JSON %s as %s", typ.Field, typ.Value, typ.Type)
		}
	}
	e := &Error{Name: name, Err: err}
	if off >= 0 {
		e.Line, e.Column = LineCol(data, off)
	}
	return e
}
