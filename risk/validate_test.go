package risk

import (
	"errors"
	"math"
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(f *File)
		path   string
		record trace.ID
		err    error
	}{
		{"unknown harm severity", func(f *File) { f.Harms[0].Severity = "Deadly" }, "harms[0].severity", "HARM-001", ErrUnknownLevel},
		{"P1 out of range", func(f *File) { situation(f, "HS-002").P1 = "1.5" }, "hazards[0].situations[1].p1", "HS-002", ErrOutOfRange},
		{"P2 negative", func(f *File) { situation(f, "HS-002").Harms[0].P2 = "-0.1" }, "hazards[0].situations[1].harms[0].p2", "HS-002", ErrOutOfRange},
		{"unknown P1 level", func(f *File) { situation(f, "HS-003").P1 = "Often" }, "hazards[1].situations[0].p1", "HS-003", ErrUnknownLevel},
		{"unknown residual level", func(f *File) { situation(f, "HS-003").Residual.P1 = "Never" }, "hazards[1].situations[0].residual.p1", "HS-003", ErrUnknownLevel},
		{"unknown harm", func(f *File) { situation(f, "HS-002").Harms[0].Harm = "HARM-404" }, "hazards[0].situations[1].harms[0].harm", "HS-002", ErrUnknownReference},
		{"duplicate harm", func(f *File) {
			s := situation(f, "HS-002")
			s.Harms = append(s.Harms, s.Harms[0])
		}, "hazards[0].situations[1].harms[1].harm", "HS-002", ErrDuplicateID},
		{"residual harm not in situation", func(f *File) {
			situation(f, "HS-001").Residual.Harms = []HarmEstimate{{Harm: "HARM-002", P2: "0.1"}}
		}, "hazards[0].situations[0].residual.harms[0].harm", "HS-001", ErrUnknownReference},
		{"initial severity override", func(f *File) { situation(f, "HS-002").Harms[0].Severity = "Minor" }, "hazards[0].situations[1].harms[0].severity", "HS-002", ErrInvalidValue},
		{"not estimable with P1", func(f *File) { situation(f, "HS-002").NotEstimable = true }, "hazards[0].situations[1].p1", "HS-002", ErrInvalidValue},
		{"control mitigating nothing", func(f *File) { control(f, "RC-001").Mitigates = nil }, "controls[0].mitigates", "RC-001", ErrRequired},
		{"control mitigating an unknown situation", func(f *File) { control(f, "RC-001").Mitigates = []trace.ID{"HS-404"} }, "controls[0].mitigates[0]", "RC-001", ErrUnknownReference},
		{"control introducing an unknown hazard", func(f *File) {
			c := control(f, "RC-001")
			c.NewRisks, c.Introduces = NewRisksIntroduced, []trace.ID{"HAZ-404"}
		}, "controls[0].introduces[0]", "RC-001", ErrUnknownReference},
		{"unknown option", func(f *File) { control(f, "RC-001").Option = "design" }, "controls[0].option", "RC-001", ErrInvalidValue},
		{"unknown location", func(f *File) { control(f, "RC-001").Location = "cloud" }, "controls[0].location", "RC-001", ErrInvalidValue},
		{"unknown newRisks", func(f *File) { control(f, "RC-001").NewRisks = "maybe" }, "controls[0].newRisks", "RC-001", ErrInvalidValue},
		{"rationale without basis", func(f *File) { control(f, "RC-002").Rationale.Basis = "" }, "controls[1].rationale.basis", "RC-002", ErrRequired},
		{"reduction without text", func(f *File) {
			situation(f, "HS-001").Reduction = &Justification{Basis: BasisImpracticable}
		}, "hazards[0].situations[0].reduction.text", "HS-001", ErrRequired},
		{"duplicate ID", func(f *File) { f.Harms[1].ID = "HS-001" }, "harms[1].id", "HS-001", ErrDuplicateID},
		{"empty ID", func(f *File) { f.Harms[1].ID = "" }, "harms[1].id", "", ErrRequired},
		{"ID with a control character", func(f *File) { f.Harms[1].ID = "HARM\n2" }, "harms[1].id", "HARM\n2", ErrInvalidValue},
		{"cause ID with a control character", func(f *File) { situation(f, "HS-001").Causes = []trace.ID{"SWI\x00"} },
			"hazards[0].situations[0].causes[0]", "HS-001", ErrInvalidValue},
		{"bad date", func(f *File) { f.Reviews[0].Date = "02/06/2024" }, "reviews[0].date", "RMR-001", ErrInvalidValue},
		{"bad outcome", func(f *File) {
			f.BenefitRisk = []BenefitRisk{{ID: "BR-9", Situations: []trace.ID{"HS-001"}, Outcome: "fine"}}
		}, "benefitRisk[0].outcome", "BR-9", ErrInvalidValue},
		{"benefit-risk of nothing", func(f *File) {
			f.BenefitRisk = []BenefitRisk{{ID: "BR-9"}}
		}, "benefitRisk[0].situations", "BR-9", ErrRequired},
		{"benefit-risk of an unknown situation", func(f *File) {
			f.BenefitRisk = []BenefitRisk{{ID: "BR-9", Situations: []trace.ID{"HS-404"}}}
		}, "benefitRisk[0].situations[0]", "BR-9", ErrUnknownReference},
		{"overall naming an unknown analysis", func(f *File) { f.Overall.BenefitRisk = "BR-404" }, "overall.benefitRisk", "", ErrUnknownReference},
		{"matrix without a row", func(f *File) { delete(f.Plan.Matrix, "Serious") }, "plan.matrix", "RMP-001", ErrBadMatrix},
		{"matrix row too short", func(f *File) { f.Plan.Matrix["Serious"] = f.Plan.Matrix["Serious"][:4] }, "plan.matrix.Serious", "RMP-001", ErrBadMatrix},
		{"matrix row unknown", func(f *File) { f.Plan.Matrix["Severe"] = f.Plan.Matrix["Serious"] }, "plan.matrix.Severe", "RMP-001", ErrBadMatrix},
		{"matrix region unknown", func(f *File) { f.Plan.Matrix["Minor"][2] = "fine" }, "plan.matrix.Minor[2]", "RMP-001", ErrInvalidValue},
		{"matrix milder with probability", func(f *File) { f.Plan.Matrix["Catastrophic"][4] = RegionALARP }, "plan.matrix.Catastrophic[4]", "RMP-001", ErrBadMatrix},
		{"matrix milder with severity", func(f *File) {
			f.Plan.Matrix["Catastrophic"][0] = RegionAcceptable
			f.Plan.Matrix["Critical"][1] = RegionALARP
			f.Plan.Matrix["Catastrophic"][1] = RegionAcceptable
		}, "plan.matrix.Catastrophic[1]", "RMP-001", ErrBadMatrix},
		{"scale gap", func(f *File) { f.Plan.Probability.Levels[2].Lower = bound(2e-5) }, "plan.probability.levels[2].lower", "RMP-001", ErrBadScale},
		{"scale bound out of range", func(f *File) { f.Plan.Probability.Levels[4].Upper = bound(2) }, "plan.probability.levels[4].upper", "RMP-001", ErrOutOfRange},
		{"scale bound NaN", func(f *File) { f.Plan.Probability.Levels[1].Upper = bound(math.NaN()) }, "plan.probability.levels[1].upper", "RMP-001", ErrOutOfRange},
		{"scale inverted", func(f *File) { f.Plan.Probability.Levels[1].Upper = bound(1e-7) }, "plan.probability.levels[1]", "RMP-001", ErrBadScale},
		{"scale missing bound", func(f *File) { f.Plan.Probability.Levels[3].Lower = nil }, "plan.probability.levels[3].lower", "RMP-001", ErrBadScale},
		{"scale level repeated", func(f *File) { f.Plan.Severity.Levels[1].Name = "Negligible" }, "plan.severity.levels[1].name", "RMP-001", ErrBadScale},
		{"scale level numeric", func(f *File) { f.Plan.Severity.Levels[1].Name = "2" }, "plan.severity.levels[1].name", "RMP-001", ErrBadScale},
		{"severity with bounds", func(f *File) { f.Plan.Severity.Levels[1].Upper = bound(0.5) }, "plan.severity.levels[1]", "RMP-001", ErrBadScale},
		{"scale too short", func(f *File) { f.Plan.Severity.Levels = f.Plan.Severity.Levels[:1] }, "plan.severity.levels", "RMP-001", ErrBadScale},
		{"no policy", func(f *File) { f.Plan.Policy = "" }, "plan.policy", "RMP-001", ErrRequired},
		{"no not-estimable level", func(f *File) { f.Plan.NotEstimable = "" }, "plan.notEstimable", "RMP-001", ErrRequired},
		{"unknown disclosure severity", func(f *File) { f.Plan.DiscloseSeverity = "Big" }, "plan.discloseSeverity", "RMP-001", ErrUnknownLevel},
		{"numeric P on qualitative scale", func(f *File) {
			for i := range f.Plan.Probability.Levels {
				f.Plan.Probability.Levels[i].Lower, f.Plan.Probability.Levels[i].Upper = nil, nil
			}
		}, "hazards[0].situations[0].p1", "HS-001", ErrInvalidValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := pumpFile(ALARP)
			tc.mutate(f)
			err := f.Validate()
			require.Error(t, err)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			var hit *FieldError
			for _, fe := range ve.Errors {
				if fe.Path == tc.path {
					hit = fe
					break
				}
			}
			require.NotNil(t, hit, "no error at %s in:\n%v", tc.path, err)
			assert.Equal(t, tc.record, hit.Record)
			assert.ErrorIs(t, hit, tc.err)
			assert.ErrorIs(t, err, tc.err)
			assert.Contains(t, err.Error(), tc.path)
		})
	}
}

func TestOverallBenefitRiskNamesNoSituation(t *testing.T) {
	f := pumpFile(AFAP)
	f.BenefitRisk[0].Situations = nil
	assert.NoError(t, f.Validate())
	f.Overall.BenefitRisk = ""
	assert.ErrorIs(t, f.Validate(), ErrRequired)
}

func TestValidateReportsEverythingAtOnce(t *testing.T) {
	f := pumpFile(ALARP)
	f.Harms[0].Severity = "Deadly"
	situation(f, "HS-002").P1 = "7"
	control(f, "RC-001").Mitigates = []trace.ID{"HS-404"}
	delete(f.Plan.Matrix, "Minor")
	f.Plan.Pos = trace.Position{File: "risk.yaml", Line: 3, Column: 1}
	err := f.Validate()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Errors, 4)
	assert.Contains(t, err.Error(), "risk.yaml:3:1: plan.matrix (RMP-001): no row for severity \"Minor\"")
	for _, want := range []error{ErrUnknownLevel, ErrOutOfRange, ErrUnknownReference, ErrBadMatrix} {
		assert.True(t, errors.Is(err, want), want)
	}
}

func TestContributeReportsValidationProblems(t *testing.T) {
	f := pumpFile(ALARP)
	f.Harms[0].Pos = trace.Position{File: "harms.yaml", Line: 4, Column: 3}
	f.Harms[0].Severity = "Deadly"
	control(f, "RC-001").Mitigates = []trace.ID{"HS-001", "HS-404"}
	b := trace.NewBuilder()
	b.Add(f)
	thread(b, f)
	g, err := b.Build()
	var be *trace.BuildError
	require.ErrorAs(t, err, &be)
	require.Len(t, be.Problems, 2, "the dangling mitigation is reported once, by Validate")
	assert.ErrorIs(t, err, ErrUnknownLevel)
	assert.ErrorIs(t, err, ErrUnknownReference)
	assert.Equal(t, "harms.yaml:4:3: harms[0].severity (HARM-001): \"Deadly\" is not a level of the scale (Negligible, Minor, Serious, Critical, Catastrophic)",
		be.Problems[1].Error())
	// The graph still holds everything valid.
	assert.Equal(t, []trace.ID{"HS-001"}, g.Neighbours("RC-001", trace.Out, trace.Mitigates))
}

// TestContributeLeavesIDProblemsToBuild checks that a duplicated ID is
// reported once, by Build, and not again by Contribute.
func TestContributeLeavesIDProblemsToBuild(t *testing.T) {
	f := pumpFile(ALARP)
	f.Causes = []Cause{{ID: "CAUSE-1", Title: "Use error"}, {ID: "CAUSE-1", Title: "Use error again"}}
	require.ErrorIs(t, f.Validate(), ErrDuplicateID)
	b := trace.NewBuilder()
	b.Add(f)
	thread(b, f)
	_, err := b.Build()
	var be *trace.BuildError
	require.ErrorAs(t, err, &be)
	require.Len(t, be.Problems, 1)
	assert.ErrorIs(t, err, trace.ErrDuplicateID)
	assert.NotErrorIs(t, err, ErrDuplicateID)
}
