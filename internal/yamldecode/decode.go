// Package yamldecode decodes YAML (and JSON, which it reads as YAML) record
// files into Go values through their json struct tags, so that one set of
// tags serves both formats. Unlike encoding/json it reports every problem at
// once, each with the file, line, column and field path it concerns, and it
// fills each record's source position (any field of type trace.Position)
// from the node the record was read from; such fields are never read from
// the file.
package yamldecode

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/medtrace/medtrace/internal/textpos"
	"github.com/medtrace/medtrace/trace"
)

// Options limits decoding. The zero value applies the defaults.
type Options struct {
	// MaxBytes bounds the input; 0 means 64 MiB.
	MaxBytes int
	// MaxDepth bounds nesting; 0 means 64.
	MaxDepth int
	// MaxNodes bounds the nodes visited, aliases expanded; 0 means 4 million.
	MaxNodes int
	// AllowUnknownFields accepts mapping keys that match no field. By
	// default they are errors, so that a misspelt link field is not lost.
	AllowUnknownFields bool
}

// ErrTooLarge is returned when an input exceeds a limit.
var ErrTooLarge = errors.New("input exceeds a decoding limit")

var (
	posType  = reflect.TypeFor[trace.Position]()
	timeType = reflect.TypeFor[time.Time]()
	jsonUnm  = reflect.TypeFor[json.Unmarshaler]()
	textUnm  = reflect.TypeFor[encoding.TextUnmarshaler]()
)

type decoder struct {
	name    string
	opts    Options
	nodes   int
	errs    []error
	structs map[reflect.Type]*structInfo
}

// Decode decodes data into v, a non-nil pointer. name names the input in
// errors. Every problem is returned at once, joined; each is a
// *textpos.Error carrying the line and column.
func Decode(name string, data []byte, v any, opts Options) error {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 64 << 20
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 64
	}
	if opts.MaxNodes <= 0 {
		opts.MaxNodes = 4 << 20
	}
	if len(data) > opts.MaxBytes {
		return &textpos.Error{Name: name, Err: fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), opts.MaxBytes)}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("yamldecode: Decode needs a non-nil pointer, got %T", v)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return syntaxError(name, err)
	}
	if doc.Kind == 0 {
		return &textpos.Error{Name: name, Err: errors.New("empty document")}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	d := &decoder{name: name, opts: opts, structs: map[reflect.Type]*structInfo{}}
	d.decode(root, rv.Elem(), "", 0)
	return errors.Join(d.errs...)
}

// syntaxError turns yaml's "yaml: line N: msg" into a positioned error.
func syntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &textpos.Error{Name: name, Err: errors.New(msg)}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if line, perr := strconv.Atoi(n); perr == nil {
				e.Line, e.Column, e.Err = line, 1, errors.New(strings.TrimSpace(tail))
			}
		}
	}
	return e
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	d.errs = append(d.errs, &textpos.Error{Name: d.name, Line: n.Line, Column: n.Column, Err: errors.New(msg)})
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, depth int) {
	d.nodes++
	if d.nodes > d.opts.MaxNodes {
		if d.nodes == d.opts.MaxNodes+1 {
			d.errorf(n, path, "%v: more than %d nodes (aliases expanded)", ErrTooLarge, d.opts.MaxNodes)
		}
		return
	}
	if depth > d.opts.MaxDepth {
		d.errorf(n, path, "%v: nested deeper than %d", ErrTooLarge, d.opts.MaxDepth)
		return
	}
	if n.Kind == yaml.AliasNode {
		d.decode(n.Alias, v, path, depth+1)
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		v.SetZero()
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path, depth)
		return
	}
	if d.custom(n, v, path, depth) {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path, depth)
	case reflect.Map:
		d.decodeMap(n, v, path, depth)
	case reflect.Slice:
		d.decodeSlice(n, v, path, depth)
	case reflect.Interface:
		if v.NumMethod() != 0 {
			d.errorf(n, path, "cannot decode into %s", v.Type())
			return
		}
		if x := d.generic(n, path, depth); x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.decodeScalar(n, v, path)
	}
}

// custom handles time.Time and types with their own text or JSON decoding.
func (d *decoder) custom(n *yaml.Node, v reflect.Value, path string, depth int) bool {
	if v.Type() == timeType {
		if !d.wantScalar(n, path, "a date or date-time") {
			return true
		}
		for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
			if t, err := time.Parse(layout, n.Value); err == nil {
				v.Set(reflect.ValueOf(t))
				return true
			}
		}
		d.errorf(n, path, "%q is not a date (YYYY-MM-DD) or an RFC 3339 date-time", n.Value)
		return true
	}
	if !v.CanAddr() {
		return false
	}
	pt := v.Addr().Type()
	switch {
	case pt.Implements(jsonUnm):
		data, err := d.nodeJSON(n, path, depth)
		if err == nil {
			err = v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(data)
		}
		if err != nil {
			d.errorf(n, path, "%v", err)
		}
		return true
	case pt.Implements(textUnm) && n.Kind == yaml.ScalarNode:
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.errorf(n, path, "%v", err)
		}
		return true
	}
	return false
}

func (d *decoder) wantScalar(n *yaml.Node, path, what string) bool {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "want %s, got %s", what, kindName(n))
		return false
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		if d.wantScalar(n, path, "a string") {
			v.SetString(n.Value)
		}
	case reflect.Bool:
		if !d.wantScalar(n, path, "true or false") {
			return
		}
		b, err := strconv.ParseBool(n.Value)
		if err != nil || n.ShortTag() != "!!bool" {
			d.errorf(n, path, "want true or false, got %q", n.Value)
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !d.wantScalar(n, path, "an integer") {
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, v.Type().Bits())
		if err != nil {
			d.errorf(n, path, "want an integer, got %q", n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !d.wantScalar(n, path, "a non-negative integer") {
			return
		}
		u, err := strconv.ParseUint(n.Value, 0, v.Type().Bits())
		if err != nil {
			d.errorf(n, path, "want a non-negative integer, got %q", n.Value)
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		if !d.wantScalar(n, path, "a number") {
			return
		}
		f, err := strconv.ParseFloat(n.Value, v.Type().Bits())
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(n, path, "want a finite number, got %q", n.Value)
			return
		}
		v.SetFloat(f)
	default:
		d.errorf(n, path, "cannot decode into %s", v.Type())
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string, depth int) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "want a list, got %s", kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1)
	}
	v.Set(s)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string, depth int) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "want a mapping, got %s", kindName(n))
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		d.errorf(n, path, "cannot decode into %s", v.Type())
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.errorf(k, path, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		ev := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, ev, joinPath(path, k.Value), depth+1)
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
	}
	v.Set(m)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// generic decodes a node into map[string]any, []any, string, int64,
// float64 or bool, counting nodes and depth like typed decoding does.
func (d *decoder) generic(n *yaml.Node, path string, depth int) any {
	d.nodes++
	if d.nodes > d.opts.MaxNodes {
		if d.nodes == d.opts.MaxNodes+1 {
			d.errorf(n, path, "%v: more than %d nodes (aliases expanded)", ErrTooLarge, d.opts.MaxNodes)
		}
		return nil
	}
	if depth > d.opts.MaxDepth {
		d.errorf(n, path, "%v: nested deeper than %d", ErrTooLarge, d.opts.MaxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.generic(n.Alias, path, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			m[k] = d.generic(n.Content[i+1], joinPath(path, k), depth+1)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = d.generic(c, fmt.Sprintf("%s[%d]", path, i), depth+1)
		}
		return s
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int":
			if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
				return i
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return f
			}
		case "!!bool":
			if b, err := strconv.ParseBool(n.Value); err == nil {
				return b
			}
		case "!!null":
			return nil
		}
		return n.Value
	}
	return nil
}
