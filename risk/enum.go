package risk

// ControlOption is the kind of a risk control measure, in the priority order
// of ISO 14971:2019 7.1 (and EU MDR Annex I §4): a design that is safe in
// itself first, then protective measures, then information for safety.
type ControlOption string

const (
	// InherentSafety is inherent safety by design and manufacture
	// (ISO 14971:2019 7.1 a). Highest priority.
	InherentSafety ControlOption = "inherent-safety-by-design"
	// ProtectiveMeasure is a protective measure in the device or its
	// manufacture, alarms included (ISO 14971:2019 7.1 b).
	ProtectiveMeasure ControlOption = "protective-measure"
	// InformationForSafety is information for safety and, where fitting,
	// training of users (ISO 14971:2019 7.1 c). Lowest priority.
	InformationForSafety ControlOption = "information-for-safety"
)

// Valid reports whether o is one of the three options.
func (o ControlOption) Valid() bool { return o.Priority() > 0 }

// Priority returns 1 for the highest-priority option (InherentSafety), 2 and
// 3 for the next ones, and 0 for an invalid option.
func (o ControlOption) Priority() int {
	switch o {
	case InherentSafety:
		return 1
	case ProtectiveMeasure:
		return 2
	case InformationForSafety:
		return 3
	}
	return 0
}

// Location says where a risk control is realised. IEC 62304:2006+A1:2015 4.3
// looks at risk controls external to the software system when it classifies
// software; every location but LocationSoftware is external.
type Location string

const (
	// LocationSoftware is a control realised in the software system.
	LocationSoftware Location = "software"
	// LocationHardware is a control realised in hardware (an interlock, a
	// pressure relief valve, a watchdog circuit).
	LocationHardware Location = "hardware"
	// LocationProcedural is a control realised by a procedure outside the
	// device (a clinical workflow, a service procedure).
	LocationProcedural Location = "procedural"
	// LocationLabeling is a control realised in labeling or instructions
	// for use.
	LocationLabeling Location = "labeling"
)

// Valid reports whether l is one of the four locations.
func (l Location) Valid() bool {
	switch l {
	case LocationSoftware, LocationHardware, LocationProcedural, LocationLabeling:
		return true
	}
	return false
}

// External reports whether a control at l lies outside the software system
// (IEC 62304:2006+A1:2015 4.3). An invalid location is not external.
func (l Location) External() bool { return l.Valid() && l != LocationSoftware }

// Policy is how the plan reads the regions of its risk matrix
// (ISO 14971:2019 4.2 and 4.4 d; EU MDR Annex I §1-4).
type Policy string

const (
	// ALARP reads the matrix in three regions: acceptable risks need no
	// further reduction, risks in the ALARP region are reduced as low as
	// reasonably practicable (cost may be a reason to stop), unacceptable
	// risks must be reduced or justified by benefit-risk analysis.
	ALARP Policy = "alarp"
	// AFAP is the EU MDR "as far as possible" reading (EN ISO 14971:2019
	// +A11:2021 Annex ZA): every risk, whatever its region, is reduced as far
	// as possible without worsening the benefit-risk ratio, every risk
	// records that further control was considered, economic reasons are not
	// accepted, and the matrix has only acceptable and unacceptable regions.
	AFAP Policy = "afap"
)

// Valid reports whether p is ALARP or AFAP.
func (p Policy) Valid() bool { return p == ALARP || p == AFAP }

// ReductionRequired reports whether every risk, acceptable ones included,
// must record that further risk control was considered (AFAP).
func (p Policy) ReductionRequired() bool { return p == AFAP }

// EconomicBasisAllowed reports whether cost may justify stopping risk
// reduction (ALARP only; EU MDR Annex I §2 forbids it).
func (p Policy) EconomicBasisAllowed() bool { return p == ALARP }

// Region is a zone of the risk matrix.
type Region string

const (
	// RegionAcceptable is a risk acceptable under the plan's criteria.
	RegionAcceptable Region = "acceptable"
	// RegionALARP is a risk to be reduced as low as reasonably practicable;
	// it exists only under the ALARP policy.
	RegionALARP Region = "alarp"
	// RegionUnacceptable is a risk that must be reduced, or accepted only
	// through benefit-risk analysis (ISO 14971:2019 7.4).
	RegionUnacceptable Region = "unacceptable"
)

// Valid reports whether r is one of the three regions.
func (r Region) Valid() bool { return r.Rank() > 0 }

// Rank orders regions: acceptable 1, alarp 2, unacceptable 3, anything
// else (the empty region of a risk that could not be evaluated) 0.
func (r Region) Rank() int {
	switch r {
	case RegionAcceptable:
		return 1
	case RegionALARP:
		return 2
	case RegionUnacceptable:
		return 3
	}
	return 0
}

// Basis is the reason given for stopping risk reduction or for choosing a
// lower control option (ISO 14971:2019 7.1; EU MDR Annex I §2 and §4).
type Basis string

const (
	// BasisImpracticable: further or higher-priority control is not
	// technically practicable.
	BasisImpracticable Basis = "impracticable"
	// BasisStateOfTheArt: the risk is already at the state of the art
	// (ISO 14971:2019 3.28).
	BasisStateOfTheArt Basis = "state-of-the-art"
	// BasisBenefitRisk: further reduction would worsen the benefit-risk
	// ratio.
	BasisBenefitRisk Basis = "benefit-risk"
	// BasisEconomic: the cost of further reduction is disproportionate.
	// Accepted only under the ALARP policy.
	BasisEconomic Basis = "economic"
)

// Valid reports whether b is one of the four bases.
func (b Basis) Valid() bool {
	switch b {
	case BasisImpracticable, BasisStateOfTheArt, BasisBenefitRisk, BasisEconomic:
		return true
	}
	return false
}

// NewRisks is the answer of the review of a risk control for new hazards or
// hazardous situations it introduces (ISO 14971:2019 7.5).
type NewRisks string

const (
	// NewRisksNone: the control was reviewed and introduces no new risk.
	NewRisksNone NewRisks = "none"
	// NewRisksIntroduced: the control introduces new hazards or hazardous
	// situations, which the control lists (Control.Introduces).
	NewRisksIntroduced NewRisks = "introduced"
)

// Valid reports whether n is NewRisksNone or NewRisksIntroduced.
func (n NewRisks) Valid() bool { return n == NewRisksNone || n == NewRisksIntroduced }

// Outcome is the conclusion of a benefit-risk analysis
// (ISO 14971:2019 7.4 and 8).
type Outcome string

const (
	// BenefitsOutweigh: the medical benefits outweigh the residual risk.
	BenefitsOutweigh Outcome = "benefits-outweigh"
	// RisksOutweigh: they do not; the residual risk stays unacceptable.
	RisksOutweigh Outcome = "risks-outweigh"
)

// Valid reports whether o is BenefitsOutweigh or RisksOutweigh.
func (o Outcome) Valid() bool { return o == BenefitsOutweigh || o == RisksOutweigh }

// Acceptability is the verdict on the overall residual risk
// (ISO 14971:2019 8).
type Acceptability string

const (
	// Acceptable: the overall residual risk is acceptable.
	Acceptable Acceptability = "acceptable"
	// Unacceptable: it is not; design or intended use must change.
	Unacceptable Acceptability = "unacceptable"
)

// Valid reports whether a is Acceptable or Unacceptable.
func (a Acceptability) Valid() bool { return a == Acceptable || a == Unacceptable }
