// Package sbom is medtrace's component inventory: the software bill of
// materials of a device and the SOUP / off-the-shelf records kept about its
// components.
//
// It reads CycloneDX 1.4–1.7 (JSON and XML; 1.2 and 1.3 too) and SPDX 2.3
// JSON into one format-neutral model ([SBOM], [Component]), validates
// CycloneDX documents against the official JSON schemas embedded in the
// package ([Validator], check SBOM-001), checks compliance profiles ([NTIA],
// [FDA], [CISA], [BSI]), merges SOUP annotations (IEC 62304:2006+A1:2015
// 5.3.3, 5.3.4, 7.1.2, 7.1.3, 8.1.2) into an SBOM ([Annotate]) and writes the
// enriched document back as CycloneDX ([EncodeCycloneDX]), compares two
// SBOMs ([DiffSBOMs]), merges sub-system SBOMs ([Merge]), matches components
// against OSV advisories offline and applies VEX, and contributes components
// and SOUP records to the [trace] graph ([Contribution]).
//
// # Reading
//
// [Decode] tells the formats apart; [DecodeCycloneDXJSON],
// [DecodeCycloneDXXML] and [DecodeSPDXJSON] read one format. Every decoder
// takes a context and an io.Reader, enforces [DecodeOptions] size and depth
// limits (256 MiB and 64 levels by default) and reports a malformed or
// truncated document as a [*DecodeError] with line and column. A spec
// version it does not know is reported ([ErrUnsupportedSpecVersion]), never
// guessed.
//
// # Present, declared unknown and missing
//
// A field that a document leaves out is not the same as a field that the
// document explicitly declares unknown. SPDX writes NOASSERTION ("the
// author of this document does not know or does not say") and NONE ("there
// is none"). The model keeps the three cases apart: [Value] and [Party]
// carry a [Declaration] next to the text, and their State method returns
// [StatePresent], [StateUnknown], [StateNone] or [StateMissing]. Licences
// use [Component.LicensesDeclared] in the same way. Profiles count a
// declared unknown as an answer (the CISA minimum elements require it to be
// distinguishable from an omission) and an omission never as one.
//
// # Provenance
//
// Every component records where it was read from ([Origin]: the document,
// its format and the path of the record inside it). When SBOMs are merged
// or annotated, fields that came from another document or a SOUP record get
// their own origin; [Component.OriginOf] answers for any field.
//
// # Compliance checks
//
// A [Profile] is data: a list of [Check] values, each a trace rule with an
// ID, a version, a severity, the clause it rests on and a function judging
// one component or the document. [CheckProfile] runs them through
// [trace.Check], so severities can be overridden and findings waived. IDs:
//
//	SBOM-001                 schema-valid for the declared version (Validator)
//	SBOM-002                 unique bom-refs, no dangling dependency refs
//	SBOM-003.identifiers     well-formed purl and CPE
//	SBOM-010.supplier/.name/.version/.identifier   NTIA data fields, three-valued
//	SBOM-011                 completeness declared (known unknowns)
//	SBOM-012, SBOM-012.primary   dependency relationships
//	SBOM-013, SBOM-014, SBOM-015 author, RFC 3339 timestamp, primary component
//	SBOM-016, SBOM-017       hash per component; licence of the primary (CISA)
//	SBOM-020, SBOM-021       FDA level of support / end of support; past end of support
//	SBOM-030.data, SBOM-030  FDA vulnerability assessment supplied and complete
//	SBOM-031, SBOM-032       open KEV vulnerability; components not assessable
//	SBOM-040.*               BSI TR-03183-2 v2.1.0 fields
//	SBOM-041                 BSI/FDA differences, when both are combined (Combine)
//	SBOM-050, SBOM-051       SOUP records key components; SOUP is used (SOUPRules)
//	SBOM-052 to SBOM-054     SOUP requirements (5.3.3), prerequisites (5.3.4), anomaly evaluation (7.1.3)
//
// # Known vulnerabilities (OSV) and VEX
//
// [LoadOSVFS] and [LoadOSVZip] read an OSV export (one JSON record per
// file, or the all.zip osv.dev publishes per ecosystem) into [Advisory]
// values, file by file, within size and depth limits; every bad file is
// reported with its line and column or field path ([OSVLoadError]).
// [BuildIndex] prepares them once into an [Index] that many goroutines may
// share: packages are keyed by OSV ecosystem and normalised name
// ([EcosystemOf] documents the purl-type table), range events are sorted in
// the ecosystem's version order (github.com/google/osv-scalibr/semantic),
// and records naming each other as aliases are joined into one
// vulnerability under a canonical ID ([CanonicalVulnID]: the lowest CVE,
// else the lowest ID). [Index.MatchSBOM] gives every component one
// [ComponentResult]: affected (with the range events and comparison that
// matched, [MatchEvidence]), clean, or not assessed with a
// [NotAssessedReason], never clean by default. A Go package path inside a
// module is matched under the module path, with a note. Every report names
// the data it used ([SnapshotInfo]: a digest over advisory IDs and modified
// times, and the latest modified time). Withdrawn advisories are kept and
// reported, never matched.
//
// VEX statements are read from CycloneDX ([DecodeCycloneDXVEX]) and OpenVEX
// ([DecodeOpenVEX]) into one model ([VEXStatement], OpenVEX vocabulary),
// validated against the status rules, written back ([EncodeCycloneDXVEX],
// [EncodeOpenVEX]) with a report of what each vocabulary cannot say
// ([VEXLoss]), and applied to a match report ([ApplyVEX]): the latest
// applicable statement decides each match, and matches no statement covers
// are listed. [MatchReport.Contribute] adds vulnerability items linked
// vulnerability -affects-> component; [MatchReport.VulnerabilityData] feeds
// the FDA profile.
//
// # The submission SBOM
//
// [Annotate] adds the SOUP record of each component as properties in the
// medtrace namespace ([PropSOUPID] and the following constants) and
// replaces the document's support information with the record's; the
// end-of-support date is also written as the CycloneDX taxonomy property
// cdx:lifecycle:milestone:endOfSupport. [EncodeCycloneDX] keeps everything
// of the source document the model does not carry.
//
// # Limitations
//
//   - CycloneDX 1.7 is read, written and validated with the 1.7 schema that
//     cyclonedx-go v0.12.0 ships; its cryptography-defs schema is replaced by
//     a reduced stand-in (any string for algorithm families and curves), and
//     the specification's 1.7 conformance files are not in the test corpus.
//   - XML is validated through its JSON equivalent plus this package's
//     checks of what the JSON form cannot show (required attributes and
//     elements, single-valued elements, unique bom-refs) and repairs of what
//     cyclonedx-go reads wrongly from XML (text references in declarations,
//     enveloped XML signatures of signatories). Other XSD-only constraints
//     are not checked. Every XML conformance file of 1.4–1.6 gets the right
//     verdict.
//   - cyclonedx-go v0.12.0 cannot read declarations.evidence[].data[]
//     .classification as the 1.6 schema writes it (a string); such a
//     document is read without its declarations (SBOM.SkippedSections says
//     so) and is written back without them.
//   - Writing drops JSF signatures (a rewritten document no longer matches
//     them). Writing an older spec version than the source loses what the
//     older version cannot hold.
//   - SPDX 3 is not read; SPDX 2.2 is read through tools-golang's
//     conversion. SPDX CONTAINS relationships count as dependencies.
//   - Version order in diffs follows the purl's OSV ecosystem where
//     osv-scalibr knows one and a generic dotted order otherwise.
//   - Matching: GIT ranges cannot be evaluated against a version (a package
//     with only such ranges and no versions[] list is not assessed); CPE
//     matching is not done; CycloneDX VEX is written as JSON only; "vers:"
//     ranges are evaluated for the schemes with an OSV ecosystem order,
//     others with a lenient semantic-version order; distro releases given
//     by code name are not filtered on.
//   - The CISA 2025 draft and 2026 minimum elements are not encoded; the
//     CISA profile is the 2024 "minimum expected" level.
package sbom
