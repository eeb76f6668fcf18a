package lifecycle

import (
	"errors"
	"fmt"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// Activity is one sub-clause of IEC 62304 clauses 4 to 9 in the
// requirements-by-class matrix: which software safety classes it applies to
// in an edition, what it expects, and what in the project counts as
// evidence for it.
type Activity struct {
	// Clause is the sub-clause number, such as "5.1.1".
	Clause string `json:"clause"`
	// Title is a short title of the activity (paraphrased).
	Title string `json:"title"`
	// Classes are the classes the activity applies to, lowest first.
	Classes []Class `json:"classes"`
	// Outputs paraphrases the records or content the activity expects.
	Outputs string `json:"outputs"`
	// Optional marks an alternative route (4.4 legacy software) that is
	// never reported as a gap.
	Optional bool `json:"optional,omitempty"`
	// Evidence says what counts as evidence besides a document claiming the
	// clause (a document's Clauses naming it or an enclosing clause).
	Evidence Evidence `json:"evidence,omitzero"`
}

// AppliesTo reports whether the activity is required for class c.
func (a Activity) AppliesTo(c Class) bool { return slices.Contains(a.Classes, c) }

// Evidence describes the records that give evidence for an activity. Any one
// matching document or record is enough.
type Evidence struct {
	// Documents are the document types that give evidence.
	Documents []DocumentType `json:"documents,omitempty"`
	// Records are the graph records that give evidence.
	Records []RecordQuery `json:"records,omitempty"`
}

// RecordQuery selects graph items: items of Kind, with attribute Attr equal
// to Value when Attr is set and, when Link is set, with at least one
// outgoing link of that type to an item of kind To (whose attribute ToAttr
// equals ToValue when ToAttr is set).
type RecordQuery struct {
	// Kind is the kind of the items selected. Required.
	Kind trace.Kind `json:"kind"`
	// Attr names an attribute the items must carry with Value.
	Attr string `json:"attr,omitempty"`
	// Value is the attribute's required value.
	Value string `json:"value,omitempty"`
	// Link is a link type the items must have outgoing.
	Link trace.LinkType `json:"link,omitempty"`
	// To is the kind at the other end of Link.
	To trace.Kind `json:"to,omitempty"`
	// ToAttr names an attribute the other end must carry with ToValue.
	ToAttr string `json:"toAttr,omitempty"`
	// ToValue is that attribute's required value.
	ToValue string `json:"toValue,omitempty"`
}

// String describes the query for people, such as
// "test-result -evidences-> test[type=unit]".
func (q RecordQuery) String() string {
	s := string(q.Kind) + attrSuffix(q.Attr, q.Value)
	if q.Link != "" {
		s += fmt.Sprintf(" -%s-> %s%s", q.Link, q.To, attrSuffix(q.ToAttr, q.ToValue))
	}
	return s
}

func attrSuffix(k, v string) string {
	if k == "" {
		return ""
	}
	return "[" + k + "=" + v + "]"
}

// ErrUnknownEdition is returned for an edition the matrix does not hold.
var ErrUnknownEdition = errors.New("lifecycle: unknown IEC 62304 edition")

// Activities returns the requirements-by-class matrix of edition e
// (IEC 62304 clauses 4 to 9), in clause order. The slice is new on every
// call; the caller may change it.
//
// Under Edition2006 the activities that Amd1 extended to class A (all of
// 5.7, 5.8.1, 5.8.2, 5.8.7, 5.8.8, 6.2.3) apply to B and C only, and the
// activities Amd1 added (4.4, 5.1.12) are absent.
func Activities(e Edition) ([]Activity, error) {
	if !e.Valid() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownEdition, e)
	}
	rows := matrix2015()
	if e == Edition2015 {
		return rows, nil
	}
	out := rows[:0]
	for _, a := range rows {
		switch {
		case a.Clause == "4.4" || a.Clause == "5.1.12":
			continue
		case extendedToA(a.Clause):
			a.Classes = []Class{ClassB, ClassC}
		}
		out = append(out, a)
	}
	return out, nil
}

// extendedToA reports the activities Amd1 extended to class A.
func extendedToA(clause string) bool {
	switch clause {
	case "5.7.1", "5.7.2", "5.7.3", "5.7.4", "5.7.5", "5.8.1", "5.8.2", "5.8.7", "5.8.8", "6.2.3":
		return true
	}
	return false
}
