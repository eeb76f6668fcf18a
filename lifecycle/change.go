package lifecycle

import (
	"slices"
	"strconv"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// KindChangeRequest is the kind of a change request (IEC 62304:2006+A1:2015
// 6.2.3, 8.2).
const KindChangeRequest trace.Kind = "change-request"

// ChangeOrigin says why a change was requested (IEC 62304:2006+A1:2015 6.2).
// The empty value is invalid.
type ChangeOrigin string

const (
	// OriginFeature: a new or changed feature.
	OriginFeature ChangeOrigin = "feature"
	// OriginProblem: the resolution of one or more problem reports.
	OriginProblem ChangeOrigin = "problem"
	// OriginSOUPUpdate: an upgrade, patch or replacement of SOUP (6.1 f).
	OriginSOUPUpdate ChangeOrigin = "soup-update"
	// OriginRegulatory: a change required by a regulation or standard.
	OriginRegulatory ChangeOrigin = "regulatory"
)

// Valid reports whether o is a known origin.
func (o ChangeOrigin) Valid() bool {
	return o == OriginFeature || o == OriginProblem || o == OriginSOUPUpdate || o == OriginRegulatory
}

// ChangeState is where a change request is in change control
// (IEC 62304:2006+A1:2015 6.2.4, 6.3, 8.2). The empty value is invalid.
type ChangeState string

const (
	// ChangeProposed: requested, being analysed (6.2.3).
	ChangeProposed ChangeState = "proposed"
	// ChangeApproved: approved for implementation (6.2.4, 8.2.1).
	ChangeApproved ChangeState = "approved"
	// ChangeImplemented: implemented (6.3.1, 8.2.2).
	ChangeImplemented ChangeState = "implemented"
	// ChangeVerified: the change and the verification it invalidated are
	// verified again (8.2.3).
	ChangeVerified ChangeState = "verified"
	// ChangeReleased: released in a version (6.3.2).
	ChangeReleased ChangeState = "released"
	// ChangeRejected: not approved; the request is closed.
	ChangeRejected ChangeState = "rejected"
)

// Valid reports whether s is a known state.
func (s ChangeState) Valid() bool { return s.rank() > 0 || s == ChangeRejected }

// rank orders the states along the change's life; rejected and unknown
// states rank 0.
func (s ChangeState) rank() int {
	switch s {
	case ChangeProposed:
		return 1
	case ChangeApproved:
		return 2
	case ChangeImplemented:
		return 3
	case ChangeVerified:
		return 4
	case ChangeReleased:
		return 5
	}
	return 0
}

// AtLeast reports whether s has reached state t on the change's life
// (proposed < approved < implemented < verified < released). A rejected
// change has reached none.
func (s ChangeState) AtLeast(t ChangeState) bool { return s.rank() > 0 && s.rank() >= t.rank() }

// ChangeImpact is the analysis of a change's effect outside the software
// (IEC 62304:2006+A1:2015 6.2.3).
type ChangeImpact struct {
	// Organisation is the effect on the organisation (training, service).
	Organisation string `json:"organisation,omitempty"`
	// ReleasedSoftware is the effect on software already released.
	ReleasedSoftware string `json:"releasedSoftware,omitempty"`
	// InterfacingSystems is the effect on systems the software interfaces.
	InterfacingSystems string `json:"interfacingSystems,omitempty"`
}

// ChangeRiskAnalysis is the safety analysis of a change (IEC
// 62304:2006+A1:2015 7.4): whether it adds causes of hazardous situations
// or needs new risk controls (7.4.1), whether it interferes with existing
// controls (7.4.2), and which risk records were updated (7.4.3).
type ChangeRiskAnalysis struct {
	// At is when the analysis was done. Required.
	At time.Time `json:"at"`
	// By is who did it. Required.
	By string `json:"by"`
	// NewCauses lists causes of hazardous situations the change may add
	// (7.4.1 a); empty when none were found.
	NewCauses []string `json:"newCauses,omitempty"`
	// NewControls are the risk controls the change needs (7.4.1 b).
	NewControls []trace.ID `json:"newControls,omitempty"`
	// Interference assesses the change's effect on existing risk controls
	// (7.4.2; classes B and C).
	Interference string `json:"interference,omitempty"`
	// UpdatedRiskItems are the risk records updated (7.4.3); each becomes a
	// link change-request -changes-> record.
	UpdatedRiskItems []trace.ID `json:"updatedRiskItems,omitempty"`
	// Conclusion states the result of the analysis. Required.
	Conclusion string `json:"conclusion"`
}

// Reclassification records a change's effect on software safety
// classification (IEC 62304:2006+A1:2015 8.2.2).
type Reclassification struct {
	// Needed says the change alters a class.
	Needed bool `json:"needed"`
	// Rationale explains the decision. Required.
	Rationale string `json:"rationale"`
}

// Approval records who approved a change and when (IEC 62304:2006+A1:2015
// 6.2.4, 8.2.1).
type Approval struct {
	// By is who approved. Required.
	By string `json:"by"`
	// At is when. Required.
	At time.Time `json:"at"`
}

// Notification records that users and regulators were told of a change
// (IEC 62304:2006+A1:2015 6.2.5).
type Notification struct {
	// At is when. Required.
	At time.Time `json:"at"`
	// Parties are who was told (users, regulators).
	Parties []string `json:"parties"`
	// Content summarises the problem, the consequence of continued
	// unchanged use, and how to install the change.
	Content string `json:"content"`
}

// ChangeRequest is a request to change the software or its records, with
// its analysis, approval, implementation and verification (IEC
// 62304:2006+A1:2015 6.2–6.3, 7.4, 8.2).
type ChangeRequest struct {
	// ID is the request's ID, such as "CR-017". Required.
	ID trace.ID `json:"id"`
	// Title is a one-line summary. Required.
	Title string `json:"title"`
	// Description says what changes and why.
	Description string `json:"description,omitempty"`
	// Requested is when the change was requested. Required.
	Requested time.Time `json:"requested"`
	// Origin says why (6.2). Required.
	Origin ChangeOrigin `json:"origin"`
	// State is where the request is in change control. Required.
	State ChangeState `json:"state"`
	// Resolves are the problem reports the change resolves (8.2.4 b); each
	// becomes a link change-request -resolves-> problem-report.
	Resolves []trace.ID `json:"resolves,omitempty"`
	// Changes are the items the change modifies (8.2.4); each becomes a
	// link change-request -changes-> item.
	Changes []trace.ID `json:"changes,omitempty"`
	// Impact is the analysis of the change's wider effect (6.2.3).
	Impact ChangeImpact `json:"impact,omitzero"`
	// RiskAnalysis is the safety analysis of the change (7.4).
	RiskAnalysis *ChangeRiskAnalysis `json:"riskAnalysis,omitempty"`
	// Reclassification is the classification decision (8.2.2).
	Reclassification *Reclassification `json:"reclassification,omitempty"`
	// Approval records the approval (6.2.4, 8.2.1).
	Approval *Approval `json:"approval,omitempty"`
	// Verification are the tests the change requires to be run again:
	// tests of the change and regression tests (5.7.3, 8.2.3); each becomes
	// a link test -verifies-> change-request.
	Verification []trace.ID `json:"verification,omitempty"`
	// RedoneActivities are the clause-5 activities repeated (6.3.1).
	RedoneActivities []string `json:"redoneActivities,omitempty"`
	// Notification records who was told (6.2.5).
	Notification *Notification `json:"notification,omitempty"`
	// Release is the release the change shipped in (6.3.2).
	Release trace.ID `json:"release,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Validate reports every problem with the request's content at once, each
// a trace.Problem wrapping ErrInvalidRecord that names the request and the
// field. The rules judge whether the request is complete for its state.
func (c *ChangeRequest) Validate() error {
	if c == nil {
		return errNilRecord(KindChangeRequest)
	}
	return c.validate("")
}

func (c *ChangeRequest) validate(prefix string) error {
	v := recordCheck{prefix: prefix, record: c.ID, kind: KindChangeRequest, pos: c.Pos}
	v.id("id", c.ID)
	v.text("title", c.Title)
	v.time("requested", c.Requested)
	v.enum("origin", string(c.Origin), c.Origin.Valid())
	v.enum("state", string(c.State), c.State.Valid())
	v.ids("resolves", c.Resolves)
	v.ids("changes", c.Changes)
	v.ids("verification", c.Verification)
	if c.Origin == OriginProblem && len(c.Resolves) == 0 {
		v.fail("resolves", "a change of origin problem must name the problem reports it resolves (8.2.4 b)")
	}
	if ra := c.RiskAnalysis; ra != nil {
		v.time("riskAnalysis.at", ra.At)
		v.text("riskAnalysis.by", ra.By)
		v.text("riskAnalysis.conclusion", ra.Conclusion)
		v.ids("riskAnalysis.newControls", ra.NewControls)
		v.ids("riskAnalysis.updatedRiskItems", ra.UpdatedRiskItems)
	}
	if r := c.Reclassification; r != nil {
		v.text("reclassification.rationale", r.Rationale)
	}
	if a := c.Approval; a != nil {
		v.text("approval.by", a.By)
		v.time("approval.at", a.At)
		if ra := c.RiskAnalysis; ra != nil && !ra.At.IsZero() && a.At.Before(ra.At) {
			v.fail("approval.at", "the change was approved before its risk analysis (6.2.3, 6.2.4)")
		}
	}
	if n := c.Notification; n != nil {
		v.time("notification.at", n.At)
		if len(n.Parties) == 0 {
			v.fail("notification.parties", "at least one party is required")
		}
	}
	if c.Release != "" {
		v.id("release", c.Release)
	}
	return v.err()
}

// changedItems returns the items the change modifies, with the risk records
// its analysis updated, sorted and without repeats.
func (c *ChangeRequest) changedItems() []trace.ID {
	out := slices.Clone(c.Changes)
	if ra := c.RiskAnalysis; ra != nil {
		out = append(out, ra.UpdatedRiskItems...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *ChangeRequest) fingerprint() trace.Fingerprint {
	h := trace.NewHasher().
		String("title", c.Title).String("description", c.Description).
		String("origin", string(c.Origin)).String("state", string(c.State)).
		Strings("resolves", idStrings(c.Resolves)).Strings("changes", idStrings(c.Changes)).
		String("impact.org", c.Impact.Organisation).String("impact.released", c.Impact.ReleasedSoftware).
		String("impact.interfacing", c.Impact.InterfacingSystems).
		Strings("verification", idStrings(c.Verification))
	if ra := c.RiskAnalysis; ra != nil {
		h.Strings("newCauses", ra.NewCauses).Strings("newControls", idStrings(ra.NewControls)).
			String("interference", ra.Interference).String("conclusion", ra.Conclusion)
	}
	if r := c.Reclassification; r != nil {
		h.String("reclassified", strconv.FormatBool(r.Needed)).String("reclassification", r.Rationale)
	}
	if a := c.Approval; a != nil {
		h.String("approvedBy", a.By).String("approvedAt", a.At.UTC().Format(time.RFC3339))
	}
	return h.Sum()
}
