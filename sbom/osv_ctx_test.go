package sbom

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDecodersHonourCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := DecodeAdvisory(ctx, strings.NewReader(`{"id":"X"}`), "x.json", OSVOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = DecodeOpenVEX(ctx, strings.NewReader(`{}`), VEXOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	_, _, err = DecodeCycloneDXVEX(ctx, strings.NewReader(`{}`), VEXOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = LoadOSVFS(ctx, os.DirFS("testdata/osv/go"), OSVOptions{})
	assert.ErrorIs(t, err, context.Canceled, "a cancelled load is not reported as bad files")
}
