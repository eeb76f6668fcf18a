package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/lifecycle"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// pumpSecurity is a security report with one controlled and one
// uncontrolled risk, one of them named with markup.
func pumpSecurity() *Security {
	return &Security{
		Summary: security.Summary{
			Elements: 4, Flows: 3, Boundaries: 1, PatientHarmThreats: 1,
			Threats:         map[security.ThreatStatus]int{"mitigated": 2, "open": 1},
			PreVerdicts:     map[security.Verdict]int{"uncontrolled": 2},
			PostVerdicts:    map[security.Verdict]int{"controlled": 1, "uncontrolled": 1},
			Uncontrolled:    []trace.ID{"SR-2<b>"},
			Controls:        map[security.ControlCategory]int{security.CatAuthentication: 2},
			Vulnerabilities: 2, Unassessed: []trace.ID{"CVE-2026-0001"},
		},
		Traceability: []security.TraceRow{
			{Risk: "SR-1", Threats: []trace.ID{"TH-1"}, Controls: []trace.ID{"SC-1", "SC-2"}, Requirements: []trace.ID{"SRS-9"},
				Tests: []trace.ID{"TC-9"}, Situations: []trace.ID{"HS-1"}, PreVerdict: "uncontrolled", PostVerdict: "controlled"},
			{Risk: "SR-2<b>", Vulnerabilities: []trace.ID{"=CVE-2026-0002"}, PreVerdict: "uncontrolled", PostVerdict: "uncontrolled"},
		},
	}
}

func TestSecurityGolden(t *testing.T) {
	s := pumpSecurity()
	golden(t, "security.md", render(t, func(b *bytes.Buffer) error { return s.Markdown(b) }))
	golden(t, "security.csv", render(t, func(b *bytes.Buffer) error { return s.CSV(b) }))
}

func TestSecurityViews(t *testing.T) {
	s := pumpSecurity()
	md := string(render(t, func(b *bytes.Buffer) error { return s.Markdown(b) }))
	assert.NotContains(t, md, "<b>")
	assert.Contains(t, md, "| controlled | 0 | 1 |")
	assert.Contains(t, md, "| uncontrolled | 2 | 1 |")
	assert.Contains(t, md, "Listed in KEV: none.")
	for _, c := range security.ControlCategories() {
		assert.Contains(t, md, "| "+md2(string(c))+" | ", "every FDA control category is listed")
	}
	recs, err := csv.NewReader(bytes.NewReader(render(t, func(b *bytes.Buffer) error { return s.CSV(b) }))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	assert.Equal(t, "SC-1\nSC-2", recs[1][3])
	assert.Equal(t, "'=CVE-2026-0002", recs[2][2])

	html := string(render(t, func(b *bytes.Buffer) error { return Page{Security: s}.HTML(b) }))
	assert.NotContains(t, html, "<b>")
	assert.Contains(t, html, `id="security"`)
	assert.Contains(t, html, "<code>SR-2&lt;b&gt;</code>")
}

func md2(s string) string { return md(s) }

func TestNewSecurity(t *testing.T) {
	_, err := NewSecurity(nil)
	assert.ErrorIs(t, err, ErrMissingInput)
	ws, err := lifecycle.Load(t.Context(), projectDir(), lifecycle.LoadOptions{})
	require.NoError(t, err)
	_, err = ws.Match(t.Context())
	require.NoError(t, err)
	g, err := ws.Project.Graph()
	require.NoError(t, err)
	s, err := NewSecurity(g)
	require.NoError(t, err)
	assert.Equal(t, 1, s.Summary.Vulnerabilities)
	assert.Equal(t, []trace.ID{"MT-2026-0001"}, s.Summary.Unassessed)
	assert.Empty(t, s.Traceability)
}
