package medtrace_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLibraryHygiene enforces what the library promises its users (README,
// doc.go): library code opens no network connection, reads no environment
// variable and no clock, runs no program, does not log, exit or panic, and
// reads files only through the fs.FS or io.Reader it is given. Examples and
// tests are exempt.
func TestLibraryHygiene(t *testing.T) {
	bannedImports := map[string]string{
		"log": "logging", "log/slog": "logging", "net": "network", "net/http": "network",
		"os/exec": "running programs", "syscall": "system calls", "unsafe": "unsafe memory",
	}
	bannedCalls := map[string]string{
		"time.Now": "reading the clock", "time.Since": "reading the clock", "time.Until": "reading the clock",
		"os.Getenv": "the environment", "os.LookupEnv": "the environment", "os.Environ": "the environment",
		"os.Exit": "exiting", "os.Open": "file I/O", "os.ReadFile": "file I/O", "os.WriteFile": "file I/O",
		"os.Create": "file I/O", "os.OpenFile": "file I/O", "os.Remove": "file I/O", "os.MkdirAll": "file I/O",
		"rand.Int": "unseeded randomness", "rand.IntN": "unseeded randomness", "rand.Intn": "unseeded randomness",
		"rand.Float64": "unseeded randomness", "rand.Shuffle": "unseeded randomness", "rand.Perm": "unseeded randomness",
	}
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "examples", "testdata", ".git", "out":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			why, bad := bannedImports[p]
			if strings.HasPrefix(p, "net/") && p != "net/url" { // net/url only escapes text
				why, bad = "network", true
			}
			if bad {
				t.Errorf("%s imports %s (%s)", fset.Position(imp.Pos()), p, why)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok {
					if why, bad := bannedCalls[id.Name+"."+x.Sel.Name]; bad {
						t.Errorf("%s: %s.%s in library code (%s)", fset.Position(x.Pos()), id.Name, x.Sel.Name, why)
					}
				}
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "panic" {
					t.Errorf("%s: panic in library code", fset.Position(x.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d library files checked; the walk is wrong", checked)
	}
}
