package security

import "github.com/medtrace/medtrace/trace"

// Control is a security control in one of the FDA categories (FDA premarket
// cybersecurity guidance (2023) Appendix 1; IEC 81001-5-1:2021 7.4). It
// mitigates threats or security risks, is implemented by requirements and
// is verified by security tests that the lifecycle records
// (test -verifies-> security-control).
type Control struct {
	// ID identifies the control. Required.
	ID trace.ID `json:"id"`
	// Title says what the control does. Required.
	Title string `json:"title"`
	// Description explains it.
	Description string `json:"description,omitempty"`
	// Category is the FDA category A–H. Required.
	Category ControlCategory `json:"category"`
	// Mitigates are the threats and security risks the control mitigates:
	// security-control -mitigates-> threat | security-risk.
	Mitigates []trace.ID `json:"mitigates,omitempty"`
	// ImplementedBy are the requirements that implement the control:
	// security-control -implemented-by-> requirement.
	ImplementedBy []trace.ID `json:"implementedBy,omitempty"`
	// Introduces are hazards or hazardous situations the control creates
	// (a lockout that delays therapy): security-control -introduces->
	// hazard | hazardous-situation.
	Introduces []trace.ID `json:"introduces,omitempty"`
	// SafetyImpact says the control affects availability, clinical workflow
	// or emergency access, so a safety review is required (AAMI TIR57).
	SafetyImpact bool `json:"safetyImpact,omitempty"`
	// SafetyReview names the safety review of the control, or summarises it.
	SafetyReview string `json:"safetyReview,omitempty"`
	// IEC62443 lists IEC 62443-4-2 requirement IDs ("CR 1.1"); MDS2 lists
	// MDS2 section codes ("PAUT").
	IEC62443 []string `json:"iec62443,omitempty"`
	MDS2     []string `json:"mds2,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
