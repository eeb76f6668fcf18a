package trace_test

import (
	"context"
	"fmt"

	"github.com/medtrace/medtrace/trace"
)

// A small thread: a need derives a requirement that a test verifies, and a
// risk control is implemented by that requirement.
func newBuilder() *trace.Builder {
	b := trace.NewBuilder()
	b.Allow(trace.Derives, "user-need", "requirement")
	b.Allow(trace.Verifies, "test", "requirement")
	b.Allow(trace.ImplementedBy, "risk-control", "requirement")
	b.AddItem(trace.Item{ID: "UN-1", Kind: "user-need", Title: "Deliver the prescribed dose"})
	b.AddItem(trace.Item{ID: "SRS-1", Kind: "requirement", Title: "Stop infusion on occlusion"})
	b.AddItem(trace.Item{ID: "SRS-2", Kind: "requirement", Title: "Alarm on occlusion"})
	b.AddItem(trace.Item{ID: "RC-1", Kind: "risk-control", Title: "Occlusion detection"})
	b.AddItem(trace.Item{ID: "TC-1", Kind: "test", Title: "Occlusion stop test"})
	b.Link("UN-1", trace.Derives, "SRS-1")
	b.Link("UN-1", trace.Derives, "SRS-2")
	b.Link("TC-1", trace.Verifies, "SRS-1")
	b.Link("RC-1", trace.ImplementedBy, "SRS-1")
	return b
}

func ExampleBuilder() {
	b := newBuilder()
	b.AddLink(trace.Link{From: "TC-1", Type: trace.Verifies, To: "SRS-9",
		Pos: trace.Position{File: "tests.yaml", Line: 12, Column: 5}})
	_, err := b.Build()
	fmt.Println(err)

	g, err := newBuilder().Build()
	fmt.Println(g.Len(), "items,", g.LinkCount(), "links, error:", err)
	for _, l := range g.In("SRS-1") {
		fmt.Println(l)
	}
	// Output:
	// trace: 1 problem(s) building the graph
	// 	tests.yaml:12:5: TC-1 -verifies-> SRS-9: no item has ID "SRS-9"
	// 5 items, 4 links, error: <nil>
	// UN-1 -derives-> SRS-1
	// RC-1 -implemented-by-> SRS-1
	// TC-1 -verifies-> SRS-1
}

func ExampleCheck() {
	g, _ := newBuilder().Build()
	rule := trace.LinkRule{
		RuleMeta: trace.RuleMeta{
			ID: "REQ-VERIFIED", Version: 1, Severity: trace.Error,
			Clause:  "IEC 62304:2006+A1:2015 5.7.4",
			Message: "requirement {id} is verified by {count} tests; needs {min}",
		},
		Kind: "requirement", Link: trace.Verifies, Dir: trace.In, To: []trace.Kind{"test"},
	}
	res, err := trace.Check(context.Background(), g, []trace.Rule{rule}, trace.CheckOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Findings {
		fmt.Printf("%s %s v%d [%s] %s: %s\n", f.Severity, f.Rule, f.RuleVersion, f.Clause, f.Item, f.Message)
	}
	c := res.Coverage[0]
	fmt.Printf("coverage %d/%d (%.0f%%), uncovered %v\n", c.Covered, c.Total, c.Percent(), c.Uncovered)
	// Output:
	// error REQ-VERIFIED v1 [IEC 62304:2006+A1:2015 5.7.4] SRS-2: requirement SRS-2 is verified by 0 tests; needs 1
	// coverage 1/2 (50%), uncovered [SRS-2]
}

func ExampleGraph_Impact() {
	g, _ := newBuilder().Build()
	// A change to a requirement reaches the tests that verify it and the
	// controls it implements.
	res, err := g.Impact([]trace.ID{"SRS-1"}, trace.ImpactOptions{Along: []trace.Propagation{
		{Type: trace.Verifies, Dir: trace.In},
		{Type: trace.ImplementedBy, Dir: trace.In},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Reached {
		fmt.Println(r.ID, r.Kind, "via", r.Via, "path", res.Path(r.ID))
	}
	// Output:
	// RC-1 risk-control via RC-1 -implemented-by-> SRS-1 path [RC-1 -implemented-by-> SRS-1]
	// TC-1 test via TC-1 -verifies-> SRS-1 path [TC-1 -verifies-> SRS-1]
}

func ExampleGraph_Suspects() {
	reviewed := trace.NewHasher().String("title", "Stop infusion on occlusion").Sum()
	b := trace.NewBuilder()
	b.Allow(trace.Verifies, "test", "requirement")
	b.AddItem(trace.Item{ID: "SRS-1", Kind: "requirement",
		Fingerprint: trace.NewHasher().String("title", "Stop infusion within 1 s of occlusion").Sum()})
	b.AddItem(trace.Item{ID: "TC-1", Kind: "test"})
	// The test was reviewed against the requirement's earlier wording.
	b.AddLink(trace.Link{From: "TC-1", Type: trace.Verifies, To: "SRS-1", Reviewed: reviewed})
	g, _ := b.Build()
	for _, s := range g.Suspects() {
		fmt.Printf("%s is suspect: reviewed %s, now %s\n", s.Link, s.Link.Reviewed.Short(), s.Current.Short())
	}
	// Output:
	// TC-1 -verifies-> SRS-1 is suspect: reviewed d74bec1d2fa3, now 71f369c8d270
}
