package security

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultMatrix(t *testing.T) {
	m := DefaultMatrix()
	require.NoError(t, m.Validate())
	tests := []struct {
		e       Exploitability
		i       Impact
		verdict Verdict
	}{
		{ExploitHigh, ImpactSerious, Uncontrolled},
		{ExploitMedium, ImpactSerious, Controlled},
		{ExploitMedium, ImpactCritical, Uncontrolled},
		{ExploitLow, ImpactCatastrophic, Uncontrolled},
		{ExploitVeryLow, ImpactCatastrophic, Controlled},
		{ExploitVeryHigh, ImpactMinor, Controlled},
	}
	for _, tc := range tests {
		c, ok := m.Lookup(tc.e, tc.i)
		require.True(t, ok)
		assert.Equal(t, tc.verdict, c.Verdict, "%s × %s", tc.e, tc.i)
	}
}

func TestMatrixValidate(t *testing.T) {
	m := DefaultMatrix()
	m.Name = ""
	m.Cells[0].Verdict = "fine"
	m.Cells[1] = m.Cells[2]
	m.Cells[3].Exploitability = "certain"
	err := m.Validate()
	require.Error(t, err)
	for _, want := range []string{"matrix.name", "matrix.cells[0].verdict", "matrix.cells[2]: cell", "matrix.cells[3].exploitability", "no cell for very-low × minor"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name    string
		a       Assessment
		derived Exploitability
		final   Exploitability
		verdict Verdict
	}{
		{"cvss 3.1", Assessment{Method: AssessCVSS31, CVSS: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", Impact: ImpactSerious},
			ExploitHigh, ExploitHigh, Uncontrolled},
		{"cvss 4.0", Assessment{Method: AssessCVSS40, CVSS: "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", Impact: ImpactSerious},
			ExploitLow, ExploitLow, Controlled},
		{"direct", Assessment{Method: AssessDirect, Exploitability: ExploitMedium, Basis: "needs pairing", Impact: ImpactMinor},
			ExploitMedium, ExploitMedium, Controlled},
		{"override with basis", Assessment{Method: AssessCVSS31, CVSS: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
			Exploitability: ExploitLow, Basis: "port closed in the device", Impact: ImpactSerious}, ExploitLow, ExploitLow, Controlled},
		{"kev raises", Assessment{Method: AssessDirect, Exploitability: ExploitLow, Basis: "local only", Impact: ImpactSerious,
			Signals: Signals{KEV: []KEV{{Listed: false, RetrievedAt: day}, {Listed: true, RetrievedAt: day.AddDate(0, 1, 0)}}}},
			ExploitLow, ExploitVeryHigh, Uncontrolled},
		{"kev delisted later", Assessment{Method: AssessDirect, Exploitability: ExploitLow, Basis: "local only", Impact: ImpactSerious,
			Signals: Signals{KEV: []KEV{{Listed: true, RetrievedAt: day}, {Listed: false, RetrievedAt: day.AddDate(0, 1, 0)}}}},
			ExploitLow, ExploitLow, Controlled},
		{"epss raises", Assessment{Method: AssessDirect, Exploitability: ExploitVeryLow, Basis: "physical", Impact: ImpactMinor,
			Signals: Signals{EPSS: []EPSS{{Score: 0.6, RetrievedAt: day}}}}, ExploitVeryLow, ExploitHigh, Controlled},
		{"rubric", Assessment{Method: AssessRubric, Impact: ImpactCritical, Rubric: &RubricAnswers{
			Rubric: "medtrace-medical-cvss-rubric", Version: "1",
			Answers: map[string]string{"AV": "XAVW", "AC": "XACL", "PR": "XPRZ", "UI": "XUIN", "S": "XSU", "C": "XCN", "I": "XIT", "A": "XAT"}}},
			ExploitHigh, ExploitHigh, Uncontrolled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.a.Evaluate(EvaluateOptions{})
			require.NoError(t, err)
			assert.Equal(t, tc.derived, res.Derived)
			assert.Equal(t, tc.final, res.Exploitability)
			assert.Equal(t, tc.verdict, res.Verdict)
			assert.NotEmpty(t, res.Level)
		})
	}
}

func TestEvaluateRubricClasses(t *testing.T) {
	a := Assessment{Method: AssessRubric, Impact: ImpactCritical, Rubric: &RubricAnswers{
		Rubric: "medtrace-medical-cvss-rubric", Version: "1",
		Answers: map[string]string{"AV": "XAVW", "AC": "XACL", "PR": "XPRZ", "UI": "XUIN", "S": "XSU", "C": "XCP", "I": "XIT", "A": "XAT"}}}
	res, err := a.Evaluate(EvaluateOptions{})
	require.NoError(t, err)
	assert.Equal(t, []DataClass{DataPHI, DataTherapy}, res.Classes)
	require.NotNil(t, res.CVSS)
	assert.Equal(t, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H", res.CVSS.Vector)
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct {
		name     string
		a        Assessment
		sentinel error
		text     string
	}{
		{"no method", Assessment{Impact: ImpactMinor}, ErrInvalid, "method"},
		{"bad vector", Assessment{Method: AssessCVSS31, CVSS: "CVSS:3.1/AV:N", Impact: ImpactMinor}, ErrBadCVSS, "malformed CVSS vector"},
		{"no vector", Assessment{Method: AssessCVSS40, Impact: ImpactMinor}, ErrMissing, "needs a CVSS vector"},
		{"no rubric", Assessment{Method: AssessRubric, Impact: ImpactMinor}, ErrMissing, "rubric answers"},
		{"unanswered", Assessment{Method: AssessRubric, Impact: ImpactMinor, Rubric: &RubricAnswers{
			Rubric: "medtrace-medical-cvss-rubric", Version: "1", Answers: map[string]string{"AV": "XAVN"}}}, ErrInvalid, `question "AC"`},
		{"wrong answer", Assessment{Method: AssessRubric, Impact: ImpactMinor, Rubric: &RubricAnswers{
			Rubric: "medtrace-medical-cvss-rubric", Version: "1", Answers: map[string]string{"AV": "XAVQ"}}}, ErrInvalid, `"XAVQ" is not one of its answers`},
		{"wrong rubric", Assessment{Method: AssessRubric, Impact: ImpactMinor, Rubric: &RubricAnswers{Rubric: "other", Version: "9"}}, ErrInvalid, "answers are for rubric"},
		{"no impact", Assessment{Method: AssessDirect, Exploitability: ExploitLow, Basis: "x"}, ErrInvalid, "impact"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.a.Evaluate(EvaluateOptions{})
			require.Error(t, err)
			assert.True(t, errors.Is(err, tc.sentinel), "%v", err)
			assert.Contains(t, err.Error(), tc.text)
		})
	}
}

func TestRubricValidate(t *testing.T) {
	r, err := DefaultRubric()
	require.NoError(t, err)
	r.Questions[0].Next = "NOPE"
	r.Questions[1].Answers[0].Class = "bones"
	r.Questions[2].Metric = ""
	err = r.Validate()
	require.Error(t, err)
	for _, want := range []string{`questions[0].next`, `questions[1].answers[0].class`, `questions[2].answers[0].value`} {
		assert.Contains(t, err.Error(), want)
	}
}
