package lifecycle

import (
	"fmt"
	"math"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// LedgerEventType says what happened to a vulnerability in a product (FDA
// premarket cybersecurity guidance V.A.6). The empty value is invalid.
type LedgerEventType string

const (
	// LedgerIdentified: the vulnerability was identified as possibly
	// affecting the product; the metrics clock starts here.
	LedgerIdentified LedgerEventType = "identified"
	// LedgerAffected: assessment found the product affected.
	LedgerAffected LedgerEventType = "affected"
	// LedgerNotAffected: assessment found the product not affected (a VEX
	// not_affected statement).
	LedgerNotAffected LedgerEventType = "not-affected"
	// LedgerFixAvailable: an update or patch that removes the
	// vulnerability was released.
	LedgerFixAvailable LedgerEventType = "fix-available"
	// LedgerDeployment: a reading of the share of the installed base that
	// runs the fix.
	LedgerDeployment LedgerEventType = "deployment"
	// LedgerClosed: the vulnerability is closed for the product.
	LedgerClosed LedgerEventType = "closed"
)

// Valid reports whether t is a known event type.
func (t LedgerEventType) Valid() bool {
	switch t {
	case LedgerIdentified, LedgerAffected, LedgerNotAffected, LedgerFixAvailable, LedgerDeployment, LedgerClosed:
		return true
	}
	return false
}

// LedgerEvent is one dated event in the life of a vulnerability in a product.
// The ledger of such events is what the FDA metrics are computed from; all
// dates come from the records, never from a clock.
type LedgerEvent struct {
	// Vulnerability is the vulnerability's ID (CVE, GHSA, OSV). Required.
	Vulnerability string `json:"vulnerability"`
	// Product names the product (device). Required.
	Product string `json:"product"`
	// Type says what happened. Required.
	Type LedgerEventType `json:"type"`
	// At is when it happened. Required.
	At time.Time `json:"at"`
	// Installed is, for a deployment reading, the percentage (0–100) of
	// the installed base running the fix.
	Installed float64 `json:"installed,omitempty"`
	// Releases are, for an identification, the releases found affected;
	// for a fix, the release that carries it.
	Releases []trace.ID `json:"releases,omitempty"`
	// Source names where the event came from (a signal, a VEX document).
	Source string `json:"source,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

func (e *LedgerEvent) validate(prefix string) error {
	v := recordCheck{prefix: prefix, record: trace.ID(e.Vulnerability), kind: "vulnerability-ledger", pos: e.Pos}
	v.text("vulnerability", e.Vulnerability)
	v.text("product", e.Product)
	v.enum("type", string(e.Type), e.Type.Valid())
	v.time("at", e.At)
	if math.IsNaN(e.Installed) || e.Installed < 0 || e.Installed > 100 {
		v.fail("installed", fmt.Sprintf("%v is not a percentage between 0 and 100", e.Installed))
	}
	if e.Type == LedgerDeployment && e.Installed == 0 {
		v.fail("installed", "a deployment reading must give the share of the installed base")
	}
	v.ids("releases", e.Releases)
	return v.err()
}
