package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunIsReproducible(t *testing.T) {
	var outs [2][]byte
	for i := range outs {
		dir := t.TempDir()
		var log bytes.Buffer
		blocking, err := run(context.Background(), dir, &log)
		require.NoError(t, err)
		assert.Equal(t, 1, blocking, "SRS-2 is unverified")
		assert.Contains(t, log.String(), "THREAD-VERIFIED  SRS-2")
		assert.Contains(t, log.String(), "waived: Labeling requirement")
		f, err := os.ReadFile(filepath.Join(dir, "findings.json"))
		require.NoError(t, err)
		bl, err := os.ReadFile(filepath.Join(dir, "baseline.json"))
		require.NoError(t, err)
		outs[i] = append(f, bl...)
	}
	assert.Equal(t, outs[0], outs[1], "same inputs, byte-identical outputs")
}
