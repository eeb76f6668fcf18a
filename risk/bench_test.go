package risk

import (
	"context"
	"fmt"
	"testing"

	"github.com/medtrace/medtrace/trace"
)

// synthFile generates a risk file of n hazardous situations (five per
// hazard), each leading to one or two of 500 harms, with numeric,
// qualitative and inestimable estimates and a residual estimate, and one
// control for every two situations. It is deterministic.
func synthFile(n int) *File {
	f := &File{Plan: DefaultPlan("RMP-001", ALARP)}
	severities := []string{"Negligible", "Minor", "Serious", "Critical", "Catastrophic"}
	levels := []Probability{"Improbable", "Remote", "Occasional", "Probable", "Frequent"}
	options := []ControlOption{InherentSafety, ProtectiveMeasure, InformationForSafety}
	const harms = 500
	for i := range harms {
		f.Harms = append(f.Harms, Harm{ID: trace.ID(fmt.Sprintf("HARM-%04d", i)), Title: "harm", Severity: severities[i%5]})
	}
	f.Hazards = make([]Hazard, 0, n/5+1)
	for i := range n {
		if i%5 == 0 {
			f.Hazards = append(f.Hazards, Hazard{ID: trace.ID(fmt.Sprintf("HAZ-%06d", i/5)), Title: "hazard",
				Situations: make([]Situation, 0, 5)})
		}
		s := Situation{ID: trace.ID(fmt.Sprintf("HS-%06d", i)), Title: "situation"}
		h1 := trace.ID(fmt.Sprintf("HARM-%04d", i%harms))
		switch i % 4 {
		case 0, 1:
			s.Estimate = Estimate{P1: P(float64(i%97+1) * 1e-5), Harms: []HarmEstimate{{Harm: h1, P2: "0.5"}}}
		case 2:
			s.Estimate = Estimate{P1: levels[i%5], Harms: []HarmEstimate{{Harm: h1}}}
		case 3:
			s.Estimate = Estimate{NotEstimable: true, Explanation: "software failure",
				Harms: []HarmEstimate{{Harm: h1, P2: levels[i%5]}}}
		}
		if i%3 == 0 {
			s.Harms = append(s.Harms, HarmEstimate{Harm: trace.ID(fmt.Sprintf("HARM-%04d", (i+7)%harms)), P2: s.Harms[0].P2})
		}
		s.Residual = &Estimate{P1: "Improbable"}
		if i%2 == 1 {
			f.Controls = append(f.Controls, Control{ID: trace.ID(fmt.Sprintf("RC-%06d", i/2)), Title: "control",
				Option:   options[i%3],
				Location: LocationSoftware, Mitigates: []trace.ID{trace.ID(fmt.Sprintf("HS-%06d", i-1)), s.ID},
				ImplementedBy: []trace.ID{trace.ID(fmt.Sprintf("SRS-%06d", i/2))}, NewRisks: NewRisksNone})
		}
		last := &f.Hazards[len(f.Hazards)-1]
		last.Situations = append(last.Situations, s)
	}
	return f
}

func TestSynthFile(t *testing.T) {
	f := synthFile(1000)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	ev := f.Evaluate()
	initial, residual := ev.Counts()
	if len(ev.Situations) != 1000 || initial.Unevaluated != 0 || residual.Unevaluated != 0 {
		t.Fatalf("synthetic file does not evaluate fully: %+v %+v", initial, residual)
	}
}

// BenchmarkEvaluate estimates and evaluates 50k hazardous situations with
// their controls, before and after control.
func BenchmarkEvaluate(b *testing.B) {
	f := synthFile(50_000)
	b.ReportAllocs()
	for b.Loop() {
		ev := f.Evaluate()
		if len(ev.Situations) != 50_000 {
			b.Fatal("lost situations")
		}
	}
}

// BenchmarkValidate validates the same 50k-situation file.
func BenchmarkValidate(b *testing.B) {
	f := synthFile(50_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContributeAndCheck builds the graph of the 50k-situation file and
// runs every risk rule over it.
func BenchmarkContributeAndCheck(b *testing.B) {
	f := synthFile(50_000)
	b.ReportAllocs()
	for b.Loop() {
		tb := trace.NewBuilder()
		tb.Add(f)
		for i := range f.Controls {
			tb.AddItem(trace.Item{ID: f.Controls[i].ImplementedBy[0], Kind: KindRequirement})
		}
		g, err := tb.Build()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := trace.Check(context.Background(), g, Rules(f), trace.CheckOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
