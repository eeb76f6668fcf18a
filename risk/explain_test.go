package risk

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got))
}

// explainFile is the pump file with situations that show every path of an
// explanation: numeric, qualitative, not estimable, controlled without a
// residual estimate, and unacceptable with a benefit-risk analysis.
func explainFile(policy Policy) *File {
	f := pumpFile(policy)
	f.Hazards = append(f.Hazards, Hazard{ID: "HAZ-003", Title: "Loss of therapy", Situations: []Situation{
		{ID: "HS-004", Title: "Controller software hangs", Causes: []trace.ID{"SWI-PUMP"},
			Estimate: Estimate{NotEstimable: true, Explanation: "software failure: assumed to occur",
				Harms: []HarmEstimate{{Harm: "HARM-002"}}}},
		{ID: "HS-005", Title: "Battery depleted unnoticed",
			Estimate: Estimate{P1: "1e-2", Harms: []HarmEstimate{{Harm: "HARM-001", P2: "0.5"}, {Harm: "HARM-002", P2: "1"}}},
			Residual: &Estimate{P1: "1e-3", Explanation: "alarm reduces but cannot remove"}},
		{ID: "HS-006", Title: "Alarm not heard",
			Estimate: Estimate{P1: "Occasional", Harms: []HarmEstimate{{Harm: "HARM-002", P2: "Remote"}}}},
		{ID: "HS-007", Title: "Battery swelling", Disclosure: "IFU section 9",
			Estimate: Estimate{P1: "1e-2", Harms: []HarmEstimate{{Harm: "HARM-001", P2: "1"}}},
			Residual: &Estimate{P1: "1e-2", Harms: []HarmEstimate{{Harm: "HARM-001", P2: "0.9"}}}},
		{ID: "HS-008", Title: "Keypad bounce",
			Estimate: Estimate{P1: "1e-2", Harms: []HarmEstimate{{Harm: "HARM-002", P2: "0.5"}}}},
		{ID: "HS-009", Title: "Display unreadable",
			Estimate: Estimate{P1: "1e-2", Harms: []HarmEstimate{{Harm: "HARM-404", P2: "0.5"}}}},
	}})
	f.Controls = append(f.Controls,
		Control{ID: "RC-010", Title: "Low-battery alarm", Option: ProtectiveMeasure, Location: LocationSoftware,
			Mitigates: []trace.ID{"HS-004", "HS-005", "HS-007"}, NewRisks: NewRisksNone},
		Control{ID: "RC-011", Title: "Battery warning in the IFU", Option: InformationForSafety, Location: LocationLabeling,
			Mitigates: []trace.ID{"HS-005"}, NewRisks: NewRisksNone})
	f.BenefitRisk = append(f.BenefitRisk, BenefitRisk{ID: "BR-005", Situations: []trace.ID{"HS-005"},
		Benefits: "ambulatory therapy", Rationale: "no practicable further control", Outcome: BenefitsOutweigh})
	return f
}

func TestExplainGolden(t *testing.T) {
	for _, policy := range []Policy{ALARP, AFAP} {
		t.Run(string(policy), func(t *testing.T) {
			f := explainFile(policy)
			require.ErrorIs(t, f.Validate(), ErrUnknownReference, "HS-009 names an unknown harm")
			ev := f.Evaluate()
			var b strings.Builder
			for _, a := range ev.Situations {
				x, err := ev.Explain(a.Situation)
				require.NoError(t, err)
				one, err := f.Explain(a.Situation)
				require.NoError(t, err)
				assert.Equal(t, x.String(), one.String(), "File.Explain and Evaluation.Explain agree")
				b.WriteString(x.String())
				b.WriteString("\n")
			}
			golden(t, "explain-"+string(policy)+".golden", []byte(b.String()))
		})
	}
}

func TestExplainUnknown(t *testing.T) {
	_, err := pumpFile(ALARP).Explain("HS-404")
	assert.ErrorIs(t, err, ErrUnknownReference)
	_, err = pumpFile(ALARP).Evaluate().Explain("HS-404")
	assert.ErrorIs(t, err, ErrUnknownReference)
	_, err = (&Evaluation{}).Explain("HS-001")
	assert.ErrorIs(t, err, ErrUnknownReference)
}

// TestEvaluationGolden pins the evaluation's JSON form, which reports and
// hosts store.
func TestEvaluationGolden(t *testing.T) {
	ev := explainFile(ALARP).Evaluate()
	got, err := json.MarshalIndent(ev, "", "  ")
	require.NoError(t, err)
	golden(t, "evaluation.golden.json", append(got, '\n'))
}

// TestFileJSON decodes the file format and round-trips it.
func TestFileJSON(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "pump.json"))
	require.NoError(t, err)
	var f File
	require.NoError(t, json.Unmarshal(data, &f))
	require.NoError(t, f.Validate())
	assert.Equal(t, Probability("0.001"), f.Hazards[0].Situations[0].P1, "JSON numbers decode to canonical probabilities")
	assert.Equal(t, Probability("0.000001"), f.Hazards[0].Situations[0].Residual.P1, "numeric strings too")
	assert.Equal(t, Probability("Probable"), f.Hazards[1].Situations[0].P1)
	a, ok := f.Evaluate().Situation("HS-001")
	require.True(t, ok)
	assert.Equal(t, RegionALARP, a.InitialRegion)
	assert.Equal(t, RegionAcceptable, a.ResidualRegion)

	out, err := json.Marshal(&f)
	require.NoError(t, err)
	var back File
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, f, back)
}

func TestProbabilityJSON(t *testing.T) {
	cases := []struct {
		in      string
		want    Probability
		wantErr bool
	}{
		{`1e-4`, "0.0001", false},
		{`0.5`, "0.5", false},
		{`5E-7`, "5e-7", false},
		{`"Remote"`, "Remote", false},
		{`"1e-6"`, "0.000001", false},
		{`" 2e-3 "`, "0.002", false},
		{`null`, "", false},
		{`true`, "", true},
		{`[1]`, "", true},
		{`{"a":1}`, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			var p Probability
			err := json.Unmarshal([]byte(tc.in), &p)
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, p)
		})
	}
}
