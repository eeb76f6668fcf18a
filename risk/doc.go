// Package risk is the ISO 14971:2019 risk management file of a medical
// device, with the guidance of ISO/TR 24971:2020, as data that contributes to
// the medtrace graph.
//
// # The model
//
// A [File] holds the risk management [Plan] (ISO 14971:2019 4.4) and the
// records of the file: each [Hazard] (5.4) with the hazardous situations
// ([Situation]) it leads to, the [Harm] records they lead to with their
// severities, each risk [Control] (7.1-7.5) with its option in the 7.1
// priority order, where it is realised and the requirements that implement
// it, [Cause] records, benefit-risk analyses ([BenefitRisk], 7.4), the
// evaluation of the [Overall] residual risk (8) and risk management
// [Review] records (9).
//
// A situation is estimated per harm (5.5): P1, the probability that the
// situation occurs, times P2, the probability that it leads to the harm,
// placed on the plan's probability [Scale]; with the harm's severity that
// gives a cell of the [Matrix] and its [Region]. P1 and P2 may be numbers or
// level names ([Probability]); situations caused by security threats are
// estimated by level, not number, unless the plan allows numbers
// (ISO/TR 24971:2020 Annex F). The estimate after control (Situation.Residual)
// is evaluated the same way (7.3).
//
// The [Policy] says how regions are read: [ALARP], or the EU MDR "as far as
// possible" reading [AFAP], under which every risk records that further
// control was considered and cost is no reason to stop.
//
// # Evaluation, explanation and checks
//
// [File.Evaluate] estimates and evaluates every situation before and after
// control without a graph and returns typed results ([Evaluation],
// [Assessment], [Risk]), with counts per region and per matrix cell
// ([Heatmap]). [File.Explain] says why a situation's risk is where it is. [File.Validate] reports malformed input, every problem at once with
// the record ID and field path.
//
// A File is a trace.Contributor ([File.Contribute]); [Rules] returns the
// checks of the file as trace rules (RISK-001 ...), each citing its clause.
// The rules take typed data (estimates, regions, options) from the File they
// were made for and relations (mitigation, verification, causes) from the
// graph they check, so links that other packages add (tests verifying
// controls, threats causing situations) count.
//
// # Rules
//
// The IDs follow the numbering of the medtrace ISO 14971 reference where a
// rule fits it; RISK-021 and later are additions. Clauses are of ISO
// 14971:2019 unless another document is named (EU MDR Annex I, ISO/TR
// 24971:2020).
//
//	RISK-001  5.4         hazard → situation → harm, every harm with a severity on the scale
//	RISK-002  5.5         every situation estimated (P1, P2), or not estimable with its consequences
//	RISK-003  4.4 d       the plan's criteria approved, and not after the records that use them
//	RISK-004  6           every estimated situation evaluated against the matrix
//	RISK-005  7.1         an ALARP or unacceptable risk has a control or a benefit-risk decision
//	RISK-006  7.1         every control names its option
//	RISK-007  7.1         a lower option states why a higher one was not used
//	RISK-008  7.2         every control verified for implementation and for effectiveness
//	RISK-009  7.5         every control reviewed for the risks it introduces, which are linked
//	RISK-010  7.3         a controlled situation has an evaluated residual estimate
//	RISK-011  7.4         an unacceptable residual risk is outweighed by benefits
//	RISK-013  8           the overall residual risk evaluated and acceptable
//	RISK-014  9           a complete risk management review
//	RISK-016  MDR I       AFAP: further control considered for every risk, no economic reasons
//	RISK-019  TR 24971 F  no numeric probability for threat-caused situations unless allowed
//	RISK-021  7.2         every control implemented by a requirement
//	RISK-022  7.5         a residual estimate not above the initial one without explanation
//	RISK-023  8           significant residual risks disclosed
//
// # File format
//
// The types carry JSON tags that make the file format; YAML decoders that
// honour JSON tags read the same shape:
//
//	plan: {id: RMP-001, policy: alarp, notEstimable: Frequent, severity: ..., probability: ..., matrix: ...}
//	harms:
//	  - {id: HARM-001, title: Overdose, severity: Critical}
//	hazards:
//	  - id: HAZ-001
//	    title: Excess drug delivery
//	    situations:
//	      - id: HS-001
//	        title: Free flow during set change
//	        causes: [SWI-PUMP]
//	        p1: 1e-3
//	        harms: [{harm: HARM-001, p2: 0.5}]
//	        residual: {p1: 1e-6}
//	controls:
//	  - id: RC-001
//	    option: inherent-safety-by-design
//	    location: hardware
//	    mitigates: [HS-001]
//	    implementedBy: [SYS-010]
//	    newRisks: none
//
// # Limitations
//
// Probabilities are combined as P1 × P2 only when both are numbers; with a
// level name the lower of the two levels is taken. Severity is a property of
// the harm; a residual estimate may lower it per situation. The file holds
// one plan. The reference's completeness review (RISK-012, 7.6) is the sum
// of the other rules and has no rule of its own; there is no stored
// probability level to check against P1 × P2 (RISK-018); post-production
// monitoring (RISK-020, clause 10) and the IEC 62304 chain (RISK-015) belong
// to package lifecycle. Estimates carry no dates, so RISK-003 compares the
// plan's approval only with dated benefit-risk analyses and reviews.
package risk
