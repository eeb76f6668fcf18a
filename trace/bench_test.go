package trace_test

import (
	"context"
	"testing"
	"time"

	"github.com/medtrace/medtrace/internal/synth"
	"github.com/medtrace/medtrace/trace"
)

// The DESIGN.md target: build and check the thread rules on 100k items and
// 1M links in ≤ 1 s and ≤ 1 GB on one core.
const (
	benchItems = 100_000
	benchLinks = 1_000_000
)

var benchGraph = func() func(b *testing.B) (*synth.Graph, *trace.Graph) {
	var sg *synth.Graph
	var g *trace.Graph
	return func(b *testing.B) (*synth.Graph, *trace.Graph) {
		if g == nil {
			sg = synth.New(benchItems, benchLinks, 1)
			var err error
			g, err = sg.Builder().Build()
			if err != nil {
				b.Fatal(err)
			}
		}
		return sg, g
	}
}()

func BenchmarkBuildAndCheck100k(b *testing.B) {
	sg, _ := benchGraph(b)
	rules := synth.Rules()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		g, err := sg.Builder().Build()
		if err != nil {
			b.Fatal(err)
		}
		res, err := trace.Check(context.Background(), g, rules, trace.CheckOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Coverage) != len(rules) {
			b.Fatal("missing coverage")
		}
	}
	b.ReportMetric(float64(len(sg.Links)), "links")
}

func BenchmarkBuild100k(b *testing.B) {
	sg, _ := benchGraph(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sg.Builder().Build(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck100k(b *testing.B) {
	_, g := benchGraph(b)
	rules := synth.Rules()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := trace.Check(context.Background(), g, rules, trace.CheckOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImpact100k: change impact of one requirement on the 100k/1M graph
// along the propagations a release uses (target ≤ 10 ms).
func BenchmarkImpact100k(b *testing.B) {
	sg, g := benchGraph(b)
	along := []trace.Propagation{
		{Type: trace.Verifies, Dir: trace.In}, {Type: trace.Evidences, Dir: trace.In},
		{Type: trace.ImplementedBy, Dir: trace.In}, {Type: trace.Mitigates, Dir: trace.Out},
		{Type: trace.Derives, Dir: trace.Out}, {Type: trace.AllocatedTo, Dir: trace.Out},
	}
	start := []trace.ID{sg.IDs(synth.Req)[42]}
	b.ReportAllocs()
	b.ResetTimer()
	var reached int
	for b.Loop() {
		res, err := g.Impact(start, trace.ImpactOptions{Along: along})
		if err != nil {
			b.Fatal(err)
		}
		reached = len(res.Reached)
	}
	b.ReportMetric(float64(reached), "reached")
}

// BenchmarkImpactAll100k is the worst case: every link both ways, which
// reaches the whole connected graph.
func BenchmarkImpactAll100k(b *testing.B) {
	sg, g := benchGraph(b)
	start := []trace.ID{sg.IDs(synth.Req)[42]}
	b.ReportAllocs()
	b.ResetTimer()
	var reached int
	for b.Loop() {
		res, err := g.Impact(start, trace.ImpactOptions{})
		if err != nil {
			b.Fatal(err)
		}
		reached = len(res.Reached)
	}
	b.ReportMetric(float64(reached), "reached")
}

func BenchmarkBaselineDiff100k(b *testing.B) {
	_, g := benchGraph(b)
	old := g.Baseline("1.0", time.Time{})
	next := g.Baseline("1.1", time.Time{})
	next.Entries = append([]trace.BaselineEntry(nil), next.Entries...)
	for i := 0; i < len(next.Entries); i += 100 {
		next.Entries[i].Fingerprint[0] ^= 0xff
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d := trace.DiffBaselines(old, next)
		if len(d.Changed) != (len(next.Entries)+99)/100 {
			b.Fatal("wrong diff")
		}
	}
}
