package lifecycle

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

// The benchmarks run on a synthetic project of about 100,000 items (see
// synthProject): run them with -benchtime 1x or a few iterations.

func BenchmarkGraph100k(b *testing.B) {
	p := synthProject(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Graph(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassify100k(b *testing.B) {
	p := synthProject(100_000)
	g, err := p.Graph()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Classify(g, ClassifyOptions{})
	}
}

// BenchmarkCheck100k builds the graph and runs the full thread rule set;
// the "without-soup-records" case leaves out the SOUP annotations, whose
// matching to components is the SBOM package's share of the build.
func BenchmarkCheck100k(b *testing.B) {
	full := synthProject(100_000)
	bare := synthProject(100_000)
	bare.SOUP = nil
	for _, bc := range []struct {
		name string
		p    *Project
	}{{"full", full}, {"without-soup-records", bare}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.p.Check(context.Background(), CheckOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRules100k runs the full thread rule set on a built graph.
func BenchmarkRules100k(b *testing.B) {
	p := synthProject(100_000)
	g, err := p.Graph()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := trace.Check(context.Background(), g, p.Rules(), trace.CheckOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGaps100k(b *testing.B) {
	p := synthProject(100_000)
	g, err := p.Graph()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Gaps(g, ClassC); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSynthProjectIsValid(t *testing.T) {
	p := synthProject(2_000)
	g, err := p.Graph()
	require.NoError(t, err)
	require.Greater(t, g.Len(), 1_500)
	cl := p.Classify(g, ClassifyOptions{})
	require.False(t, cl.Unclassified)
	require.NotEmpty(t, cl.Situations)
}
