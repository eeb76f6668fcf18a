package security_test

import (
	"context"
	"fmt"
	"github.com/medtrace/medtrace/sbom"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// insulinPump is a small model: an insulin pump, the patient's phone app
// and the maker's cloud, each in its own trust boundary.
func insulinPump() security.Model {
	return security.Model{
		ID: "TM-PUMP", Title: "Insulin pump system", Methods: []security.Method{security.MethodSTRIDE},
		Assets: []security.Asset{{ID: "AS-DOSE", Name: "Dose commands", Class: security.DataTherapy, SafetyRelevant: true,
			Needs: security.CIA{Confidentiality: security.NeedLow, Integrity: security.NeedHigh, Availability: security.NeedHigh}}},
		Boundaries: []security.Boundary{{ID: "TB-BODY", Name: "On-body"}, {ID: "TB-PHONE", Name: "Phone"}, {ID: "TB-CLOUD", Name: "Cloud"}},
		Elements: []security.Element{
			{ID: "EL-PUMP", Name: "Pump", Type: "insulin-pump", Boundary: "TB-BODY", Assets: []trace.ID{"AS-DOSE"}},
			{ID: "EL-APP", Name: "App", Type: "mobile-app", Boundary: "TB-PHONE", Assets: []trace.ID{"AS-DOSE"}},
			{ID: "EL-CLOUD", Name: "Cloud", Type: "cloud-backend", Boundary: "TB-CLOUD", Flags: security.Flags{InternetFacing: true}},
		},
		Flows: []security.Flow{
			{ID: "FL-DOSE", Name: "dose", From: "EL-APP", To: "EL-PUMP", Protocol: "ble", Encrypted: true, Assets: []trace.ID{"AS-DOSE"}},
			{ID: "FL-SYNC", Name: "sync", From: "EL-APP", To: "EL-CLOUD", Protocol: "https", Authenticated: true, Encrypted: true, IntegrityProtected: true},
		},
	}
}

// Generate STRIDE-per-element and conditional threats for the pump.
func ExampleGenerate() {
	m := insulinPump()
	threats, err := security.Generate(context.Background(), &m, security.GenerateOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(threats), "threats")
	for _, t := range threats {
		if t.PatientHarm || t.Rule == "GEN-UNAUTH-CROSSING" {
			fmt.Println(t.ID, t.STRIDE, t.Title)
		}
	}
	// Output:
	// 33 threats
	// THR-GEN-CLINICAL-INTEGRITY@FL-DOSE [T] Therapy or diagnosis data on dose can be altered in transit
	// THR-GEN-UNAUTH-CROSSING@FL-DOSE [S T] Unauthenticated flow dose crosses a trust boundary from App to Pump
	// THR-MED-APP-PLATFORM@EL-APP [T I E] The phone running App is compromised or rooted
	// THR-MED-PUMP-COMMAND@EL-PUMP [S] Spoofed commands to Pump cause an unwanted bolus or stop
	// THR-MED-PUMP-DOS@EL-PUMP [D] Denial of service on Pump causes missed or delayed doses
	// THR-MED-PUMP-SETTINGS@EL-PUMP [T] Tampered therapy settings on Pump change the delivery rate
}

// Assess a threat with a CVSS vector scored in this device's context.
func ExampleAssessment_Evaluate() {
	a := security.Assessment{
		Method: security.AssessCVSS31,
		CVSS:   "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H",
		Impact: security.ImpactCritical,
	}
	res, err := a.Evaluate(security.EvaluateOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.CVSS.Score, res.CVSS.Rating)
	fmt.Println("exploitability:", res.Exploitability)
	fmt.Println("level:", res.Level, "verdict:", res.Verdict)

	_, err = security.ParseCVSS("CVSS:3.1/AV:N/AC:L")
	fmt.Println(err)
	// Output:
	// 8.1 HIGH
	// exploitability: high
	// level: critical verdict: uncontrolled
	// malformed CVSS vector "CVSS:3.1/AV:N/AC:L": base metric PR is not defined
}

// Link a threat to a hazardous situation of the risk file and let the rules
// check both files together.
func ExampleFile_Contribute() {
	m := insulinPump()
	threats, _ := security.Generate(context.Background(), &m, security.GenerateOptions{})
	f := &security.File{Model: m, Threats: threats}

	build := func() *trace.Graph {
		b := trace.NewBuilder()
		b.Add(f)
		// The risk file's hazardous situation (normally risk.File.Contribute).
		b.AddItem(trace.Item{ID: "HS-003", Kind: risk.KindSituation, Title: "Dose changed by an attacker"})
		g, _ := b.Build()
		return g
	}
	sec014 := func(g *trace.Graph) {
		res, _ := trace.Check(context.Background(), g, security.Rules(security.RuleOptions{}), trace.CheckOptions{})
		n := 0
		for _, fd := range res.Findings {
			if fd.Rule == "SEC-014" {
				n++
				if fd.Item == "THR-MED-PUMP-COMMAND@EL-PUMP" {
					fmt.Println(fd.Rule, fd.Clause+":", fd.Message)
				}
			}
		}
		fmt.Println("SEC-014 findings:", n)
	}
	sec014(build())

	for i := range f.Threats {
		if f.Threats[i].ID == "THR-MED-PUMP-COMMAND@EL-PUMP" {
			f.Threats[i].Causes = []trace.ID{"HS-003"}
		}
	}
	g := build()
	fmt.Println(g.Neighbours("HS-003", trace.In, trace.Causes))
	sec014(g)
	// Output:
	// SEC-014 AAMI TIR57:2016; ISO/TR 24971:2020 Annex F: threat THR-MED-PUMP-COMMAND@EL-PUMP (Spoofed commands to Pump cause an unwanted bolus or stop) can harm a patient but causes no hazardous situation in the risk file and has no no-harm rationale
	// SEC-014 findings: 5
	// [THR-MED-PUMP-COMMAND@EL-PUMP]
	// SEC-014 findings: 4
}

// Turn vulnerability matches from composition analysis into risk records
// to assess.
func ExampleDraftRisks() {
	drafts := security.DraftRisks([]security.VulnerabilityMatch{
		{Vulnerability: "CVE-2026-0001", Summary: "BLE stack overflow", Components: []trace.ID{"pkg:generic/rtos@2.1"}},
		{Vulnerability: "CVE-2026-0001", Components: []trace.ID{"pkg:generic/ble@1.0"}},
		{Vulnerability: "CVE-2026-0002", Components: []trace.ID{"pkg:npm/lodash@4.17.20"},
			VEX: &security.VEX{Status: sbom.VEXNotAffected, Justification: sbom.JustVulnerableCodeNotInExecutePath}},
	}, security.DraftOptions{})
	for _, r := range drafts {
		fmt.Println(r.ID, r.Components, r.NotAffected())
	}
	// Output:
	// SR-CVE-2026-0001 [pkg:generic/ble@1.0 pkg:generic/rtos@2.1] false
	// SR-CVE-2026-0002 [pkg:npm/lodash@4.17.20] true
}
