package sbom

import (
	"fmt"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// parseDate reads an ISO 8601 date or an RFC 3339 date-time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// checkSupport: level of support and end-of-support date, or a
// justification (SBOM-020).
func checkSupport() Check {
	return componentCheck(meta("SBOM-020", trace.Error, srcFDA+" V.A.4(b)",
		"each component states its level of support and end-of-support date, or justifies what is unknown"),
		func(_ *Input, c *Component) string {
			s := c.Support
			var missing []string
			if s.Level == "" || s.Level == SupportUnknown {
				missing = append(missing, "level of support")
			} else if !s.Level.Valid() {
				return fmt.Sprintf("level of support %q is not one of actively-maintained, no-longer-maintained, abandoned, unknown", s.Level)
			}
			if s.EndOfSupport == "" {
				missing = append(missing, "end-of-support date")
			} else if _, err := parseDate(s.EndOfSupport); err != nil {
				return fmt.Sprintf("end-of-support date %q is not an ISO 8601 date", s.EndOfSupport)
			}
			if len(missing) == 0 || strings.TrimSpace(s.Justification) != "" {
				return ""
			}
			return strings.Join(missing, " and ") + " unknown without a justification"
		})
}

// checkPastSupport: a shipped component past its end of support (SBOM-021).
// It applies only when the date of the check is given.
func checkPastSupport() Check {
	chk := componentCheck(meta("SBOM-021", trace.Warning, srcFDA+" V.A.4(b); VII.E",
		"no shipped component is past its end of support on the date of the check"),
		func(in *Input, c *Component) string {
			if c.Support.EndOfSupport == "" || c.Scope == ScopeExcluded {
				return ""
			}
			eos, err := parseDate(c.Support.EndOfSupport)
			if err != nil || !eos.Before(in.Now) {
				return ""
			}
			return fmt.Sprintf("support ended on %s (checked on %s)", c.Support.EndOfSupport, in.Now.UTC().Format(time.DateOnly))
		})
	chk.Applies = func(in *Input) bool { return !in.Now.IsZero() }
	return chk
}

// withVulnerabilities makes c apply only when vulnerability data is given.
func withVulnerabilities(c Check) Check {
	c.Applies = func(in *Input) bool { return in.Vulnerabilities != nil }
	return c
}

// checkVulnerabilityData: the assessment was supplied at all (SBOM-030).
func checkVulnerabilityData() Check {
	return documentCheck(meta("SBOM-030.data", trace.Error, srcFDA+" V.A.4(b)",
		"a vulnerability assessment of the components is supplied"),
		func(in *Input) []string {
			if in.Vulnerabilities == nil {
				return []string{"no vulnerability assessment was supplied with the SBOM"}
			}
			return nil
		})
}

// checkVulnerabilities: each known vulnerability has a discovery method, an
// applicability, and when it applies a safety and security assessment with
// controls (SBOM-030).
func checkVulnerabilities() Check {
	return componentCheck(meta("SBOM-030", trace.Error, srcFDA+" V.A.4(b)",
		"each known vulnerability of the component is assessed: discovery method, applicability, safety and security risk, controls"),
		func(in *Input, c *Component) string {
			var msgs []string
			for _, v := range in.vulns[c.Ref()] {
				var miss []string
				if v.DiscoveryMethod == "" {
					miss = append(miss, "discovery method")
				}
				if v.Status == "" {
					miss = append(miss, "applicability (VEX status)")
				}
				if !v.resolved() {
					if !v.SafetyAssessed {
						miss = append(miss, "safety risk assessment")
					}
					if !v.SecurityAssessed {
						miss = append(miss, "security risk assessment")
					}
					if v.Status == "affected" && len(v.Controls) == 0 {
						miss = append(miss, "risk controls")
					}
				}
				if len(miss) > 0 {
					msgs = append(msgs, v.Vulnerability+" lacks "+strings.Join(miss, ", "))
				}
			}
			return strings.Join(msgs, "; ")
		})
}

// checkKEV: an open vulnerability listed in CISA KEV (SBOM-031).
func checkKEV() Check {
	return componentCheck(meta("SBOM-031", trace.Error, srcFDA+" V.A.4(b); FD&C Act 524B",
		"no known exploited vulnerability (CISA KEV) is open in the component"),
		func(in *Input, c *Component) string {
			var open []string
			for _, v := range in.vulns[c.Ref()] {
				if v.KEV && !v.resolved() {
					open = append(open, v.Vulnerability)
				}
			}
			if len(open) == 0 {
				return ""
			}
			return "known exploited vulnerabilities open: " + strings.Join(open, ", ")
		})
}

// checkUnassessed: components vulnerability matching could not assess
// (SBOM-032).
func checkUnassessed() Check {
	return componentCheck(meta("SBOM-032", trace.Warning, srcFDA+" V.A.4(b)",
		"every component could be assessed for vulnerabilities"),
		func(in *Input, c *Component) string {
			if r, ok := in.unasses[c.Ref()]; ok {
				return "not assessed for vulnerabilities: " + r
			}
			return ""
		})
}
