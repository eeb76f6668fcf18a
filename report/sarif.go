package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) identifiers.
const (
	// SARIFVersion is the value of the log's "version" property.
	SARIFVersion = "2.1.0"
	// SARIFSchema is the URI of the SARIF 2.1.0 JSON schema, written as the
	// log's "$schema".
	SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// fingerprintKey names the partial fingerprint that identifies a finding
// across runs: the rule and the item, not the message.
const fingerprintKey = "medtraceFinding/v1"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
	Properties  *sarifRunProps    `json:"properties,omitempty"`
}

type sarifRunProps struct {
	Product string `json:"product,omitempty"`
	Version string `json:"version,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool   `json:"executionSuccessful"`
	EndTimeUTC          string `json:"endTimeUtc,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     *sarifMessage  `json:"shortDescription,omitempty"`
	DefaultConfiguration *sarifConfig   `json:"defaultConfiguration,omitempty"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifRuleProps struct {
	Clause  string `json:"clause,omitempty"`
	Version int    `json:"version,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Item        trace.ID `json:"item"`
	Clause      string   `json:"clause,omitempty"`
	RuleVersion int      `json:"ruleVersion"`
	Path        []string `json:"path,omitempty"`
}

type sarifLocation struct {
	ID               *int           `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifMessage  `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifSuppression struct {
	Kind          string               `json:"kind"`
	Status        string               `json:"status"`
	Justification string               `json:"justification"`
	Properties    sarifSuppressionProp `json:"properties"`
}

type sarifSuppressionProp struct {
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
}

// sarifLevel maps a severity to a SARIF result level (SARIF 2.1.0 3.27.10).
func sarifLevel(s trace.Severity) string {
	switch s {
	case trace.Error:
		return "error"
	case trace.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes the findings as a SARIF 2.1.0 log with one run. The driver
// lists every rule with its short description and, as properties, its clause
// and version. Each finding is a result at its item's source position when
// the graph has one, and always with the item as a logical location; a waived
// finding carries an accepted external suppression with the waiver's
// rationale as justification.
func (f Findings) SARIF(w io.Writer) error {
	if err := f.check(); err != nil {
		return err
	}
	rules := catalog(f.Rules, f.Result)
	index := make(map[string]int, len(rules))
	driver := sarifDriver{Name: ToolName, Version: f.Meta.Tool, Rules: make([]sarifRule, 0, len(rules))}
	for i, r := range rules {
		index[r.ID] = i
		sr := sarifRule{ID: r.ID, Properties: sarifRuleProps{Clause: r.Clause, Version: r.Version}}
		if r.Summary != "" {
			sr.ShortDescription = &sarifMessage{Text: r.Summary}
		}
		if r.Severity.Valid() {
			sr.DefaultConfiguration = &sarifConfig{Level: sarifLevel(r.Severity)}
		}
		driver.Rules = append(driver.Rules, sr)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: make([]sarifResult, 0, len(f.Result.Findings))}
	if gen := f.Meta.generated(); gen != "" {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, EndTimeUTC: gen}}
	}
	if f.Meta.Product != "" || f.Meta.Version != "" {
		run.Properties = &sarifRunProps{Product: f.Meta.Product, Version: f.Meta.Version}
	}
	for _, fd := range f.Result.Findings {
		run.Results = append(run.Results, f.sarifResult(fd, index[fd.Rule]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

// itemLocation is the location of an item: logical always, physical when
// the graph knows where the item was read from.
func (f Findings) itemLocation(id trace.ID) sarifLocation {
	loc := sarifLocation{LogicalLocations: []sarifLogical{{Name: string(id), FullyQualifiedName: string(id)}}}
	if it, ok := itemOf(f.Graph, id); ok {
		loc.LogicalLocations[0].Kind = string(it.Kind)
		loc.PhysicalLocation = sarifPhysicalOf(it.Pos)
	}
	return loc
}

// relatedLocations locates the items along a finding's path, each once, the
// finding's own item left out, with the link that reaches it as message.
func (f Findings) relatedLocations(fd trace.Finding) []sarifLocation {
	var out []sarifLocation
	seen := map[trace.ID]bool{fd.Item: true}
	for _, h := range fd.Path {
		for _, id := range [...]trace.ID{h.From, h.To} {
			if seen[id] {
				continue
			}
			seen[id] = true
			loc := f.itemLocation(id)
			n := len(out)
			loc.ID, loc.Message = &n, &sarifMessage{Text: h.String()}
			out = append(out, loc)
		}
	}
	return out
}

func (f Findings) sarifResult(fd trace.Finding, ruleIndex int) sarifResult {
	loc := f.itemLocation(fd.Item)
	sum := sha256.Sum256([]byte(fd.Rule + "\x00" + string(fd.Item)))
	res := sarifResult{
		RuleID: fd.Rule, RuleIndex: ruleIndex, Level: sarifLevel(fd.Severity),
		Message:             sarifMessage{Text: fd.Message},
		Locations:           []sarifLocation{loc},
		RelatedLocations:    f.relatedLocations(fd),
		PartialFingerprints: map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])},
		Properties:          sarifResultProps{Item: fd.Item, Clause: fd.Clause, RuleVersion: fd.RuleVersion},
	}
	for _, h := range fd.Path {
		res.Properties.Path = append(res.Properties.Path, h.String())
	}
	if wv := fd.Waiver; wv != nil {
		res.Suppressions = []sarifSuppression{{
			Kind: "external", Status: "accepted", Justification: wv.Rationale,
			Properties: sarifSuppressionProp{Author: wv.Author, Date: date(wv.Date)},
		}}
	}
	return res
}

// sarifPhysicalOf returns the physical location of a source position, or nil
// when the position names no file.
func sarifPhysicalOf(p trace.Position) *sarifPhysical {
	if p.File == "" {
		return nil
	}
	out := &sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(p.File)}}
	if p.Line > 0 {
		out.Region = &sarifRegion{StartLine: p.Line}
		if p.Column > 0 {
			out.Region.StartColumn = p.Column
		}
	}
	return out
}

// fileURI turns a file path into a URI reference: forward slashes, each
// segment percent-encoded where needed.
func fileURI(name string) string {
	segs := strings.Split(strings.ReplaceAll(name, `\`, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	// A colon in the first segment would read as a URI scheme.
	segs[0] = strings.ReplaceAll(segs[0], ":", "%3A")
	return strings.Join(segs, "/")
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }
