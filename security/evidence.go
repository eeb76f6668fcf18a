package security

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

//go:embed data/activities-81001.json
var activitiesJSON []byte

//go:embed data/fda-documentation.json
var fdaJSON []byte

// Evidence is one item of evidence that satisfies an activity.
type Evidence struct {
	// ID is "<activity>/<name>", such as "FDA-D5/sbom".
	ID string `json:"id"`
	// Title says what the evidence is.
	Title string `json:"title"`
	// Kinds are graph kinds whose presence satisfies the evidence; empty
	// when only a document can.
	Kinds []trace.Kind `json:"kinds,omitempty"`
}

// Activity is an IEC 81001-5-1 activity or an FDA documentation item with
// the evidence that satisfies it.
type Activity struct {
	// ID is "81001-<clause>" or "FDA-D<n>".
	ID string `json:"id"`
	// Source is the document ("IEC 81001-5-1:2021").
	Source string `json:"source"`
	// Clause is the clause or section, such as "5.7.1–5.7.4" or "V.A.4".
	Clause string `json:"clause"`
	// Title paraphrases what the activity asks.
	Title string `json:"title"`
	// Evidence lists the evidence items.
	Evidence []Evidence `json:"evidence"`
	// CyberDeviceOnly says the item is required only for cyber devices
	// (FD&C Act 524B(c)).
	CyberDeviceOnly bool `json:"cyberDeviceOnly,omitempty"`
}

type activityList struct {
	Source     string     `json:"source"`
	Note       string     `json:"note"`
	Activities []Activity `json:"activities"`
}

func loadActivities(data []byte, name string) ([]Activity, error) {
	var l activityList
	if err := decodeJSON(context.Background(), bytes.NewReader(data), DecodeOptions{Name: name}, &l); err != nil {
		return nil, err
	}
	return l.Activities, nil
}

// Activities returns the IEC 81001-5-1:2021 activities of clauses 4 to 9,
// with their evidence items, in clause order.
func Activities() ([]Activity, error) { return loadActivities(activitiesJSON, "activities-81001.json") }

// FDADocumentation returns the FDA premarket cybersecurity documentation
// items D1–D14 (threat model, security risk report, SBOM with support data,
// vulnerability assessment, anomalies with CWE, architecture views, testing,
// labeling, management plan, metrics), with their evidence items.
func FDADocumentation() ([]Activity, error) { return loadActivities(fdaJSON, "fda-documentation.json") }

// Gap is an evidence item that is missing.
type Gap struct {
	// Activity, Source and Clause name the activity; Evidence is what is missing.
	Activity string   `json:"activity"`
	Source   string   `json:"source"`
	Clause   string   `json:"clause"`
	Evidence Evidence `json:"evidence"`
}

// String formats the gap for a person.
func (g Gap) String() string {
	return fmt.Sprintf("%s %s (%s): missing %s", g.Source, g.Clause, g.Activity, g.Evidence.Title)
}

// Gaps returns the evidence items of acts that have does not report, in
// activity order. have is typically Present.
func Gaps(acts []Activity, have func(Evidence) bool) []Gap {
	var out []Gap
	for _, a := range acts {
		for _, e := range a.Evidence {
			if have == nil || !have(e) {
				out = append(out, Gap{Activity: a.ID, Source: a.Source, Clause: a.Clause, Evidence: e})
			}
		}
	}
	return out
}

// Present returns a test for Gaps over a graph: evidence is present when the
// graph has an item of one of its kinds, or an item whose "evidence"
// attribute lists the evidence ID (comma-separated; a lifecycle document
// record, for instance), or when documented lists its ID.
func Present(g *trace.Graph, documented ...string) func(Evidence) bool {
	ids := map[string]bool{}
	for _, d := range documented {
		ids[d] = true
	}
	if g != nil {
		for it := range g.Items() {
			for _, id := range strings.Split(it.Attr("evidence"), ",") {
				if id = strings.TrimSpace(id); id != "" {
					ids[id] = true
				}
			}
		}
	}
	return func(e Evidence) bool {
		if ids[e.ID] {
			return true
		}
		return g != nil && slices.ContainsFunc(e.Kinds, func(k trace.Kind) bool { return g.CountKind(k) > 0 })
	}
}
