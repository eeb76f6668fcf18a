package lifecycle

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

var positionType = reflect.TypeFor[trace.Position]()

// merger folds project fragments, one per record file, into one Project:
// lists are appended in file order; a single value (the system's name, the
// risk plan's policy) may be set by one file only, and setting it in two is
// an error naming both.
type merger struct {
	setBy map[string]string // field path → file that set it
	errs  []error
}

func (m *merger) merge(dst, src reflect.Value, path, file string) {
	switch dst.Kind() {
	case reflect.Slice:
		if src.Len() > 0 {
			dst.Set(reflect.AppendSlice(dst, src))
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		m.merge(dst.Elem(), src.Elem(), path, file)
	case reflect.Struct:
		if !hasExportedFields(dst.Type()) || dst.Type() == positionType {
			m.scalar(dst, src, path, file)
			return
		}
		t := dst.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == positionType {
				// A record's position is the first file's that set it.
				if dst.Field(i).IsZero() {
					dst.Field(i).Set(src.Field(i))
				}
				continue
			}
			if !f.IsExported() {
				continue
			}
			name := jsonName(f)
			if name == "-" {
				continue
			}
			sub := path
			if !f.Anonymous || name != f.Name {
				sub = joinField(path, name)
			}
			m.merge(dst.Field(i), src.Field(i), sub, file)
		}
	case reflect.Map:
		if src.Len() == 0 {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		iter := src.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			p := joinField(path, key)
			if dst.MapIndex(iter.Key()).IsValid() {
				m.conflict(p, file)
				continue
			}
			m.setBy[p] = file
			dst.SetMapIndex(iter.Key(), iter.Value())
		}
	default:
		m.scalar(dst, src, path, file)
	}
}

func (m *merger) scalar(dst, src reflect.Value, path, file string) {
	if src.IsZero() {
		return
	}
	if !dst.IsZero() {
		m.conflict(path, file)
		return
	}
	m.setBy[path] = file
	dst.Set(src)
}

func (m *merger) conflict(path, file string) {
	m.errs = append(m.errs, fmt.Errorf("%s: %s is already set in %s; a single value belongs in one file", file, path, m.setBy[path]))
}

func hasExportedFields(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func joinField(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
