package medtrace_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allowed is DESIGN.md's dependency list: every module medtrace requires
// directly is SOUP its users must list, justify and monitor.
var allowed = map[string]bool{
	"github.com/google/uuid":                   true,
	"github.com/CycloneDX/cyclonedx-go":        true,
	"github.com/santhosh-tekuri/jsonschema/v5": true,
	"go.yaml.in/yaml/v3":                       true,
	"github.com/package-url/packageurl-go":     true,
	"github.com/google/osv-scalibr":            true, // only its semantic package is imported
	"github.com/pandatix/go-cvss":              true,
	"github.com/spdx/tools-golang":             true,
	"github.com/stretchr/testify":              true, // tests only
}

// TestDependencyAllowList fails if go.mod requires a module directly that is
// not on the list, so a new dependency is a reviewed decision.
func TestDependencyAllowList(t *testing.T) {
	data, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	for _, mod := range directRequires(string(data)) {
		assert.True(t, allowed[mod], "go.mod requires %s directly, which is not on DESIGN.md's dependency list", mod)
	}
}

// directRequires lists the modules of go.mod's require lines not marked
// "// indirect".
func directRequires(gomod string) []string {
	var out []string
	inBlock := false
	for _, line := range strings.Split(gomod, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "require (":
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case strings.HasPrefix(line, "require "):
			line = strings.TrimPrefix(line, "require ")
		case !inBlock:
			continue
		}
		if line == "" || strings.HasPrefix(line, "//") || strings.Contains(line, "// indirect") {
			continue
		}
		out = append(out, strings.Fields(line)[0])
	}
	return out
}

func TestDirectRequires(t *testing.T) {
	gomod := "module x\n\nrequire a.b/c v1.0.0\n\nrequire (\n\td.e/f v1 // indirect\n\tg.h/i v2\n)\n"
	assert.Equal(t, []string{"a.b/c", "g.h/i"}, directRequires(gomod))
}

// TestGoModTidy fails if `go mod tidy` would change go.mod or go.sum. It runs
// tidy on a copy of the module so the working tree is never touched.
func TestGoModTidy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	dir := t.TempDir()
	require.NoError(t, copyModule(".", dir))
	cmd := exec.Command(gobin, "mod", "tidy")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go mod tidy: %s", out)
	for _, f := range []string{"go.mod", "go.sum"} {
		before, _ := os.ReadFile(f)
		after, _ := os.ReadFile(filepath.Join(dir, f))
		assert.True(t, bytes.Equal(before, after), "go mod tidy would change %s; run it and commit the result", f)
	}
}

// copyModule copies the module's Go, go.mod, go.sum and embedded data files
// (everything but .git) so that tidy sees every import.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "out" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, path), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, path), data, 0o644)
	})
}
