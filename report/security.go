package report

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// Security is the security risk report of a graph (FDA premarket
// cybersecurity guidance (2023) V.A and V.B.1; IEC 81001-5-1:2021 7.3, 7.4):
// the state of the threat model and the security risks, and the
// traceability between security risks, controls, requirements, tests and
// the hazardous situations they reach.
type Security struct {
	// Summary counts the security file's state (security.Summarize).
	Summary security.Summary
	// Traceability is one row per security risk (security.Traceability).
	Traceability []security.TraceRow
}

// NewSecurity computes the security risk report of g.
func NewSecurity(g *trace.Graph) (*Security, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: the security report needs a graph", ErrMissingInput)
	}
	return &Security{Summary: security.Summarize(g), Traceability: security.Traceability(g)}, nil
}

// countRow is one key of a count map and its count.
type countRow struct {
	Key   string
	Count int
}

// sortedCounts returns the map's entries in key order, the empty key (not
// assessed) as the given label and last.
func sortedCounts[K ~string](m map[K]int, empty string) []countRow {
	out := make([]countRow, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != "" {
			out = append(out, countRow{Key: string(k), Count: m[k]})
		}
	}
	if n, ok := m[""]; ok {
		out = append(out, countRow{Key: empty, Count: n})
	}
	return out
}

// controls counts controls by FDA category, every category listed.
func (s *Security) controls() []countRow {
	c := maps.Clone(s.Summary.Controls)
	if c == nil {
		c = make(map[security.ControlCategory]int)
	}
	for _, cat := range security.ControlCategories() {
		c[cat] += 0
	}
	return sortedCounts(c, "none")
}

// verdictRow is one verdict's count of security risks before and after
// controls.
type verdictRow struct {
	Verdict   string
	Pre, Post int
}

func (s *Security) verdicts() []verdictRow {
	keys := slices.Collect(maps.Keys(s.Summary.PreVerdicts))
	keys = append(keys, slices.Collect(maps.Keys(s.Summary.PostVerdicts))...)
	slices.SortFunc(keys, func(a, b security.Verdict) int {
		// The empty verdict (not assessed) goes last.
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	var out []verdictRow
	for _, k := range slices.Compact(keys) {
		out = append(out, verdictRow{Verdict: cmpOr(string(k), "not assessed"), Pre: s.Summary.PreVerdicts[k], Post: s.Summary.PostVerdicts[k]})
	}
	return out
}

// Markdown writes the security risk report section: the model's size,
// threats by status, security risks by verdict before and after controls,
// the uncontrolled and KEV-listed risks, controls by FDA category,
// unassessed vulnerabilities, and the traceability table.
func (s *Security) Markdown(w io.Writer) error {
	m := newMDWriter(w)
	s.markdown(m)
	return m.flush()
}

func (s *Security) markdown(m *mdWriter) {
	sum := s.Summary
	m.line("## Security risk management")
	m.line()
	m.line("Threat model: ", itoa(sum.Elements), " element(s), ", itoa(sum.Flows), " data flow(s), ", itoa(sum.Boundaries),
		" trust boundary(ies); ", itoa(sum.PatientHarmThreats), " threat(s) can harm a patient.")
	m.line()
	mdCounts(m, "Threat status", sortedCounts(sum.Threats, "none"))
	m.row("Verdict", "Before controls", "After controls")
	m.row("---", "---:", "---:")
	for _, v := range s.verdicts() {
		m.row(md(v.Verdict), itoa(v.Pre), itoa(v.Post))
	}
	m.line()
	m.line("Uncontrolled after controls: ", mdIDsOrNone(sum.Uncontrolled), ".")
	m.line()
	m.line("Listed in KEV: ", mdIDsOrNone(sum.KEV), ".")
	m.line()
	mdCounts(m, "Control category", s.controls())
	m.line(itoa(sum.Vulnerabilities), " vulnerability(ies); not assessed by a security risk: ", mdIDsOrNone(sum.Unassessed), ".")
	m.line()
	s.mdTraceability(m)
}

// mdCounts writes a two-column count table.
func mdCounts(m *mdWriter, head string, rows []countRow) {
	if len(rows) == 0 {
		return
	}
	m.row(head, "Count")
	m.row("---", "---:")
	for _, r := range rows {
		m.row(md(r.Key), itoa(r.Count))
	}
	m.line()
}

func (s *Security) mdTraceability(m *mdWriter) {
	m.line("### Security risk traceability")
	m.line()
	if len(s.Traceability) == 0 {
		m.line("No security risks.")
		m.line()
		return
	}
	m.row("Risk", "Threats", "Vulnerabilities", "Controls", "Requirements", "Tests", "Situations", "Before", "After")
	m.row("---", "---", "---", "---", "---", "---", "---", "---", "---")
	for _, r := range s.Traceability {
		m.row(mdCode(string(r.Risk)), mdIDs(r.Threats), mdIDs(r.Vulnerabilities), mdIDs(r.Controls), mdIDs(r.Requirements),
			mdIDs(r.Tests), mdIDs(r.Situations), md(cmpOr(string(r.PreVerdict), "not assessed")), md(cmpOr(string(r.PostVerdict), "not assessed")))
	}
	m.line()
}

// CSV writes the security risk traceability matrix (FDA premarket
// cybersecurity guidance (2023) V.B.1) as CSV, one row per security risk,
// the IDs of a cell one a line.
func (s *Security) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"risk", "threats", "vulnerabilities", "controls", "requirements", "tests", "situations", "before", "after"}); err != nil {
		return err
	}
	for _, r := range s.Traceability {
		rec := []string{string(r.Risk), joinIDs(r.Threats, "\n"), joinIDs(r.Vulnerabilities, "\n"), joinIDs(r.Controls, "\n"),
			joinIDs(r.Requirements, "\n"), joinIDs(r.Tests, "\n"), joinIDs(r.Situations, "\n"), string(r.PreVerdict), string(r.PostVerdict)}
		for i := range rec {
			rec[i] = csvCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// securityView is the security section of a page.
type securityView struct {
	*Security
	Threats  []countRow
	Verdicts []verdictRow
	Controls []countRow
	Rows     []securityRow
	// Status holds the page summary lines (Summary is the Security's).
	Status []summaryLine
}

type securityRow struct {
	Risk                                                                string
	Threats, Vulnerabilities, Controls, Requirements, Tests, Situations []string
	Pre, Post                                                           string
}

func (s *Security) view() *securityView {
	v := &securityView{Security: s, Threats: sortedCounts(s.Summary.Threats, "none"), Verdicts: s.verdicts()}
	v.Controls = s.controls()
	for _, r := range s.Traceability {
		v.Rows = append(v.Rows, securityRow{Risk: string(r.Risk), Threats: idStrings(r.Threats), Vulnerabilities: idStrings(r.Vulnerabilities),
			Controls: idStrings(r.Controls), Requirements: idStrings(r.Requirements), Tests: idStrings(r.Tests),
			Situations: idStrings(r.Situations), Pre: cmpOr(string(r.PreVerdict), "not assessed"), Post: cmpOr(string(r.PostVerdict), "not assessed")})
	}
	u := len(s.Summary.Uncontrolled)
	v.Status = []summaryLine{
		{Label: "Security risks uncontrolled after controls", Value: itoa(u), Class: okClass(u == 0)},
		{Label: "Vulnerabilities not assessed", Value: itoa(len(s.Summary.Unassessed)) + " of " + itoa(s.Summary.Vulnerabilities), Class: okClass(len(s.Summary.Unassessed) == 0)},
	}
	return v
}

func idStrings(ids []trace.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// mdIDsOrNone lists IDs as code, or says "none".
func mdIDsOrNone(ids []trace.ID) string {
	if len(ids) == 0 {
		return "none"
	}
	return mdIDList(ids)
}
