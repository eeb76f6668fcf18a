package yamldecode

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/internal/textpos"
	"github.com/medtrace/medtrace/trace"
)

type level string

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low", "high":
		*l = level(b)
		return nil
	}
	return errors.New("level must be low or high")
}

type common struct {
	Owner string `json:"owner,omitempty"`
}

type hazard struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Severity   level             `json:"severity"`
	P1         float64           `json:"p1"`
	Count      int               `json:"count"`
	External   bool              `json:"external"`
	Situations []string          `json:"situations"`
	Attrs      map[string]string `json:"attrs"`
	Reviewed   time.Time         `json:"reviewed"`
	Ptr        *int              `json:"ptr"`
	Any        any               `json:"any"`
	Raw        json_raw          `json:"raw"`
	Pos        trace.Position    `json:"pos,omitzero"`
	common
}

// json_raw decodes itself from JSON.
type json_raw struct{ N int }

func (r *json_raw) UnmarshalJSON(b []byte) error {
	if string(b) == `{"n":1}` {
		r.N = 1
		return nil
	}
	return errors.New("raw must be {n: 1}")
}

type file struct {
	Version string   `json:"version"`
	Hazards []hazard `json:"hazards"`
}

const good = `version: 1.10
hazards:
  - id: HAZ-1
    title: Over-infusion
    severity: high
    p1: 1e-4
    count: 3
    external: true
    situations: [HS-1, HS-2]
    attrs: {a: b}
    reviewed: 2026-11-02
    ptr: 7
    any: {x: [1, 2]}
    raw: {n: 1}
    owner: QA
  - id: HAZ-2
    title: Under-infusion
    severity: low
    reviewed: 2026-11-02T10:00:00Z
`

func TestDecodeGood(t *testing.T) {
	var f file
	require.NoError(t, Decode("risk.yaml", []byte(good), &f, Options{}))
	assert.Equal(t, "1.10", f.Version, "a string field keeps the literal text")
	require.Len(t, f.Hazards, 2)
	h := f.Hazards[0]
	assert.Equal(t, trace.Position{File: "risk.yaml", Line: 3, Column: 5}, h.Pos)
	assert.Equal(t, trace.Position{File: "risk.yaml", Line: 16, Column: 5}, f.Hazards[1].Pos)
	assert.Equal(t, level("high"), h.Severity)
	assert.Equal(t, 1e-4, h.P1)
	assert.Equal(t, 3, h.Count)
	assert.True(t, h.External)
	assert.Equal(t, []string{"HS-1", "HS-2"}, h.Situations)
	assert.Equal(t, map[string]string{"a": "b"}, h.Attrs)
	assert.Equal(t, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), h.Reviewed)
	require.NotNil(t, h.Ptr)
	assert.Equal(t, 7, *h.Ptr)
	assert.Equal(t, map[string]any{"x": []any{int64(1), int64(2)}}, h.Any)
	assert.Equal(t, 1, h.Raw.N)
	assert.Equal(t, "QA", h.Owner, "embedded struct fields are flattened")
}

func TestDecodeJSONInput(t *testing.T) {
	in := "{\n  \"version\": \"2\",\n  \"hazards\": [\n    {\"id\": \"HAZ-1\", \"p1\": 0.5}\n  ]\n}"
	var f file
	require.NoError(t, Decode("risk.json", []byte(in), &f, Options{}))
	assert.Equal(t, trace.Position{File: "risk.json", Line: 4, Column: 5}, f.Hazards[0].Pos)
	assert.Equal(t, 0.5, f.Hazards[0].P1)
}

func TestDecodeReportsEveryError(t *testing.T) {
	in := `version: 1
hazards:
  - id: HAZ-1
    severity: medium
    p1: lots
    count: 1.5
    external: yes please
    situations: HS-1
    reviewed: tomorrow
    titel: typo
    pos: {line: 1}
    raw: {n: 2}
  - id: HAZ-2
    id: HAZ-3
    attrs: [a]
`
	var f file
	err := Decode("risk.yaml", []byte(in), &f, Options{})
	require.Error(t, err)
	want := []string{
		"risk.yaml:4:15: hazards[0].severity: level must be low or high",
		`risk.yaml:5:9: hazards[0].p1: want a finite number, got "lots"`,
		`risk.yaml:6:12: hazards[0].count: want an integer, got "1.5"`,
		`risk.yaml:7:15: hazards[0].external: want true or false, got "yes please"`,
		`risk.yaml:8:17: hazards[0].situations: want a list, got "HS-1"`,
		`risk.yaml:9:15: hazards[0].reviewed: "tomorrow" is not a date`,
		"risk.yaml:10:5: hazards[0].titel: unknown field; did you mean title?",
		"risk.yaml:11:5: hazards[0].pos: unknown field",
		"risk.yaml:12:10: hazards[0].raw: raw must be {n: 1}",
		`risk.yaml:14:5: hazards[1]: duplicate key "id"`,
		"risk.yaml:15:12: hazards[1].attrs: want a mapping, got a list",
	}
	msg := err.Error()
	for _, w := range want {
		assert.Contains(t, msg, w)
	}
	assert.Len(t, strings.Split(msg, "\n"), len(want), "one line per problem:\n%s", msg)
	var pe *textpos.Error
	require.True(t, errors.As(err, &pe))
}

func TestDecodeSyntaxAndLimits(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts Options
		want string
	}{
		{"syntax error has a line", "hazards:\n  - id: [unclosed\n", Options{}, "risk.yaml:"},
		{"empty", "", Options{}, "empty document"},
		{"too large", good, Options{MaxBytes: 10}, "exceeds a decoding limit"},
		{"too deep", "hazards:\n  - any: [[[[[[1]]]]]]\n", Options{MaxDepth: 4}, "nested deeper than 4"},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
			Options{MaxNodes: 1000, AllowUnknownFields: true}, ""},
		{"wrong root", "- a\n- b\n", Options{}, "want a mapping, got a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f file
			err := Decode("risk.yaml", []byte(tt.in), &f, tt.opts)
			if tt.want == "" {
				// Unknown fields are skipped without being walked, so
				// an alias bomb under them costs nothing.
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	var m map[string]any
	err := Decode("bomb.yaml", []byte("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"), &m, Options{MaxNodes: 100})
	assert.ErrorContains(t, err, "more than 100 nodes", "any-typed values are counted too")
	var typed map[string][][]string
	err = Decode("bomb.yaml", []byte("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n"), &typed, Options{MaxNodes: 100})
	assert.ErrorContains(t, err, "more than 100 nodes")
	assert.ErrorContains(t, Decode("x", []byte("a: 1"), file{}, Options{}), "non-nil pointer")
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("hazards: [{id: 1, p1: .inf}]"))
	f.Add([]byte("a: &a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fl file
		_ = Decode("fuzz.yaml", data, &fl, Options{MaxNodes: 10000})
		var m map[string]any
		_ = Decode("fuzz.yaml", data, &m, Options{MaxNodes: 10000})
	})
}
