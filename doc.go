// Package medtrace keeps the IEC 62304 software lifecycle, the ISO 14971 risk
// management file, the IEC 81001-5-1 / FDA premarket cybersecurity file and
// the SBOM of a medical device as one traceable graph, and answers the
// questions auditors, FDA reviewers and release managers ask of it: is every
// hazard controlled, is every control implemented and verified, which
// software items are class C and why, which components are SOUP with which
// known anomalies and vulnerabilities, what does this change or this new CVE
// touch, and can this release ship.
//
// This package holds no code; it is the map of the module.
//
// # Packages
//
// By floor; a package imports only packages on lower floors.
//
//   - [github.com/medtrace/medtrace/trace] (floor 1): the generic graph of
//     items and typed links, the builder, rules and findings, coverage,
//     cycles, closure, change impact with paths, suspect links, baselines.
//   - [github.com/medtrace/medtrace/risk] (floor 2): the ISO 14971:2019 risk
//     management file: plan, scales, matrix and policy, hazards, hazardous
//     situations, harms, controls, residual and overall residual risk.
//   - [github.com/medtrace/medtrace/sbom] (floor 2): SOUP and OTS components:
//     CycloneDX and SPDX, compliance profiles, SOUP annotations, diff and
//     merge, offline OSV matching, VEX.
//   - [github.com/medtrace/medtrace/security] (floor 3): the IEC 81001-5-1
//     and FDA cybersecurity file: threat model, STRIDE, security risk by
//     exploitability, controls, and the security→safety link.
//   - [github.com/medtrace/medtrace/lifecycle] (floor 4): the IEC 62304
//     lifecycle and the Project aggregate: system model, safety
//     classification with explanation, activities by class, problems,
//     changes, releases, release readiness, the post-market loop and the
//     default thread rules, and the docs-as-code loader of a project
//     directory.
//   - [github.com/medtrace/medtrace/report] (floor 5): renderers over the
//     results: one self-contained HTML page, Markdown, findings as JSON,
//     SARIF 2.1.0 and JUnit XML, trace matrices as CSV, the risk heat map as
//     SVG, the SOUP list.
//
// # Getting started
//
// A host loads a project directory and asks it the questions:
//
//	ws, err := lifecycle.Load(ctx, os.DirFS("project"), lifecycle.LoadOptions{})
//	_, err = ws.Match(ctx)                       // SBOMs × OSV advisories, VEX applied
//	res, err := ws.Project.Check(ctx, lifecycle.CheckOptions{})
//	g, _ := ws.Project.Graph()
//	cl := ws.Project.Classify(g, lifecycle.ClassifyOptions{})
//	rd, err := ws.Project.Readiness(ctx, "REL-1.1.0", lifecycle.ReadinessOptions{Graph: g})
//
// or builds a graph from its own contributors and checks it:
//
//	b := trace.NewBuilder()
//	b.Add(riskFile)        // any trace.Contributor
//	g, err := b.Build()    // every problem at once, with positions
//	res, err := trace.Check(ctx, g, rules, trace.CheckOptions{})
//
// The runnable programs under examples/ show whole jobs; README.md has the
// commands.
//
// # Standards coverage
//
//   - IEC 62304:2006+A1:2015 (medical device software lifecycle): clauses 4–9.
//   - ISO 14971:2019 with ISO/TR 24971:2020 (risk management).
//   - IEC 81001-5-1:2021 and the FDA premarket cybersecurity guidance (2023),
//     FD&C Act section 524B.
//   - NTIA minimum elements (2021), CISA SBOM framing, BSI TR-03183-2.
//   - CycloneDX 1.4–1.7 (JSON, XML; 1.2 and 1.3 read), SPDX 2.3 (JSON),
//     OSV 1.x, OpenVEX 0.2, CycloneDX VEX, JUnit XML, go test -json;
//     SARIF 2.1.0 out.
//
// Clause numbers are cited and paraphrased; no standard's text is
// reproduced.
//
// # Limitations
//
// medtrace is offline by design: it opens no network connection, reads no
// environment variable and runs no program; vulnerability data is read
// from files the host supplies. It does not decide for the manufacturer:
// every computed verdict (a safety class, an acceptability region, a
// vulnerability match) comes with the data and the path that produced it,
// for a person to review. Time is always an input, so reports reproduce.
package medtrace
