package sbom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/medtrace/medtrace/internal/nesting"
	"github.com/medtrace/medtrace/internal/textpos"
	"io"
)

// Default limits of the decoders.
const (
	// DefaultMaxBytes is the largest document read when
	// DecodeOptions.MaxBytes is zero (256 MiB).
	DefaultMaxBytes = 256 << 20
	// DefaultMaxDepth is the deepest nesting of objects and arrays (JSON)
	// or elements (XML) accepted when DecodeOptions.MaxDepth is zero.
	DefaultMaxDepth = 64
)

// DecodeOptions tunes a decoder. The zero value applies the defaults.
type DecodeOptions struct {
	// Name names the document in errors and origins (a file name, say).
	// When empty, the document's serial number or namespace is used in
	// origins and errors name no file.
	Name string
	// MaxBytes is the largest document accepted; zero means
	// DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth is the deepest nesting accepted; zero means DefaultMaxDepth.
	MaxDepth int
}

func (o DecodeOptions) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o DecodeOptions) maxDepth() int {
	if o.MaxDepth > 0 {
		return o.MaxDepth
	}
	return DefaultMaxDepth
}

// Sentinel errors of the decoders; test with errors.Is.
var (
	// ErrTooLarge: the document is larger than DecodeOptions.MaxBytes.
	ErrTooLarge = errors.New("sbom: document exceeds the size limit")
	// ErrTooDeep: the document nests deeper than DecodeOptions.MaxDepth.
	ErrTooDeep = errors.New("sbom: document nests deeper than the depth limit")
	// ErrSyntax: the document is not well-formed JSON or XML, or a value has
	// the wrong type.
	ErrSyntax = errors.New("sbom: malformed document")
	// ErrUnsupportedSpecVersion: the document declares a format version this
	// package does not read. The version is never guessed.
	ErrUnsupportedSpecVersion = errors.New("sbom: unsupported spec version")
	// ErrWrongFormat: the document is not of the format the decoder reads.
	ErrWrongFormat = errors.New("sbom: document is not of the expected format")
)

// DecodeError is a decoding problem at a place in the document.
type DecodeError struct {
	// Name is DecodeOptions.Name.
	Name string
	// Line and Column are 1-based; zero when unknown.
	Line, Column int
	// Offset is the byte offset; -1 when unknown.
	Offset int64
	// Path is the field path, such as "components[3].version", when known.
	Path string
	// Detail says what is wrong.
	Detail string
	// Err is one of the sentinel errors.
	Err error
}

// Error formats the error as "name:line:column: path: detail".
func (e *DecodeError) Error() string {
	var b bytes.Buffer
	b.WriteString(e.Name)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Detail)
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *DecodeError) Unwrap() error { return e.Err }

// readLimited reads all of r, failing with ErrTooLarge past max bytes.
func readLimited(ctx context.Context, r io.Reader, name string, max int64) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, &DecodeError{Name: name, Offset: -1, Detail: "no reader", Err: ErrSyntax}
	}
	var data []byte
	var err error
	if l, ok := r.(interface{ Len() int }); ok && int64(l.Len()) <= max {
		// Readers that know their length (bytes.Reader, strings.Reader)
		// are read into a buffer of the right size in one go.
		data = make([]byte, l.Len())
		_, err = io.ReadFull(r, data)
	} else {
		data, err = io.ReadAll(io.LimitReader(r, max+1))
	}
	if err != nil {
		return nil, fmt.Errorf("sbom: reading %s: %w", nameOr(name, "document"), err)
	}
	if int64(len(data)) > max {
		return nil, &DecodeError{Name: name, Offset: max, Detail: fmt.Sprintf("document is larger than %d bytes", max), Err: ErrTooLarge}
	}
	return data, ctx.Err()
}

func nameOr(name, def string) string {
	if name != "" {
		return name
	}
	return def
}

func errorAt(data []byte, name string, offset int64, sentinel error, detail string) *DecodeError {
	line, col := textpos.LineCol(data, offset)
	return &DecodeError{Name: name, Line: line, Column: col, Offset: offset, Detail: detail, Err: sentinel}
}

// checkJSONDepth fails at the first object or array nested deeper than
// max (see nesting.JSON).
func checkJSONDepth(data []byte, name string, max int) error {
	if off, ok := nesting.JSON(data, max); !ok {
		return errorAt(data, name, off, ErrTooDeep, fmt.Sprintf("nesting deeper than %d levels", max))
	}
	return nil
}
