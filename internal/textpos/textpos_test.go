package textpos

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLineCol(t *testing.T) {
	data := []byte("ab\ncdé\nf")
	tests := []struct {
		off       int64
		line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {7, 2, 4}, {8, 3, 1}, {100, 3, 2}, {-4, 1, 1},
	}
	for _, tt := range tests {
		line, col := LineCol(data, tt.off)
		assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{line, col}, "offset %d", tt.off)
	}
}

func TestJSONError(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"b\": ]\n}")
	var v map[string]any
	err := JSONError("x.json", data, json.Unmarshal(data, &v))
	require.Error(t, err)
	var pe *Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 3, pe.Line)
	assert.Contains(t, err.Error(), "x.json:3:")

	type T struct{ N int }
	data = []byte(`{"N": "x"}`)
	var tv T
	err = JSONError("", data, json.Unmarshal(data, &tv))
	assert.Contains(t, err.Error(), "line 1, column")
	assert.Contains(t, err.Error(), "field N")
	assert.Nil(t, JSONError("x", data, nil))
}
