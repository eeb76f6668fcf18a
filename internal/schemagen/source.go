package schemagen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strconv"
	"strings"
)

// ReadDocs reads the Go source of packages (import path → directory in
// fsys) and collects field and type doc comments and typed string enum
// values. Test files are ignored.
func ReadDocs(fsys fs.FS, pkgs map[string]string) (Docs, error) {
	d := Docs{Fields: map[string]string{}, Types: map[string]string{}, Enums: map[string][]string{}}
	for path, dir := range pkgs {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return d, err
		}
		fset := token.NewFileSet()
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := fs.ReadFile(fsys, dir+"/"+name)
			if err != nil {
				return d, err
			}
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
			if err != nil {
				return d, err
			}
			collect(path, f, &d)
		}
	}
	return d, nil
}

func collect(pkg string, f *ast.File, d *Docs) {
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		switch gd.Tok {
		case token.TYPE:
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if doc != nil {
					d.Types[pkg+"."+ts.Name.Name] = clean(doc.Text())
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, fld := range st.Fields.List {
					if fld.Doc == nil {
						continue
					}
					for _, n := range fld.Names {
						d.Fields[pkg+"."+ts.Name.Name+"."+n.Name] = clean(fld.Doc.Text())
					}
				}
			}
		case token.CONST:
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok || len(vs.Values) != len(vs.Names) {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					if s, err := strconv.Unquote(lit.Value); err == nil {
						key := pkg + "." + id.Name
						d.Enums[key] = append(d.Enums[key], s)
					}
				}
			}
		}
	}
}

// clean folds a doc comment into one paragraph of plain text.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
