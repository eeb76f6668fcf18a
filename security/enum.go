package security

import "slices"

// Base is the generic type of a threat-model element; every catalogue
// element type resolves to one. STRIDE-per-element rules select on it.
type Base string

// Element bases.
const (
	// BaseProcess runs code: firmware, an app, a service.
	BaseProcess Base = "process"
	// BaseDataStore holds data at rest: a database, a log, a file system.
	BaseDataStore Base = "data-store"
	// BaseExternalEntity is outside the maker's control: a hospital system, a third-party service.
	BaseExternalEntity Base = "external-entity"
	// BaseHumanActor is a person: patient, clinician, service technician.
	BaseHumanActor Base = "human-actor"
	// BaseDevice is a physical medical device or component that runs code.
	BaseDevice Base = "device"
	// BaseInterface is a physical or logical port: BLE, USB, serial, debug.
	BaseInterface Base = "interface"
	// BaseNetwork is a network segment: hospital LAN, the internet, a VPN.
	BaseNetwork Base = "network"
	// BaseCloudService is a service run in a cloud: backend, update server.
	BaseCloudService Base = "cloud-service"
)

func bases() []Base {
	return []Base{BaseProcess, BaseDataStore, BaseExternalEntity, BaseHumanActor,
		BaseDevice, BaseInterface, BaseNetwork, BaseCloudService}
}

// Valid reports whether b is a known base.
func (b Base) Valid() bool { return slices.Contains(bases(), b) }

// Category is a STRIDE threat category. A threat holds a set of them, since
// the categories overlap.
type Category string

// STRIDE categories.
const (
	// Spoofing of identity (authenticity).
	Spoofing Category = "S"
	// Tampering with data or code (integrity).
	Tampering Category = "T"
	// Repudiation of actions (non-repudiation).
	Repudiation Category = "R"
	// InformationDisclosure of data (confidentiality).
	InformationDisclosure Category = "I"
	// DenialOfService of a function (availability).
	DenialOfService Category = "D"
	// ElevationOfPrivilege beyond what was granted (authorisation).
	ElevationOfPrivilege Category = "E"
)

// Categories returns the six STRIDE categories in STRIDE order.
func Categories() []Category {
	return []Category{Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege}
}

// Valid reports whether c is one of S, T, R, I, D, E.
func (c Category) Valid() bool { return slices.Contains(Categories(), c) }

// strideIndex orders categories in STRIDE order.
func strideIndex(c Category) int { return slices.Index(Categories(), c) }

// ThreatStatus is where the treatment of a threat stands.
type ThreatStatus string

// Threat statuses.
const (
	// StatusOpen: identified, not yet treated.
	StatusOpen ThreatStatus = "open"
	// StatusMitigated: one or more security controls mitigate it.
	StatusMitigated ThreatStatus = "mitigated"
	// StatusAccepted: the residual risk is accepted, with a rationale.
	StatusAccepted ThreatStatus = "accepted"
	// StatusTransferred: the risk is transferred (to the user through
	// labeling, or to a supplier), with a rationale.
	StatusTransferred ThreatStatus = "transferred"
	// StatusNotApplicable: the threat cannot occur in this device, with a rationale.
	StatusNotApplicable ThreatStatus = "not-applicable"
	// StatusFalsePositive: the rule matched facts that do not hold, with a rationale.
	StatusFalsePositive ThreatStatus = "false-positive"
)

// Valid reports whether s is a known status.
func (s ThreatStatus) Valid() bool {
	switch s {
	case StatusOpen, StatusMitigated, StatusAccepted, StatusTransferred, StatusNotApplicable, StatusFalsePositive:
		return true
	}
	return false
}

// NeedsRationale reports whether a threat in status s must carry a rationale.
func (s ThreatStatus) NeedsRationale() bool {
	return s == StatusAccepted || s == StatusTransferred || s == StatusNotApplicable || s == StatusFalsePositive
}

// Dismissed reports whether s takes the threat out of the risk assessment.
func (s ThreatStatus) Dismissed() bool { return s == StatusNotApplicable || s == StatusFalsePositive }

// DataClass is the kind of data or function an asset is, after the classes
// of the MITRE rubric for applying CVSS to medical devices.
type DataClass string

// Data classes.
const (
	// DataPHI is protected health information or personal data.
	DataPHI DataClass = "phi"
	// DataDiagnosis is diagnosis or monitoring data and functions.
	DataDiagnosis DataClass = "diagnosis"
	// DataTherapy is therapy delivery data and functions.
	DataTherapy DataClass = "therapy"
	// DataWorkflow is clinical workflow data and functions.
	DataWorkflow DataClass = "workflow"
	// DataSecrets is private system data: keys, credentials, configuration.
	DataSecrets DataClass = "secrets"
	// DataOther is other data critical to the device.
	DataOther DataClass = "other"
)

// Valid reports whether d is a known data class.
func (d DataClass) Valid() bool {
	switch d {
	case DataPHI, DataDiagnosis, DataTherapy, DataWorkflow, DataSecrets, DataOther:
		return true
	}
	return false
}

// ClinicalImpact reports whether harm to data of class d can harm a patient:
// therapy, diagnosis and workflow (AAMI TIR57; reference §6).
func (d DataClass) ClinicalImpact() bool {
	return d == DataTherapy || d == DataDiagnosis || d == DataWorkflow
}

// Need is how much an asset needs one of confidentiality, integrity or availability.
type Need string

// Needs.
const (
	// NeedNone: no need.
	NeedNone Need = "none"
	// NeedLow: a breach is a nuisance.
	NeedLow Need = "low"
	// NeedMedium: a breach is serious.
	NeedMedium Need = "medium"
	// NeedHigh: a breach is severe or can harm a patient.
	NeedHigh Need = "high"
)

// Valid reports whether n is a known need.
func (n Need) Valid() bool { return n == NeedNone || n == NeedLow || n == NeedMedium || n == NeedHigh }

// ControlCategory is one of the eight control categories of the FDA premarket
// cybersecurity guidance (2023) Appendix 1.
type ControlCategory string

// FDA control categories A–H.
const (
	// CatAuthentication (A): users, devices, messages and commands are authenticated.
	CatAuthentication ControlCategory = "authentication"
	// CatAuthorization (B): least privilege, deny by default.
	CatAuthorization ControlCategory = "authorization"
	// CatCryptography (C): current algorithms, key management, no shared keys.
	CatCryptography ControlCategory = "cryptography"
	// CatIntegrity (D): code, data and execution integrity.
	CatIntegrity ControlCategory = "integrity"
	// CatConfidentiality (E): data and keys protected in transit and at rest.
	CatConfidentiality ControlCategory = "confidentiality"
	// CatEventDetection (F): event detection and logging.
	CatEventDetection ControlCategory = "event-detection"
	// CatResiliency (G): resiliency and recovery.
	CatResiliency ControlCategory = "resiliency"
	// CatUpdatability (H): firmware and software updatability and patchability.
	CatUpdatability ControlCategory = "updatability"
)

// ControlCategories returns the eight categories in the guidance's order A–H.
func ControlCategories() []ControlCategory {
	return []ControlCategory{CatAuthentication, CatAuthorization, CatCryptography, CatIntegrity,
		CatConfidentiality, CatEventDetection, CatResiliency, CatUpdatability}
}

// Valid reports whether c is one of the eight categories.
func (c ControlCategory) Valid() bool { return slices.Contains(ControlCategories(), c) }

// Letter returns the category's letter A–H in the guidance, or "".
func (c ControlCategory) Letter() string {
	i := slices.Index(ControlCategories(), c)
	if i < 0 {
		return ""
	}
	return string(rune('A' + i))
}

// TestType is the kind of security test that verifies a control (FDA
// premarket cybersecurity guidance (2023) V.C; IEC 81001-5-1:2021 5.7).
type TestType string

// Security test types, as the "type" attribute of a lifecycle test.
const (
	// TestSecurityRequirements tests security requirements, boundaries included.
	TestSecurityRequirements TestType = "security-requirements"
	// TestThreatMitigation tests that a control mitigates its threat in system context.
	TestThreatMitigation TestType = "threat-mitigation"
	// TestPenetration is a penetration test.
	TestPenetration TestType = "penetration"
	// TestFuzz is fuzzing or malformed-input testing.
	TestFuzz TestType = "fuzz"
	// TestStaticAnalysis is static code analysis.
	TestStaticAnalysis TestType = "static-analysis"
	// TestDynamicAnalysis is dynamic analysis.
	TestDynamicAnalysis TestType = "dynamic-analysis"
	// TestVulnerabilityScan is closed-box known-vulnerability scanning.
	TestVulnerabilityScan TestType = "vulnerability-scan"
	// TestCompositionAnalysis is (binary) software composition analysis.
	TestCompositionAnalysis TestType = "composition-analysis"
	// TestAttackSurface is attack-surface analysis.
	TestAttackSurface TestType = "attack-surface-analysis"
)

// TestTypes returns the security test types.
func TestTypes() []TestType {
	return []TestType{TestSecurityRequirements, TestThreatMitigation, TestPenetration, TestFuzz,
		TestStaticAnalysis, TestDynamicAnalysis, TestVulnerabilityScan, TestCompositionAnalysis, TestAttackSurface}
}

// Valid reports whether t is a known security test type.
func (t TestType) Valid() bool { return slices.Contains(TestTypes(), t) }
