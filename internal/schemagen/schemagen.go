// Package schemagen writes a JSON Schema (draft 2020-12) for a Go type from
// its json struct tags, so that the project file format has a published
// schema that editors use for completion and checking. Field descriptions
// and the values of typed string enums come from the packages' Go source,
// read with go/parser, when the caller supplies the source directories.
package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Docs are what the Go source says about types: field doc comments keyed
// by "pkgpath.Type.Field", type doc comments by "pkgpath.Type", and the
// values of typed string constants by "pkgpath.Type".
type Docs struct {
	Fields map[string]string
	Types  map[string]string
	Enums  map[string][]string
}

// Options tunes generation.
type Options struct {
	// ID is the schema's $id. Required.
	ID string
	// Title is the schema's title.
	Title string
	// Docs supply descriptions and enums; optional.
	Docs Docs
	// Formats maps Go types to fixed schemas (trace.Fingerprint → a
	// pattern, say); they win over reflection.
	Formats map[reflect.Type]map[string]any
	// Skip lists field types left out of the schema (source positions).
	Skip []reflect.Type
	// Fragment makes every field of the root type optional, for files
	// that each hold part of a whole (nested records keep their required
	// fields).
	Fragment bool
}

type gen struct {
	opts   Options
	defs   map[string]any
	seen   map[reflect.Type]string
	merged map[string]bool // defs reached from the root through structs and pointers only
}

// Generate returns the indented schema of root. Output is deterministic.
func Generate(root reflect.Type, opts Options) ([]byte, error) {
	if opts.ID == "" {
		return nil, fmt.Errorf("schemagen: ID is required")
	}
	g := &gen{opts: opts, defs: map[string]any{}, seen: map[reflect.Type]string{}, merged: map[string]bool{}}
	if opts.Fragment {
		g.markMerged(root)
	}
	top := g.schema(root)
	for name := range g.merged {
		if def, ok := g.defs[name].(map[string]any); ok {
			delete(def, "required")
		}
	}
	out := map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema",
		"$id":     opts.ID,
	}
	if opts.Title != "" {
		out["title"] = opts.Title
	}
	for k, v := range top {
		out[k] = v
	}
	if len(g.defs) > 0 {
		out["$defs"] = g.defs
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// markMerged records the struct types that a fragment merge combines
// field by field: the root and every struct reached from it through struct
// and pointer fields (records inside lists keep their required fields).
func (g *gen) markMerged(t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || g.merged[defName(t)] {
		return
	}
	if _, fixed := g.opts.Formats[t]; fixed {
		return
	}
	g.merged[defName(t)] = true
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() || f.Anonymous {
			g.markMerged(f.Type)
		}
	}
}

func typeKey(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

func defName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg + "." + t.Name()
}

func (g *gen) skipped(t reflect.Type) bool {
	for _, s := range g.opts.Skip {
		if s == t {
			return true
		}
	}
	return false
}

func (g *gen) schema(t reflect.Type) map[string]any {
	if s, ok := g.opts.Formats[t]; ok {
		return s
	}
	if t == reflect.TypeFor[time.Time]() {
		return map[string]any{"type": "string", "anyOf": []any{
			map[string]any{"format": "date"}, map[string]any{"format": "date-time"}}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schema(t.Elem())
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		name, ok := g.seen[t]
		if !ok {
			name = defName(t)
			g.seen[t] = name
			g.defs[name] = map[string]any{} // placeholder for recursion
			def := g.object(t)
			if d := g.opts.Docs.Types[typeKey(t)]; d != "" {
				def["description"] = d
			}
			g.defs[name] = def
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.String:
		s := map[string]any{"type": "string"}
		if vals := g.opts.Docs.Enums[typeKey(t)]; len(vals) > 0 {
			s["enum"] = vals
		}
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// object describes a struct's JSON fields, flattening untagged embedded
// structs as encoding/json does.
func (g *gen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if g.skipped(f.Type) {
				continue
			}
			tag := f.Tag.Get("json")
			name, flags, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, dup := props[name]; dup {
				continue
			}
			s := g.schema(f.Type)
			if d := g.opts.Docs.Fields[typeKey(t)+"."+f.Name]; d != "" {
				if _, isRef := s["$ref"]; isRef {
					s = map[string]any{"allOf": []any{s}, "description": d}
				} else {
					c := make(map[string]any, len(s)+1)
					for k, v := range s {
						c[k] = v
					}
					c["description"] = d
					s = c
				}
			}
			props[name] = s
			optional := strings.Contains(flags, "omitempty") || strings.Contains(flags, "omitzero") || f.Type.Kind() == reflect.Pointer
			if !optional {
				required = append(required, name)
			}
		}
	}
	walk(t)
	sort.Strings(required)
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		obj["required"] = required
	}
	return obj
}
