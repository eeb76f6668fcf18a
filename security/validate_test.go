package security

import (
	"errors"
	"github.com/medtrace/medtrace/sbom"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	f := cleanFile(t)
	f.Model.Elements[0].Type = "pump-x"
	f.Model.Flows[0].To = "EL-NOWHERE"
	f.Model.Flows = append(f.Model.Flows, Flow{ID: "FL-SYNC", From: "EL-APP", To: "EL-CLOUD", Protocol: "https"})
	f.Threats = append(f.Threats, f.Threats[0])
	f.Risks[0].Pre.CVSS = "CVSS:3.1/AV:X/AC:L"
	f.Controls[1].Category = "magic"
	f.Threats[1].Status, f.Threats[1].Rationale = StatusNotApplicable, ""

	err := f.Validate()
	require.Error(t, err)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	want := []struct {
		path     string
		id       trace.ID
		sentinel error
	}{
		{"model.elements[0].type", "EL-PUMP", ErrUnknownElementType},
		{"model.flows[0].to", "FL-DOSE", ErrUnknownRef},
		{"model.flows[2].id", "FL-SYNC", ErrDuplicateID},
		{threatPath(len(f.Threats)-1) + ".id", f.Threats[0].ID, ErrDuplicateID},
		{"risks[0].pre.cvss", "SR-SPOOF", ErrBadCVSS},
		{"controls[1].category", "CTL-B", ErrInvalid},
		{"threats[1].rationale", f.Threats[1].ID, ErrMissing},
	}
	for _, w := range want {
		found := false
		for _, p := range ve.Problems {
			if p.Path == w.path && p.ID == w.id {
				found = true
				assert.True(t, errors.Is(p, w.sentinel), "%s: %v is not %v", w.path, p, w.sentinel)
				assert.Contains(t, p.Error(), string(w.id))
			}
		}
		assert.True(t, found, "no problem at %s for %s in\n%v", w.path, w.id, err)
	}
	assert.True(t, errors.Is(err, ErrBadCVSS))
	assert.True(t, errors.Is(err, ErrUnknownElementType))
}

func TestValidateCleanFile(t *testing.T) {
	require.NoError(t, cleanFile(t).Validate())
}

func TestContributeReportsValidationProblems(t *testing.T) {
	f := cleanFile(t)
	f.Model.Elements[0].Type = "pump-x"
	b := trace.NewBuilder()
	b.Add(f)
	b.Add(others())
	_, err := b.Build()
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrUnknownElementType))
	assert.Contains(t, err.Error(), `model.elements[0].type (id "EL-PUMP")`)
}

func TestValidateFieldsTable(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(f *File)
		path     string
		sentinel error
	}{
		{"model without method", func(f *File) { f.Model.Methods = nil }, "model.methods", ErrMissing},
		{"bad method", func(f *File) { f.Model.Methods = []Method{"guess"} }, "model.methods[0]", ErrInvalid},
		{"cyber device rationale", func(f *File) { f.Model.CyberDevice.Rationale = "" }, "model.cyberDevice.rationale", ErrMissing},
		{"bad exemption", func(f *File) { f.Model.Exemptions[0].Item = "z" }, "model.exemptions[0].item", ErrInvalid},
		{"asset class", func(f *File) { f.Model.Assets[0].Class = "" }, "model.assets[0].class", ErrInvalid},
		{"asset need", func(f *File) { f.Model.Assets[0].Needs.Integrity = "max" }, "model.assets[0].needs.integrity", ErrInvalid},
		{"boundary parent", func(f *File) { f.Model.Boundaries[0].Parent = "TB-X" }, "model.boundaries[0].parent", ErrUnknownRef},
		{"boundary cycle", func(f *File) {
			f.Model.Boundaries[0].Parent = "TB-PHONE"
			f.Model.Boundaries[1].Parent = "TB-BODY"
		}, "model.boundaries[0].parent", ErrInvalid},
		{"element boundary kind", func(f *File) { f.Model.Elements[0].Boundary = "AS-DOSE" }, "model.elements[0].boundary", ErrUnknownRef},
		{"interface kind", func(f *File) { f.Model.Elements[0].Interfaces[0].Kind = "radio" }, "model.elements[0].interfaces[0].kind", ErrInvalid},
		{"out of scope", func(f *File) { f.Model.Elements[3].OutOfScope = true }, "model.elements[3].rationale", ErrMissing},
		{"flow self", func(f *File) { f.Model.Flows[0].To = "EL-APP" }, "model.flows[0].to", ErrInvalid},
		{"flow protocol", func(f *File) { f.Model.Flows[0].Protocol = "" }, "model.flows[0].protocol", ErrMissing},
		{"threat target", func(f *File) { f.Threats[0].Targets = []trace.ID{"SR-SPOOF"} }, "threats[0].targets[0]", ErrUnknownRef},
		{"threat stride", func(f *File) { f.Threats[0].STRIDE = []Category{"X"} }, "threats[0].stride[0]", ErrInvalid},
		{"threat status", func(f *File) { f.Threats[0].Status = "" }, "threats[0].status", ErrInvalid},
		{"control mitigates", func(f *File) { f.Controls[0].Mitigates = []trace.ID{"EL-PUMP"} }, "controls[0].mitigates[0]", ErrUnknownRef},
		{"risk without subject", func(f *File) { f.Risks[0].Threats = nil }, "risks[0].threats", ErrMissing},
		{"risk impact", func(f *File) { f.Risks[0].Pre.Impact = "" }, "risks[0].pre.impact", ErrInvalid},
		{"direct without basis", func(f *File) { f.Risks[0].Post.Basis = "" }, "risks[0].post.basis", ErrMissing},
		{"override without basis", func(f *File) {
			f.Risks[0].Pre.Exploitability = ExploitLow
		}, "risks[0].pre.basis", ErrMissing},
		{"method mismatch", func(f *File) { f.Risks[0].Pre.Method = AssessCVSS40 }, "risks[0].pre.cvss", ErrInvalid},
		{"epss range", func(f *File) {
			f.Risks[0].Pre.Signals.EPSS = []EPSS{{Score: 2, RetrievedAt: day}}
		}, "risks[0].pre.signals.epss[0].score", ErrInvalid},
		{"kev date", func(f *File) { f.Risks[0].Pre.Signals.KEV = []KEV{{Listed: true}} }, "risks[0].pre.signals.kev[0].retrievedAt", ErrMissing},
		{"vex justification", func(f *File) { f.Risks[1].VEX = &VEX{Status: sbom.VEXNotAffected} }, "risks[1].vex.justification", ErrMissing},
		{"patch due", func(f *File) { f.Risks[2].Patch = &PatchPlan{Class: PatchOutOfCycle} }, "risks[2].patch.due", ErrMissing},
		{"advisory cvss", func(f *File) { f.Risks[1].AdvisoryCVSS = "CVSS:9" }, "risks[1].advisoryCvss", ErrBadCVSS},
		{"category exemption", func(f *File) { f.CategoryExemptions = []Exemption{{Item: "magic", Rationale: "x"}} }, "categoryExemptions[0].item", ErrInvalid},
		{"matrix", func(f *File) { m := DefaultMatrix(); m.Cells = m.Cells[1:]; f.Matrix = &m }, "matrix.cells", ErrMissing},
		{"pasta stage", func(f *File) { f.Pasta.Stages = []StageRecord{{ID: "PS-1", Stage: "eight", Summary: "x"}} }, "pasta.stages[0].stage", ErrInvalid},
		{"attack tree leaf", func(f *File) {
			f.Pasta.AttackTrees = []AttackTree{{ID: "AT-1", Goal: "bolus", Root: Node{Gate: GateOr, Children: []Node{{Label: "empty"}}}}}
		}, "pasta.attackTrees[0].root.children[0]", ErrMissing},
		{"attack tree leaf kind", func(f *File) {
			f.Pasta.AttackTrees = []AttackTree{{ID: "AT-1", Goal: "bolus", Root: Node{Ref: "CTL-A"}}}
		}, "pasta.attackTrees[0].root", ErrUnknownRef},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanFile(t)
			tc.mutate(f)
			err := f.Validate()
			require.Error(t, err)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			for _, p := range ve.Problems {
				if p.Path == tc.path {
					assert.True(t, errors.Is(p, tc.sentinel), "%v", p)
					return
				}
			}
			t.Errorf("no problem at %s in\n%v", tc.path, err)
		})
	}
}

func TestThreatFingerprintFollowsContent(t *testing.T) {
	f := cleanFile(t)
	th := f.Threats[0]
	base := fingerprint(KindThreat, &th)
	assert.Equal(t, base, fingerprint(KindThreat, &th), "stable")
	for name, mutate := range map[string]func(*Threat){
		"status":    func(x *Threat) { x.Status = StatusFalsePositive },
		"rationale": func(x *Threat) { x.Rationale = "other" },
		"causes":    func(x *Threat) { x.Causes = []trace.ID{"HS-9"} },
		"targets":   func(x *Threat) { x.Targets = []trace.ID{"EL-APP"} },
		"stride":    func(x *Threat) { x.STRIDE = []Category{Spoofing} },
	} {
		c := th
		mutate(&c)
		assert.NotEqual(t, base, fingerprint(KindThreat, &c), name)
	}
	c := th
	c.Pos = trace.Position{File: "x.yaml", Line: 3}
	assert.Equal(t, base, fingerprint(KindThreat, &c), "positions are not content")
}
