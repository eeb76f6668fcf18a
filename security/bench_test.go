package security

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/medtrace/medtrace/trace"
)

// synthModel returns a deterministic model of n elements and m flows spread
// over catalogue types, twenty trust boundaries and fifty assets.
func synthModel(tb testing.TB, n, m int, seed uint64) *Model {
	tb.Helper()
	cat, err := DefaultCatalogue()
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	mod := &Model{ID: "TM-SYNTH", Methods: []Method{MethodSTRIDE}}
	classes := []DataClass{DataPHI, DataDiagnosis, DataTherapy, DataWorkflow, DataSecrets, DataOther}
	for i := range 50 {
		mod.Assets = append(mod.Assets, Asset{ID: trace.ID(fmt.Sprintf("AS-%03d", i)), Name: "asset", Class: classes[i%len(classes)],
			Needs: CIA{Confidentiality: NeedMedium, Integrity: NeedHigh, Availability: NeedMedium}})
	}
	for i := range 20 {
		mod.Boundaries = append(mod.Boundaries, Boundary{ID: trace.ID(fmt.Sprintf("TB-%02d", i)), Name: "zone"})
	}
	kinds := []InterfaceKind{IfaceBLE, IfaceUSB, IfaceSerial, IfaceDebug, IfaceService, IfaceNetwork}
	for i := range n {
		t := cat.ElementTypes[i%len(cat.ElementTypes)]
		e := Element{ID: trace.ID(fmt.Sprintf("EL-%05d", i)), Name: fmt.Sprintf("element %d", i), Type: t.Name,
			Boundary: mod.Boundaries[rng.IntN(len(mod.Boundaries))].ID,
			Assets:   []trace.ID{mod.Assets[rng.IntN(len(mod.Assets))].ID},
			Flags:    Flags{InternetFacing: rng.IntN(10) == 0, Updatable: rng.IntN(3) == 0, SignedUpdates: rng.IntN(2) == 0, FleetWide: rng.IntN(20) == 0}}
		if rng.IntN(4) == 0 {
			e.Interfaces = []Interface{{Name: "port", Kind: kinds[rng.IntN(len(kinds))], Enabled: rng.IntN(2) == 0}}
		}
		mod.Elements = append(mod.Elements, e)
	}
	protocols := []string{"https", "ble", "mqtt", "usb", "hl7", "serial"}
	for i := range m {
		from := rng.IntN(n)
		to := (from + 1 + rng.IntN(n-1)) % n
		mod.Flows = append(mod.Flows, Flow{ID: trace.ID(fmt.Sprintf("FL-%06d", i)), From: mod.Elements[from].ID, To: mod.Elements[to].ID,
			Protocol: protocols[rng.IntN(len(protocols))], Authenticated: rng.IntN(3) > 0, Encrypted: rng.IntN(3) > 0,
			IntegrityProtected: rng.IntN(2) == 0, Assets: []trace.ID{mod.Assets[rng.IntN(len(mod.Assets))].ID}})
	}
	return mod
}

var benchVectors = []string{
	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H",
	"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
	"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
}

// BenchmarkGenerateAndAssess generates the threats of a 2,000-element,
// 10,000-flow model and assesses every one with a CVSS vector against the
// default matrix.
func BenchmarkGenerateAndAssess(b *testing.B) {
	m := synthModel(b, 2000, 10000, 1)
	cat, err := DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	matrix := DefaultMatrix()
	opts := EvaluateOptions{Matrix: &matrix}
	impacts := ImpactLevels()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		threats, err := Generate(context.Background(), m, GenerateOptions{Catalogue: cat})
		if err != nil {
			b.Fatal(err)
		}
		uncontrolled := 0
		for i := range threats {
			a := Assessment{Method: AssessCVSS31, CVSS: benchVectors[i%len(benchVectors)], Impact: impacts[i%len(impacts)]}
			if i%len(benchVectors) == 3 {
				a.Method = AssessCVSS40
			}
			res, err := a.Evaluate(opts)
			if err != nil {
				b.Fatal(err)
			}
			if res.Verdict == Uncontrolled {
				uncontrolled++
			}
		}
		b.ReportMetric(float64(len(threats)), "threats")
	}
}

// BenchmarkContributeAndCheck contributes a generated, assessed file of that
// size to a graph and runs the security rules.
func BenchmarkContributeAndCheck(b *testing.B) {
	m := synthModel(b, 2000, 10000, 1)
	threats, err := Generate(context.Background(), m, GenerateOptions{})
	if err != nil {
		b.Fatal(err)
	}
	f := &File{Model: *m, Threats: threats}
	for i := 0; i < len(threats); i += 10 {
		f.Risks = append(f.Risks, Risk{ID: trace.ID(fmt.Sprintf("SR-%06d", i)), Title: "risk", Threats: []trace.ID{threats[i].ID},
			Pre:  &Assessment{Method: AssessCVSS31, CVSS: benchVectors[i%3], Impact: ImpactSerious},
			Post: &Assessment{Method: AssessDirect, Exploitability: ExploitLow, Basis: "controls", Impact: ImpactSerious}})
	}
	rules := Rules(RuleOptions{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bld := trace.NewBuilder()
		bld.Add(f)
		g, err := bld.Build()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := trace.Check(context.Background(), g, rules, trace.CheckOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
