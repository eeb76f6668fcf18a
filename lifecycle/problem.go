package lifecycle

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// KindProblemReport is the kind of a problem report (IEC 62304:2006+A1:2015
// 9.1). A problem report without a change request that resolves it is an
// open known anomaly (5.8.2).
const KindProblemReport trace.Kind = "problem-report"

// ProblemType says what kind of maintenance a problem calls for (the type
// of IEC 62304:2006 9.1; kept by many plans under Amd1). The empty value is
// invalid.
type ProblemType string

const (
	// ProblemCorrective: the software does not do what it should; fix it.
	ProblemCorrective ProblemType = "corrective"
	// ProblemPreventive: nothing has failed yet, but could; act before it does.
	ProblemPreventive ProblemType = "preventive"
	// ProblemAdaptive: the software must follow a changed environment
	// (platform, SOUP, network, regulation).
	ProblemAdaptive ProblemType = "adaptive"
)

// Valid reports whether t is a known problem type.
func (t ProblemType) Valid() bool {
	return t == ProblemCorrective || t == ProblemPreventive || t == ProblemAdaptive
}

// Criticality is how much a problem matters (IEC 62304:2006+A1:2015 9.1: its
// effect on performance, safety or security). The levels follow common
// maintenance-plan practice. The empty value is invalid.
type Criticality string

const (
	// CriticalityHigh: the problem may create or change a risk that is not
	// acceptable; it goes to vigilance assessment.
	CriticalityHigh Criticality = "high"
	// CriticalityMedium: the problem may create or change a risk that stays
	// acceptable; it goes to vigilance assessment.
	CriticalityMedium Criticality = "medium"
	// CriticalityLow: no effect on risk.
	CriticalityLow Criticality = "low"
)

// Valid reports whether c is a known criticality.
func (c Criticality) Valid() bool {
	return c == CriticalityHigh || c == CriticalityMedium || c == CriticalityLow
}

// Rank orders criticalities: high 3, medium 2, low 1, anything else 0.
func (c Criticality) Rank() int {
	switch c {
	case CriticalityHigh:
		return 3
	case CriticalityMedium:
		return 2
	case CriticalityLow:
		return 1
	}
	return 0
}

// Effect is what a problem affects (IEC 62304:2006+A1:2015 9.1). The empty
// value is invalid.
type Effect string

const (
	// EffectPerformance: the device performs worse than specified.
	EffectPerformance Effect = "performance"
	// EffectSafety: the problem bears on a hazard or a risk control.
	EffectSafety Effect = "safety"
	// EffectSecurity: the problem bears on confidentiality, integrity or
	// availability (a vulnerability).
	EffectSecurity Effect = "security"
)

// Valid reports whether e is a known effect.
func (e Effect) Valid() bool {
	return e == EffectPerformance || e == EffectSafety || e == EffectSecurity
}

// ProblemScope says where a problem shows (IEC 62304:2006+A1:2015 9.1: the
// versions, devices and accessories affected; the 2006 edition's scope).
type ProblemScope struct {
	// Versions are the released versions the problem was seen in or
	// affects.
	Versions []string `json:"versions,omitempty"`
	// Devices are the device models affected.
	Devices []string `json:"devices,omitempty"`
	// Accessories are the supported accessories affected.
	Accessories []string `json:"accessories,omitempty"`
	// Items are the software items, units, interfaces, requirements or
	// components the problem concerns; each becomes a link
	// problem-report -affects-> item.
	Items []trace.ID `json:"items,omitempty"`
}

// Investigation is the investigation of a problem (IEC 62304:2006+A1:2015
// 9.2): its causes, its relevance to safety through the risk management
// process, its outcome, and the decision.
type Investigation struct {
	// At is when the investigation concluded. Required.
	At time.Time `json:"at"`
	// By is who investigated. Required.
	By string `json:"by"`
	// Causes are the causes found (9.2 a).
	Causes []string `json:"causes,omitempty"`
	// SafetyRelevant says the problem bears on safety (9.2 b); a
	// safety-relevant problem names the hazards it bears on.
	SafetyRelevant bool `json:"safetyRelevant"`
	// Hazards are the hazards, hazardous situations or security risks the
	// problem bears on (9.2 b); each becomes a link problem-report
	// -affects-> hazard.
	Hazards []trace.ID `json:"hazards,omitempty"`
	// Outcome documents the result of the investigation (9.2 c). Required.
	Outcome string `json:"outcome"`
	// NoActionRationale says why no change is needed (9.2 d), when none is.
	NoActionRationale string `json:"noActionRationale,omitempty"`
}

// Advice records that a party was told of a problem (IEC 62304:2006+A1:2015
// 9.3).
type Advice struct {
	// Party is who was told (users, regulator, supplier). Required.
	Party string `json:"party"`
	// At is when. Required.
	At time.Time `json:"at"`
}

// ResolutionVerification records the verification of a problem's resolution
// (IEC 62304:2006+A1:2015 9.7).
type ResolutionVerification struct {
	// At is when the resolution was verified. Required.
	At time.Time `json:"at"`
	// By is who verified it. Required.
	By string `json:"by"`
	// Tests are the tests (or test results) that verified the resolution;
	// each becomes a link test -verifies-> problem-report. At least one.
	Tests []trace.ID `json:"tests"`
	// Version is the software version the verification ran on (9.7 c).
	Version string `json:"version,omitempty"`
	// TrendReversed says an adverse trend, if there was one, is reversed
	// (9.7 b).
	TrendReversed bool `json:"trendReversed,omitempty"`
	// NoNewProblems says the resolution introduced no new problem (9.7 d).
	NoNewProblems bool `json:"noNewProblems,omitempty"`
}

// AnomalyEvaluation evaluates an unresolved problem that ships in a release
// as a known residual anomaly (IEC 62304:2006+A1:2015 5.8.2, 5.8.3; FDA 2023
// software guidance VI.J).
type AnomalyEvaluation struct {
	// Impact on safety and effectiveness, including operator use and human
	// factors. Required.
	Impact string `json:"impact"`
	// Rationale for releasing without a fix, following the risk management
	// plan. Required.
	Rationale string `json:"rationale"`
	// Workaround users can apply, if any.
	Workaround string `json:"workaround,omitempty"`
	// CWE classifies a security anomaly ("CWE-79"), per FDA cybersecurity
	// guidance V.A.5.
	CWE string `json:"cwe,omitempty"`
	// UnacceptableRisk is set when the evaluation finds the anomaly
	// contributes to an unacceptable risk (5.8.3); such an anomaly blocks a
	// release.
	UnacceptableRisk bool `json:"unacceptableRisk,omitempty"`
}

// ProblemReport is a problem found in released or in-development software,
// from inside or outside the organisation (IEC 62304:2006+A1:2015 6.2.1.2,
// 9.1–9.8).
type ProblemReport struct {
	// ID is the report's ID, such as "PR-042". Required.
	ID trace.ID `json:"id"`
	// Title is a one-line summary. Required.
	Title string `json:"title"`
	// Description says what happened and how to reproduce it.
	Description string `json:"description,omitempty"`
	// Reported is when the problem was reported; trend data is counted by
	// it (9.6). Required.
	Reported time.Time `json:"reported"`
	// Reporter is who reported it.
	Reporter string `json:"reporter,omitempty"`
	// Type is the kind of maintenance called for (9.1). Required.
	Type ProblemType `json:"type"`
	// Scope is where the problem shows (9.1).
	Scope ProblemScope `json:"scope,omitzero"`
	// Criticality is how much the problem matters (9.1). Required.
	Criticality Criticality `json:"criticality"`
	// Effects are what the problem affects (9.1). At least one.
	Effects []Effect `json:"effects"`
	// Investigation is set once the problem has been investigated (9.2).
	Investigation *Investigation `json:"investigation,omitempty"`
	// State is where the report is in its life (see ProblemState).
	// Required.
	State ProblemState `json:"state"`
	// Reason says why the report is still open (for any state but closed
	// and no-action): what it waits for, or why it is deferred (9.2 d).
	Reason string `json:"reason,omitempty"`
	// History records every state change, oldest first. Each step must be
	// a valid transition, and the last must end in State.
	History []StateChange `json:"history,omitempty"`
	// Advised records who was told of the problem (9.3).
	Advised []Advice `json:"advised,omitempty"`
	// Verification records the verification of the resolution (9.7).
	Verification *ResolutionVerification `json:"verification,omitempty"`
	// Anomaly evaluates the problem as a known residual anomaly when a
	// release ships with it unresolved (5.8.3).
	Anomaly *AnomalyEvaluation `json:"anomaly,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Resolved reports whether the report needs no further work: closed after
// verification, or closed with no action and a rationale.
func (p *ProblemReport) Resolved() bool {
	return p != nil && (p.State == ProblemClosed || p.State == ProblemNoAction)
}

// Validate reports every problem with the report's content at once, each a
// trace.Problem wrapping ErrInvalidRecord that names the report and the
// field. The rules, not Validate, judge whether the report is complete
// enough for its state to pass review.
func (p *ProblemReport) Validate() error {
	if p == nil {
		return errNilRecord(KindProblemReport)
	}
	return p.validate("")
}

func (p *ProblemReport) validate(prefix string) error {
	v := recordCheck{prefix: prefix, record: p.ID, kind: KindProblemReport, pos: p.Pos}
	v.id("id", p.ID)
	v.text("title", p.Title)
	v.time("reported", p.Reported)
	v.enum("type", string(p.Type), p.Type.Valid())
	v.enum("criticality", string(p.Criticality), p.Criticality.Valid())
	if len(p.Effects) == 0 {
		v.fail("effects", "at least one effect (performance, safety, security) is required")
	}
	for i, e := range p.Effects {
		v.enum(fmt.Sprintf("effects[%d]", i), string(e), e.Valid())
	}
	v.ids("scope.items", p.Scope.Items)
	v.enum("state", string(p.State), p.State.Valid())
	p.validateInvestigation(&v)
	p.validateHistory(&v)
	for i, a := range p.Advised {
		v.text(fmt.Sprintf("advised[%d].party", i), a.Party)
		v.time(fmt.Sprintf("advised[%d].at", i), a.At)
	}
	if r := p.Verification; r != nil {
		v.time("verification.at", r.At)
		v.text("verification.by", r.By)
		if len(r.Tests) == 0 {
			v.fail("verification.tests", "at least one test or result is required")
		}
		v.ids("verification.tests", r.Tests)
	}
	if a := p.Anomaly; a != nil {
		v.text("anomaly.impact", a.Impact)
		v.text("anomaly.rationale", a.Rationale)
	}
	return v.err()
}

func (p *ProblemReport) validateInvestigation(v *recordCheck) {
	inv := p.Investigation
	if inv == nil {
		if p.State != ProblemOpen && p.State != ProblemInvestigating && p.State.Valid() {
			v.fail("investigation", fmt.Sprintf("a report in state %s must record its investigation (9.2)", p.State))
		}
		return
	}
	v.time("investigation.at", inv.At)
	v.text("investigation.by", inv.By)
	v.text("investigation.outcome", inv.Outcome)
	v.ids("investigation.hazards", inv.Hazards)
	if p.State == ProblemNoAction && strings.TrimSpace(inv.NoActionRationale) == "" {
		v.fail("investigation.noActionRationale", "a report closed with no action must say why (9.2 d)")
	}
}

func (p *ProblemReport) validateHistory(v *recordCheck) {
	prev := ProblemState("")
	for i, h := range p.History {
		path := fmt.Sprintf("history[%d]", i)
		v.time(path+".at", h.At)
		if i > 0 && h.At.Before(p.History[i-1].At) {
			v.fail(path+".at", "state changes must be in time order")
		}
		if h.From != prev {
			v.fail(path+".from", fmt.Sprintf("%q does not follow the previous state %q", h.From, prev))
		}
		if !h.From.CanTransition(h.To) {
			v.fail(path+".to", (&TransitionError{ID: p.ID, From: h.From, To: h.To}).Error())
		}
		prev = h.To
	}
	if len(p.History) > 0 && prev != p.State {
		v.fail("state", fmt.Sprintf("%q differs from the last recorded state %q", p.State, prev))
	}
}

// Transition moves the report to state to, recording who did it, when and
// why. It returns a *TransitionError, and changes nothing, when the move is
// not allowed from the current state.
func (p *ProblemReport) Transition(to ProblemState, at time.Time, by, reason string) error {
	if p == nil {
		return errNilRecord(KindProblemReport)
	}
	if !p.State.CanTransition(to) {
		return &TransitionError{ID: p.ID, From: p.State, To: to}
	}
	p.History = append(p.History, StateChange{From: p.State, To: to, At: at, By: by, Reason: reason})
	p.State = to
	if !p.Resolved() {
		p.Reason = reason
	}
	return nil
}

// fingerprint hashes the report's reviewed content.
func (p *ProblemReport) fingerprint() trace.Fingerprint {
	h := trace.NewHasher().
		String("title", p.Title).String("description", p.Description).
		String("type", string(p.Type)).String("criticality", string(p.Criticality)).
		Strings("effects", effectStrings(p.Effects)).
		Strings("versions", p.Scope.Versions).Strings("items", idStrings(p.Scope.Items)).
		String("state", string(p.State)).String("reason", p.Reason)
	if inv := p.Investigation; inv != nil {
		h.Strings("causes", inv.Causes).Strings("hazards", idStrings(inv.Hazards)).
			String("outcome", inv.Outcome).String("noAction", inv.NoActionRationale)
	}
	if a := p.Anomaly; a != nil {
		h.String("impact", a.Impact).String("rationale", a.Rationale)
	}
	return h.Sum()
}

func effectStrings(es []Effect) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	slices.Sort(out)
	return out
}
