package security

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// pumpModel is a small insulin pump with a phone app and a cloud backend.
func pumpModel() Model {
	return Model{
		ID: "TM-PUMP", Title: "Insulin pump system", Version: "1", Methods: []Method{MethodSTRIDE, MethodPASTA},
		ReviewedAt:  day,
		CyberDevice: &CyberDevice{Software: true, Internet: true, Vulnerable: true, Rationale: "the app relays to a cloud"},
		Exemptions: []Exemption{
			{Item: "d", Rationale: "no data store on the pump; the cloud store is out of scope"},
		},
		Assets: []Asset{
			{ID: "AS-DOSE", Name: "Dose commands", Class: DataTherapy, SafetyRelevant: true,
				Needs: CIA{Confidentiality: NeedLow, Integrity: NeedHigh, Availability: NeedHigh}},
			{ID: "AS-PHI", Name: "Glucose history", Class: DataPHI,
				Needs: CIA{Confidentiality: NeedHigh, Integrity: NeedMedium, Availability: NeedLow}},
		},
		Boundaries: []Boundary{
			{ID: "TB-BODY", Name: "On-body devices"},
			{ID: "TB-PHONE", Name: "Patient phone"},
			{ID: "TB-CLOUD", Name: "Maker cloud"},
		},
		Elements: []Element{
			{ID: "EL-PUMP", Name: "Pump", Type: "insulin-pump", Boundary: "TB-BODY", Assets: []trace.ID{"AS-DOSE"},
				Components: []trace.ID{"pkg:generic/rtos@2.1"},
				Interfaces: []Interface{{Name: "ble", Kind: IfaceBLE, Enabled: true}, {Name: "swd", Kind: IfaceDebug, Physical: true}},
				Flags:      Flags{DirectPatientHarm: true}},
			{ID: "EL-APP", Name: "App", Type: "mobile-app", Boundary: "TB-PHONE", Assets: []trace.ID{"AS-DOSE", "AS-PHI"}},
			{ID: "EL-CLOUD", Name: "Cloud", Type: "cloud-backend", Boundary: "TB-CLOUD", Assets: []trace.ID{"AS-PHI"},
				Flags: Flags{InternetFacing: true}},
			{ID: "EL-PATIENT", Name: "Patient", Type: "patient", Boundary: "TB-PHONE"},
		},
		Flows: []Flow{
			{ID: "FL-DOSE", Name: "dose command", From: "EL-APP", To: "EL-PUMP", Protocol: "ble",
				Authenticated: true, Encrypted: true, IntegrityProtected: true, Assets: []trace.ID{"AS-DOSE"}},
			{ID: "FL-SYNC", Name: "history sync", From: "EL-APP", To: "EL-CLOUD", Protocol: "https",
				Authenticated: true, Encrypted: true, IntegrityProtected: true, Assets: []trace.ID{"AS-PHI"}},
		},
	}
}

// cleanFile is the pump's security file with every threat treated so that
// every rule holds; extras are the other packages' records it links to.
func cleanFile(t testing.TB) *File {
	t.Helper()
	f := &File{Model: pumpModel()}
	threats, err := Generate(context.Background(), &f.Model, GenerateOptions{})
	require.NoError(t, err)
	for i := range threats {
		th := &threats[i]
		th.Status, th.Rationale = StatusAccepted, "residual accepted in review SR-1"
		if th.PatientHarm {
			th.Causes = []trace.ID{"HS-001"}
		}
	}
	f.Threats = threats
	spoof := ThreatID("MED-PUMP-COMMAND", "EL-PUMP")
	for i := range f.Threats {
		if f.Threats[i].ID == spoof {
			f.Threats[i].Status, f.Threats[i].Rationale = StatusMitigated, ""
		}
	}
	f.Threats = append(f.Threats, Threat{ID: "THR-OVERRIDE", Title: "Emergency stop button can be abused", STRIDE: []Category{DenialOfService},
		Targets: []trace.ID{"EL-PUMP"}, Status: StatusAccepted, Rationale: "needs the pump in hand", IntroducedBy: []trace.ID{"RC-STOP"},
		NoHarmRationale: "stopping delivery is alarmed and recoverable"})
	for _, c := range ControlCategories() {
		f.Controls = append(f.Controls, Control{ID: trace.ID("CTL-" + c.Letter()), Title: "control " + string(c), Category: c,
			ImplementedBy: []trace.ID{"REQ-SEC-1"}})
	}
	f.Controls[0].Mitigates = []trace.ID{spoof, "SR-CVE"}
	f.Controls[6].SafetyImpact, f.Controls[6].SafetyReview = true, "safety review SRV-3: watchdog restart keeps basal delivery"
	exposed := ThreatID("GEN-INTERNET-EXPOSED", "EL-CLOUD")
	findThreatIn(f.Threats, exposed).Status = StatusOpen
	findThreatIn(f.Threats, exposed).Rationale = ""
	f.Risks = []Risk{
		{ID: "SR-SPOOF", Title: "Spoofed bolus command", Threats: []trace.ID{spoof}, Causes: []trace.ID{"HS-001"},
			Pre:  &Assessment{Method: AssessCVSS31, CVSS: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", Impact: ImpactCritical},
			Post: &Assessment{Method: AssessDirect, Exploitability: ExploitVeryLow, Basis: "bonded BLE pairing with out-of-band key", Impact: ImpactCritical}},
		{ID: "SR-CVE", Title: "Heap overflow in the RTOS BLE stack", Vulnerabilities: []trace.ID{"CVE-2026-0001"},
			Components: []trace.ID{"pkg:generic/rtos@2.1"}, NoHarmRationale: "the stack runs in the radio core, isolated from dosing",
			Pre:  &Assessment{Method: AssessCVSS40, CVSS: "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", Impact: ImpactSerious, Classes: []DataClass{DataTherapy}},
			Post: &Assessment{Method: AssessDirect, Exploitability: ExploitLow, Basis: "stack patched in radio core; exploit needs pairing", Impact: ImpactSerious}},
		{ID: "SR-PLAN", Title: "Cloud login flooding", Threats: []trace.ID{exposed}, Vulnerabilities: []trace.ID{"CVE-2026-0002"},
			ChangeRequests: []trace.ID{"CR-001"}, Patch: &PatchPlan{Class: PatchOutOfCycle, Due: day.AddDate(1, 0, 0)},
			Pre: &Assessment{Method: AssessDirect, Exploitability: ExploitVeryHigh, Basis: "public endpoint", Impact: ImpactSerious,
				Signals: Signals{KEV: []KEV{{Listed: true, DateAdded: day, DueDate: day.AddDate(1, 0, 0), RetrievedAt: day}}}},
			Post: &Assessment{Method: AssessDirect, Exploitability: ExploitHigh, Basis: "rate limit not yet deployed", Impact: ImpactSerious}},
	}
	for i, s := range Stages() {
		f.Pasta.Stages = append(f.Pasta.Stages, StageRecord{ID: trace.ID(fmt.Sprintf("PS-%d", i+1)), Stage: s,
			Summary: "stage " + string(s), Scope: []trace.ID{"TM-PUMP"}})
	}
	f.Pasta.AttackTrees = []AttackTree{{ID: "AT-BOLUS", Goal: "unwanted bolus", Root: Node{Gate: GateAnd, Children: []Node{
		{Label: "reach radio", Ref: spoof}, {Label: "exploit stack", Ref: "CVE-2026-0001"}}}}}
	return f
}

// others contributes the records of other packages the file links to.
func others(noTest ...trace.ID) trace.Contributor {
	return trace.ContributorFunc(func(b *trace.Builder) error {
		b.AddItem(trace.Item{ID: "HS-001", Kind: risk.KindSituation, Title: "Unintended bolus", Attrs: map[string]string{"residual-region": "acceptable"}})
		b.AddItem(trace.Item{ID: "REQ-SEC-1", Kind: KindRequirement, Title: "Security requirements"})
		b.AddItem(trace.Item{ID: "TST-PEN", Kind: KindTest, Title: "Penetration test", Attrs: map[string]string{"type": "penetration"}})
		b.AddItem(trace.Item{ID: "CVE-2026-0001", Kind: sbom.KindVulnerability, Title: "BLE stack overflow"})
		b.AddItem(trace.Item{ID: "CVE-2026-0002", Kind: sbom.KindVulnerability, Title: "Login endpoint flooding"})
		b.AddItem(trace.Item{ID: "pkg:generic/rtos@2.1", Kind: sbom.KindComponent, Title: "RTOS"})
		b.AddItem(trace.Item{ID: "RC-STOP", Kind: risk.KindControl, Title: "Emergency stop", Attrs: map[string]string{AttrAttackSurface: "true"}})
		b.AddItem(trace.Item{ID: "CR-001", Kind: KindChangeRequest, Title: "Patch RTOS"})
		for _, c := range ControlCategories() {
			if id := trace.ID("CTL-" + c.Letter()); !slices.Contains(noTest, id) {
				b.Link("TST-PEN", trace.Verifies, id)
			}
		}
		return nil
	})
}

func buildGraph(t testing.TB, f *File, extra ...trace.Contributor) *trace.Graph {
	t.Helper()
	return buildGraphWith(t, f, others(), extra...)
}

func buildGraphWith(t testing.TB, f *File, base trace.Contributor, extra ...trace.Contributor) *trace.Graph {
	t.Helper()
	b := trace.NewBuilder()
	b.Add(f)
	b.Add(base)
	for _, c := range extra {
		b.Add(c)
	}
	g, err := b.Build()
	require.NoError(t, err)
	return g
}

func findThreatIn(ts []Threat, id trace.ID) *Threat {
	for i := range ts {
		if ts[i].ID == id {
			return &ts[i]
		}
	}
	return nil
}
