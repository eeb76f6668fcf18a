package sbom

// VulnerabilityData is the vulnerability assessment the FDA profile checks
// (FDA premarket cybersecurity guidance V.A.4(b): all known vulnerabilities
// of the device and its components, how each was found, and for each one
// that applies a safety and security risk assessment with its controls).
// The OSV matcher and VEX application of this package, or a host, fill it.
type VulnerabilityData struct {
	// Statuses holds one entry per (component, vulnerability).
	Statuses []VulnerabilityStatus `json:"statuses"`
	// Unassessed lists components that could not be assessed at all (no
	// identifier, unsupported ecosystem, no version): reference check
	// SBOM-032.
	Unassessed []UnassessedComponent `json:"unassessed,omitempty"`
}

// VulnerabilityStatus is the assessment of one known vulnerability in one
// component.
type VulnerabilityStatus struct {
	// Component is the component's Ref (purl, else bom-ref). Required.
	Component string `json:"component"`
	// Vulnerability is the vulnerability ID (CVE, GHSA, OSV). Required.
	Vulnerability string `json:"vulnerability"`
	// DiscoveryMethod says how the vulnerability was found ("osv-match",
	// "scanner", "coordinated-disclosure", ...).
	DiscoveryMethod string `json:"discoveryMethod,omitempty"`
	// Status is the applicability in the VEX vocabulary: "not_affected",
	// "affected", "fixed", "under_investigation"; empty when not decided.
	Status string `json:"status,omitempty"`
	// KEV is set when the vulnerability is in CISA's Known Exploited
	// Vulnerabilities catalogue.
	KEV bool `json:"kev,omitempty"`
	// SafetyAssessed is set when the safety risk assessment (ISO 14971) of
	// the vulnerability in the device is recorded.
	SafetyAssessed bool `json:"safetyAssessed,omitempty"`
	// SecurityAssessed is set when the security risk assessment is recorded.
	SecurityAssessed bool `json:"securityAssessed,omitempty"`
	// Controls are the IDs of the risk or compensating controls for it.
	Controls []string `json:"controls,omitempty"`
}

// resolved reports whether the vulnerability needs no further assessment.
func (v VulnerabilityStatus) resolved() bool {
	return v.Status == "not_affected" || v.Status == "fixed"
}

// UnassessedComponent is a component that vulnerability matching could not
// assess, and why.
type UnassessedComponent struct {
	// Component is the component's Ref.
	Component string `json:"component"`
	// Reason says why, for people.
	Reason string `json:"reason"`
}
