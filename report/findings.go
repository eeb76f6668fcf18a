package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/medtrace/medtrace/trace"
)

// FindingsSchema identifies the JSON findings format written by
// Findings.JSON. A change that breaks readers gets a new version.
const FindingsSchema = "medtrace.findings/v1"

// Findings is the outcome of a check ready to render: the result, the graph
// it was checked on and the rules that ran. Its methods write the findings
// as versioned JSON, SARIF 2.1.0, JUnit XML and Markdown.
type Findings struct {
	// Meta identifies the report.
	Meta Meta
	// Result is the outcome of trace.Check. Required.
	Result *trace.Result
	// Graph, when set, gives each finding its item's kind, title and source
	// position.
	Graph *trace.Graph
	// Rules, when set, give each rule its summary. Rules met only in the
	// result are described from its findings.
	Rules []trace.Rule
}

func (f Findings) check() error {
	if f.Result == nil {
		return fmt.Errorf("%w: findings need a trace.Result", ErrMissingInput)
	}
	return nil
}

// jsonFindings is the findings document (FindingsSchema).
type jsonFindings struct {
	Schema        string          `json:"schema"`
	Product       string          `json:"product,omitempty"`
	Version       string          `json:"version,omitempty"`
	Generated     string          `json:"generated,omitempty"`
	Tool          string          `json:"tool,omitempty"`
	Summary       []severityCount `json:"summary"`
	Rules         []jsonRule      `json:"rules"`
	Findings      []jsonFinding   `json:"findings"`
	Coverage      []jsonCoverage  `json:"coverage"`
	UnusedWaivers []jsonWaiver    `json:"unusedWaivers,omitempty"`
}

type jsonRule struct {
	ID       string         `json:"id"`
	Version  int            `json:"version,omitempty"`
	Severity trace.Severity `json:"severity,omitempty"`
	Clause   string         `json:"clause,omitempty"`
	Summary  string         `json:"summary,omitempty"`
}

type jsonFinding struct {
	Rule        string          `json:"rule"`
	RuleVersion int             `json:"ruleVersion"`
	Severity    trace.Severity  `json:"severity"`
	Item        trace.ID        `json:"item"`
	Kind        trace.Kind      `json:"kind,omitempty"`
	Title       string          `json:"title,omitempty"`
	Message     string          `json:"message"`
	Clause      string          `json:"clause"`
	Position    *trace.Position `json:"position,omitempty"`
	Path        []trace.Hop     `json:"path,omitempty"`
	Waiver      *jsonWaiver     `json:"waiver,omitempty"`
}

type jsonWaiver struct {
	Rule      string   `json:"rule"`
	Item      trace.ID `json:"item"`
	Rationale string   `json:"rationale"`
	Author    string   `json:"author"`
	Date      string   `json:"date"`
}

type jsonCoverage struct {
	Rule      string     `json:"rule"`
	Covered   int        `json:"covered"`
	Total     int        `json:"total"`
	Percent   float64    `json:"percent"`
	Uncovered []trace.ID `json:"uncovered,omitempty"`
}

func toJSONWaiver(w trace.Waiver) jsonWaiver {
	return jsonWaiver{Rule: w.Rule, Item: w.Item, Rationale: w.Rationale, Author: w.Author, Date: date(w.Date)}
}

// JSON writes the findings as an indented JSON document whose "schema" is
// FindingsSchema: the summary by severity, the rules, every finding (waived
// ones with their waiver), coverage per rule and unused waivers.
func (f Findings) JSON(w io.Writer) error {
	if err := f.check(); err != nil {
		return err
	}
	doc := jsonFindings{
		Schema: FindingsSchema, Product: f.Meta.Product, Version: f.Meta.Version,
		Generated: f.Meta.generated(), Tool: f.Meta.Tool,
		Summary:  summarise(f.Result),
		Rules:    []jsonRule{},
		Findings: make([]jsonFinding, 0, len(f.Result.Findings)),
		Coverage: make([]jsonCoverage, 0, len(f.Result.Coverage)),
	}
	for _, r := range catalog(f.Rules, f.Result) {
		doc.Rules = append(doc.Rules, jsonRule(r))
	}
	for _, fd := range f.Result.Findings {
		doc.Findings = append(doc.Findings, f.jsonFinding(fd))
	}
	for _, c := range f.Result.Coverage {
		doc.Coverage = append(doc.Coverage, jsonCoverage{
			Rule: c.Rule, Covered: c.Covered, Total: c.Total, Percent: c.Percent(), Uncovered: c.Uncovered,
		})
	}
	for _, wv := range f.Result.UnusedWaivers {
		doc.UnusedWaivers = append(doc.UnusedWaivers, toJSONWaiver(wv))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func (f Findings) jsonFinding(fd trace.Finding) jsonFinding {
	out := jsonFinding{
		Rule: fd.Rule, RuleVersion: fd.RuleVersion, Severity: fd.Severity, Item: fd.Item,
		Message: fd.Message, Clause: fd.Clause, Path: fd.Path,
	}
	if it, ok := itemOf(f.Graph, fd.Item); ok {
		out.Kind, out.Title = it.Kind, it.Title
		if !it.Pos.IsZero() {
			pos := it.Pos
			out.Position = &pos
		}
	}
	if fd.Waiver != nil {
		wv := toJSONWaiver(*fd.Waiver)
		out.Waiver = &wv
	}
	return out
}
