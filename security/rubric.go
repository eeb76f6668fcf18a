package security

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

//go:embed data/rubric.json
var rubricJSON []byte

// Rubric is a versioned question tree that derives a CVSS v3.1 vector from
// answers about a medical device, after the MITRE "Rubric for Applying CVSS
// to Medical Devices" (an FDA-qualified medical device development tool).
// The shipped tree paraphrases the rubric's structure and answer
// identifiers; a maker holding the rubric text should load its own.
type Rubric struct {
	// Name and Version identify the tree; answers record them. Required.
	Name    string `json:"name"`
	Version string `json:"version"`
	// Questions are asked from the first; an answer's Next, or else the
	// question's Next, names the following question; "" ends.
	Questions []Question `json:"questions"`
}

// Question is one node of the rubric.
type Question struct {
	// ID identifies the question. Required.
	ID string `json:"id"`
	// Metric is the CVSS v3.1 metric an answer sets ("AV"), if any.
	Metric string `json:"metric,omitempty"`
	// Text is the question.
	Text string `json:"text"`
	// Next is the question that follows when the answer names none.
	Next string `json:"next,omitempty"`
	// Answers are the choices. Required.
	Answers []Answer `json:"answers"`
}

// Answer is one choice of a question.
type Answer struct {
	// ID is the rubric's answer identifier ("XAVN"). Required.
	ID string `json:"id"`
	// Text describes the choice.
	Text string `json:"text"`
	// Value is the metric value the choice sets ("N").
	Value string `json:"value,omitempty"`
	// Class is the data or function class the choice concerns, if any.
	Class DataClass `json:"class,omitempty"`
	// Next overrides the question's Next.
	Next string `json:"next,omitempty"`
}

// RubricAnswers are the answers given for one assessment.
type RubricAnswers struct {
	// Rubric and Version name the tree answered. Required.
	Rubric  string `json:"rubric"`
	Version string `json:"version"`
	// Answers maps question ID to answer ID.
	Answers map[string]string `json:"answers"`
}

// DefaultRubric returns a fresh copy of the shipped rubric tree.
func DefaultRubric() (*Rubric, error) {
	var r Rubric
	if err := decodeJSON(context.Background(), bytes.NewReader(rubricJSON), DecodeOptions{}, &r); err != nil {
		return nil, err
	}
	return &r, r.Validate()
}

// DecodeRubric reads a rubric tree in YAML or JSON and validates it.
func DecodeRubric(ctx context.Context, r io.Reader, opts DecodeOptions) (*Rubric, error) {
	var rub Rubric
	if err := decodeDoc(ctx, r, opts, &rub); err != nil {
		return nil, err
	}
	if err := rub.Validate(); err != nil {
		return nil, err
	}
	return &rub, nil
}

// Validate reports every problem with the tree at once.
func (r *Rubric) Validate() error {
	var p problems
	noPos := trace.Position{}
	if r.Name == "" || r.Version == "" {
		p.add("rubric", "", noPos, ErrMissing, "name and version are required")
	}
	if len(r.Questions) == 0 {
		p.add("rubric.questions", "", noPos, ErrMissing, "at least one question is required")
	}
	ids := map[string]bool{}
	for _, q := range r.Questions {
		ids[q.ID] = true
	}
	next := func(path, n string) {
		if n != "" && !ids[n] {
			p.add(path, "", noPos, ErrUnknownRef, "no question has ID %q", n)
		}
	}
	seen := map[string]bool{}
	for i, q := range r.Questions {
		path := fmt.Sprintf("rubric.questions[%d]", i)
		if q.ID == "" || seen[q.ID] {
			p.add(path+".id", "", noPos, ErrDuplicateID, "question ID %q is empty or repeated", q.ID)
		}
		seen[q.ID] = true
		next(path+".next", q.Next)
		if len(q.Answers) == 0 {
			p.add(path+".answers", "", noPos, ErrMissing, "question %q has no answers", q.ID)
		}
		for j, a := range q.Answers {
			ap := fmt.Sprintf("%s.answers[%d]", path, j)
			if a.ID == "" {
				p.add(ap+".id", "", noPos, ErrMissing, "answer ID is required")
			}
			if a.Value != "" && q.Metric == "" {
				p.add(ap+".value", "", noPos, ErrInvalid, "question %q sets no metric, so answer %q cannot set a value", q.ID, a.ID)
			}
			if a.Class != "" && !a.Class.Valid() {
				p.add(ap+".class", "", noPos, ErrInvalid, "unknown data class %q", a.Class)
			}
			next(ap+".next", a.Next)
		}
	}
	return p.err()
}

// Vector walks the tree with the answers and returns the CVSS v3.1 vector and
// the data classes the answers concern. It names the first question left
// unanswered or answered with an unknown choice; a metric set by several
// answers keeps the highest-impact value the tree lists first.
func (r *Rubric) Vector(a RubricAnswers) (string, []DataClass, error) {
	if a.Rubric != r.Name || a.Version != r.Version {
		return "", nil, fmt.Errorf("answers are for rubric %q version %q, not %q version %q", a.Rubric, a.Version, r.Name, r.Version)
	}
	if len(r.Questions) == 0 {
		return "", nil, fmt.Errorf("rubric %q has no questions", r.Name)
	}
	byID := make(map[string]*Question, len(r.Questions))
	for i := range r.Questions {
		byID[r.Questions[i].ID] = &r.Questions[i]
	}
	metrics := map[string]string{}
	var classes []DataClass
	q := &r.Questions[0]
	for steps := 0; q != nil; steps++ {
		if steps > len(r.Questions) {
			return "", nil, fmt.Errorf("question %q: the tree loops", q.ID)
		}
		aid, ok := a.Answers[q.ID]
		if !ok {
			return "", nil, fmt.Errorf("question %q (%s) is not answered", q.ID, q.Text)
		}
		var ans *Answer
		for i := range q.Answers {
			if q.Answers[i].ID == aid {
				ans = &q.Answers[i]
			}
		}
		if ans == nil {
			return "", nil, fmt.Errorf("question %q: %q is not one of its answers", q.ID, aid)
		}
		if ans.Value != "" {
			if _, set := metrics[q.Metric]; !set {
				metrics[q.Metric] = ans.Value
			}
		}
		if ans.Class != "" {
			classes = append(classes, ans.Class)
		}
		n := cmpOr(ans.Next, q.Next)
		q = byID[n]
	}
	var b strings.Builder
	b.WriteString("CVSS:3.1")
	for _, m := range []string{"AV", "AC", "PR", "UI", "S", "C", "I", "A"} {
		v, ok := metrics[m]
		if !ok {
			return "", nil, fmt.Errorf("the answers set no value for CVSS metric %s", m)
		}
		fmt.Fprintf(&b, "/%s:%s", m, v)
	}
	return b.String(), classes, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
