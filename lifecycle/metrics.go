package lifecycle

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// MetricsOptions tunes ComputeMetrics. The zero value counts every
// vulnerability identified at any time, excludes those assessed not
// affected, and calls a fix deployed when it reaches 100% of the installed
// base.
type MetricsOptions struct {
	// From and To bound the window of identification dates, From
	// inclusive, To exclusive; a zero bound is open.
	From, To time.Time
	// DeployedAt is the share of the installed base (percent, 0–100) at
	// which a fix counts as deployed in the field; 0 means 100.
	DeployedAt float64
	// IncludeNotAffected counts vulnerabilities assessed not affected (VEX
	// not_affected) as applicable; by default they are left out, as the
	// FDA metric is about vulnerabilities that apply to the device.
	IncludeNotAffected bool
}

// Durations summarises a set of durations.
type Durations struct {
	// N is the number of durations.
	N int `json:"n"`
	// Mean and Median; zero when N is 0.
	Mean   time.Duration `json:"mean"`
	Median time.Duration `json:"median"`
}

// Metrics are the FDA premarket cybersecurity metrics (V.A.6) for one
// product, or for a product line when Product is empty.
type Metrics struct {
	// Product is the product, or "" for all products together.
	Product string `json:"product,omitempty"`
	// Identified counts the (vulnerability, product) pairs identified in
	// the window; NotAffected those of them assessed not affected;
	// Applicable those counted by the metrics.
	Identified  int `json:"identified"`
	NotAffected int `json:"notAffected"`
	Applicable  int `json:"applicable"`
	// Patched counts the applicable pairs with a fix available; Deployed
	// those whose fix reached the deployment threshold.
	Patched  int `json:"patched"`
	Deployed int `json:"deployed"`
	// PatchedPercent is Patched ÷ Applicable × 100 (M1); 0 when nothing
	// is applicable.
	PatchedPercent float64 `json:"patchedPercent"`
	// TimeToPatch is from identification to fix availability (M2).
	TimeToPatch Durations `json:"timeToPatch"`
	// TimeToDeploy is from fix availability to deployment at the
	// threshold (M3).
	TimeToDeploy Durations `json:"timeToDeploy"`
}

// MetricsReport holds the metrics per product and across them.
type MetricsReport struct {
	// Products holds one entry per product, ordered by product.
	Products []Metrics `json:"products"`
	// Line is the product line: every product's pairs together.
	Line Metrics `json:"line"`
}

// exposure is the ledger of one (vulnerability, product) pair.
type exposure struct {
	vuln, product string
	identified    time.Time
	notAffected   bool
	fixAt         time.Time
	deployedAt    time.Time
}

// ComputeMetrics computes the FDA metrics (premarket cybersecurity guidance
// V.A.6: M1 share of vulnerabilities patched, M2 time to patch, M3 time to
// full field deployment) from a dated ledger, for each product and for the
// product line. Every date comes from the events. A pair counts if it was
// identified within the window; its assessment is the latest of its
// affected / not-affected events. Invalid events are reported all at once
// and nothing is computed.
func ComputeMetrics(events []LedgerEvent, opts MetricsOptions) (*MetricsReport, error) {
	var errs []error
	for i := range events {
		if err := events[i].validate(indexPath("ledger", i)); err != nil {
			errs = append(errs, err)
		}
	}
	if t := opts.DeployedAt; math.IsNaN(t) || t < 0 || t > 100 {
		errs = append(errs, fmt.Errorf("lifecycle: MetricsOptions.DeployedAt %v is not a percentage", opts.DeployedAt))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	threshold := opts.DeployedAt
	if threshold == 0 {
		threshold = 100
	}
	exps := exposures(events, threshold)
	rep := &MetricsReport{}
	byProduct := map[string][]*exposure{}
	var all []*exposure
	for _, e := range exps {
		if e.identified.IsZero() || (!opts.From.IsZero() && e.identified.Before(opts.From)) ||
			(!opts.To.IsZero() && !e.identified.Before(opts.To)) {
			continue
		}
		byProduct[e.product] = append(byProduct[e.product], e)
		all = append(all, e)
	}
	for _, p := range sortedMapKeys(byProduct) {
		m := metricsOf(byProduct[p], opts)
		m.Product = p
		rep.Products = append(rep.Products, m)
	}
	rep.Line = metricsOf(all, opts)
	return rep, nil
}

// exposures folds events into one record per (vulnerability, product), in
// a fixed order.
func exposures(events []LedgerEvent, threshold float64) []*exposure {
	sorted := slices.Clone(events)
	slices.SortStableFunc(sorted, func(a, b LedgerEvent) int {
		return cmp.Or(cmp.Compare(a.Product, b.Product), cmp.Compare(a.Vulnerability, b.Vulnerability), a.At.Compare(b.At))
	})
	var out []*exposure
	var cur *exposure
	for _, ev := range sorted {
		if cur == nil || cur.vuln != ev.Vulnerability || cur.product != ev.Product {
			cur = &exposure{vuln: ev.Vulnerability, product: ev.Product}
			out = append(out, cur)
		}
		switch ev.Type {
		case LedgerIdentified:
			if cur.identified.IsZero() {
				cur.identified = ev.At
			}
		case LedgerAffected:
			cur.notAffected = false
		case LedgerNotAffected:
			cur.notAffected = true
		case LedgerFixAvailable:
			if cur.fixAt.IsZero() {
				cur.fixAt = ev.At
			}
		case LedgerDeployment:
			if cur.deployedAt.IsZero() && ev.Installed >= threshold {
				cur.deployedAt = ev.At
			}
		}
	}
	return out
}

func metricsOf(exps []*exposure, opts MetricsOptions) Metrics {
	var m Metrics
	var toPatch, toDeploy []time.Duration
	for _, e := range exps {
		m.Identified++
		if e.notAffected {
			m.NotAffected++
			if !opts.IncludeNotAffected {
				continue
			}
		}
		m.Applicable++
		if e.fixAt.IsZero() {
			continue
		}
		m.Patched++
		toPatch = append(toPatch, e.fixAt.Sub(e.identified))
		if !e.deployedAt.IsZero() && !e.deployedAt.Before(e.fixAt) {
			m.Deployed++
			toDeploy = append(toDeploy, e.deployedAt.Sub(e.fixAt))
		}
	}
	if m.Applicable > 0 {
		m.PatchedPercent = 100 * float64(m.Patched) / float64(m.Applicable)
	}
	m.TimeToPatch = summarise(toPatch)
	m.TimeToDeploy = summarise(toDeploy)
	return m
}

func summarise(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	slices.Sort(ds)
	var sum float64 // in float64: a sum of many long durations overflows int64
	for _, d := range ds {
		sum += float64(d)
	}
	med := ds[len(ds)/2]
	if len(ds)%2 == 0 {
		med = ds[len(ds)/2-1] + (ds[len(ds)/2]-ds[len(ds)/2-1])/2
	}
	return Durations{N: len(ds), Mean: time.Duration(sum / float64(len(ds))), Median: med}
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
