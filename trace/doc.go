// Package trace is the generic traceability graph under medtrace: items,
// typed directed links, a builder that reports every problem at once,
// declarative and Go-function rules with findings, and the analyses that
// audits and releases need (coverage, orphans, cycles, closure, change
// impact with paths, suspect links, baselines and their diff).
//
// trace knows nothing of any standard. Domain packages contribute their
// records through the [Contributor] interface and declare which kinds each
// link type may join ([Builder.Allow]); trace imports none of them.
//
// # The model
//
// An [Item] has a stable human [ID], a [Kind], a title, free attributes, a
// content [Fingerprint] and the [Position] it was read from. A [Link] goes
// From → To with a [LinkType] from the [Vocabulary]; a link may carry the
// fingerprint its target had when the link was last reviewed, which makes
// the link suspect when the target changes ([Graph.Suspects]).
//
// A [Graph] is immutable and safe for concurrent readers. Items iterate in ID
// order and an item's links in (type, other ID) order, so everything derived
// from a graph is deterministic.
//
// # Rules and findings
//
// A [Rule] reports, for every item it applies to, whether the item meets it.
// [LinkRule] is the declarative form ("every hazardous-situation must have at
// least one mitigates link in from a risk-control"); [FuncRule] wraps a Go
// function. [Check] runs a rule set and returns [Finding] values, coverage
// per rule and the waivers that matched nothing. Hosts override severities,
// disable rules and accept findings with a [Waiver] through [CheckOptions].
//
// # Limitations
//
// A graph is rebuilt whole; there is no incremental update. Link types are
// global to a builder, not scoped per contributor. Item attributes are
// strings; typed data stays with the contributing package.
package trace
