package security

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestTraceability(t *testing.T) {
	g := buildGraph(t, cleanFile(t))
	rows := Traceability(g)
	require.Len(t, rows, 3)
	spoof := rows[2]
	assert.Equal(t, trace.ID("SR-SPOOF"), spoof.Risk)
	assert.Equal(t, []trace.ID{ThreatID("MED-PUMP-COMMAND", "EL-PUMP")}, spoof.Threats)
	assert.Equal(t, []trace.ID{"CTL-A"}, spoof.Controls)
	assert.Equal(t, []trace.ID{"REQ-SEC-1"}, spoof.Requirements)
	assert.Equal(t, []trace.ID{"TST-PEN"}, spoof.Tests)
	assert.Equal(t, []trace.ID{"HS-001"}, spoof.Situations)
	assert.Equal(t, Uncontrolled, spoof.PreVerdict)
	assert.Equal(t, Controlled, spoof.PostVerdict)

	cve := rows[0]
	assert.Equal(t, trace.ID("SR-CVE"), cve.Risk)
	assert.Equal(t, []trace.ID{"CVE-2026-0001"}, cve.Vulnerabilities)
	assert.Equal(t, []trace.ID{"CTL-A"}, cve.Controls)
	assert.Empty(t, cve.Situations)

	plan := rows[1]
	assert.Empty(t, plan.Controls)
	assert.Equal(t, Uncontrolled, plan.PostVerdict)
	assert.Nil(t, Traceability(nil))
}
