package risk

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/medtrace/medtrace/trace"
)

// FuzzFile feeds arbitrary JSON risk files to every entry point: Validate,
// Evaluate, Explain, Contribute and the rules. None may panic, and every
// evaluated risk has a region exactly when it has no problem.
func FuzzFile(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "pump.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{
		`{}`,
		`{"plan":{"id":"P","policy":"afap","severity":{"levels":[{"name":"a"},{"name":"b"}]},"probability":{"levels":[{"name":"x","upper":0.5},{"name":"y","lower":0.5}]},"matrix":{"a":["acceptable","unacceptable"],"b":["unacceptable"]}},"harms":[{"id":"H","severity":"b"}],"hazards":[{"id":"Z","situations":[{"id":"S","p1":0.7,"harms":[{"harm":"H","p2":"x"}],"residual":{"p1":"NaN"}}]}]}`,
		`{"plan":{"probability":{"levels":[{"name":"x","lower":1,"upper":0}]}},"hazards":[{"id":"Z","situations":[{"id":"Z","notEstimable":true,"harms":[{"harm":"Z"},{"harm":"Z"}]}]}],"controls":[{"id":"Z","mitigates":["Z","Z"],"introduces":["Z"]}]}`,
		`{"plan":{"matrix":{"":[""]}},"benefitRisk":[{"id":"B","situations":["S","S"]}],"overall":{"benefitRisk":"B"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var file File
		if json.Unmarshal(data, &file) != nil {
			return
		}
		_ = file.Validate()
		ev := file.Evaluate()
		for _, a := range ev.Situations {
			for _, rs := range [][]Risk{a.Initial, a.Residual} {
				for _, r := range rs {
					if r.Region.Valid() == (r.Problem != "") {
						t.Fatalf("%s/%s: region %q with problem %q", a.Situation, r.Harm, r.Region, r.Problem)
					}
				}
			}
			x, err := ev.Explain(a.Situation)
			if err == nil {
				_ = x.String()
			}
		}
		b := trace.NewBuilder()
		b.Add(&file)
		g, _ := b.Build()
		if _, err := trace.Check(context.Background(), g, Rules(&file), trace.CheckOptions{}); err != nil {
			t.Fatalf("rules: %v", err)
		}
	})
}

// FuzzEstimate evaluates one situation from arbitrary probabilities and
// severity under the default plan. A file that validates and whose estimate
// is complete must evaluate to a region.
func FuzzEstimate(f *testing.F) {
	f.Add("1e-3", "0.5", "Critical", "1e-6", false)
	f.Add("Remote", "", "Minor", "Improbable", false)
	f.Add("", "Occasional", "Serious", "", true)
	f.Add("NaN", "Inf", "Nope", "-0", false)
	f.Add("0x1p-3", "1_0", "Catastrophic", "1e-400", false)
	plan := DefaultPlan("RMP", ALARP)
	f.Fuzz(func(t *testing.T, p1, p2, severity, residual string, notEstimable bool) {
		file := oneSituation(plan, severity, Estimate{P1: Probability(p1), NotEstimable: notEstimable, Explanation: "x",
			Harms: []HarmEstimate{{Harm: "HARM-1", P2: Probability(p2)}}})
		file.Hazards[0].Situations[0].Residual = &Estimate{P1: Probability(residual)}
		valid := file.Validate() == nil
		a, ok := file.Evaluate().Situation("HS-1")
		if !ok {
			t.Fatal("situation lost")
		}
		complete := severity != "" && (notEstimable || (p1 != "" && (p2 != "" || !Probability(p1).Numeric())))
		if valid && complete && !a.InitialRegion.Valid() {
			t.Fatalf("valid, complete estimate not evaluated: %+v", a.Initial)
		}
		if x, err := file.Explain("HS-1"); err != nil || x.String() == "" {
			t.Fatalf("explain: %v", err)
		}
	})
}
