package report

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// SOUPList is the list of SOUP items of a device (IEC 62304:2006+A1:2015
// 8.1.2, 7.1.3; FDA premarket cybersecurity guidance V.A.4): every component
// of the SBOMs with the maker's SOUP record, its support, the evaluation of
// its anomaly list and its known vulnerabilities.
type SOUPList struct {
	// Entries, one per component, ordered by component ID.
	Entries []SOUPEntry
	// Unmatched are the IDs of SOUP records that match no component.
	Unmatched []string
}

// SOUPEntry is one component of the SOUP list.
type SOUPEntry struct {
	// Component is the component's trace item ID.
	Component trace.ID
	// Name is "group/name"; Version the supplier's version.
	Name, Version string
	// PURL is the package URL, if any.
	PURL string
	// Supplier names the supplier, else the manufacturer, from the SBOM.
	Supplier string
	// Licenses are the licences, as written.
	Licenses []string
	// Record is the SOUP record's ID; empty when no record annotates the
	// component.
	Record string
	// Title and Manufacturer are the SOUP record's (IEC 62304 8.1.2).
	Title, Manufacturer string
	// Support is the support level and end of support, the record's when
	// it has one.
	Support sbom.Support
	// AnomalyEvaluation and ReviewedAt are the record's evaluation of the
	// published anomaly list (IEC 62304 7.1.3).
	AnomalyEvaluation, ReviewedAt string
	// UsedBy are the software items that use the component.
	UsedBy []string
	// Assessment is the outcome of vulnerability matching; empty when the
	// components were not matched.
	Assessment sbom.Assessment
	// Vulnerabilities are the matched vulnerabilities.
	Vulnerabilities []SOUPVulnerability
}

// SOUPVulnerability is one known vulnerability of a SOUP component.
type SOUPVulnerability struct {
	// ID is the canonical vulnerability ID.
	ID string
	// Summary is the advisory's one-line summary.
	Summary string
	// Status is the VEX status applied, or sbom.VEXUnstated.
	Status string
}

// NewSOUPList builds the SOUP list from the SBOMs (a component in several
// keeps its first), the SOUP records that annotate them (sbom.Annotate) and,
// when not nil, the vulnerability match report. It fails only when the SOUP
// records are invalid.
func NewSOUPList(boms []*sbom.SBOM, records []sbom.SOUP, matches *sbom.MatchReport) (*SOUPList, error) {
	byID := make(map[string]*sbom.SOUP, len(records))
	for i := range records {
		byID[records[i].ID] = &records[i]
	}
	matched := make(map[string]bool)
	seen := make(map[trace.ID]bool)
	l := &SOUPList{}
	results := matchIndex(matches)
	for _, s := range boms {
		if s == nil {
			continue
		}
		recordOf := map[string]*sbom.SOUP{}
		if len(records) > 0 {
			_, rep, err := sbom.Annotate(s, records)
			if err != nil {
				return nil, err
			}
			for _, m := range rep.Matches {
				if _, ok := recordOf[m.Component]; !ok {
					recordOf[m.Component] = byID[m.SOUP]
				}
				matched[m.SOUP] = true
			}
		}
		for i := range s.Components {
			c := &s.Components[i]
			if seen[c.ID()] {
				continue
			}
			seen[c.ID()] = true
			l.Entries = append(l.Entries, soupEntry(c, recordOf[c.Ref()], results[string(c.ID())]))
		}
	}
	for _, r := range records {
		if !matched[r.ID] {
			l.Unmatched = append(l.Unmatched, r.ID)
		}
	}
	slices.SortFunc(l.Entries, func(a, b SOUPEntry) int { return cmp.Compare(a.Component, b.Component) })
	slices.Sort(l.Unmatched)
	return l, nil
}

func matchIndex(r *sbom.MatchReport) map[string]*sbom.ComponentResult {
	out := map[string]*sbom.ComponentResult{}
	if r == nil {
		return out
	}
	for i := range r.Results {
		if _, ok := out[r.Results[i].Component]; !ok {
			out[r.Results[i].Component] = &r.Results[i]
		}
	}
	return out
}

func soupEntry(c *sbom.Component, rec *sbom.SOUP, res *sbom.ComponentResult) SOUPEntry {
	e := SOUPEntry{
		Component: c.ID(), Name: c.Name, Version: c.Version.String(), PURL: c.PURL,
		Supplier: cmpOr(c.Supplier.Name, c.Manufacturer.Name), Licenses: c.Licenses, Support: c.Support,
	}
	if c.Group != "" {
		e.Name = c.Group + "/" + c.Name
	}
	if rec != nil {
		e.Record, e.Title, e.Manufacturer = rec.ID, rec.Title, rec.Manufacturer
		e.AnomalyEvaluation, e.ReviewedAt, e.UsedBy = rec.AnomalyEvaluation, rec.AnomalyListReviewedAt, rec.UsedBy
		if !rec.Support.IsZero() {
			e.Support = rec.Support
		}
	}
	if res != nil {
		e.Assessment = res.Assessment
		for _, m := range res.Matches {
			v := SOUPVulnerability{ID: m.Vulnerability, Summary: m.Summary, Status: sbom.VEXUnstated}
			if m.VEX != nil {
				v.Status = string(m.VEX.Status)
			}
			e.Vulnerabilities = append(e.Vulnerabilities, v)
		}
	}
	return e
}

// support formats a support statement as "level until date".
func support(s sbom.Support) string {
	var parts []string
	if s.Level != "" {
		parts = append(parts, string(s.Level))
	}
	if s.EndOfSupport != "" {
		parts = append(parts, "until "+s.EndOfSupport)
	}
	if len(parts) == 0 {
		return s.Justification
	}
	return strings.Join(parts, " ")
}

// vulnText lists vulnerabilities as "ID (status)".
func (e SOUPEntry) vulnText() []string {
	out := make([]string, len(e.Vulnerabilities))
	for i, v := range e.Vulnerabilities {
		out[i] = v.ID + " (" + v.Status + ")"
	}
	return out
}

// Markdown writes the SOUP list as a Markdown section: one row per
// component, then the SOUP records that match no component.
func (l *SOUPList) Markdown(w io.Writer) error {
	m := newMDWriter(w)
	l.markdown(m)
	return m.flush()
}

func (l *SOUPList) markdown(m *mdWriter) {
	m.line("## SOUP list")
	m.line()
	annotated := 0
	for _, e := range l.Entries {
		if e.Record != "" {
			annotated++
		}
	}
	m.line(itoa(len(l.Entries)), " component(s), ", itoa(annotated), " with a SOUP record.")
	m.line()
	m.row("Component", "Version", "Manufacturer or supplier", "SOUP record", "Support", "Anomaly list evaluation", "Vulnerabilities")
	m.row("---", "---", "---", "---", "---", "---", "---")
	for _, e := range l.Entries {
		rec := "—"
		if e.Record != "" {
			rec = mdCode(e.Record)
			if e.Title != "" {
				rec += " " + md(e.Title)
			}
		}
		eval := md(e.AnomalyEvaluation)
		if e.ReviewedAt != "" {
			eval += " (reviewed " + md(e.ReviewedAt) + ")"
		}
		vulns := "—"
		if e.Assessment == sbom.NotAssessed {
			vulns = "not assessed"
		}
		if vt := e.vulnText(); len(vt) > 0 {
			for i := range vt {
				vt[i] = md(vt[i])
			}
			vulns = strings.Join(vt, "<br>")
		}
		m.row(md(e.Name), md(e.Version), md(cmpOr(e.Manufacturer, e.Supplier)), rec, md(support(e.Support)), eval, vulns)
	}
	m.line()
	if len(l.Unmatched) > 0 {
		ids := make([]string, len(l.Unmatched))
		for i, id := range l.Unmatched {
			ids[i] = mdCode(id)
		}
		m.line("SOUP records matching no component: ", strings.Join(ids, ", "), ".")
		m.line()
	}
}

// CSV writes the SOUP list as CSV, one row per component, with the same
// columns as the Markdown and the package URL. Formula-like cells are
// defused as in TraceMatrix.CSV.
func (l *SOUPList) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"component", "name", "version", "purl", "supplier", "soup", "title", "manufacturer",
		"support", "anomaly evaluation", "reviewed", "used by", "assessment", "vulnerabilities"}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, e := range l.Entries {
		rec := []string{string(e.Component), e.Name, e.Version, e.PURL, e.Supplier, e.Record, e.Title, e.Manufacturer,
			support(e.Support), e.AnomalyEvaluation, e.ReviewedAt, strings.Join(e.UsedBy, "\n"), string(e.Assessment),
			strings.Join(e.vulnText(), "\n")}
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
