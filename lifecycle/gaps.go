package lifecycle

import (
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// GapReport is the activity evidence check for one software safety class:
// every activity of the matrix required for that class, with what gives
// evidence for it (IEC 62304:2006+A1:2015 clauses 4-9; 4.4.3 for the same
// check on legacy software).
type GapReport struct {
	// Edition is the matrix edition used.
	Edition Edition `json:"edition"`
	// Class is the class checked.
	Class Class `json:"class"`
	// Activities are the required activities, in clause order.
	Activities []ActivityEvidence `json:"activities"`
}

// ActivityEvidence is one required activity and its evidence.
type ActivityEvidence struct {
	// Activity is the activity of the matrix.
	Activity Activity `json:"activity"`
	// Satisfied reports whether any evidence was found.
	Satisfied bool `json:"satisfied"`
	// Documents are the documents that claim the clause (or an enclosing
	// one) or are of a type the activity accepts, in ID order.
	Documents []trace.ID `json:"documents,omitempty"`
	// Records are the record queries that matched, with their counts.
	Records []RecordMatch `json:"records,omitempty"`
}

// RecordMatch is a record query that matched graph items.
type RecordMatch struct {
	// Query describes the query, as RecordQuery.String.
	Query string `json:"query"`
	// Count is the number of matching items.
	Count int `json:"count"`
	// First is the first matching item in ID order.
	First trace.ID `json:"first"`
}

// Missing returns the activities without evidence, in clause order.
func (r *GapReport) Missing() []ActivityEvidence {
	var out []ActivityEvidence
	for _, a := range r.Activities {
		if !a.Satisfied {
			out = append(out, a)
		}
	}
	return out
}

// Gaps checks which activities required for class have evidence in g: the
// project's graph (see Graph), holding its documents and records. An
// invalid class is checked as class C (IEC 62304:2006+A1:2015 4.3 g). It
// returns ErrUnknownEdition if the system's edition is not known.
func (p *Project) Gaps(g *trace.Graph, class Class) (*GapReport, error) {
	if p == nil {
		p = &Project{}
	}
	if g == nil {
		g = emptyGraph()
	}
	acts, err := Activities(p.System.Edition)
	if err != nil {
		return nil, err
	}
	if !class.Valid() {
		class = ClassC
	}
	rep := &GapReport{Edition: p.System.Edition, Class: class}
	docs := documentsOf(g)
	for _, a := range acts {
		if !a.AppliesTo(class) || a.Optional {
			continue
		}
		ae := ActivityEvidence{Activity: a}
		for _, d := range docs {
			if d.claims(a.Clause) || containsType(a.Evidence.Documents, d.typ) {
				ae.Documents = append(ae.Documents, d.id)
			}
		}
		for _, q := range a.Evidence.Records {
			if m, ok := match(g, q); ok {
				ae.Records = append(ae.Records, m)
			}
		}
		ae.Satisfied = len(ae.Documents) > 0 || len(ae.Records) > 0
		rep.Activities = append(rep.Activities, ae)
	}
	return rep, nil
}

type docInfo struct {
	id      trace.ID
	typ     DocumentType
	clauses []string
}

// claims reports whether the document names clause or an enclosing clause
// ("5.1" encloses "5.1.1").
func (d docInfo) claims(clause string) bool {
	for _, c := range d.clauses {
		if c == clause || strings.HasPrefix(clause, c+".") {
			return true
		}
	}
	return false
}

func documentsOf(g *trace.Graph) []docInfo {
	var out []docInfo
	for it := range g.OfKind(KindDocument) {
		out = append(out, docInfo{id: it.ID, typ: DocumentType(it.Attr("type")), clauses: strings.Fields(it.Attr("clauses"))})
	}
	return out
}

func containsType(ts []DocumentType, t DocumentType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// match counts the items q selects.
func match(g *trace.Graph, q RecordQuery) (RecordMatch, bool) {
	m := RecordMatch{Query: q.String()}
	for it := range g.OfKind(q.Kind) {
		if q.Attr != "" && it.Attr(q.Attr) != q.Value {
			continue
		}
		if q.Link != "" && !hasLinkTo(g, it.ID, q) {
			continue
		}
		if m.Count == 0 {
			m.First = it.ID
		}
		m.Count++
	}
	return m, m.Count > 0
}

func hasLinkTo(g *trace.Graph, id trace.ID, q RecordQuery) bool {
	for _, to := range g.Neighbours(id, trace.Out, q.Link) {
		it, _ := g.Item(to)
		if it.Kind == q.To && (q.ToAttr == "" || it.Attr(q.ToAttr) == q.ToValue) {
			return true
		}
	}
	return false
}
