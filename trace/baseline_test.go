package trace

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBaselineGoldenAndRoundTrip(t *testing.T) {
	created := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	bl := pump(t).Baseline("1.0.0", created)
	var buf bytes.Buffer
	require.NoError(t, bl.Encode(&buf))
	golden := filepath.Join("testdata", "baseline.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	back, err := DecodeBaseline(context.Background(), &buf, DecodeOptions{Name: "baseline.json"})
	require.NoError(t, err)
	assert.Equal(t, bl, back)
	e, ok := back.Lookup("SRS-1")
	require.True(t, ok)
	assert.Equal(t, Kind("requirement"), e.Kind)
	_, ok = back.Lookup("SRS-404")
	assert.False(t, ok)
}

func TestDiffBaselines(t *testing.T) {
	old := pump(t).Baseline("1.0", time.Time{})
	b := pumpBuilder()
	// Same items but SRS-2 reworded, HARM-1 removed (and its link), SRS-3 added.
	nb := NewBuilder()
	nb.allowed = b.allowed
	for _, it := range b.items {
		switch it.ID {
		case "HARM-1":
			continue
		case "SRS-2":
			it.Title = "Alarm within 2 s of occlusion"
			it.Fingerprint = FingerprintOf(it)
		}
		nb.AddItem(it)
	}
	nb.AddItem(Item{ID: "SRS-3", Kind: "requirement", Fingerprint: Fingerprint{3}})
	g, _ := nb.Build()
	d := DiffBaselines(old, g.Baseline("1.1", time.Time{}))
	require.Len(t, d.Added, 1)
	assert.Equal(t, ID("SRS-3"), d.Added[0].ID)
	require.Len(t, d.Removed, 1)
	assert.Equal(t, ID("HARM-1"), d.Removed[0].ID)
	require.Len(t, d.Changed, 1)
	assert.Equal(t, ID("SRS-2"), d.Changed[0].ID)
	assert.NotEqual(t, d.Changed[0].Old, d.Changed[0].New)
	assert.Equal(t, []ID{"SRS-2", "SRS-3"}, d.ChangedIDs())
	assert.False(t, d.Empty())
	assert.True(t, DiffBaselines(old, old).Empty())
}

func TestDecodeBaselineErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opts     DecodeOptions
		want     []string
	}{
		{"syntax error with position", "{\n  \"schema\": \"medtrace.baseline/v1\",\n  \"items\": [,]\n}", DecodeOptions{Name: "b.json"}, []string{"b.json:3:"}},
		{"wrong schema", `{"schema":"other/v9","name":"x","items":[]}`, DecodeOptions{}, []string{`schema: "other/v9"`}},
		{"unknown field", `{"schema":"medtrace.baseline/v1","extra":1,"items":[]}`, DecodeOptions{}, []string{`unknown field "extra"`}},
		{"bad entries all reported", `{"schema":"medtrace.baseline/v1","name":"x","items":[{"id":"B","kind":"k"},{"id":"A","kind":"Bad"},{"id":"","kind":"k"}]}`,
			DecodeOptions{Name: "b.json"}, []string{`items[1].id: "A" is not after "B"`, `items[1].kind: "Bad"`, `items[2].id: "" is not a valid ID`}},
		{"bad fingerprint", `{"schema":"medtrace.baseline/v1","items":[{"id":"A","kind":"k","fingerprint":"md5:00"}]}`, DecodeOptions{}, []string{"malformed fingerprint"}},
		{"too large", `{"schema":"medtrace.baseline/v1","items":[]}`, DecodeOptions{MaxBytes: 10}, []string{"exceeds the size limit"}},
		{"trailing data", `{"schema":"medtrace.baseline/v1","items":[]} {}`, DecodeOptions{}, []string{"trailing data"}},
		{"truncated", `{"schema":"medtrace.baseline/v1","items":[{"id":"A"`, DecodeOptions{}, []string{"unexpected EOF"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBaseline(context.Background(), strings.NewReader(tt.in), tt.opts)
			require.ErrorIs(t, err, ErrBadBaseline)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
