package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTriageReachesHazardsAndTests(t *testing.T) {
	data, err := os.ReadFile("EXAMPLE-2026-0001.json")
	require.NoError(t, err)
	var outs [2]string
	for i := range outs {
		var out bytes.Buffer
		require.NoError(t, triage(context.Background(), os.DirFS("../device/project"), bytes.NewReader(data), "EXAMPLE-2026-0001.json", &out))
		outs[i] = out.String()
	}
	assert.Equal(t, outs[0], outs[1], "deterministic")
	out := outs[0]
	for _, want := range []string{
		"affected: pkg:golang/golang.org/x/text@v0.3.7 (no VEX statement yet: assess it)",
		"why: introduced 0.3.0 ≤ v0.3.7 < fixed 0.3.9 (SEMVER)",
		"  SI-BLE  via CVE-2026-99999 -affects-> pkg:golang/golang.org/x/text@v0.3.7, SI-BLE -uses-> pkg:golang/golang.org/x/text@v0.3.7",
		"  HS-003  via", "  HS-004  via",
		"tests to re-run:", "  TC-006  via", "  TC-009  via",
		"in the field: REL-1.0.0 (1.0.0): pkg:golang/golang.org/x/text@v0.3.2; items [SI-BLE]; hazards [HS-003 HS-004]",
		"raises PR-CVE-2026-99999:",
	} {
		assert.Contains(t, out, want)
	}
}

func TestTriageOfAnAdvisoryThatTouchesNothing(t *testing.T) {
	data, err := os.ReadFile("EXAMPLE-2026-0001.json")
	require.NoError(t, err)
	other := strings.ReplaceAll(string(data), "golang.org/x/text", "example.com/not/used")
	var out bytes.Buffer
	require.NoError(t, triage(context.Background(), os.DirFS("../device/project"), strings.NewReader(other), "other.json", &out))
	assert.Contains(t, out.String(), "no component of the device is affected")
}

func TestTriageRejectsABadAdvisory(t *testing.T) {
	err := triage(context.Background(), os.DirFS("../device/project"), strings.NewReader("{\n  \"id\": 3\n}"), "bad.json", &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.json")
}
