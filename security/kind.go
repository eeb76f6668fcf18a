package security

import "github.com/medtrace/medtrace/trace"

// Kinds of the items this package contributes to the trace graph.
const (
	// KindAsset is something worth protecting: data, a function, a key
	// (IEC 81001-5-1:2021 7.2; FDA premarket cybersecurity guidance (2023) V.A.1).
	KindAsset trace.Kind = "asset"
	// KindElement is a threat-model element: a process, data store, external
	// entity, device, interface, network or cloud service.
	KindElement trace.Kind = "element"
	// KindDataFlow is a directed flow of data between two elements.
	KindDataFlow trace.Kind = "data-flow"
	// KindTrustBoundary is a boundary across which trust changes
	// (IEC 81001-5-1:2021 5.3.2 a).
	KindTrustBoundary trace.Kind = "trust-boundary"
	// KindThreat is a threat against an element, flow or asset.
	KindThreat trace.Kind = "threat"
	// KindControl is a security control in one of the FDA categories.
	KindControl trace.Kind = "security-control"
	// KindRisk is a security risk record, assessed by exploitability and
	// impact (FDA premarket cybersecurity guidance (2023) V.A.2).
	KindRisk trace.Kind = "security-risk"
	// KindThreatModel is the threat model as a whole: methods, review,
	// cyber-device determination and IEC 81001-5-1:2021 7.2 coverage.
	KindThreatModel trace.Kind = "threat-model"
	// KindPastaStage is the record of one of the seven PASTA stages.
	KindPastaStage trace.Kind = "pasta-stage"
	// KindAttackTree is an attack tree whose leaves are threats or
	// vulnerabilities (PASTA stage 6).
	KindAttackTree trace.Kind = "attack-tree"
)

// Kinds owned by package lifecycle (a higher floor) that security records
// link to, with the same strings as lifecycle's constants. Kinds of risk and
// sbom are used through those packages' constants.
const (
	// KindRequirement is owned by package lifecycle.
	KindRequirement trace.Kind = "requirement"
	// KindTest is owned by package lifecycle; its attribute "type" names the
	// kind of test (penetration, fuzz, static-analysis, vulnerability-scan, ...).
	KindTest trace.Kind = "test"
	// KindChangeRequest is owned by package lifecycle.
	KindChangeRequest trace.Kind = "change-request"
)

// Link types this package declares on the builder in addition to the trace
// vocabulary.
const (
	// FlowsFrom: a data-flow flows from its source element.
	FlowsFrom trace.LinkType = "flows-from"
	// FlowsTo: a data-flow flows to its destination element.
	FlowsTo trace.LinkType = "flows-to"
	// Handles: an element or data-flow stores, processes or carries an asset.
	Handles trace.LinkType = "handles"
	// Assesses: a security-risk assesses a threat or a vulnerability.
	Assesses trace.LinkType = "assesses"
	// TrackedBy: a security-risk is tracked by a change request that will
	// control it (FD&C Act 524B(b)(2)).
	TrackedBy trace.LinkType = "tracked-by"
	// HasLeaf: an attack tree has a threat or vulnerability as a leaf.
	HasLeaf trace.LinkType = "has-leaf"
)

func declareLinkTypes(b *trace.Builder) {
	for _, info := range []trace.LinkTypeInfo{
		{Type: FlowsFrom, Inverse: "source-of", Doc: "a data-flow flows from its source element"},
		{Type: FlowsTo, Inverse: "destination-of", Doc: "a data-flow flows to its destination element"},
		{Type: Handles, Inverse: "handled-by", Doc: "an element or flow stores, processes or carries an asset"},
		{Type: Assesses, Inverse: "assessed-by", Doc: "a security risk assesses a threat or vulnerability"},
		{Type: TrackedBy, Inverse: "tracks", Doc: "a security risk is tracked by a change request"},
		{Type: HasLeaf, Inverse: "leaf-of", Doc: "an attack tree has a threat or vulnerability as a leaf"},
	} {
		b.DeclareLinkType(info)
	}
}
