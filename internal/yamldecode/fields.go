package yamldecode

import (
	"encoding/json"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medtrace/medtrace/trace"
)

type field struct {
	name  string
	index []int
}

type structInfo struct {
	fields map[string]field
	names  []string
	pos    []int // index path of the trace.Position field, or nil
}

// fieldsOf lists a struct's JSON fields, flattening untagged embedded
// structs as encoding/json does, and finds its position field. Results are
// cached for the duration of one Decode.
func (d *decoder) fieldsOf(t reflect.Type) *structInfo {
	if si, ok := d.structs[t]; ok {
		return si
	}
	si := &structInfo{fields: map[string]field{}}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			idx := append(append([]int(nil), prefix...), i)
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			// A position field, whatever its tag, is filled from the
			// node; it is never read from the file.
			if f.Type == posType {
				if si.pos == nil {
					si.pos = idx
				}
				continue
			}
			if name == "-" || (!f.IsExported() && !f.Anonymous) {
				continue
			}
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, idx)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, dup := si.fields[name]; !dup {
				si.fields[name] = field{name: name, index: idx}
				si.names = append(si.names, name)
			}
		}
	}
	walk(t, nil)
	d.structs[t] = si
	return si
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string, depth int) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "want a mapping, got %s", kindName(n))
		return
	}
	si := d.fieldsOf(v.Type())
	if si.pos != nil {
		if pv, ok := fieldByIndex(v, si.pos); ok {
			pv.Set(reflect.ValueOf(trace.Position{File: d.name, Line: n.Line, Column: n.Column}))
		}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "mapping keys must be plain strings")
			continue
		}
		if seen[k.Value] {
			d.errorf(k, path, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := si.fields[k.Value]
		if !ok {
			if !d.opts.AllowUnknownFields {
				d.errorf(k, joinPath(path, k.Value), "unknown field%s", suggest(k.Value, si.names))
			}
			continue
		}
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			continue
		}
		d.decode(val, fv, joinPath(path, k.Value), depth+1)
	}
}

// fieldByIndex walks an index path, allocating nil embedded pointers.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, v.CanSet()
}

// suggest names a known field that differs from key only in case or by a
// small edit, to help with typos.
func suggest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return "; did you mean " + n + "?"
		}
		if d := editDistance(key, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		return "; did you mean " + best + "?"
	}
	return ""
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// nodeJSON renders a node as JSON for types that decode themselves.
func (d *decoder) nodeJSON(n *yaml.Node, path string, depth int) ([]byte, error) {
	return json.Marshal(d.generic(n, path, depth))
}
