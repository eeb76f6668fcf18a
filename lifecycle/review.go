package lifecycle

import (
	"time"

	"github.com/medtrace/medtrace/trace"
)

// DesignReview is a design review record: who reviewed which items, at which
// content fingerprints, what they found and what they decided to do
// (IEC 62304:2006+A1:2015 5.2.6, 5.3.6, 5.4.4; 21 CFR 820.30(e)). A reviewed
// item whose content later changes makes the review stale.
type DesignReview struct {
	// ID is the review's ID. Required.
	ID trace.ID `json:"id"`
	// Title is a one-line name. Required.
	Title string `json:"title"`
	// Date is when the review took place. Required.
	Date time.Time `json:"date"`
	// Participants names the reviewers; at least one. Required.
	Participants []string `json:"participants"`
	// Scope are the reviewed items at the fingerprints they had when
	// reviewed; at least one. Required.
	Scope []ReviewScope `json:"scope"`
	// Findings are the review's findings, one a line.
	Findings []string `json:"findings,omitempty"`
	// Actions are the actions decided.
	Actions []ReviewAction `json:"actions,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// ReviewScope is one reviewed item at the fingerprint it had when reviewed.
type ReviewScope struct {
	// Item is the reviewed item. Required.
	Item trace.ID `json:"item"`
	// Fingerprint is the item's content fingerprint at review time; the
	// zero value means it was not recorded, which makes the review stale.
	Fingerprint trace.Fingerprint `json:"fingerprint,omitzero"`
}

// ReviewAction is an action decided in a review.
type ReviewAction struct {
	// Text says what is to be done. Required.
	Text string `json:"text"`
	// Owner is who does it.
	Owner string `json:"owner,omitempty"`
	// Closed says the action is done.
	Closed bool `json:"closed,omitempty"`
}
