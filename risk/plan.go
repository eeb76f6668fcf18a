package risk

import "github.com/medtrace/medtrace/trace"

// Plan holds the settings of the risk management plan that the risk file is
// evaluated against (ISO 14971:2019 4.4): the scales, the acceptability
// matrix and how its regions are read, the criteria for risks whose
// probability cannot be estimated, and the method and criteria for the
// overall residual risk.
type Plan struct {
	// ID is the plan's item ID ("RMP-001"). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line title.
	Title string `json:"title,omitempty"`
	// Version is the plan's document version.
	Version string `json:"version,omitempty"`
	// Approved is the date the plan (and its acceptability criteria) was
	// approved; evaluations must not predate it (ISO 14971:2019 4.4 d).
	Approved Date `json:"approved,omitempty"`
	// Scope names the device and the life-cycle phases covered
	// (ISO 14971:2019 4.4 a).
	Scope string `json:"scope,omitempty"`
	// Severity is the severity scale. Required.
	Severity Scale `json:"severity"`
	// Probability is the probability scale. Required.
	Probability Scale `json:"probability"`
	// Matrix maps every (severity, probability) cell to a region. Required,
	// complete, and never milder as severity or probability rises.
	Matrix Matrix `json:"matrix"`
	// Policy says how the regions are read. Required.
	Policy Policy `json:"policy"`
	// NotEstimable names the probability level assumed for a hazardous
	// situation whose probability cannot be estimated, usually the highest
	// (ISO 14971:2019 4.4 d and 5.5). Required.
	NotEstimable string `json:"notEstimable"`
	// NumericSecurityProbability allows numeric probabilities on situations
	// caused by security threats; by default those are estimated
	// qualitatively, by exploitability (ISO/TR 24971:2020 Annex F).
	NumericSecurityProbability bool `json:"numericSecurityProbability,omitempty"`
	// DiscloseSeverity names the severity level at and above which every
	// residual risk must be disclosed in the accompanying documentation
	// (ISO 14971:2019 8). Empty: only residual risks outside the acceptable
	// region must be disclosed.
	DiscloseSeverity string `json:"discloseSeverity,omitempty"`
	// OverallMethod is the method for evaluating overall residual risk
	// (ISO 14971:2019 4.4 e).
	OverallMethod string `json:"overallMethod,omitempty"`
	// OverallCriteria are the criteria for its acceptability
	// (ISO 14971:2019 4.4 e).
	OverallCriteria string `json:"overallCriteria,omitempty"`
	// Pos is where the plan was read from.
	Pos trace.Position `json:"-"`
}

// DefaultPlan returns a plan with the given ID over the common 5×5 scales and
// three-region matrix, read under the given policy. Under AFAP, whose matrix
// has no ALARP region, the ALARP cells of the default matrix become
// unacceptable. The caller owns the returned value.
func DefaultPlan(id trace.ID, policy Policy) Plan {
	m := DefaultMatrix()
	if policy == AFAP {
		for _, row := range m {
			for i, r := range row {
				if r == RegionALARP {
					row[i] = RegionUnacceptable
				}
			}
		}
	}
	return Plan{
		ID:              id,
		Title:           "Risk management plan",
		Severity:        DefaultSeverity(),
		Probability:     DefaultProbability(),
		Matrix:          m,
		Policy:          policy,
		NotEstimable:    "Frequent",
		OverallMethod:   "review of every residual risk together, weighed against the documented clinical benefits",
		OverallCriteria: "no residual risk is unacceptable without a favourable benefit-risk analysis",
	}
}
