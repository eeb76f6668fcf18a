package risk

import "time"

// Date is a calendar date in ISO 8601 form, "2024-03-31". The empty Date means
// "not dated".
type Date string

// Valid reports whether d is a well-formed calendar date.
func (d Date) Valid() bool {
	_, err := time.Parse(time.DateOnly, string(d))
	return err == nil
}

// Time returns d at midnight UTC, or the zero time when d is not valid.
func (d Date) Time() time.Time {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}
	}
	return t
}

// Before reports whether d is a valid date strictly before e.
func (d Date) Before(e Date) bool {
	return d.Valid() && e.Valid() && d.Time().Before(e.Time())
}
