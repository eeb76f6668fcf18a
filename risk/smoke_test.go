package risk

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSmoke(t *testing.T) {
	f := &File{Plan: DefaultPlan("RMP-1", ALARP)}
	require.NoError(t, f.Validate())
}
