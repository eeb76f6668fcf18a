// Package sbom is medtrace's component inventory: the software bill of
// materials of a device and the SOUP / off-the-shelf records kept about its
// components.
//
// It reads CycloneDX 1.4–1.7 (JSON and XML; 1.2 and 1.3 too) and SPDX 2.3 (JSON) into one
// format-neutral model ([SBOM], [Component]), validates CycloneDX documents
// against the official JSON schemas embedded in the package, checks
// compliance profiles (NTIA minimum elements 2021, FDA premarket, CISA
// framing, BSI TR-03183-2), merges SOUP annotations (IEC 62304:2006+A1:2015
// 5.3.3, 5.3.4, 7.1.2, 7.1.3, 8.1.2) into an SBOM and writes the enriched
// document back as CycloneDX, compares two SBOMs, merges sub-system SBOMs,
// and contributes components and SOUP records to the [trace] graph.
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
// declared unknown as an answer where the profile allows it (CISA 2025
// draft: a declared unknown complies but must be distinguishable from an
// omission) and an omission never as one.
//
// # Provenance
//
// Every component records where it was read from ([Origin]: the document,
// its format and the path of the record inside it). When SBOMs are merged,
// fields that came from another document than the component's first record
// get their own origin; [Component.OriginOf] answers for any field.
//
// # Limitations
//
// CycloneDX 1.7 is read, written and validated with the 1.7 schema that
// cyclonedx-go v0.12.0 ships; the 1.7 conformance files of the
// specification are not in the test corpus. Unknown spec versions are
// reported as errors ([ErrUnsupportedSpecVersion]), never guessed. XML
// documents are validated through their JSON equivalent, so XML-only
// constraints of the XSD that the JSON schema does not express are checked
// only where this package adds its own checks. SPDX 3 is not read.
package sbom
