// Package lifecycle keeps the IEC 62304 software life cycle as records of the
// one thread and checks the whole thread at once.
//
// A [Project] is the aggregate a team keeps in git: the software system and
// its items and units with their interfaces, user needs and requirements,
// tests and their results, design reviews, evidence documents, the risk
// management file ([risk.File]), the security file ([security.File]), the
// SBOMs with their SOUP records and vulnerability matches, and the
// post-market records (problem reports, change requests, releases,
// signals). [Project.Graph] turns it into one [trace.Graph], reporting every
// bad record at once with its field path and position; [Project.Check] runs
// the default thread rules over that graph and returns findings and
// coverage.
//
// # Project directories (docs-as-code)
//
// [Load] reads a project directory through an fs.FS: a manifest
// ([ManifestName], schema [ProjectFormat]) naming record files or
// directories, SBOMs, OSV advisories (a directory or an osv.dev .zip), VEX
// documents, test results and earlier release baselines. Record files are
// YAML or JSON fragments of a Project, merged in path order: lists append,
// and a single value set in two files is an error naming both. Every
// problem in every file is reported at once with its file, line, column and
// field path. [Workspace.Match] matches each SBOM against the advisories
// with one index and applies the VEX statements. [ImportJUnit] and
// [ImportGoTest] turn test runs into [Result] records; [Project.EncodeJSON]
// writes a project back as one JSON record file. [ProjectSchema] and
// [ManifestSchema] are the format's JSON Schemas, for editors.
//
// # Releases and the post-market loop
//
// [Project.Readiness] judges a release as one function and returns every
// blocker with its reason and clause. [DiffReleases] compares two releases'
// baselines and SBOMs and walks the change through the thread to the
// records to re-review and the tests to re-run. [Project.MatchAdvisories]
// matches new advisories against the SBOM of every release in the field
// and raises problem reports; [ComputeMetrics] gives the FDA
// vulnerability metrics per product and for a product line.
//
// # Safety classification
//
// [Project.Classify] computes the software safety class of the system and of
// every item (IEC 62304:2006+A1:2015 4.3, Figure 3) from the risk file. An
// item contributes to a hazardous situation when it causes the situation, a
// hazard leading to it or a cause of either; when a component it uses (SOUP)
// or a vulnerability of such a component does; or when it implements a risk
// control of the situation (7.2.2 b). For each situation the software
// failure is taken as certain (P1 = 1); the risk is acceptable (class A) if
// it is acceptable so, or if every control of the situation lies outside the
// software and the residual estimate — with P1 reduced from 1 by the same
// ratio, or the same number of levels, as the controls reduce the written P1
// — is acceptable. Otherwise the worst harm's severity gives the class
// through a configurable [SeverityMap] (default: Catastrophic, Critical and
// Serious → C, Minor → B, Negligible → A). Under [Edition2006] only hardware
// controls count and they lower the class by one.
//
// An item's computed class is the highest class of what it and its parts
// contribute to; the system takes the highest of all. Items inherit the
// parent's class unless they carry a [Segregation] argument (4.3 d); a
// declared class above the applicable one is kept (4.3 e), one below it is
// reported. Without a risk file holding hazardous situations every class is
// C (4.3 g). Every class comes with its explanation ([Classification.Explain]):
// the path from the item to each situation, the worst harm and severity, and
// the controls counted and left out.
//
// The FDA documentation level (Basic or Enhanced, FDA 2023 premarket
// software guidance) is decided apart: on the risk before any control and on
// "probable" death or serious injury, plus the device facts that generally
// call for Enhanced. One is never derived from the other.
//
// # Activities by class
//
// [Activities] is the requirements-by-class matrix of IEC 62304 clauses 4 to
// 9 as data, per [Edition]. [Project.Gaps] checks, for a class, which
// required activities have evidence — a document claiming the clause (or an
// enclosing one), a document of the expected type, or graph records such as
// results of unit tests — and which do not.
//
// # Thread rules
//
// [Project.Rules] is one rule set over the whole thread: LC-001…LC-015
// (needs, requirements, tests and results, control flags, validation, stale
// design reviews, SOUP annotation and content, VEX status, open threats,
// no cycles in the hierarchy or the traces),
// CLS-001…CLS-005 and FDA-001 (classification), the risk file's rules
// ([risk.Rules]), the security file's rules ([security.Rules]), the SOUP
// rules of package sbom and the post-market rules. Every rule cites its
// clause; hosts tune severities, disable rules and waive findings through
// [CheckOptions].
//
// # Limitations
//
// Only the acceptable region of the risk matrix counts as acceptable for
// classification; a risk in the ALARP region counts as not acceptable (the
// cautious reading). Classification trusts each control's declared
// location: it does not judge whether a control outside the software is
// truly independent of it. The reduction an external control gives is read
// from the residual estimate only when every control of the situation is
// external; a situation with both kinds is classed as if no control
// counted. Threats reach items only through components and vulnerabilities,
// not through threat-model elements. Legacy software (4.4) gap analysis is
// not modelled, and the activity check finds evidence that claims an
// activity, not whether it is adequate.
package lifecycle
