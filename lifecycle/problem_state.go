package lifecycle

import (
	"fmt"
	"slices"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// ProblemState is where a problem report is in the problem resolution
// process (IEC 62304:2006+A1:2015 9.2–9.7). The empty value is invalid.
//
// The valid transitions are:
//
//	open          → investigating
//	investigating → resolving, deferred, no-action
//	resolving     → verifying, investigating
//	verifying     → closed, resolving
//	deferred      → investigating
//	closed        → investigating   (reopened: the resolution did not hold)
//	no-action     → investigating   (reopened: new information)
type ProblemState string

const (
	// ProblemOpen: reported, not yet investigated.
	ProblemOpen ProblemState = "open"
	// ProblemInvestigating: causes and safety relevance are being
	// investigated (9.2).
	ProblemInvestigating ProblemState = "investigating"
	// ProblemResolving: one or more change requests are being carried out
	// (9.4).
	ProblemResolving ProblemState = "resolving"
	// ProblemVerifying: the change is implemented and its resolution is
	// being verified (9.7).
	ProblemVerifying ProblemState = "verifying"
	// ProblemDeferred: investigated, a fix is deferred with a reason; the
	// problem stays a known anomaly (5.8.2).
	ProblemDeferred ProblemState = "deferred"
	// ProblemClosed: resolved and the resolution verified (9.7).
	ProblemClosed ProblemState = "closed"
	// ProblemNoAction: investigated, no change needed, with a rationale
	// (9.2 d).
	ProblemNoAction ProblemState = "no-action"
)

var problemTransitions = map[ProblemState][]ProblemState{
	"":                   {ProblemOpen},
	ProblemOpen:          {ProblemInvestigating},
	ProblemInvestigating: {ProblemResolving, ProblemDeferred, ProblemNoAction},
	ProblemResolving:     {ProblemVerifying, ProblemInvestigating},
	ProblemVerifying:     {ProblemClosed, ProblemResolving},
	ProblemDeferred:      {ProblemInvestigating},
	ProblemClosed:        {ProblemInvestigating},
	ProblemNoAction:      {ProblemInvestigating},
}

// Valid reports whether s is a known state.
func (s ProblemState) Valid() bool {
	_, ok := problemTransitions[s]
	return ok && s != ""
}

// CanTransition reports whether a report may move from s to to. The empty
// state may only move to open: that is how a report's history starts.
func (s ProblemState) CanTransition(to ProblemState) bool {
	return slices.Contains(problemTransitions[s], to)
}

// Next returns the states s may move to, in a fixed order.
func (s ProblemState) Next() []ProblemState { return slices.Clone(problemTransitions[s]) }

// StateChange is one step in a problem report's history.
type StateChange struct {
	// From is the state before; empty for the first step.
	From ProblemState `json:"from,omitempty"`
	// To is the state after. Required.
	To ProblemState `json:"to"`
	// At is when the change happened. Required.
	At time.Time `json:"at"`
	// By is who made it.
	By string `json:"by,omitempty"`
	// Reason says why.
	Reason string `json:"reason,omitempty"`
}

// TransitionError reports a state change the problem resolution process
// does not allow.
type TransitionError struct {
	// ID is the problem report's ID.
	ID trace.ID
	// From is the report's state; To the state it was asked to move to.
	From, To ProblemState
}

// Error names the report and both states.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("problem report %q: cannot move from %q to %q (allowed: %v)", e.ID, e.From, e.To, e.From.Next())
}

// Unwrap returns ErrInvalidRecord.
func (e *TransitionError) Unwrap() error { return ErrInvalidRecord }
