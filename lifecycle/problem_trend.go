package lifecycle

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Period is the width of a trend bucket. The empty value is invalid.
type Period string

const (
	// PeriodDay buckets by calendar day (UTC).
	PeriodDay Period = "day"
	// PeriodWeek buckets by ISO week, starting on Monday (UTC).
	PeriodWeek Period = "week"
	// PeriodMonth buckets by calendar month (UTC).
	PeriodMonth Period = "month"
	// PeriodQuarter buckets by calendar quarter (UTC).
	PeriodQuarter Period = "quarter"
	// PeriodYear buckets by calendar year (UTC).
	PeriodYear Period = "year"
)

// Valid reports whether p is a known period.
func (p Period) Valid() bool {
	switch p {
	case PeriodDay, PeriodWeek, PeriodMonth, PeriodQuarter, PeriodYear:
		return true
	}
	return false
}

// Start returns the start of the bucket of width p that holds t, in UTC.
func (p Period) Start(t time.Time) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch p {
	case PeriodWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	case PeriodMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case PeriodQuarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case PeriodYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// TrendOptions selects the reports a trend counts. Period is required.
type TrendOptions struct {
	// Period is the bucket width. Required.
	Period Period
	// From and To bound the report dates, From inclusive, To exclusive; a
	// zero bound is open.
	From, To time.Time
}

// TrendCount is the number of problem reports of one type and criticality
// reported in one period.
type TrendCount struct {
	// Start is the start of the period (UTC).
	Start time.Time `json:"start"`
	// Type, Criticality and Count: Count reports of that type and
	// criticality in the period.
	Type        ProblemType `json:"type"`
	Criticality Criticality `json:"criticality"`
	Count       int         `json:"count"`
}

// ProblemTrend counts problem reports per period, type and criticality by
// their Reported dates, for the trend analysis of IEC 62304:2006+A1:2015
// 9.6. Combinations with no report are left out. Counts are ordered by
// period start, type and criticality (highest first). Reports with no date
// are not counted.
func ProblemTrend(reports []ProblemReport, opts TrendOptions) ([]TrendCount, error) {
	if !opts.Period.Valid() {
		return nil, fmt.Errorf("%w: trend period %q must be day, week, month, quarter or year", ErrInvalidRecord, opts.Period)
	}
	type key struct {
		start int64
		typ   ProblemType
		crit  Criticality
	}
	counts := map[key]int{}
	for i := range reports {
		r := &reports[i]
		if r.Reported.IsZero() || (!opts.From.IsZero() && r.Reported.Before(opts.From)) ||
			(!opts.To.IsZero() && !r.Reported.Before(opts.To)) {
			continue
		}
		counts[key{opts.Period.Start(r.Reported).Unix(), r.Type, r.Criticality}]++
	}
	out := make([]TrendCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, TrendCount{Start: time.Unix(k.start, 0).UTC(), Type: k.typ, Criticality: k.crit, Count: n})
	}
	slices.SortFunc(out, func(a, b TrendCount) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Type, b.Type),
			cmp.Compare(b.Criticality.Rank(), a.Criticality.Rank()), cmp.Compare(a.Criticality, b.Criticality))
	})
	return out, nil
}
