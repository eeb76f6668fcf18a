package sbom

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatchingCodeHygiene checks the library files of OSV matching and VEX
// for what library code must not do: read the clock or the environment,
// log, exit, panic, open files or the network, or import a dependency
// outside the allow-list.
func TestMatchingCodeHygiene(t *testing.T) {
	var files []string
	for _, pat := range []string{"osv*.go", "match*.go", "vex*.go", "openvex*.go"} {
		m, err := filepath.Glob(pat)
		require.NoError(t, err)
		files = append(files, m...)
	}
	banned := map[string]bool{"time.Now": true, "time.Since": true, "os.Getenv": true, "os.LookupEnv": true,
		"os.Exit": true, "os.Open": true, "os.ReadFile": true, "os.WriteFile": true, "os.Create": true}
	allowedImports := map[string]bool{"github.com/google/osv-scalibr/semantic": true,
		"github.com/package-url/packageurl-go": true, "github.com/CycloneDX/cyclonedx-go": true,
		"github.com/medtrace/medtrace/trace": true}
	fset := token.NewFileSet()
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		checked++
		f, err := parser.ParseFile(fset, file, nil, 0)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(path, ".") {
				internal := strings.HasPrefix(path, "github.com/medtrace/medtrace/internal/")
				assert.True(t, allowedImports[path] || internal, "%s imports %s", file, path)
			} else {
				assert.False(t, path == "log" || path == "net" || strings.HasPrefix(path, "net/") || path == "os/exec",
					"%s imports %s", file, path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && banned[id.Name+"."+x.Sel.Name] {
					t.Errorf("%s: %s.%s in library code", fset.Position(x.Pos()), id.Name, x.Sel.Name)
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "panic" {
					t.Errorf("%s: panic in library code", fset.Position(x.Pos()))
				}
			case *ast.FuncDecl:
				assert.NotEqual(t, "init", x.Name.Name, "%s: init function", file)
			}
			return true
		})
	}
	assert.GreaterOrEqual(t, checked, 10, "the library files were found")
}
