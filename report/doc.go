// Package report renders the medtrace graph and its checks as evidence a
// person or a tool can read: findings as versioned JSON, SARIF 2.1.0, JUnit XML
// and Markdown; the trace matrix as CSV and Markdown; the risk matrix as an SVG
// heat map and the risk management report section as Markdown (ISO 14971:2019
// 7.3, 8); the IEC 62304 views of a lifecycle project (safety classification,
// activity gaps, release readiness, SOUP list); and one self-contained,
// printable HTML file that puts the available sections together.
//
// # Inputs and outputs
//
// Each view is a plain value built from the types of the packages below it
// (trace.Result and trace.Graph, risk.Plan and risk.Evaluation,
// lifecycle.Project) and written to an io.Writer. Nothing is read from the
// clock: the time a report was generated is part of its Meta, set by the
// caller. Equal input gives byte-identical output, so a report kept as
// evidence can be reproduced.
//
// # Escaping
//
// Every field may hold untrusted text (an SBOM component name, a supplier, a
// test title). HTML and SVG go through html/template; XML through
// encoding/xml; JSON through encoding/json with HTML escaping; Markdown cells
// escape the characters that would change the table or inject markup.
//
// # Limitations
//
// trace.Coverage records the items that fail a rule but not those that pass
// it, so the JUnit view has one test case per failing item and one aggregate
// case for the items that pass. Findings are located in SARIF by the source
// position of their item; items with no position get a logical location only.
package report
