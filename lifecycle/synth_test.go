package lifecycle

import (
	"fmt"
	"math/rand/v2"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// synthProject generates a deterministic project of about n items spread
// over the whole thread: user needs (2%), requirements (20%), software items
// and units (5%), hazards (3%), hazardous situations (6%), harms (1%), risk
// controls (6%), tests (22%) and results (22%), SBOM components (5%) with
// SOUP records (2.5%) and known vulnerabilities (1%), with design reviews
// and documents. Requirements derive from needs and are allocated to items;
// items cause situations; controls (a fifth of them in hardware) mitigate
// situations and are implemented by requirements; tests verify requirements
// and controls.
func synthProject(n int) *Project {
	rng := rand.New(rand.NewPCG(62304, 14971))
	count := func(permil int) int { return max(1, n*permil/1000) }
	nNeeds, nReqs, nItems := count(20), count(200), count(50)
	nTests := count(220)
	id := func(prefix string, i int) trace.ID { return trace.ID(fmt.Sprintf("%s-%06d", prefix, i)) }

	p := &Project{System: System{ID: "SYS", Name: "Synthetic system", Edition: Edition2015, Class: ClassC}}
	// Items: 50 top-level items, the rest spread beneath them as items and units.
	for i := range nItems {
		parent := trace.ID("SYS")
		if i >= 50 {
			parent = id("SI", rng.IntN(i))
		}
		it := Item{ID: id("SI", i), Title: fmt.Sprintf("Item %d", i), Parent: parent, Unit: i >= nItems/2}
		if i < 50 && i%10 == 9 {
			it.Segregation = &Segregation{Mechanism: "separate process", Argument: "isolated address space"}
		}
		p.Items = append(p.Items, it)
	}
	for i := range nNeeds {
		p.UserNeeds = append(p.UserNeeds, UserNeed{ID: id("UN", i), Title: fmt.Sprintf("Need %d", i)})
	}
	f := synthRisk(rng, n, p, id)
	p.Risk = f
	for i := range nReqs {
		r := Requirement{ID: id("SRS", i), Title: fmt.Sprintf("Requirement %d", i), Level: LevelSoftware,
			Category: CategoryFunctional, DerivedFrom: []trace.ID{id("UN", i%nNeeds)},
			AllocatedTo: []trace.ID{id("SI", rng.IntN(nItems))}}
		if i < len(f.Controls) {
			r.RiskControls = []trace.ID{f.Controls[i].ID}
		}
		p.Requirements = append(p.Requirements, r)
	}
	for i := range nTests {
		t := Test{ID: id("TC", i), Title: fmt.Sprintf("Test %d", i), Type: TestSystem,
			Verifies: []trace.ID{id("SRS", i%nReqs), id("SRS", rng.IntN(nReqs))}}
		if i < len(f.Controls) {
			c := f.Controls[i].ID
			t.Verifies = append(t.Verifies, c)
			t.VerifiesEffectiveness = []trace.ID{c}
		}
		p.Tests = append(p.Tests, t)
		outcome := Pass
		if rng.IntN(100) == 0 {
			outcome = Fail
		}
		p.Results = append(p.Results, Result{ID: id("TR", i), Test: t.ID, Outcome: outcome,
			Date: day.AddDate(0, 0, rng.IntN(90)), Version: "1.0.0", By: "CI"})
	}
	for i := range max(1, n/1000) {
		rv := DesignReview{ID: id("DR", i), Title: "Design review", Date: day, Participants: []string{"Reviewer"}}
		for j := range 10 {
			rv.Scope = append(rv.Scope, ReviewScope{Item: id("SRS", (i*10+j)%nReqs)})
		}
		p.DesignReviews = append(p.DesignReviews, rv)
	}
	synthSBOM(rng, n, p, id)
	p.Documents = []Document{
		{ID: "DOC-SDP", Title: "Development plan", Type: DocDevelopmentPlan, Clauses: []string{"5.1"}},
		{ID: "DOC-SMP", Title: "Maintenance plan", Type: DocMaintenancePlan, Clauses: []string{"6"}},
	}
	return p
}

// synthRisk generates the risk file: hazards with two situations each,
// harms across the severity scale, one control per situation.
func synthRisk(rng *rand.Rand, n int, p *Project, id func(string, int) trace.ID) *risk.File {
	plan := risk.DefaultPlan("RMP", risk.ALARP)
	f := &risk.File{Plan: plan}
	sev := plan.Severity.Levels
	nHarms := max(1, n/100)
	for i := range nHarms {
		f.Harms = append(f.Harms, risk.Harm{ID: id("HARM", i), Title: fmt.Sprintf("Harm %d", i), Severity: sev[i%len(sev)].Name})
	}
	nItems := len(p.Items)
	probs := []risk.Probability{"1e-7", "3e-6", "2e-5", "5e-4", "2e-3"}
	for h := range max(1, n*30/1000) {
		hz := risk.Hazard{ID: id("HAZ", h), Title: fmt.Sprintf("Hazard %d", h)}
		for s := range 2 {
			sid := id("HS", 2*h+s)
			p1 := probs[rng.IntN(len(probs))]
			sit := risk.Situation{ID: sid, Title: fmt.Sprintf("Situation %d", 2*h+s),
				Causes: []trace.ID{id("SI", rng.IntN(nItems))},
				Estimate: risk.Estimate{P1: p1, Harms: []risk.HarmEstimate{
					{Harm: id("HARM", rng.IntN(nHarms)), P2: "0.1"}, {Harm: id("HARM", rng.IntN(nHarms)), P2: "0.01"}}}}
			if sit.Harms[0].Harm == sit.Harms[1].Harm {
				sit.Harms = sit.Harms[:1]
			}
			sit.Residual = &risk.Estimate{P1: "1e-8", Harms: sit.Harms}
			hz.Situations = append(hz.Situations, sit)
			loc := risk.LocationSoftware
			if rng.IntN(5) == 0 {
				loc = risk.LocationHardware
			}
			f.Controls = append(f.Controls, risk.Control{ID: id("RC", 2*h+s), Title: "Control", Option: risk.ProtectiveMeasure,
				Location: loc, Mitigates: []trace.ID{sid}, NewRisks: risk.NewRisksNone})
		}
		f.Hazards = append(f.Hazards, hz)
	}
	return f
}

// synthSBOM adds an SBOM whose components the items use, SOUP records for
// half of them, vulnerabilities on a fifth of them (most with a VEX status),
// and SOUP failures as causes of some situations.
func synthSBOM(rng *rand.Rand, n int, p *Project, id func(string, int) trace.ID) {
	nComp := max(1, n*50/1000)
	doc := &sbom.SBOM{Format: sbom.FormatCycloneDX, SpecVersion: "1.6"}
	rep := &sbom.MatchReport{}
	for i := range nComp {
		purl := fmt.Sprintf("pkg:generic/lib%06d@1.%d.0", i, i%7)
		doc.Components = append(doc.Components, sbom.Component{Name: fmt.Sprintf("lib%06d", i),
			Version: sbom.Known(fmt.Sprintf("1.%d.0", i%7)), PURL: purl})
		it := &p.Items[rng.IntN(len(p.Items))]
		it.Uses = append(it.Uses, trace.ID(purl))
		if i%2 == 0 {
			p.SOUP = append(p.SOUP, sbom.SOUP{ID: string(id("SOUP", i)), PURL: purl, Title: fmt.Sprintf("lib%06d", i),
				Manufacturer: "Example", FunctionalRequirements: []string{"parse input"}, RequiredSoftware: []string{"libc"},
				AnomalyEvaluation: "reviewed", Support: sbom.Support{Level: sbom.SupportActive}})
		}
		if i%5 == 0 {
			m := sbom.Match{Vulnerability: fmt.Sprintf("CVE-2026-%06d", i), Summary: "synthetic"}
			if i%25 != 0 {
				m.VEX = &sbom.VEXOutcome{Status: sbom.VEXNotAffected, Statement: "statements[0]"}
			}
			rep.Results = append(rep.Results, sbom.ComponentResult{Component: purl, PURL: purl, Matches: []sbom.Match{m}})
		}
		if i%10 == 0 && p.Risk != nil {
			hz := &p.Risk.Hazards[rng.IntN(len(p.Risk.Hazards))]
			hz.Situations[0].Causes = append(hz.Situations[0].Causes, trace.ID(purl))
		}
	}
	p.SBOMs = []*sbom.SBOM{doc}
	p.Vulnerabilities = rep
}
