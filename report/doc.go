// Package report renders the medtrace graph and its checks as evidence a
// person or a tool can read. Each view is a value built from the types of the
// packages below it and written to an io.Writer:
//
//   - [Findings] (a trace.Result with its graph and rules) as versioned JSON
//     ([FindingsSchema], described by the JSON Schema [FindingsJSONSchema]),
//     SARIF 2.1.0, JUnit XML and Markdown;
//     [ProfileFindings] does the same for an SBOM compliance profile check;
//   - [TraceMatrix], one row per root item along a [Chain] of link steps
//     ([NeedsChain], [HazardChain]), as CSV and Markdown;
//   - [Risk], the risk management view of a risk file: the risk matrix as an
//     SVG heat map before and after control, and the risk management report
//     section with every hazardous situation explained (ISO 14971:2019 7.3, 8);
//   - [Security], the security risk report with its FDA traceability matrix;
//   - [Lifecycle], the IEC 62304 views of a project: safety classification
//     with explanations (4.3), activity gaps, release readiness blockers
//     (5.8) and the [SOUPList] (8.1.2);
//   - [Page], one self-contained, printable HTML file (or one Markdown
//     document) that puts together the sections it is given.
//
// # Getting started
//
//	res, _ := project.Check(ctx, lifecycle.CheckOptions{})
//	g, _ := project.Graph()
//	f := report.Findings{Meta: meta, Result: res, Graph: g, Rules: project.Rules()}
//	_ = f.SARIF(sarifFile)
//	needs, _ := report.NewTraceMatrix(g, report.NeedsChain())
//	_ = report.Page{Meta: meta, Findings: &f, Matrices: []*report.TraceMatrix{needs}}.HTML(htmlFile)
//
// # Determinism and escaping
//
// Nothing is read from the clock: the time a report was generated is part of
// its [Meta], set by the caller. Equal input gives byte-identical output, so
// a report kept as evidence can be reproduced. Every field may hold untrusted
// text (an SBOM component name, a supplier, a test title): HTML and SVG go
// through html/template and the page carries a content security policy that
// forbids scripts; XML goes through encoding/xml; JSON through encoding/json
// with HTML escaping; Markdown escapes the characters that would change a
// table or inject markup; CSV cells that a spreadsheet would read as a
// formula are prefixed with an apostrophe.
//
// # Limitations
//
// trace.Coverage records the items that fail a rule but not those that pass
// it. The JUnit view finds the passing items of declarative rules
// (trace.LinkRule) from the graph; for other rules it writes one aggregate
// passing case with their count. Findings are located in SARIF by the source
// position of their item; items with no position get a logical location
// only. The HTML page lists every finding and matrix row: for very large
// graphs it is long, and hosts may prefer the CSV and SARIF outputs.
package report
