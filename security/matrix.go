package security

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Exploitability is how readily a vulnerability or threat can be exploited:
// the FDA asks for it in place of a probability, since adversaries cannot be
// modelled statistically (FDA premarket cybersecurity guidance (2023) V.A.2).
type Exploitability string

// Exploitability levels, lowest first.
const (
	// ExploitVeryLow: needs physical access, special skill and several steps.
	ExploitVeryLow Exploitability = "very-low"
	// ExploitLow: needs local or physical access or privileges.
	ExploitLow Exploitability = "low"
	// ExploitMedium: needs adjacency, privileges or user interaction.
	ExploitMedium Exploitability = "medium"
	// ExploitHigh: remotely exploitable with few preconditions.
	ExploitHigh Exploitability = "high"
	// ExploitVeryHigh: remotely exploitable without privileges or
	// interaction, or known to be exploited.
	ExploitVeryHigh Exploitability = "very-high"
)

// ExploitabilityLevels returns the levels, lowest first.
func ExploitabilityLevels() []Exploitability {
	return []Exploitability{ExploitVeryLow, ExploitLow, ExploitMedium, ExploitHigh, ExploitVeryHigh}
}

// Valid reports whether e is a known level.
func (e Exploitability) Valid() bool { return slices.Contains(ExploitabilityLevels(), e) }

// Rank returns 1 (very-low) to 5 (very-high), 0 if invalid.
func (e Exploitability) Rank() int { return slices.Index(ExploitabilityLevels(), e) + 1 }

// Impact is the severity of the worst credible patient harm, or of the
// impact on the asset where no patient can be harmed, after the severity
// levels of the FDA postmarket cybersecurity guidance (2016), which follow
// ISO 14971.
type Impact string

// Impact levels, lowest first.
const (
	// ImpactNegligible: inconvenience or temporary discomfort.
	ImpactNegligible Impact = "negligible"
	// ImpactMinor: temporary injury not needing professional intervention.
	ImpactMinor Impact = "minor"
	// ImpactSerious: injury needing professional intervention.
	ImpactSerious Impact = "serious"
	// ImpactCritical: permanent impairment or life-threatening injury.
	ImpactCritical Impact = "critical"
	// ImpactCatastrophic: death.
	ImpactCatastrophic Impact = "catastrophic"
)

// ImpactLevels returns the levels, lowest first.
func ImpactLevels() []Impact {
	return []Impact{ImpactNegligible, ImpactMinor, ImpactSerious, ImpactCritical, ImpactCatastrophic}
}

// Valid reports whether i is a known level.
func (i Impact) Valid() bool { return slices.Contains(ImpactLevels(), i) }

// Rank returns 1 (negligible) to 5 (catastrophic), 0 if invalid.
func (i Impact) Rank() int { return slices.Index(ImpactLevels(), i) + 1 }

// Verdict is the FDA postmarket classification of a risk to essential
// clinical performance (FDA postmarket cybersecurity guidance (2016) V).
type Verdict string

// Verdicts.
const (
	// Controlled: the residual risk of patient harm is acceptable.
	Controlled Verdict = "controlled"
	// Uncontrolled: the residual risk is unacceptable; it needs remediation
	// out of cycle (FD&C Act 524B(b)(2)(B)).
	Uncontrolled Verdict = "uncontrolled"
)

// Valid reports whether v is controlled or uncontrolled.
func (v Verdict) Valid() bool { return v == Controlled || v == Uncontrolled }

// Level is a security risk level, lowest first.
type Level string

// Risk levels.
const (
	// LevelLow risk.
	LevelLow Level = "low"
	// LevelMedium risk.
	LevelMedium Level = "medium"
	// LevelHigh risk.
	LevelHigh Level = "high"
	// LevelCritical risk.
	LevelCritical Level = "critical"
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool {
	return l == LevelLow || l == LevelMedium || l == LevelHigh || l == LevelCritical
}

// Cell is one cell of a security risk matrix.
type Cell struct {
	// Exploitability and Impact locate the cell; Level and Verdict are its
	// content.
	Exploitability Exploitability `json:"exploitability"`
	Impact         Impact         `json:"impact"`
	Level          Level          `json:"level"`
	Verdict        Verdict        `json:"verdict"`
}

// Matrix maps exploitability × impact to a risk level and a verdict. It must
// have exactly one cell for each of the 25 pairs.
type Matrix struct {
	// Name and Version identify the matrix in reports. Required.
	Name    string `json:"name"`
	Version int    `json:"version"`
	// Cells are the 25 cells.
	Cells []Cell `json:"cells"`
}

// DefaultMatrix returns the matrix used when a file names none: a risk is
// uncontrolled when serious harm meets high exploitability, critical harm
// meets medium, or catastrophic harm meets low; lower pairs are controlled.
// Makers should set their own in their security risk management plan
// (IEC 81001-5-1:2021 7.1).
func DefaultMatrix() Matrix {
	m := Matrix{Name: "medtrace default", Version: 1}
	for _, e := range ExploitabilityLevels() {
		for _, i := range ImpactLevels() {
			score := e.Rank() * i.Rank()
			c := Cell{Exploitability: e, Impact: i, Verdict: Controlled}
			switch {
			case score >= 15:
				c.Level = LevelCritical
			case score >= 9:
				c.Level = LevelHigh
			case score >= 4:
				c.Level = LevelMedium
			default:
				c.Level = LevelLow
			}
			if i.Rank() >= 3 && e.Rank()+i.Rank() >= 7 {
				c.Verdict = Uncontrolled
			}
			m.Cells = append(m.Cells, c)
		}
	}
	return m
}

// Validate reports every problem with the matrix at once.
func (m Matrix) Validate() error {
	var p problems
	noPos := trace.Position{}
	if strings.TrimSpace(m.Name) == "" {
		p.add("matrix.name", "", noPos, ErrMissing, "the matrix needs a name")
	}
	if m.Version < 1 {
		p.add("matrix.version", "", noPos, ErrInvalid, "version %d must be at least 1", m.Version)
	}
	seen := map[[2]int]int{}
	for i, c := range m.Cells {
		path := fmt.Sprintf("matrix.cells[%d]", i)
		ok := true
		if !c.Exploitability.Valid() {
			p.add(path+".exploitability", "", noPos, ErrInvalid, "unknown exploitability %q", c.Exploitability)
			ok = false
		}
		if !c.Impact.Valid() {
			p.add(path+".impact", "", noPos, ErrInvalid, "unknown impact %q", c.Impact)
			ok = false
		}
		if !c.Level.Valid() {
			p.add(path+".level", "", noPos, ErrInvalid, "unknown level %q", c.Level)
		}
		if !c.Verdict.Valid() {
			p.add(path+".verdict", "", noPos, ErrInvalid, "verdict %q must be controlled or uncontrolled", c.Verdict)
		}
		if !ok {
			continue
		}
		k := [2]int{c.Exploitability.Rank(), c.Impact.Rank()}
		if j, dup := seen[k]; dup {
			p.add(path, "", noPos, ErrDuplicateID, "cell %s × %s already given at cells[%d]", c.Exploitability, c.Impact, j)
		}
		seen[k] = i
	}
	for _, e := range ExploitabilityLevels() {
		for _, i := range ImpactLevels() {
			if _, ok := seen[[2]int{e.Rank(), i.Rank()}]; !ok {
				p.add("matrix.cells", "", noPos, ErrMissing, "no cell for %s × %s", e, i)
			}
		}
	}
	return p.err()
}

// Lookup returns the cell for e × i.
func (m Matrix) Lookup(e Exploitability, i Impact) (Cell, bool) {
	for _, c := range m.Cells {
		if c.Exploitability == e && c.Impact == i {
			return c, true
		}
	}
	return Cell{}, false
}
