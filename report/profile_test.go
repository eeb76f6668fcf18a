package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

func TestProfileFindings(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "project", "sbom", "controller.cdx.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := sbom.Decode(context.Background(), f, sbom.DecodeOptions{})
	require.NoError(t, err)
	rep, err := sbom.CheckProfile(context.Background(), sbom.Input{SBOM: doc}, sbom.NTIA(), trace.CheckOptions{})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Result.Findings, "the fixture lacks NTIA elements (the kernel has no purl)")

	fs, err := ProfileFindings(Meta{Version: "2.1.0"}, rep)
	require.NoError(t, err)
	assert.Equal(t, cmpOr(rep.Name, rep.Profile), fs.Meta.Product)
	for _, r := range catalog(fs.Rules, fs.Result) {
		assert.NotEmpty(t, r.Clause, r.ID)
		assert.NotEmpty(t, r.Summary, r.ID)
	}
	md := string(render(t, func(b *bytes.Buffer) error { return fs.Markdown(b) }))
	assert.NotContains(t, md, "<script>")
	assert.Contains(t, md, "## Findings by rule")
	out := string(render(t, func(b *bytes.Buffer) error { return fs.SARIF(b) }))
	assert.Equal(t, len(rep.Result.Findings), strings.Count(out, `"ruleId"`))

	_, err = ProfileFindings(Meta{}, nil)
	assert.ErrorIs(t, err, ErrMissingInput)
	_, err = ProfileFindings(Meta{}, &sbom.ProfileReport{})
	assert.ErrorIs(t, err, ErrMissingInput)
}
