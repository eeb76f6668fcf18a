package sbom

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// Sources cited by the checks.
const (
	srcNTIA = "NTIA Minimum Elements for an SBOM (2021)"
	srcFDA  = "FDA premarket cybersecurity guidance"
	srcCISA = "CISA Framing Software Component Transparency, 3rd ed. (2024)"
	srcBSI  = "BSI TR-03183-2 v2.1.0"
)

func meta(id string, sev trace.Severity, clause, summary string) trace.RuleMeta {
	return trace.RuleMeta{ID: id, Version: 1, Severity: sev, Clause: clause, Summary: summary}
}

func componentCheck(m trace.RuleMeta, fn func(in *Input, c *Component) string) Check {
	return Check{RuleMeta: m, Scope: ScopeComponent, Component: fn}
}

func documentCheck(m trace.RuleMeta, fn func(in *Input) []string) Check {
	return Check{RuleMeta: m, Scope: ScopeDocument, Document: fn}
}

func stateProblem(what string, st ValueState) string {
	if st == StateMissing {
		return what + " is missing"
	}
	return ""
}

// checkSupplier: NTIA supplier name, three-valued (SBOM-010).
func checkSupplier(clause string) Check {
	return componentCheck(meta("SBOM-010.supplier", trace.Error, clause,
		"each component names its supplier, or declares it unknown"),
		func(_ *Input, c *Component) string {
			if c.Supplier.State().Answered() || c.Manufacturer.State().Answered() {
				return ""
			}
			msg := "supplier is missing (neither supplier nor manufacturer is given"
			if c.Publisher != "" {
				msg += "; publisher " + c.Publisher + " does not name the supplier"
			}
			return msg + ")"
		})
}

func checkName(clause string) Check {
	return componentCheck(meta("SBOM-010.name", trace.Error, clause, "each component has a name"),
		func(_ *Input, c *Component) string {
			if strings.TrimSpace(c.Name) == "" {
				return "component name is missing"
			}
			return ""
		})
}

func checkVersion(clause string) Check {
	return componentCheck(meta("SBOM-010.version", trace.Error, clause,
		"each component has a version, or declares it unknown"),
		func(_ *Input, c *Component) string { return stateProblem("version", c.Version.State()) })
}

func checkIdentifier(clause string) Check {
	return componentCheck(meta("SBOM-010.identifier", trace.Error, clause,
		"each component has a unique identifier besides its name (purl, CPE, SWID, OmniBOR, SWHID)"),
		func(_ *Input, c *Component) string {
			if c.PURL != "" || c.CPE != "" || len(c.OtherIDs) > 0 {
				return ""
			}
			return "no purl, CPE or other unique identifier"
		})
}

// checkDependency: the component takes part in the dependency graph.
func checkDependency(clause string) Check {
	return componentCheck(meta("SBOM-012", trace.Error, clause,
		"each component takes part in the dependency relationships"),
		func(in *Input, c *Component) string {
			if c.BOMRef != "" && in.inGraph[c.BOMRef] {
				return ""
			}
			if c.BOMRef == "" {
				return "component has no bom-ref, so no dependency can name it"
			}
			return "component " + c.BOMRef + " appears in no dependency relationship"
		})
}

// checkIdentifierSyntax: purl and CPE are well formed (SBOM-003).
func checkIdentifierSyntax() Check {
	return componentCheck(meta("SBOM-003.identifiers", trace.Error,
		"purl specification; CPE 2.3 (NISTIR 7695)", "purl and CPE values are well formed"),
		func(_ *Input, c *Component) string {
			var msgs []string
			if c.PURL != "" {
				if msg := purlSyntax(c.PURL); msg != "" {
					msgs = append(msgs, fmt.Sprintf("purl %q is malformed: %s", c.PURL, msg))
				}
			}
			if c.CPE != "" && !validCPE(c.CPE) {
				msgs = append(msgs, fmt.Sprintf("CPE %q is neither a CPE 2.3 formatted string nor a CPE 2.2 URI", c.CPE))
			}
			return strings.Join(msgs, "; ")
		})
}

func validCPE(s string) bool {
	if strings.HasPrefix(s, "cpe:2.3:") {
		return strings.Count(strings.ReplaceAll(s, `\:`, ""), ":") == 12
	}
	return strings.HasPrefix(s, "cpe:/") && len(s) > 6
}

// checkHash: CISA minimum expects a hash where one can be given.
func checkHash(clause string, sev trace.Severity) Check {
	return componentCheck(meta("SBOM-016", sev, clause, "each component carries a cryptographic hash"),
		func(_ *Input, c *Component) string {
			if len(c.Hashes) > 0 {
				return ""
			}
			return "no hash of the component"
		})
}

// documentTimestamp checks presence and RFC 3339 form (SBOM-003, SBOM-014).
func checkTimestamp(clause string) Check {
	return documentCheck(meta("SBOM-014", trace.Error, clause,
		"the SBOM states when it was assembled, as an RFC 3339 timestamp"),
		func(in *Input) []string {
			ts := in.SBOM.Metadata.Timestamp
			if ts == "" {
				return []string{"the SBOM has no timestamp"}
			}
			if _, err := time.Parse(time.RFC3339, ts); err != nil {
				return []string{fmt.Sprintf("timestamp %q is not an RFC 3339 date-time", ts)}
			}
			return nil
		})
}

func checkAuthor(clause string) Check {
	return documentCheck(meta("SBOM-013", trace.Error, clause, "the SBOM names the author of its data"),
		func(in *Input) []string {
			md := in.SBOM.Metadata
			for _, a := range md.Authors {
				if a.State() == StatePresent {
					return nil
				}
			}
			if md.Manufacturer.State() == StatePresent {
				return nil
			}
			if len(md.Tools) > 0 {
				return []string{"no author of the SBOM data is named (only the tools that made it)"}
			}
			return []string{"no author of the SBOM data is named"}
		})
}

func checkPrimary(clause string) Check {
	return documentCheck(meta("SBOM-015", trace.Error, clause, "the SBOM names the primary component it describes"),
		func(in *Input) []string {
			if in.SBOM.Metadata.Component == nil {
				return []string{"no primary component (CycloneDX metadata.component, SPDX DESCRIBES)"}
			}
			return nil
		})
}

// checkPrimaryDependencies: the primary component's direct dependencies are stated.
func checkPrimaryDependencies(clause string) Check {
	return documentCheck(meta("SBOM-012.primary", trace.Error, clause,
		"the dependencies of the primary component are stated"),
		func(in *Input) []string {
			pc := in.SBOM.Metadata.Component
			if pc == nil {
				return []string{"no primary component, so its dependencies cannot be stated"}
			}
			if _, ok := in.SBOM.DependsOn(pc.BOMRef); !ok || pc.BOMRef == "" {
				return []string{"the primary component's direct dependencies are not stated"}
			}
			return nil
		})
}

// checkCompleteness: known unknowns (SBOM-011).
func checkCompleteness(clause string) Check {
	return documentCheck(meta("SBOM-011", trace.Warning, clause,
		"the SBOM states how complete its inventory and dependencies are"),
		func(in *Input) []string {
			var msgs []string
			for i, c := range in.SBOM.Compositions {
				if !c.Aggregate.Valid() {
					msgs = append(msgs, fmt.Sprintf("compositions[%d]: aggregate %q is not a CycloneDX value", i, c.Aggregate))
				}
			}
			if len(in.SBOM.Compositions) == 0 {
				msgs = append(msgs, "completeness is not declared (no compositions, no relationship to NONE or NOASSERTION)")
			}
			return msgs
		})
}

// checkReferences: unique bom-refs and no dangling dependency refs (SBOM-002).
func checkReferences() Check {
	return documentCheck(meta("SBOM-002", trace.Error, "CycloneDX 1.6 bom-ref; SPDX 2.3 clause 7.2 (SPDXID)",
		"bom-refs are unique and every dependency names a component of the SBOM"),
		func(in *Input) []string {
			var msgs []string
			var dups []string
			for ref, n := range in.refs {
				if n > 1 {
					dups = append(dups, ref)
				}
			}
			slices.Sort(dups)
			for _, ref := range dups {
				msgs = append(msgs, fmt.Sprintf("bom-ref %q is used by %d components", ref, in.refs[ref]))
			}
			for i, d := range in.SBOM.Dependencies {
				if in.refs[d.Ref] == 0 {
					msgs = append(msgs, fmt.Sprintf("dependencies[%d]: ref %q names no component", i, d.Ref))
				}
				for j, r := range d.DependsOn {
					if in.refs[r] == 0 {
						msgs = append(msgs, fmt.Sprintf("dependencies[%d].dependsOn[%d]: %q names no component", i, j, r))
					}
				}
			}
			return limitMessages(msgs, 20)
		})
}

func limitMessages(msgs []string, n int) []string {
	if len(msgs) <= n {
		return msgs
	}
	return append(msgs[:n:n], fmt.Sprintf("... and %d more", len(msgs)-n))
}

// checkPrimaryLicense: CISA minimum asks for the primary component's licence.
func checkPrimaryLicense(clause string) Check {
	return documentCheck(meta("SBOM-017", trace.Error, clause,
		"the primary component states its licence, or declares it unknown"),
		func(in *Input) []string {
			pc := in.SBOM.Metadata.Component
			if pc == nil || !pc.LicenseState().Answered() {
				return []string{"the primary component's licence is not stated"}
			}
			return nil
		})
}
