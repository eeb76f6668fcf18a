package security

import (
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/trace"
)

// Summary counts the security file's state in a graph, for the security
// risk report and dashboards (FDA premarket cybersecurity guidance (2023)
// V.A). Maps are keyed by enum value; a renderer sorts the keys.
type Summary struct {
	// Elements, Flows and Boundaries count the model.
	Elements   int `json:"elements"`
	Flows      int `json:"flows"`
	Boundaries int `json:"boundaries"`
	// Threats counts threats by status.
	Threats map[ThreatStatus]int `json:"threats"`
	// PatientHarmThreats counts threats whose impact can harm a patient.
	PatientHarmThreats int `json:"patientHarmThreats"`
	// PreVerdicts and PostVerdicts count security risks by verdict; risks
	// not assessed on a side count under "".
	PreVerdicts  map[Verdict]int `json:"preVerdicts"`
	PostVerdicts map[Verdict]int `json:"postVerdicts"`
	// Uncontrolled lists the risks still uncontrolled after controls.
	Uncontrolled []trace.ID `json:"uncontrolled,omitempty"`
	// KEV lists the risks with a current KEV listing.
	KEV []trace.ID `json:"kev,omitempty"`
	// Controls counts security controls by FDA category.
	Controls map[ControlCategory]int `json:"controls"`
	// Vulnerabilities counts the graph's vulnerabilities; Unassessed lists
	// those no security risk assesses.
	Vulnerabilities int        `json:"vulnerabilities"`
	Unassessed      []trace.ID `json:"unassessed,omitempty"`
}

// Summarize counts the security items of g. Lists are in ID order.
func Summarize(g *trace.Graph) Summary {
	s := Summary{Threats: map[ThreatStatus]int{}, PreVerdicts: map[Verdict]int{}, PostVerdicts: map[Verdict]int{},
		Controls: map[ControlCategory]int{}}
	if g == nil {
		return s
	}
	s.Elements, s.Flows, s.Boundaries = g.CountKind(KindElement), g.CountKind(KindDataFlow), g.CountKind(KindTrustBoundary)
	for it := range g.OfKind(KindThreat) {
		s.Threats[ThreatStatus(it.Attr(AttrStatus))]++
		if it.Attr(AttrPatientHarm) == "true" {
			s.PatientHarmThreats++
		}
	}
	for it := range g.OfKind(KindRisk) {
		s.PreVerdicts[Verdict(it.Attr(AttrPreVerdict))]++
		post := Verdict(it.Attr(AttrPostVerdict))
		s.PostVerdicts[post]++
		if post == Uncontrolled {
			s.Uncontrolled = append(s.Uncontrolled, it.ID)
		}
		if it.Attr(AttrKEV) == "true" {
			s.KEV = append(s.KEV, it.ID)
		}
	}
	for it := range g.OfKind(KindControl) {
		s.Controls[ControlCategory(it.Attr(AttrCategory))]++
	}
	for it := range g.OfKind(sbom.KindVulnerability) {
		s.Vulnerabilities++
		if len(linked(g, it.ID, trace.In, Assesses, KindRisk)) == 0 {
			s.Unassessed = append(s.Unassessed, it.ID)
		}
	}
	return s
}
