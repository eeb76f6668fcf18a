package lifecycle

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPeriodStart(t *testing.T) {
	at := time.Date(2026, 5, 14, 15, 4, 5, 0, time.FixedZone("CET", 3600)) // a Thursday
	cases := map[Period]time.Time{
		PeriodDay:     time.Date(2026, 5, 14, 0, 0, 0, 0, time.UTC),
		PeriodWeek:    time.Date(2026, 5, 11, 0, 0, 0, 0, time.UTC),
		PeriodMonth:   time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		PeriodQuarter: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		PeriodYear:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for p, want := range cases {
		t.Run(string(p), func(t *testing.T) { assert.Equal(t, want, p.Start(at)) })
	}
	sunday := time.Date(2026, 5, 17, 23, 0, 0, 0, time.UTC)
	assert.Equal(t, time.Date(2026, 5, 11, 0, 0, 0, 0, time.UTC), PeriodWeek.Start(sunday))
}

func TestProblemTrend(t *testing.T) {
	pr := func(d int, typ ProblemType, c Criticality) ProblemReport {
		return ProblemReport{Reported: pmAt(d), Type: typ, Criticality: c}
	}
	reports := []ProblemReport{
		pr(0, ProblemCorrective, CriticalityLow),
		pr(3, ProblemCorrective, CriticalityHigh),
		pr(4, ProblemCorrective, CriticalityLow),
		pr(40, ProblemAdaptive, CriticalityMedium),
		{Type: ProblemCorrective, Criticality: CriticalityLow}, // undated: not counted
	}
	got, err := ProblemTrend(reports, TrendOptions{Period: PeriodMonth})
	require.NoError(t, err)
	jan, feb := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, []TrendCount{
		{Start: jan, Type: ProblemCorrective, Criticality: CriticalityHigh, Count: 1},
		{Start: jan, Type: ProblemCorrective, Criticality: CriticalityLow, Count: 2},
		{Start: feb, Type: ProblemAdaptive, Criticality: CriticalityMedium, Count: 1},
	}, got)

	got, err = ProblemTrend(reports, TrendOptions{Period: PeriodYear, From: pmAt(3), To: pmAt(40)})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, 1, got[0].Count)

	_, err = ProblemTrend(reports, TrendOptions{})
	assert.ErrorIs(t, err, ErrInvalidRecord)
}
