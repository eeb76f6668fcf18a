package sbom

// NTIA returns the NTIA minimum elements profile (NTIA, The Minimum
// Elements for a Software Bill of Materials, July 2021): supplier, name,
// version, other unique identifiers and dependency relationship per
// component; author of the SBOM data and timestamp per document; declared
// completeness ("known unknowns").
func NTIA() Profile {
	return Profile{
		ID: "ntia-2021", Name: "NTIA minimum elements (2021)", Source: srcNTIA,
		Checks: ntiaChecks(),
	}
}

func ntiaChecks() []Check {
	return []Check{
		checkReferences(),
		checkIdentifierSyntax(),
		checkSupplier(srcNTIA + ", Data Fields: Supplier Name"),
		checkName(srcNTIA + ", Data Fields: Component Name"),
		checkVersion(srcNTIA + ", Data Fields: Version of the Component"),
		checkIdentifier(srcNTIA + ", Data Fields: Other Unique Identifiers"),
		checkDependency(srcNTIA + ", Data Fields: Dependency Relationship"),
		checkAuthor(srcNTIA + ", Data Fields: Author of SBOM Data"),
		checkTimestamp(srcNTIA + ", Data Fields: Timestamp"),
		checkCompleteness(srcNTIA + ", Practices and Processes: Known Unknowns"),
	}
}

// FDA returns the FDA premarket profile (FDA, Cybersecurity in Medical
// Devices: Quality System Considerations and Content of Premarket
// Submissions, V.A.4(b)): the NTIA baseline attributes, the primary
// component, per-component level of support and end-of-support date (or a
// justification), no component past its end of support, and every known
// vulnerability assessed, with known exploited ones flagged. The
// vulnerability part reads Input.Vulnerabilities.
func FDA() Profile {
	checks := ntiaChecks()
	checks = append(checks,
		checkPrimary(srcFDA+" V.A.4(b)"),
		checkSupport(),
		checkPastSupport(),
		checkVulnerabilityData(),
		withVulnerabilities(checkVulnerabilities()),
		withVulnerabilities(checkKEV()),
		withVulnerabilities(checkUnassessed()),
	)
	return Profile{ID: "fda-premarket", Name: "FDA premarket SBOM (V.A.4)", Source: srcFDA, Checks: checks}
}

// CISA returns the "minimum expected" level of CISA's Framing Software
// Component Transparency, 3rd edition (2024): SBOM author, timestamp and
// primary component; per component name, version, supplier, a unique
// identifier and a hash; the primary component's direct dependencies and
// licence; declared completeness. Declared unknowns count as answers.
func CISA() Profile {
	return Profile{
		ID: "cisa-framing-2024", Name: "CISA framing, minimum expected (2024)", Source: srcCISA,
		Checks: []Check{
			checkReferences(),
			checkIdentifierSyntax(),
			checkAuthor(srcCISA + ", SBOM Author"),
			checkTimestamp(srcCISA + ", Timestamp"),
			checkPrimary(srcCISA + ", Primary Component"),
			checkName(srcCISA + ", Component Name"),
			checkVersion(srcCISA + ", Component Version"),
			checkSupplier(srcCISA + ", Supplier Name"),
			checkIdentifier(srcCISA + ", Unique Identifier"),
			checkHash(srcCISA+", Cryptographic Hash", "warning"),
			checkPrimaryDependencies(srcCISA + ", Relationships"),
			checkPrimaryLicense(srcCISA + ", License"),
			checkCompleteness(srcCISA + ", Relationship Completeness"),
		},
	}
}

// BSI returns the profile of BSI TR-03183-2 v2.1.0 (2025): CycloneDX 1.6 or
// later, SBOM creator with a contact and an RFC 3339 timestamp; per
// component creator with a contact, name, version, file name, distribution
// licences, SHA-512 of the deployable form and the executable / archive /
// structured properties; dependencies with completeness; no vulnerability
// data inside the SBOM.
func BSI() Profile {
	return Profile{
		ID: "bsi-tr-03183-2", Name: "BSI TR-03183-2 v2.1.0", Source: srcBSI,
		Checks: []Check{
			checkReferences(),
			checkBSIFormat(),
			checkBSICreator(),
			checkTimestamp(srcBSI + " 5.2.1 (timestamp)"),
			checkBSIComponentCreator(),
			checkName(srcBSI + " 5.2.2 (component name)"),
			checkVersion(srcBSI + " 5.2.2 (component version)"),
			checkBSIFilename(),
			checkDependency(srcBSI + " 5.2.2 (dependencies)"),
			checkCompleteness(srcBSI + " 5.2.2 (completeness of dependencies)"),
			checkBSILicence(),
			checkBSIHash(),
			checkBSIProperties(),
			checkBSINoVulnerabilities(),
		},
	}
}
