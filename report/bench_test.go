package report

import (
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/internal/synth"
	"github.com/medtrace/medtrace/trace"
)

var (
	synthOnce     sync.Once
	synthFindings Findings
	synthErr      error
)

// bigFindings checks the 100k-item, 1M-link synthetic graph once.
func bigFindings(b *testing.B) Findings {
	b.Helper()
	synthOnce.Do(func() {
		// Every tenth link is dropped so that the rules find gaps, as a
		// project in progress has them.
		sg := synth.New(100_000, 1_000_000, 1)
		kept := sg.Links[:0]
		for i, l := range sg.Links {
			if i%10 != 9 {
				kept = append(kept, l)
			}
		}
		sg.Links = kept
		g, err := sg.Builder().Build()
		if err != nil {
			synthErr = err
			return
		}
		rules := synth.Rules()
		res, err := trace.Check(context.Background(), g, rules, trace.CheckOptions{})
		synthErr = err
		synthFindings = Findings{Meta: Meta{Product: "Synthetic", Version: "1.0.0", Tool: "bench",
			Generated: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)}, Result: res, Graph: g, Rules: rules}
	})
	require.NoError(b, synthErr)
	return synthFindings
}

func BenchmarkSARIF100k(b *testing.B) {
	f := bigFindings(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.SARIF(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.Result.Findings)), "findings")
}

func BenchmarkHTML100k(b *testing.B) {
	f := bigFindings(b)
	p := Page{Meta: f.Meta, Findings: &f}
	b.ReportAllocs()
	for b.Loop() {
		if err := p.HTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.Result.Findings)), "findings")
}

func BenchmarkTraceMatrixCSV100k(b *testing.B) {
	f := bigFindings(b)
	var cells int
	b.ReportAllocs()
	for b.Loop() {
		m, err := NewTraceMatrix(f.Graph, NeedsChain())
		if err != nil {
			b.Fatal(err)
		}
		if err := m.CSV(io.Discard); err != nil {
			b.Fatal(err)
		}
		cells = 0
		for _, r := range m.Rows {
			for _, c := range r.Cells {
				cells += len(c)
			}
		}
	}
	b.ReportMetric(float64(cells), "ids")
}

func BenchmarkThread100k(b *testing.B) {
	f := bigFindings(b)
	b.ReportAllocs()
	for b.Loop() {
		th, err := NewThread(f.Graph)
		if err != nil {
			b.Fatal(err)
		}
		if err := th.SVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJUnit100k(b *testing.B) {
	f := bigFindings(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.JUnit(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
