package risk

import "github.com/medtrace/medtrace/trace"

// File is the risk management file (ISO 14971:2019 3.25 and 4.5): the plan
// and every record of risk analysis, evaluation, control and review. It
// implements trace.Contributor.
//
// A File is plain data, decoded from the project's YAML or JSON records. Its
// methods never modify it and are safe for concurrent use while nobody
// writes to it.
type File struct {
	// Plan holds the scales, matrix and policy. Required.
	Plan Plan `json:"plan"`
	// Hazards, each with its hazardous situations.
	Hazards []Hazard `json:"hazards,omitempty"`
	// Harms, shared by the situations that lead to them.
	Harms []Harm `json:"harms,omitempty"`
	// Controls are the risk control measures.
	Controls []Control `json:"controls,omitempty"`
	// Causes are cause and sequence-of-events records owned by the risk
	// file (causes owned by other packages are named by ID only).
	Causes []Cause `json:"causes,omitempty"`
	// BenefitRisk are the benefit-risk analyses.
	BenefitRisk []BenefitRisk `json:"benefitRisk,omitempty"`
	// Reviews are risk management review records.
	Reviews []Review `json:"reviews,omitempty"`
	// Overall is the evaluation of the overall residual risk; nil until it
	// has been done (ISO 14971:2019 8).
	Overall *Overall `json:"overall,omitempty"`
}

// Hazard is a potential source of harm (ISO 14971:2019 3.4, 5.4) with the
// hazardous situations it can lead to.
type Hazard struct {
	// ID is the item ID ("HAZ-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title. Required.
	Title string `json:"title"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Category groups hazards, such as the ISO 14971:2019 Annex C families
	// ("energy", "biological", "chemical", "performance").
	Category string `json:"category,omitempty"`
	// Causes are the IDs of items that cause the hazard (any of CauseKinds).
	Causes []trace.ID `json:"causes,omitempty"`
	// Situations are the hazardous situations the hazard leads to.
	Situations []Situation `json:"situations,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Situation is a hazardous situation (ISO 14971:2019 3.5, 5.4) with its
// estimated risk before control (the embedded Estimate) and after control
// (Residual).
type Situation struct {
	// ID is the item ID ("HS-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title. Required.
	Title string `json:"title"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Sequence describes the sequence of events from the hazard to the
	// situation.
	Sequence string `json:"sequence,omitempty"`
	// Causes are the IDs of items that cause the situation: a software
	// item, a SOUP component, a use error, a threat (any of CauseKinds).
	Causes []trace.ID `json:"causes,omitempty"`
	// Estimate is the risk estimated before control (ISO 14971:2019 5.5).
	Estimate
	// Residual is the risk estimated after the controls that mitigate the
	// situation (ISO 14971:2019 7.3). Harms it does not list keep their
	// initial P2 and severity. Nil when not yet estimated.
	Residual *Estimate `json:"residual,omitempty"`
	// Reduction records that further risk control was considered and why
	// none more is applied. Required for every situation under AFAP.
	Reduction *Justification `json:"reduction,omitempty"`
	// Disclosure says where the residual risk is disclosed in the
	// accompanying documentation ("IFU section 5.2") (ISO 14971:2019 8).
	Disclosure string `json:"disclosure,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Estimate is a risk estimate for one hazardous situation
// (ISO 14971:2019 5.5): P1, the probability that the situation occurs, and
// per harm P2, the probability that the situation leads to that harm.
//
// P1 and P2 are numbers or level names (Probability). When both are numbers
// the probability of harm is P1 × P2 (rounded to 12 significant digits),
// placed on the plan's scale. When either
// is a level name, the lower of the two levels is taken: P1 × P2 is never
// above either factor, so this is the cautious reading. A P2 may be left out
// only when P1 is qualitative or not estimable.
type Estimate struct {
	// P1 is the probability that the situation occurs.
	P1 Probability `json:"p1,omitempty"`
	// Harms are the harms the situation can lead to, each with its P2.
	Harms []HarmEstimate `json:"harms,omitempty"`
	// NotEstimable says that P1 cannot be estimated; the plan's
	// NotEstimable level stands for it, and a P2 given with it is combined
	// as a level (ISO 14971:2019 5.5).
	NotEstimable bool `json:"notEstimable,omitempty"`
	// Explanation says why the estimate is what it is. Required when P1 is
	// not estimable (the possible consequences) and when a residual estimate
	// is higher than the initial one.
	Explanation string `json:"explanation,omitempty"`
}

// HarmEstimate is one harm of a hazardous situation, with the probability
// that the situation leads to it.
type HarmEstimate struct {
	// Harm is the harm's ID. Required.
	Harm trace.ID `json:"harm"`
	// P2 is the probability that the situation leads to the harm.
	P2 Probability `json:"p2,omitempty"`
	// Severity, only in a residual estimate, is the harm's severity level
	// after a control that lowers it; empty keeps the harm's severity.
	Severity string `json:"severity,omitempty"`
}

// Harm is an injury or damage (ISO 14971:2019 3.3) with its severity.
type Harm struct {
	// ID is the item ID ("HARM-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title. Required.
	Title string `json:"title"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Severity names a level of the plan's severity scale. Required.
	Severity string `json:"severity"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Control is a risk control measure (ISO 14971:2019 7.1-7.5).
type Control struct {
	// ID is the item ID ("RC-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title. Required.
	Title string `json:"title"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Option is the control's option in the 7.1 priority order. Required.
	Option ControlOption `json:"option"`
	// Location says where the control is realised. Required.
	Location Location `json:"location"`
	// Mitigates are the IDs of the hazardous situations it mitigates.
	// Required.
	Mitigates []trace.ID `json:"mitigates"`
	// ImplementedBy are the IDs of the requirements that implement it
	// (ISO 14971:2019 7.2; IEC 62304:2006+A1:2015 5.2.3).
	ImplementedBy []trace.ID `json:"implementedBy,omitempty"`
	// NewRisks is the answer of the 7.5 review for new risks.
	NewRisks NewRisks `json:"newRisks,omitempty"`
	// Introduces are the IDs of the hazards or hazardous situations the
	// control introduces; non-empty exactly when NewRisks is "introduced".
	Introduces []trace.ID `json:"introduces,omitempty"`
	// Rationale says why a higher-priority option was not used; required
	// for a lower option unless every situation it mitigates also has an
	// inherent-safety control (ISO 14971:2019 7.1; EU MDR Annex I §4).
	Rationale *Justification `json:"rationale,omitempty"`
	// AttackSurface says the control opens an attack surface (an
	// emergency override, a service port, a break-glass login); the
	// security file must then link it to the threats it introduces
	// (AAMI TIR57; checked by package security as SEC-020).
	AttackSurface bool `json:"attackSurface,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// External reports whether the control lies outside the software system
// (IEC 62304:2006+A1:2015 4.3).
func (c Control) External() bool { return c.Location.External() }

// Justification is a reason with its basis, for stopping risk reduction or
// choosing a lower control option.
type Justification struct {
	// Basis is the kind of reason. Required.
	Basis Basis `json:"basis"`
	// Text states the reason. Required.
	Text string `json:"text"`
}

// Cause is a cause or sequence of events recorded in the risk file itself,
// such as a use error or a hardware fault (ISO 14971:2019 5.4).
type Cause struct {
	// ID is the item ID ("CAUSE-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title. Required.
	Title string `json:"title"`
	// Description says more.
	Description string `json:"description,omitempty"`
	// Category groups causes ("use-error", "hardware-fault",
	// "environment").
	Category string `json:"category,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// BenefitRisk is a benefit-risk analysis (ISO 14971:2019 7.4): for residual
// risks that are not acceptable and cannot practicably be reduced further,
// whether the medical benefits outweigh them.
type BenefitRisk struct {
	// ID is the item ID ("BR-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title.
	Title string `json:"title,omitempty"`
	// Date is when the analysis was concluded.
	Date Date `json:"date,omitempty"`
	// Situations are the IDs of the hazardous situations whose risk it
	// weighs. Required, except for the analysis of the overall residual
	// risk (Overall.BenefitRisk), which weighs them all.
	Situations []trace.ID `json:"situations"`
	// Benefits states the medical benefits weighed. Required.
	Benefits string `json:"benefits"`
	// Rationale says why further control is impracticable and how the
	// weighing was done. Required.
	Rationale string `json:"rationale"`
	// Outcome is the conclusion. Required.
	Outcome Outcome `json:"outcome"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Overall is the evaluation of the overall residual risk
// (ISO 14971:2019 8), by the plan's method and criteria.
type Overall struct {
	// Date is when it was evaluated.
	Date Date `json:"date,omitempty"`
	// Method names the method used; it should be the plan's.
	Method string `json:"method"`
	// Outcome is the verdict. Required.
	Outcome Acceptability `json:"outcome"`
	// BenefitRisk is the ID of the benefit-risk analysis of the overall
	// residual risk; required under AFAP.
	BenefitRisk trace.ID `json:"benefitRisk,omitempty"`
	// Rationale explains the verdict. Required.
	Rationale string `json:"rationale"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Review is a risk management review record (ISO 14971:2019 9): before
// release, that the plan was carried out, the overall residual risk is
// acceptable and the production and post-production methods are in place.
type Review struct {
	// ID is the item ID ("RMR-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title.
	Title string `json:"title,omitempty"`
	// Date is when the review was held. Required.
	Date Date `json:"date"`
	// Reviews are the IDs of the risk records reviewed (any kind this
	// package owns).
	Reviews []trace.ID `json:"reviews,omitempty"`
	// PlanImplemented states ISO 14971:2019 9 a.
	PlanImplemented bool `json:"planImplemented,omitempty"`
	// OverallAcceptable states ISO 14971:2019 9 b.
	OverallAcceptable bool `json:"overallAcceptable,omitempty"`
	// PostProduction states ISO 14971:2019 9 c.
	PostProduction bool `json:"postProduction,omitempty"`
	// Conclusion is the review's conclusion in words.
	Conclusion string `json:"conclusion,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
