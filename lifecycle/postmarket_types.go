package lifecycle

import (
	"errors"
	"fmt"

	"github.com/medtrace/medtrace/trace"
)

// PostMarket holds the records of maintenance, problem resolution and
// release: problem reports, change requests, releases and signals
// (IEC 62304:2006+A1:2015 clauses 6, 8, 9), and the vulnerability ledger the
// FDA metrics are computed from. It is embedded in Project.
type PostMarket struct {
	// ProblemReports are the problem reports (9.1).
	ProblemReports []ProblemReport `json:"problemReports,omitempty"`
	// ChangeRequests are the change requests (6.2.3, 8.2).
	ChangeRequests []ChangeRequest `json:"changeRequests,omitempty"`
	// Releases are the releases, in any order (5.8, 8.1.3).
	Releases []Release `json:"releases,omitempty"`
	// Signals are the post-market signals (6.2.1).
	Signals []Signal `json:"signals,omitempty"`
	// Ledger records, per vulnerability and product, when it was
	// identified, fixed and deployed (FDA premarket cybersecurity V.A.6).
	Ledger []LedgerEvent `json:"vulnerabilityLedger,omitempty"`
}

// Release returns the release with the given ID.
func (pm *PostMarket) Release(id trace.ID) (*Release, bool) {
	if pm == nil {
		return nil, false
	}
	for i := range pm.Releases {
		if pm.Releases[i].ID == id {
			return &pm.Releases[i], true
		}
	}
	return nil, false
}

// Validate reports every problem with the post-market records at once,
// each naming its record and field path ("problemReports[3].criticality").
func (pm *PostMarket) Validate() error {
	if pm == nil {
		return nil
	}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for i := range pm.ProblemReports {
		add(pm.ProblemReports[i].validate(fmt.Sprintf("problemReports[%d]", i)))
	}
	for i := range pm.ChangeRequests {
		add(pm.ChangeRequests[i].validate(fmt.Sprintf("changeRequests[%d]", i)))
	}
	for i := range pm.Releases {
		add(pm.Releases[i].validate(fmt.Sprintf("releases[%d]", i)))
	}
	for i := range pm.Signals {
		add(pm.Signals[i].validate(fmt.Sprintf("signals[%d]", i)))
	}
	for i := range pm.Ledger {
		add(pm.Ledger[i].validate(fmt.Sprintf("vulnerabilityLedger[%d]", i)))
	}
	return errors.Join(errs...)
}

// Metrics computes the FDA metrics from the ledger (see ComputeMetrics).
func (pm *PostMarket) Metrics(opts MetricsOptions) (*MetricsReport, error) {
	if pm == nil {
		return ComputeMetrics(nil, opts)
	}
	return ComputeMetrics(pm.Ledger, opts)
}

// Introductions computes the vulnerability introduction of every release
// from the ledger (see IntroductionRates).
func (pm *PostMarket) Introductions() []Introduction {
	if pm == nil {
		return nil
	}
	return IntroductionRates(pm.Releases, pm.Ledger)
}

// Trend counts the problem reports per period, type and criticality (see
// ProblemTrend).
func (pm *PostMarket) Trend(opts TrendOptions) ([]TrendCount, error) {
	if pm == nil {
		return ProblemTrend(nil, opts)
	}
	return ProblemTrend(pm.ProblemReports, opts)
}

// postMarketRules returns the thread rules on post-market records; the
// default rule set includes them.
func (p *Project) postMarketRules() []trace.Rule { return MaintenanceRules() }
