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
// [Assessment], [Risk]). [File.Explain] says why a situation's risk is where
// it is. [File.Validate] reports malformed input, every problem at once with
// the record ID and field path.
//
// A File is a trace.Contributor ([File.Contribute]); [Rules] returns the
// checks of the file as trace rules (RISK-001 ...), each citing its clause.
// The rules take typed data (estimates, regions, options) from the File they
// were made for and relations (mitigation, verification, causes) from the
// graph they check, so links that other packages add (tests verifying
// controls, threats causing situations) count.
//
// # Limitations
//
// Probabilities are combined as P1 × P2 only when both are numbers; with a
// level name the lower of the two levels is taken. Severity is a property of
// the harm; a residual estimate may lower it per situation. The file holds
// one plan. Post-production monitoring (ISO 14971:2019 10) and the dating of
// evaluations against the plan beyond the dates recorded here are left to
// the host.
package risk
