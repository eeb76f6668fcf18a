package nesting

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		off  int64
		okay bool
	}{
		{`{"a":[1,2,{"b":3}]}`, 3, 0, true},
		{`{"a":[1,2,{"b":3}]}`, 2, 10, false},
		{`{"a":"[[[[[[["}`, 1, 0, true},
		{`{"a":"\"[[[["}`, 1, 0, true},
		{`[[[`, 2, 2, false},
		{``, 1, 0, true},
	}
	for _, tt := range tests {
		off, ok := JSON([]byte(tt.in), tt.max)
		assert.Equal(t, tt.okay, ok, tt.in)
		assert.Equal(t, tt.off, off, tt.in)
	}
}

func TestXML(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		off  int64
		okay bool
	}{
		{`<a><b><c/></b></a>`, 3, 0, true},
		{`<a><b><c/></b></a>`, 2, 6, false},
		{`<a><!-- <b><c><d> --><![CDATA[<x><y>]]></a>`, 1, 0, true},
		{`<a x="/>"><b/></a>`, 2, 0, true},
		{`<a><b>`, 1, 3, false},
		{`<a><b`, 5, 0, true},
	}
	for _, tt := range tests {
		off, ok := XML([]byte(tt.in), tt.max)
		assert.Equal(t, tt.okay, ok, tt.in)
		assert.Equal(t, tt.off, off, tt.in)
	}
	deep := strings.Repeat("<a>", 10000)
	_, ok := XML([]byte(deep), 64)
	assert.False(t, ok)
}

func FuzzNesting(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"]"}]}`))
	f.Add([]byte(`<a><b x="1"/><!-- c --></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if off, ok := JSON(data, 8); !ok && (off < 0 || off >= int64(len(data))) {
			t.Fatalf("JSON offset %d out of range", off)
		}
		if off, ok := XML(data, 8); !ok && (off < 0 || off > int64(len(data))) {
			t.Fatalf("XML offset %d out of range", off)
		}
	})
}
