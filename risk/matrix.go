package risk

// Matrix is the risk acceptability matrix (ISO 14971:2019 4.4 d): one row per
// severity level, keyed by the level's name, each row giving the region of
// every probability level from the lowest to the highest.
//
// In a file:
//
//	matrix:
//	  Catastrophic: [acceptable, alarp, alarp, unacceptable, unacceptable]
//	  Critical:     [acceptable, acceptable, alarp, alarp, unacceptable]
type Matrix map[string][]Region

// Region returns the region of the cell (severity, probability), or the empty
// region when either rating is outside the matrix.
func (m Matrix) Region(severity, probability Rating) Region {
	row, ok := m[severity.Name]
	if !ok || probability.Rank < 1 || probability.Rank > len(row) {
		return ""
	}
	return row[probability.Rank-1]
}

// DefaultMatrix returns the common 5×5 three-region matrix over
// DefaultSeverity and DefaultProbability.
func DefaultMatrix() Matrix {
	const (
		a = RegionAcceptable
		m = RegionALARP
		u = RegionUnacceptable
	)
	return Matrix{
		"Catastrophic": {a, m, m, u, u},
		"Critical":     {a, a, m, m, u},
		"Serious":      {a, a, a, m, m},
		"Minor":        {a, a, a, a, m},
		"Negligible":   {a, a, a, a, a},
	}
}
