package security

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// Attribute keys of the items security contributes; the rules read them.
const (
	// AttrType is an element's catalogue type.
	AttrType = "type"
	// AttrBase is an element's base.
	AttrBase = "base"
	// AttrExpectedSTRIDE lists, on elements and flows, the STRIDE
	// categories that apply ("S,T,R,I,D,E"); empty when out of scope.
	AttrExpectedSTRIDE = "expected-stride"
	// AttrSTRIDE lists a threat's categories.
	AttrSTRIDE = "stride"
	// AttrStatus is a threat's status.
	AttrStatus = "status"
	// AttrPatientHarm is "true" when a threat's impact can harm a patient.
	AttrPatientHarm = "patient-harm"
	// AttrNoHarmRationale holds a threat's or risk's no-harm rationale.
	AttrNoHarmRationale = "no-harm-rationale"
	// AttrBoundary is an element's trust boundary.
	AttrBoundary = "boundary"
	// AttrCrossesBoundary is "true" on a flow whose ends sit in different
	// trust boundaries.
	AttrCrossesBoundary = "crosses-boundary"
	// AttrAuthenticated is "true" on an authenticated flow.
	AttrAuthenticated = "authenticated"
	// AttrEncrypted is "true" on an encrypted flow.
	AttrEncrypted = "encrypted"
	// AttrIntegrityProtected is "true" on an integrity-protected flow.
	AttrIntegrityProtected = "integrity-protected"
	// AttrCategory is a control's FDA category.
	AttrCategory = "category"
	// AttrSafetyImpact is "true" on a control that affects availability,
	// workflow or emergency access.
	AttrSafetyImpact = "safety-impact"
	// AttrSafetyReview holds a control's safety review.
	AttrSafetyReview = "safety-review"
	// AttrPreVerdict holds a risk's verdict before controls; the keys
	// "pre-exploitability", "pre-impact", "pre-level" and "pre-method" hold
	// the rest of the evaluated assessment.
	AttrPreVerdict = "pre-verdict"
	// AttrPostVerdict holds a risk's verdict after controls, with the
	// matching "post-" keys.
	AttrPostVerdict = "post-verdict"
	// AttrKEV is "true" when the latest KEV observation lists the vulnerability.
	AttrKEV = "kev"
	// AttrKEVDue is the KEV catalogue's due date (YYYY-MM-DD), if given.
	AttrKEVDue = "kev-due"
	// AttrKEVAdded is the date the vulnerability joined the KEV catalogue.
	AttrKEVAdded = "kev-added"
	// AttrClasses lists the data classes a risk affects.
	AttrClasses = "classes"
	// AttrVEXStatus holds a risk's VEX status.
	AttrVEXStatus = "vex-status"
	// AttrVEXJustification holds a risk's VEX justification.
	AttrVEXJustification = "vex-justification"
	// AttrPatchClass holds the class of a risk's patch plan.
	AttrPatchClass = "patch-class"
	// AttrPatchDue holds the due date of a risk's patch plan (YYYY-MM-DD).
	AttrPatchDue = "patch-due"
	// AttrCyberDevice is "true" or "false" on the threat model once the
	// FD&C Act 524B(c) determination is recorded, else absent.
	AttrCyberDevice = "cyber-device"
	// AttrReviewedAt is the threat model's last review date (YYYY-MM-DD).
	AttrReviewedAt = "reviewed-at"
	// AttrCoverageMissing lists the IEC 81001-5-1 7.2 letters not covered.
	AttrCoverageMissing = "coverage-missing"
	// AttrCategoriesMissing lists the FDA control categories neither
	// addressed nor exempted.
	AttrCategoriesMissing = "categories-missing"
	// AttrAttackSurfaces lists, on the threat model, the safety risk
	// controls that open an attack surface (Model.AttackSurfaces).
	AttrAttackSurfaces = "attack-surfaces"
	// AttrAttackSurface is read on risk-control items (package risk): "true"
	// when the safety control opens an attack surface (an emergency
	// override, a service port).
	AttrAttackSurface = "attack-surface"
	// AttrTestType is read on test items (package lifecycle): the test type.
	AttrTestType = "type"
)

// Contribute adds the file to a graph (trace.Contributor). It declares its
// link types and kind pairs, adds every record as an item with a fingerprint
// over its JSON form, and adds the links:
//
//	element -part-of-> trust-boundary -part-of-> trust-boundary
//	data-flow -flows-from-> element, data-flow -flows-to-> element
//	element | data-flow -handles-> asset; element -uses-> component
//	threat -targets-> asset | element | data-flow | trust-boundary
//	threat -causes-> hazardous-situation | hazard
//	risk-control -introduces-> threat
//	security-control -mitigates-> threat | security-risk
//	security-control -implemented-by-> requirement
//	security-control -introduces-> hazard | hazardous-situation
//	security-risk -assesses-> threat | vulnerability
//	security-risk -causes-> hazardous-situation | hazard
//	security-risk -tracked-by-> change-request
//	attack-tree -has-leaf-> threat | vulnerability
//	pasta-stage -relates-> any item in its scope
//
// It also allows test -verifies-> security-control, which lifecycle records.
// It returns the problems Validate finds as trace problems.
func (f *File) Contribute(b *trace.Builder) error {
	if f == nil || b == nil {
		return nil
	}
	declareLinkTypes(b)
	allowLinks(b)
	var p problems
	f.validate(&p)
	cat, _ := f.catalogue()
	f.contributeModel(b, cat)
	for i := range f.Threats {
		contributeThreat(b, &f.Threats[i])
	}
	for i := range f.Controls {
		contributeControl(b, &f.Controls[i])
	}
	opts := f.evalOptions()
	for i := range f.Risks {
		contributeRisk(b, &f.Risks[i], opts)
	}
	f.contributePasta(b)
	return traceProblems(p.err())
}

func allowLinks(b *trace.Builder) {
	b.Allow(trace.PartOf, KindElement, KindTrustBoundary)
	b.Allow(trace.PartOf, KindTrustBoundary, KindTrustBoundary)
	b.Allow(FlowsFrom, KindDataFlow, KindElement)
	b.Allow(FlowsTo, KindDataFlow, KindElement)
	b.Allow(Handles, KindElement, KindAsset)
	b.Allow(Handles, KindDataFlow, KindAsset)
	b.Allow(trace.Hosts, KindElement, sbom.KindComponent)
	b.Allow(trace.Targets, KindThreat, KindAsset, KindElement, KindDataFlow, KindTrustBoundary)
	b.Allow(trace.Causes, KindThreat, risk.KindSituation, risk.KindHazard)
	b.Allow(trace.Causes, KindRisk, risk.KindSituation, risk.KindHazard)
	b.Allow(trace.Introduces, risk.KindControl, KindThreat)
	b.Allow(trace.Mitigates, KindControl, KindThreat, KindRisk)
	b.Allow(trace.ImplementedBy, KindControl, KindRequirement)
	b.Allow(trace.Introduces, KindControl, risk.KindHazard, risk.KindSituation)
	b.Allow(trace.Verifies, KindTest, KindControl)
	b.Allow(Assesses, KindRisk, KindThreat, sbom.KindVulnerability)
	b.Allow(TrackedBy, KindRisk, KindChangeRequest)
	b.Allow(HasLeaf, KindAttackTree, KindThreat, sbom.KindVulnerability)
	b.Allow(trace.Relates, KindPastaStage, KindThreatModel, KindAsset, KindElement, KindDataFlow,
		KindTrustBoundary, KindThreat, KindControl, KindRisk, KindAttackTree, KindPastaStage,
		sbom.KindVulnerability, sbom.KindComponent, risk.KindSituation, risk.KindHazard, risk.KindControl,
		KindRequirement, KindTest, KindChangeRequest)
}

// fingerprint hashes a record's JSON form (positions are not part of it).
func fingerprint(kind trace.Kind, v any) trace.Fingerprint {
	data, err := json.Marshal(v)
	if err != nil {
		data = nil
	}
	return trace.NewHasher().String("kind", string(kind)).String("json", string(data)).Sum()
}

func links(b *trace.Builder, from trace.ID, t trace.LinkType, pos trace.Position, to ...trace.ID) {
	for _, id := range to {
		if id != "" {
			b.AddLink(trace.Link{From: from, Type: t, To: id, Pos: pos})
		}
	}
}

func (f *File) contributeModel(b *trace.Builder, cat *Catalogue) {
	m := &f.Model
	attrs := map[string]string{"methods": strings.Join(stringsOf(m.Methods), ","), "version": m.Version,
		AttrCoverageMissing:   strings.Join(f.MissingCoverage(), ","),
		AttrCategoriesMissing: strings.Join(stringsOf(f.MissingCategories()), ",")}
	if !m.ReviewedAt.IsZero() {
		attrs[AttrReviewedAt] = m.ReviewedAt.UTC().Format(time.DateOnly)
	}
	if m.CyberDevice != nil {
		attrs[AttrCyberDevice] = boolAttr(m.CyberDevice.Is())
	}
	if len(m.AttackSurfaces) > 0 {
		attrs[AttrAttackSurfaces] = joinIDs(m.AttackSurfaces)
	}
	head := *m
	head.Assets, head.Elements, head.Flows, head.Boundaries = nil, nil, nil, nil
	b.AddItem(trace.Item{ID: m.ID, Kind: KindThreatModel, Title: m.Title, Attrs: attrs, Pos: m.Pos,
		Fingerprint: fingerprint(KindThreatModel, head)})
	for i := range m.Assets {
		a := &m.Assets[i]
		b.AddItem(trace.Item{ID: a.ID, Kind: KindAsset, Title: a.Name, Pos: a.Pos, Fingerprint: fingerprint(KindAsset, a),
			Attrs: map[string]string{"class": string(a.Class), "safety-relevant": boolAttr(a.SafetyRelevant),
				"confidentiality": string(a.Needs.Confidentiality), "integrity": string(a.Needs.Integrity),
				"availability": string(a.Needs.Availability)}})
	}
	for i := range m.Boundaries {
		bd := &m.Boundaries[i]
		b.AddItem(trace.Item{ID: bd.ID, Kind: KindTrustBoundary, Title: bd.Name, Pos: bd.Pos, Fingerprint: fingerprint(KindTrustBoundary, bd)})
		links(b, bd.ID, trace.PartOf, bd.Pos, bd.Parent)
	}
	boundary := make(map[trace.ID]trace.ID, len(m.Elements))
	for i := range m.Elements {
		e := &m.Elements[i]
		boundary[e.ID] = e.Boundary
		t, _ := cat.Type(e.Type)
		attrs := map[string]string{AttrType: e.Type, AttrBase: string(t.Base), AttrBoundary: string(e.Boundary),
			"out-of-scope": boolAttr(e.OutOfScope), "internet-facing": boolAttr(e.Flags.InternetFacing),
			"fleet-wide": boolAttr(e.Flags.FleetWide), "direct-patient-harm": boolAttr(e.Flags.DirectPatientHarm)}
		if !e.OutOfScope {
			attrs[AttrExpectedSTRIDE] = strideString(Expected(t.Base))
		}
		b.AddItem(trace.Item{ID: e.ID, Kind: KindElement, Title: e.Name, Pos: e.Pos, Fingerprint: fingerprint(KindElement, e), Attrs: attrs})
		links(b, e.ID, trace.PartOf, e.Pos, e.Boundary)
		links(b, e.ID, Handles, e.Pos, e.Assets...)
		links(b, e.ID, trace.Hosts, e.Pos, e.Components...)
	}
	for i := range m.Flows {
		fl := &m.Flows[i]
		_, okFrom := boundary[fl.From]
		_, okTo := boundary[fl.To]
		attrs := map[string]string{"protocol": fl.Protocol, "from": string(fl.From), "to": string(fl.To),
			AttrAuthenticated: boolAttr(fl.Authenticated), AttrEncrypted: boolAttr(fl.Encrypted),
			AttrIntegrityProtected: boolAttr(fl.IntegrityProtected),
			AttrCrossesBoundary:    boolAttr(okFrom && okTo && boundary[fl.From] != boundary[fl.To]),
			AttrExpectedSTRIDE:     strideString(FlowCategories())}
		b.AddItem(trace.Item{ID: fl.ID, Kind: KindDataFlow, Title: cmpOr(fl.Name, string(fl.ID)), Pos: fl.Pos,
			Fingerprint: fingerprint(KindDataFlow, fl), Attrs: attrs})
		links(b, fl.ID, FlowsFrom, fl.Pos, fl.From)
		links(b, fl.ID, FlowsTo, fl.Pos, fl.To)
		links(b, fl.ID, Handles, fl.Pos, fl.Assets...)
	}
}

func contributeThreat(b *trace.Builder, t *Threat) {
	attrs := map[string]string{AttrSTRIDE: strideString(t.STRIDE), AttrStatus: string(t.Status),
		AttrPatientHarm: boolAttr(t.PatientHarm), "rule": t.Rule, "stale": boolAttr(t.Stale)}
	if t.NoHarmRationale != "" {
		attrs[AttrNoHarmRationale] = t.NoHarmRationale
	}
	b.AddItem(trace.Item{ID: t.ID, Kind: KindThreat, Title: t.Title, Pos: t.Pos, Fingerprint: fingerprint(KindThreat, t), Attrs: attrs})
	links(b, t.ID, trace.Targets, t.Pos, t.Targets...)
	links(b, t.ID, trace.Causes, t.Pos, t.Causes...)
	for _, rc := range t.IntroducedBy {
		b.AddLink(trace.Link{From: rc, Type: trace.Introduces, To: t.ID, Pos: t.Pos})
	}
}

func contributeControl(b *trace.Builder, c *Control) {
	attrs := map[string]string{AttrCategory: string(c.Category), AttrSafetyImpact: boolAttr(c.SafetyImpact)}
	if c.SafetyReview != "" {
		attrs[AttrSafetyReview] = c.SafetyReview
	}
	b.AddItem(trace.Item{ID: c.ID, Kind: KindControl, Title: c.Title, Pos: c.Pos, Fingerprint: fingerprint(KindControl, c), Attrs: attrs})
	links(b, c.ID, trace.Mitigates, c.Pos, c.Mitigates...)
	links(b, c.ID, trace.ImplementedBy, c.Pos, c.ImplementedBy...)
	links(b, c.ID, trace.Introduces, c.Pos, c.Introduces...)
}

func contributeRisk(b *trace.Builder, r *Risk, opts EvaluateOptions) {
	attrs := map[string]string{}
	var classes []DataClass
	kev := false
	for _, side := range []struct {
		prefix string
		a      *Assessment
	}{{"pre-", r.Pre}, {"post-", r.Post}} {
		if side.a == nil {
			continue
		}
		var p problems
		res := side.a.evaluate("", r.ID, r.Pos, &p, opts)
		attrs[side.prefix+"method"] = string(side.a.Method)
		attrs[side.prefix+"exploitability"] = string(res.Exploitability)
		attrs[side.prefix+"impact"] = string(res.Impact)
		attrs[side.prefix+"level"] = string(res.Level)
		attrs[side.prefix+"verdict"] = string(res.Verdict)
		classes = append(classes, res.Classes...)
		if k, ok := side.a.Signals.LatestKEV(); ok && k.Listed {
			kev = true
			if !k.DueDate.IsZero() {
				attrs[AttrKEVDue] = k.DueDate.UTC().Format(time.DateOnly)
			}
			if !k.DateAdded.IsZero() {
				attrs[AttrKEVAdded] = k.DateAdded.UTC().Format(time.DateOnly)
			}
		}
	}
	attrs[AttrKEV] = boolAttr(kev)
	attrs[AttrClasses] = strings.Join(stringsOf(sortedClasses(classes)), ",")
	if r.VEX != nil {
		attrs[AttrVEXStatus] = string(r.VEX.Status)
		attrs[AttrVEXJustification] = string(r.VEX.Justification)
	}
	if r.Patch != nil {
		attrs[AttrPatchClass] = string(r.Patch.Class)
		if !r.Patch.Due.IsZero() {
			attrs[AttrPatchDue] = r.Patch.Due.UTC().Format(time.DateOnly)
		}
	}
	if r.NoHarmRationale != "" {
		attrs[AttrNoHarmRationale] = r.NoHarmRationale
	}
	b.AddItem(trace.Item{ID: r.ID, Kind: KindRisk, Title: r.Title, Pos: r.Pos, Fingerprint: fingerprint(KindRisk, r), Attrs: attrs})
	links(b, r.ID, Assesses, r.Pos, r.Threats...)
	links(b, r.ID, Assesses, r.Pos, r.Vulnerabilities...)
	links(b, r.ID, trace.Causes, r.Pos, r.Causes...)
	links(b, r.ID, TrackedBy, r.Pos, r.ChangeRequests...)
}

func (f *File) contributePasta(b *trace.Builder) {
	for i := range f.Pasta.Stages {
		s := &f.Pasta.Stages[i]
		b.AddItem(trace.Item{ID: s.ID, Kind: KindPastaStage, Title: s.Summary, Pos: s.Pos, Fingerprint: fingerprint(KindPastaStage, s),
			Attrs: map[string]string{"stage": string(s.Stage)}})
		links(b, s.ID, trace.Relates, s.Pos, s.Scope...)
	}
	for i := range f.Pasta.AttackTrees {
		t := &f.Pasta.AttackTrees[i]
		b.AddItem(trace.Item{ID: t.ID, Kind: KindAttackTree, Title: t.Goal, Pos: t.Pos, Fingerprint: fingerprint(KindAttackTree, t)})
		links(b, t.ID, HasLeaf, t.Pos, t.Leaves()...)
	}
}

func sortedClasses(cs []DataClass) []DataClass {
	out := slices.Clone(cs)
	slices.Sort(out)
	return slices.Compact(out)
}
