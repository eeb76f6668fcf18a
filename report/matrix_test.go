package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestTraceMatrixGolden(t *testing.T) {
	g := pumpGraph(t)
	for _, tc := range []struct {
		name  string
		chain Chain
	}{{"needs", NeedsChain()}, {"hazards", HazardChain()}} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := NewTraceMatrix(g, tc.chain)
			require.NoError(t, err)
			golden(t, "matrix-"+tc.name+".csv", render(t, func(b *bytes.Buffer) error { return m.CSV(b) }))
			golden(t, "matrix-"+tc.name+".md", render(t, func(b *bytes.Buffer) error { return m.Markdown(b) }))
		})
	}
}

func TestTraceMatrixRows(t *testing.T) {
	g := pumpGraph(t)
	m, err := NewTraceMatrix(g, NeedsChain())
	require.NoError(t, err)
	require.Len(t, m.Rows, 2)
	assert.Equal(t, trace.ID("UN-1"), m.Rows[0].Root.ID)
	assert.Equal(t, [][]trace.ID{{"SRS-1", "SRS-2"}, {"TC-1", "TC-2"}, {"TR-1"}}, m.Rows[0].Cells)
	assert.True(t, m.Rows[0].Complete())
	assert.Equal(t, [][]trace.ID{{"SRS-2"}, {"TC-2"}, {}}, m.Rows[1].Cells)
	assert.False(t, m.Rows[1].Complete())
	assert.Equal(t, 1, m.Gaps())

	h, err := NewTraceMatrix(g, HazardChain())
	require.NoError(t, err)
	require.Len(t, h.Rows, 1)
	assert.Equal(t, [][]trace.ID{{"HS-1", "HS-2"}, {"RC-1"}, {"SRS-1"}, {"TC-1"}}, h.Rows[0].Cells)
}

func TestTraceMatrixCSVParses(t *testing.T) {
	m, err := NewTraceMatrix(pumpGraph(t), NeedsChain())
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, m.CSV(&b))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"user-need", "title", "requirement", "test", "test-result"}, recs[0])
	assert.Equal(t, []string{"UN-1", "Deliver the prescribed dose", "SRS-1\nSRS-2", "TC-1\nTC-2", "TR-1"}, recs[1])
}

func TestTraceMatrixBadChain(t *testing.T) {
	g := pumpGraph(t)
	for _, tc := range []struct {
		name  string
		chain Chain
		want  []string
	}{
		{"root", Chain{Root: "Bad Kind"}, []string{"root"}},
		{"steps", Chain{Root: "hazard", Steps: []Step{{Kind: "x"}, {Link: trace.LeadsTo, Dir: trace.Out, Kind: ""}}},
			[]string{"steps[0].link", "steps[0].dir", "steps[1].kind"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewTraceMatrix(g, tc.chain)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrBadChain))
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
	_, err := NewTraceMatrix(nil, NeedsChain())
	assert.ErrorIs(t, err, ErrMissingInput)
	assert.NoError(t, NeedsChain().Validate())
	assert.NoError(t, HazardChain().Validate())
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SRS-1", "SRS-1"}, {"=HYPERLINK(1)", "'=HYPERLINK(1)"}, {"+1", "'+1"},
		{"-x", "'-x"}, {"@a", "'@a"}, {"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) { assert.Equal(t, tc.want, csvCell(tc.in)) })
	}
}

// A hand-built matrix whose rows do not match its chain renders without
// failing: missing columns are empty, extra ones are left out.
func TestTraceMatrixRaggedRows(t *testing.T) {
	m := &TraceMatrix{Chain: NeedsChain(), Rows: []MatrixRow{
		{Root: trace.Item{ID: "UN-1"}, Cells: [][]trace.ID{{"SRS-1"}}},
		{Root: trace.Item{ID: "UN-2"}, Cells: [][]trace.ID{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}},
	}}
	out := string(render(t, func(b *bytes.Buffer) error { return m.CSV(b) }))
	assert.Equal(t, "user-need,title,requirement,test,test-result\nUN-1,,SRS-1,,\nUN-2,,a,b,c\n", out)
	md := string(render(t, func(b *bytes.Buffer) error { return m.Markdown(b) }))
	assert.Contains(t, md, "| `UN-2` | `a` | `b` | `c` |")
	require.NoError(t, Page{Matrices: []*TraceMatrix{m}}.HTML(&bytes.Buffer{}))
}
