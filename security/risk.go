package security

import (
	"github.com/medtrace/medtrace/sbom"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// VEX is the maker's VEX statement for the vulnerabilities a risk assesses.
type VEX struct {
	// Status is the VEX status. Required.
	Status sbom.VEXStatus `json:"status"`
	// Justification is required for not_affected.
	Justification sbom.VEXJustification `json:"justification,omitempty"`
	// Statement explains the status in this device.
	Statement string `json:"statement,omitempty"`
}

// PatchClass is the FD&C Act 524B(b)(2) class of a planned update.
type PatchClass string

// Patch classes.
const (
	// PatchRegular: on the justified regular cycle, for a controlled risk (524B(b)(2)(A)).
	PatchRegular PatchClass = "regular"
	// PatchOutOfCycle: as soon as possible, for an uncontrolled risk (524B(b)(2)(B)).
	PatchOutOfCycle PatchClass = "out-of-cycle"
)

// Valid reports whether c is regular or out-of-cycle.
func (c PatchClass) Valid() bool { return c == PatchRegular || c == PatchOutOfCycle }

// PatchPlan is the plan to remediate a risk by an update.
type PatchPlan struct {
	// Class is regular or out-of-cycle. Required.
	Class PatchClass `json:"class"`
	// Due is the planned date. Required.
	Due time.Time `json:"due"`
	// Rationale justifies the timeline.
	Rationale string `json:"rationale,omitempty"`
}

// Risk is a security risk record: threats or vulnerabilities assessed by
// exploitability and impact before and after controls, with the FDA
// postmarket verdict, its controls, its links into the safety risk file and,
// where still uncontrolled, the change request and patch plan that will
// control it (FDA premarket cybersecurity guidance (2023) V.A.2, V.A.4;
// IEC 81001-5-1:2021 7.3–7.4).
type Risk struct {
	// ID identifies the risk. Required.
	ID trace.ID `json:"id"`
	// Title states the risk. Required.
	Title string `json:"title"`
	// Threats are the threats assessed (security-risk -assesses-> threat).
	Threats []trace.ID `json:"threats,omitempty"`
	// Vulnerabilities are the SBOM vulnerabilities assessed
	// (security-risk -assesses-> vulnerability).
	Vulnerabilities []trace.ID `json:"vulnerabilities,omitempty"`
	// Components are the affected SBOM components, for the record.
	Components []trace.ID `json:"components,omitempty"`
	// AdvisoryCVSS is the advisory's CVSS vector, kept for reference: it
	// scores the component in general, not this device (see Pre and Post).
	AdvisoryCVSS string `json:"advisoryCvss,omitempty"`
	// Pre is the assessment before controls. Required.
	Pre *Assessment `json:"pre,omitempty"`
	// Post is the assessment after controls. Required.
	Post *Assessment `json:"post,omitempty"`
	// VEX is the maker's VEX statement, for vulnerabilities.
	VEX *VEX `json:"vex,omitempty"`
	// Causes are the hazardous situations the risk can cause
	// (security-risk -causes-> hazardous-situation).
	Causes []trace.ID `json:"causes,omitempty"`
	// NoHarmRationale is the reviewed statement that the risk cannot harm a
	// patient, in place of Causes.
	NoHarmRationale string `json:"noHarmRationale,omitempty"`
	// ChangeRequests track the work that will control the risk
	// (security-risk -tracked-by-> change-request).
	ChangeRequests []trace.ID `json:"changeRequests,omitempty"`
	// Patch is the plan to remediate by an update.
	Patch *PatchPlan `json:"patch,omitempty"`
	// Rationale, Approver and Date record the acceptance decision.
	Rationale string    `json:"rationale,omitempty"`
	Approver  string    `json:"approver,omitempty"`
	Date      time.Time `json:"date,omitzero"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// NotAffected reports whether a VEX not_affected statement with a
// justification controls the risk.
func (r Risk) NotAffected() bool {
	return r.VEX != nil && r.VEX.Status == sbom.VEXNotAffected && r.VEX.Justification.Valid()
}
