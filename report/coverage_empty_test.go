package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// TestCoverageWithoutSubjects: a rule that applies to nothing is neither
// covered nor failed, and says so.
func TestCoverageWithoutSubjects(t *testing.T) {
	f := Findings{Result: &trace.Result{Coverage: []trace.Coverage{{Rule: "R-EMPTY"}, {Rule: "R-FULL", Covered: 2, Total: 2}}}}
	var md bytes.Buffer
	require.NoError(t, f.Markdown(&md))
	assert.Contains(t, md.String(), "| R-EMPTY | 0 | 0 | n/a |")
	assert.Contains(t, md.String(), "| R-FULL | 2 | 2 | 100.0 |")

	ch := coverageBars(f.Result.Coverage)
	assert.Equal(t, "no items to check", ch.Bars[0].Label)
	assert.Equal(t, 0, ch.Bars[0].W)
	assert.Equal(t, "2 / 2 (100.0 %)", ch.Bars[1].Label)
}
