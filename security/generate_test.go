package security

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func threatTable(ts []Threat) []byte {
	var b bytes.Buffer
	for _, t := range ts {
		fmt.Fprintf(&b, "%s [%s] %s\n", t.ID, strideString(t.STRIDE), t.Title)
		if t.PatientHarm {
			b.WriteString("\tpatient harm\n")
		}
		for _, e := range t.Explanation {
			fmt.Fprintf(&b, "\t- %s\n", e)
		}
	}
	return b.Bytes()
}

func TestGeneratePumpGolden(t *testing.T) {
	m := pumpModel()
	threats, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	golden(t, "pump-threats.golden", threatTable(threats))

	again, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	assert.Equal(t, threats, again, "generation is deterministic")
}

func TestGenerateConditions(t *testing.T) {
	m := pumpModel()
	m.Flows[0].Authenticated = false
	m.Elements[0].Interfaces[1].Enabled = true
	m.Elements[0].Flags.Updatable = true
	threats, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	ids := map[trace.ID]Threat{}
	for _, th := range threats {
		ids[th.ID] = th
	}
	for _, want := range []trace.ID{
		ThreatID("GEN-UNAUTH-CROSSING", "FL-DOSE"),
		ThreatID("GEN-UNAUTH-WIRELESS", "FL-DOSE"),
		ThreatID("GEN-DEBUG-PORT", "EL-PUMP"),
		ThreatID("GEN-UNSIGNED-UPDATE", "EL-PUMP"),
	} {
		assert.Contains(t, ids, want)
	}
	assert.Contains(t, ids[ThreatID("GEN-UNAUTH-CROSSING", "FL-DOSE")].Explanation, "not authenticated")
	assert.NotContains(t, ids, ThreatID("GEN-UNAUTH-CROSSING", "FL-SYNC"), "an authenticated flow does not match")

	m.Elements[0].Flags.SignedUpdates = true
	m.Elements[3].OutOfScope, m.Elements[3].Rationale = true, "the patient is modelled by the app"
	threats, err = Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	for _, th := range threats {
		assert.NotEqual(t, ThreatID("GEN-UNSIGNED-UPDATE", "EL-PUMP"), th.ID)
		assert.NotEqual(t, trace.ID("EL-PATIENT"), th.Targets[0], "out-of-scope elements get no threats")
	}
}

func TestGenerateRejectsBadModel(t *testing.T) {
	m := pumpModel()
	m.Elements[1].Type = "smartwatch"
	m.Flows[1].From = "EL-GONE"
	_, err := Generate(context.Background(), &m, GenerateOptions{})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrUnknownElementType))
	assert.True(t, errors.Is(err, ErrUnknownRef))
	assert.Contains(t, err.Error(), `model.elements[1].type (id "EL-APP"): unknown element type "smartwatch"`)
	assert.Contains(t, err.Error(), `model.flows[1].from (id "FL-SYNC"): no element has ID "EL-GONE"`)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m = pumpModel()
	_, err = Generate(ctx, &m, GenerateOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestReconcileKeepsAssessments(t *testing.T) {
	m := pumpModel()
	first, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	dos := ThreatID("MED-PUMP-DOS", "EL-PUMP")
	cloud := ThreatID("MED-CLOUD-DATA", "EL-CLOUD")
	for i := range first {
		switch first[i].ID {
		case dos:
			first[i].Status, first[i].Causes = StatusMitigated, []trace.ID{"HS-001"}
		case cloud:
			first[i].Status, first[i].Rationale = StatusNotApplicable, "no PHI leaves the phone"
		}
	}
	manual := Threat{ID: "THR-MANUAL", Title: "insider", STRIDE: []Category{Tampering}, Targets: []trace.ID{"EL-CLOUD"}, Status: StatusOpen}
	existing := append(first, manual)

	m.Elements[0].Name = "Pump v2"
	m.Elements = m.Elements[:2] // the cloud and the patient leave the model
	m.Flows = m.Flows[:1]
	second, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	merged := Reconcile(existing, second)

	got := map[trace.ID]Threat{}
	for _, th := range merged {
		got[th.ID] = th
	}
	assert.Equal(t, StatusMitigated, got[dos].Status)
	assert.Equal(t, []trace.ID{"HS-001"}, got[dos].Causes)
	assert.Contains(t, got[dos].Title, "Pump v2", "the title follows the model")
	assert.True(t, got[cloud].Stale, "a threat no longer generated is kept and marked stale")
	assert.Equal(t, StatusNotApplicable, got[cloud].Status)
	assert.False(t, got["THR-MANUAL"].Stale)
	assert.True(t, isSorted(merged))
}

func isSorted(ts []Threat) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i-1].ID >= ts[i].ID {
			return false
		}
	}
	return true
}

func TestCustomCatalogue(t *testing.T) {
	const custom = `
name: hospital-extras
version: "1"
elementTypes:
  - name: dialysis-machine
    base: device
rules:
  - id: HOSP-DIALYSIS-FLOW
    version: 1
    title: Dialysis prescription on {name} altered
    on: flow
    when:
      toTypes: [dialysis-machine]
      integrityProtected: false
    stride: [T]
    patientHarm: true
`
	extra, err := DecodeCatalogue(context.Background(), strings.NewReader(custom), DecodeOptions{Name: "extras.yaml"})
	require.NoError(t, err)
	def, err := DefaultCatalogue()
	require.NoError(t, err)
	cat, err := def.Extend(extra)
	require.NoError(t, err)

	m := Model{ID: "TM", Methods: []Method{MethodSTRIDE},
		Elements: []Element{{ID: "E1", Name: "EHR", Type: "ehr-system"}, {ID: "E2", Name: "Dialysis", Type: "dialysis-machine"}},
		Flows:    []Flow{{ID: "F1", From: "E1", To: "E2", Protocol: "hl7"}}}
	threats, err := Generate(context.Background(), &m, GenerateOptions{Catalogue: cat})
	require.NoError(t, err)
	var found bool
	for _, th := range threats {
		if th.ID == ThreatID("HOSP-DIALYSIS-FLOW", "F1") {
			found = true
			assert.True(t, th.PatientHarm)
			assert.Equal(t, "Dialysis prescription on F1 altered", th.Title)
		}
	}
	assert.True(t, found)

	_, err = def.Extend(extra, extra)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrDuplicateID))
}

func TestCatalogueValidation(t *testing.T) {
	const bad = `
name: bad
version: "1"
elementTypes:
  - {name: Pump, base: device}
  - {name: process, base: process}
  - {name: thing, base: robot}
rules:
  - {id: R1, version: 0, title: "", on: wire, stride: [Q], when: {types: [nothing]}}
  - {id: R1, version: 1, title: x, on: element, stride: [S], controls: [magic], when: {flags: [shiny]}}
  - {id: R2, version: 1, title: x, on: element, stride: [S], when: {protocols: [ble]}}
  - {id: R3, version: 1, title: x, on: flow, stride: [S], when: {bases: [process]}}
`
	_, err := DecodeCatalogue(context.Background(), strings.NewReader(bad), DecodeOptions{Name: "bad.yaml"})
	require.Error(t, err)
	for _, want := range []string{
		`elementTypes[0].name`, `elementTypes[1].name`, `elementTypes[2].base`, `rules[0].version`, `rules[0].title`,
		`rules[0].on`, `rules[0].stride[0]`, `rules[0].when.types[0]`, `rules[1].id`, `rules[1].controls[0]`, `rules[1].when.flags[0]`,
		`rules[2].when`, `rules[3].when`, "runs on elements but tests protocols", "runs on flows but tests element types",
	} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestDefaultCatalogueCoversStrideMap(t *testing.T) {
	cat, err := DefaultCatalogue()
	require.NoError(t, err)
	for _, b := range bases() {
		m := Model{ID: "TM", Methods: []Method{MethodSTRIDE}, Elements: []Element{{ID: "E", Name: "e", Type: string(b)}}}
		threats, err := Generate(context.Background(), &m, GenerateOptions{Catalogue: cat})
		require.NoError(t, err)
		have := map[Category]bool{}
		for _, th := range threats {
			for _, c := range th.STRIDE {
				have[c] = true
			}
		}
		for _, c := range Expected(b) {
			assert.True(t, have[c], "base %s: no rule for %s", b, c)
		}
	}
}

func TestMedicalHospitalRules(t *testing.T) {
	m := Model{ID: "TM", Methods: []Method{MethodSTRIDE},
		Boundaries: []Boundary{{ID: "TB-HDO", Name: "hospital"}, {ID: "TB-DEV", Name: "device"}},
		Elements: []Element{
			{ID: "EHR", Name: "EHR", Type: "ehr-system", Boundary: "TB-HDO"},
			{ID: "GW", Name: "Gateway", Type: "gateway", Boundary: "TB-HDO"},
			{ID: "PUMP", Name: "Pump", Type: "infusion-pump", Boundary: "TB-DEV"},
		},
		Flows: []Flow{
			{ID: "F-ORDER", From: "EHR", To: "PUMP", Protocol: "hl7"},
			{ID: "F-SAFE", From: "EHR", To: "GW", Protocol: "hl7", Authenticated: true, Encrypted: true, IntegrityProtected: true},
		}}
	threats, err := Generate(context.Background(), &m, GenerateOptions{})
	require.NoError(t, err)
	got := map[trace.ID]bool{}
	for _, th := range threats {
		got[th.ID] = true
	}
	for _, want := range []trace.ID{
		ThreatID("MED-CLINICAL-CLEARTEXT", "F-ORDER"), ThreatID("MED-EHR-ORDER", "F-ORDER"),
		ThreatID("MED-GATEWAY-BRIDGE", "GW"), ThreatID("GEN-UNAUTH-CROSSING", "F-ORDER"),
	} {
		assert.True(t, got[want], "missing %s", want)
	}
	for _, not := range []trace.ID{ThreatID("MED-CLINICAL-CLEARTEXT", "F-SAFE"), ThreatID("MED-EHR-ORDER", "F-SAFE")} {
		assert.False(t, got[not], "unexpected %s", not)
	}
}
