package risk

import "github.com/medtrace/medtrace/trace"

// Kinds of the items the risk management file contributes to the graph.
const (
	// KindHazard is a potential source of harm (ISO 14971:2019 3.4).
	KindHazard trace.Kind = "hazard"
	// KindSituation is a hazardous situation: a circumstance that exposes
	// people, property or the environment to a hazard (ISO 14971:2019 3.5).
	KindSituation trace.Kind = "hazardous-situation"
	// KindHarm is an injury or damage to health, property or the environment
	// (ISO 14971:2019 3.3).
	KindHarm trace.Kind = "harm"
	// KindControl is a risk control measure (ISO 14971:2019 3.20, 7.1).
	KindControl trace.Kind = "risk-control"
	// KindCause is a recorded cause or sequence of events (a fault, a use
	// error, an environmental event) that is not owned by another package
	// (ISO 14971:2019 5.4).
	KindCause trace.Kind = "cause"
	// KindBenefitRisk is a benefit-risk analysis record
	// (ISO 14971:2019 7.4 and 8).
	KindBenefitRisk trace.Kind = "benefit-risk"
	// KindPlan is the risk management plan (ISO 14971:2019 4.4).
	KindPlan trace.Kind = "risk-plan"
	// KindReview is a risk management review record (ISO 14971:2019 9).
	KindReview trace.Kind = "risk-review"
)

// Kinds owned by other packages that the risk file names in its links. The
// strings are the owners'; risk declares them here because it may not import
// packages on higher floors.
const (
	// KindRequirement is a requirement; owned by package lifecycle.
	KindRequirement trace.Kind = "requirement"
	// KindTest is a test; owned by package lifecycle.
	KindTest trace.Kind = "test"
	// KindSoftwareSystem is a software system; owned by package lifecycle.
	KindSoftwareSystem trace.Kind = "software-system"
	// KindSoftwareItem is a software item; owned by package lifecycle.
	KindSoftwareItem trace.Kind = "software-item"
	// KindSoftwareUnit is a software unit; owned by package lifecycle.
	KindSoftwareUnit trace.Kind = "software-unit"
	// KindComponent is an SBOM component; owned by package sbom.
	KindComponent trace.Kind = "component"
	// KindSOUP is a SOUP annotation record; owned by package sbom.
	KindSOUP trace.Kind = "soup"
	// KindVulnerability is a known vulnerability; owned by package sbom.
	KindVulnerability trace.Kind = "vulnerability"
	// KindThreat is a security threat; owned by package security.
	KindThreat trace.Kind = "threat"
	// KindSecurityRisk is an assessed security risk; owned by package
	// security.
	KindSecurityRisk trace.Kind = "security-risk"
)

// CauseKinds returns the kinds of item that a hazard or a hazardous situation
// may name as a cause (ISO 14971:2019 5.4; IEC 62304:2006+A1:2015 7.1;
// ISO/TR 24971:2020 Annex F for threats). The slice is new on every call.
func CauseKinds() []trace.Kind {
	return []trace.Kind{
		KindCause, KindSoftwareSystem, KindSoftwareItem, KindSoftwareUnit,
		KindComponent, KindSOUP, KindVulnerability, KindThreat, KindSecurityRisk,
	}
}

// Kinds returns the kinds this package owns, in a fixed order. The slice is
// new on every call.
func Kinds() []trace.Kind {
	return []trace.Kind{
		KindPlan, KindHazard, KindSituation, KindHarm, KindControl, KindCause, KindBenefitRisk, KindReview,
	}
}
