package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oneSituation returns a file under plan with one situation leading to one
// harm of the given severity.
func oneSituation(plan Plan, severity string, e Estimate) *File {
	return &File{
		Plan:  plan,
		Harms: []Harm{{ID: "HARM-1", Title: "Injury", Severity: severity}},
		Hazards: []Hazard{{ID: "HAZ-1", Title: "Hazard", Situations: []Situation{
			{ID: "HS-1", Title: "Situation", Estimate: e},
		}}},
	}
}

func TestEstimate(t *testing.T) {
	plan := DefaultPlan("RMP", ALARP)
	cases := []struct {
		name     string
		severity string
		est      Estimate
		wantProb string
		wantReg  Region
		numeric  bool
		p        float64
		problem  string
	}{
		{name: "numeric product", severity: "Critical", est: Estimate{P1: "1e-3", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.5"}}},
			wantProb: "Probable", wantReg: RegionALARP, numeric: true, p: 5e-4},
		{name: "product on a lower bound", severity: "Serious", est: Estimate{P1: "0.01", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.1"}}},
			wantProb: "Frequent", wantReg: RegionALARP, numeric: true, p: 1e-3},
		{name: "certain", severity: "Catastrophic", est: Estimate{P1: "1", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "1"}}},
			wantProb: "Frequent", wantReg: RegionUnacceptable, numeric: true, p: 1},
		{name: "product printed as a decimal", severity: "Critical", est: Estimate{P1: "0.01", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.9"}}},
			wantProb: "Frequent", wantReg: RegionUnacceptable, numeric: true, p: 0.009},
		{name: "zero", severity: "Catastrophic", est: Estimate{P1: "0", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "1"}}},
			wantProb: "Improbable", wantReg: RegionAcceptable, numeric: true},
		{name: "qualitative P1 alone", severity: "Critical", est: Estimate{P1: "Remote", Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			wantProb: "Remote", wantReg: RegionAcceptable},
		{name: "qualitative takes the lower level", severity: "Catastrophic", est: Estimate{P1: "Frequent", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "Occasional"}}},
			wantProb: "Occasional", wantReg: RegionALARP},
		{name: "level and number", severity: "Catastrophic", est: Estimate{P1: "Probable", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.5"}}},
			wantProb: "Probable", wantReg: RegionUnacceptable},
		{name: "not estimable uses the plan's level", severity: "Minor", est: Estimate{NotEstimable: true, Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			wantProb: "Frequent", wantReg: RegionALARP},
		{name: "P1 missing", severity: "Minor", est: Estimate{Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.1"}}},
			problem: "P1 is not estimated"},
		{name: "P2 missing with numeric P1", severity: "Minor", est: Estimate{P1: "0.1", Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			problem: "P2 is not estimated"},
		{name: "out of range", severity: "Minor", est: Estimate{P1: "1.5", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.1"}}},
			problem: "must lie in [0, 1]"},
		{name: "NaN", severity: "Minor", est: Estimate{P1: "NaN", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.1"}}},
			problem: "must lie in [0, 1]"},
		{name: "unknown level", severity: "Minor", est: Estimate{P1: "Rare", Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			problem: "neither a number nor a level"},
		{name: "unknown severity", severity: "Bad", est: Estimate{P1: "Rare", Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			problem: "neither a number nor a level"},
		{name: "severity off the scale", severity: "Bad", est: Estimate{P1: "Remote", Harms: []HarmEstimate{{Harm: "HARM-1"}}},
			problem: "no severity on the plan's scale"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := oneSituation(plan, tc.severity, tc.est).Evaluate()
			a, ok := ev.Situation("HS-1")
			require.True(t, ok)
			require.Len(t, a.Initial, 1)
			r := a.Initial[0]
			if tc.problem != "" {
				assert.Contains(t, r.Problem, tc.problem)
				assert.Empty(t, r.Region)
				assert.Empty(t, a.InitialRegion)
				assert.True(t, r.Probability.IsZero())
				return
			}
			assert.Empty(t, r.Problem)
			assert.Equal(t, tc.wantProb, r.Probability.Name)
			assert.Equal(t, tc.wantReg, r.Region)
			assert.Equal(t, tc.wantReg, a.InitialRegion)
			assert.Equal(t, tc.numeric, r.Numeric)
			if tc.numeric {
				assert.InDelta(t, tc.p, r.P, 1e-15)
			}
			// No control and no residual estimate: residual equals initial.
			assert.Equal(t, a.Initial, a.Residual)
			assert.Equal(t, a.InitialRegion, a.ResidualRegion)
		})
	}
}

func TestResidualCarriesOver(t *testing.T) {
	f := pumpFile(ALARP)
	s := situation(f, "HS-001")
	s.Harms = append(s.Harms, HarmEstimate{Harm: "HARM-002", P2: "0.9"})
	s.Residual = &Estimate{P1: "1e-5", Harms: []HarmEstimate{{Harm: "HARM-001", P2: "0.1", Severity: "Serious"}}}
	a, ok := f.Evaluate().Situation("HS-001")
	require.True(t, ok)
	require.Len(t, a.Residual, 2)
	assert.Equal(t, "Serious", a.Residual[0].Severity.Name, "residual severity override")
	assert.InDelta(t, 1e-6, a.Residual[0].P, 1e-18, "residual P2 override")
	assert.Equal(t, "Minor", a.Residual[1].Severity.Name, "unlisted harm keeps its severity")
	assert.InDelta(t, 9e-6, a.Residual[1].P, 1e-18, "unlisted harm keeps its P2")
	assert.Equal(t, RegionAcceptable, a.ResidualRegion)
	assert.Equal(t, "Critical", a.WorstSeverity.Name)
	assert.Equal(t, []AppliedControl{{ID: "RC-001", Option: InherentSafety, Location: LocationHardware, External: true}}, a.Controls)
	assert.True(t, a.External())
	assert.True(t, a.Accepted())
}

func TestControlledWithoutResidual(t *testing.T) {
	f := pumpFile(ALARP)
	situation(f, "HS-001").Residual = nil
	ev := f.Evaluate()
	a, ok := ev.Situation("HS-001")
	require.True(t, ok)
	assert.Nil(t, a.Residual)
	assert.Empty(t, a.ResidualRegion)
	assert.False(t, a.Accepted())
	assert.Equal(t, []trace.ID{"HS-001"}, ev.NotAccepted())
	initial, residual := ev.Counts()
	assert.Equal(t, RegionCounts{Acceptable: 1, ALARP: 2}, initial)
	assert.Equal(t, RegionCounts{Acceptable: 2, Unevaluated: 1}, residual)
}

func TestAccepted(t *testing.T) {
	cases := []struct {
		name string
		a    Assessment
		want bool
	}{
		{"acceptable", Assessment{ResidualRegion: RegionAcceptable}, true},
		{"alarp controlled", Assessment{ResidualRegion: RegionALARP, Controls: []AppliedControl{{ID: "RC"}}}, true},
		{"alarp bare", Assessment{ResidualRegion: RegionALARP}, false},
		{"alarp with benefit-risk", Assessment{ResidualRegion: RegionALARP, BenefitsOutweigh: true}, true},
		{"unacceptable controlled", Assessment{ResidualRegion: RegionUnacceptable, Controls: []AppliedControl{{ID: "RC"}}}, false},
		{"unacceptable with benefit-risk", Assessment{ResidualRegion: RegionUnacceptable, BenefitsOutweigh: true}, true},
		{"not evaluated", Assessment{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.a.Accepted()) })
	}
}

// TestPolicySwitch evaluates the same records under ALARP and AFAP.
func TestPolicySwitch(t *testing.T) {
	est := Estimate{P1: "1e-3", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "0.5"}}}
	alarp := oneSituation(DefaultPlan("RMP", ALARP), "Critical", est)
	afap := oneSituation(DefaultPlan("RMP", AFAP), "Critical", est)
	require.NoError(t, alarp.Validate())
	require.NoError(t, afap.Validate())

	a, _ := alarp.Evaluate().Situation("HS-1")
	b, _ := afap.Evaluate().Situation("HS-1")
	assert.Equal(t, RegionALARP, a.InitialRegion, "ALARP keeps a middle region")
	assert.Equal(t, RegionUnacceptable, b.InitialRegion, "AFAP has no middle region")

	// An acceptable risk: ALARP asks nothing more; AFAP asks for a record
	// that further control was considered, and refuses cost as a reason.
	low := Estimate{P1: "1e-7", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "1"}}}
	economic := &Justification{Basis: BasisEconomic, Text: "too costly"}
	for _, tc := range []struct {
		policy    Policy
		reduction *Justification
		fires     bool
	}{
		{ALARP, nil, false},
		{ALARP, economic, false},
		{AFAP, nil, true},
		{AFAP, economic, true},
		{AFAP, &Justification{Basis: BasisStateOfTheArt, Text: "at the state of the art"}, false},
	} {
		f := oneSituation(DefaultPlan("RMP", tc.policy), "Critical", low)
		f.Hazards[0].Situations[0].Reduction = tc.reduction
		assert.True(t, tc.policy.EconomicBasisAllowed() == (tc.policy == ALARP))
		assert.Equal(t, tc.policy == AFAP, tc.policy.ReductionRequired())
		b := trace.NewBuilder()
		b.Add(f)
		g, err := b.Build()
		require.NoError(t, err)
		rec := runRule(t, g, Rules(f), "RISK-016")
		assert.Equal(t, tc.fires, len(rec) > 0, "%s %v", tc.policy, tc.reduction)
	}

	// An ALARP region in the matrix is a plan error under AFAP.
	bad := DefaultPlan("RMP", AFAP)
	bad.Matrix = DefaultMatrix()
	err := (&File{Plan: bad}).Validate()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrBadMatrix)
	assert.Contains(t, err.Error(), "AFAP policy has no ALARP region")
}

// TestCustomMatrix uses a 4×4 plan with its own scales and a binary matrix.
func TestCustomMatrix(t *testing.T) {
	plan := fourByFour()
	require.NoError(t, (&File{Plan: plan}).Validate())
	cases := []struct {
		severity string
		p1, p2   Probability
		prob     string
		region   Region
	}{
		{"S1 Negligible", "0.9", "1", "P4 Likely", RegionAcceptable},
		{"S4 Catastrophic", "1e-9", "1", "P1 Rare", RegionAcceptable},
		{"S4 Catastrophic", "1e-7", "0.5", "P2 Unlikely", RegionUnacceptable},
		{"S3 Critical", "1e-3", "0.5", "P3 Possible", RegionUnacceptable},
		{"S2 Marginal", "1e-3", "0.5", "P3 Possible", RegionAcceptable},
		{"S2 Marginal", "P4 Likely", "", "P4 Likely", RegionUnacceptable},
	}
	for _, tc := range cases {
		t.Run(tc.severity+"/"+string(tc.p1), func(t *testing.T) {
			f := oneSituation(plan, tc.severity, Estimate{P1: tc.p1, Harms: []HarmEstimate{{Harm: "HARM-1", P2: tc.p2}}})
			require.NoError(t, f.Validate())
			a, _ := f.Evaluate().Situation("HS-1")
			assert.Equal(t, tc.prob, a.Initial[0].Probability.Name)
			assert.Equal(t, tc.region, a.InitialRegion)
		})
	}
}

func fourByFour() Plan {
	return Plan{
		ID: "RMP-4", Policy: AFAP, NotEstimable: "P4 Likely",
		Severity: Scale{Levels: []Level{{Name: "S1 Negligible"}, {Name: "S2 Marginal"}, {Name: "S3 Critical"}, {Name: "S4 Catastrophic"}}},
		Probability: Scale{Unit: "device-year", Levels: []Level{
			{Name: "P1 Rare", Upper: bound(1e-8)},
			{Name: "P2 Unlikely", Lower: bound(1e-8), Upper: bound(1e-5)},
			{Name: "P3 Possible", Lower: bound(1e-5), Upper: bound(1e-2)},
			{Name: "P4 Likely", Lower: bound(1e-2), Upper: bound(1)},
		}},
		Matrix: Matrix{
			"S4 Catastrophic": {RegionAcceptable, RegionUnacceptable, RegionUnacceptable, RegionUnacceptable},
			"S3 Critical":     {RegionAcceptable, RegionAcceptable, RegionUnacceptable, RegionUnacceptable},
			"S2 Marginal":     {RegionAcceptable, RegionAcceptable, RegionAcceptable, RegionUnacceptable},
			"S1 Negligible":   {RegionAcceptable, RegionAcceptable, RegionAcceptable, RegionAcceptable},
		},
	}
}

// runRule runs the rule with the given ID over g and returns its failed items.
func runRule(t *testing.T, g *trace.Graph, rules []trace.Rule, id string) []trace.ID {
	t.Helper()
	for _, r := range rules {
		if r.Meta().ID == id {
			res, err := trace.Check(t.Context(), g, []trace.Rule{r}, trace.CheckOptions{})
			require.NoError(t, err)
			return failed(res, id)
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}

func TestNotEstimableWithP2(t *testing.T) {
	f := oneSituation(DefaultPlan("RMP", ALARP), "Serious",
		Estimate{NotEstimable: true, Explanation: "software failure", Harms: []HarmEstimate{{Harm: "HARM-1", P2: "2e-5"}}})
	require.NoError(t, f.Validate())
	a, _ := f.Evaluate().Situation("HS-1")
	assert.Equal(t, "Occasional", a.Initial[0].Probability.Name, "P2 lowers the plan's level for an inestimable P1")
	assert.Equal(t, RegionAcceptable, a.InitialRegion)
	assert.False(t, a.Initial[0].Numeric)
}

func TestRoundProduct(t *testing.T) {
	assert.Equal(t, 0.009, roundProduct(0.01*0.9), "float noise is rounded away")
	below := 9.999999999999999e-06 // a float product just under the bound 1e-5
	assert.Equal(t, "Remote", DefaultProbability().Bucket(below).Name)
	assert.Equal(t, "Occasional", DefaultProbability().Bucket(roundProduct(below)).Name, "lands on the bound")
	assert.Equal(t, 1.2345678901e-7, roundProduct(1.2345678901e-7), "12 significant digits kept")
}
