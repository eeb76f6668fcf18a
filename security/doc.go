// Package security holds the cybersecurity file of a medical device as the
// FDA premarket cybersecurity guidance (2023) and IEC 81001-5-1:2021 ask a
// maker to show it, and makes the link to the safety risk file a checked
// relation instead of free text.
//
// # Threat model
//
// A [Model] holds assets (with confidentiality, integrity and availability
// needs), elements (processes, data stores, external entities, devices,
// interfaces, networks, cloud services; typed through a [Catalogue]), data
// flows with protocol, authentication, encryption and integrity attributes,
// and trust boundaries. [Generate] derives threats from the model with
// data-driven [ThreatRule] values (STRIDE per element, plus conditional rules
// such as an unauthenticated flow crossing a trust boundary); each threat
// gets the stable ID "THR-<rule>@<target>", so [Reconcile] keeps its
// assessment when the model changes. [DefaultCatalogue] ships medical element
// types and threats (pumps, monitors, BLE/USB/serial interfaces, hospital
// network, cloud backend, mobile app, update server); hosts add their own
// with [Catalogue.Extend]. PASTA stage records and attack trees ([Pasta])
// sit over the same model, threats and controls.
//
// # Security risk
//
// A [Risk] assesses threats or SBOM vulnerabilities before and after
// controls by exploitability and impact, never by probability (FDA premarket
// cybersecurity guidance (2023) V.A.2). Exploitability is set directly,
// derived from a CVSS v3.1 or v4.0 vector ([ParseCVSS], through
// github.com/pandatix/go-cvss) or from answers to a medical-device CVSS
// rubric ([Rubric]); dated EPSS and CISA KEV observations raise it. A
// configurable [Matrix] gives the level and the controlled / uncontrolled
// verdict of the FDA postmarket guidance (2016). [Control] values carry the
// FDA categories A–H, the requirements that implement them and, through the
// lifecycle's tests, the security tests that verify them.
// [MatchesFromReport] reads package sbom's match report (after VEX) and
// [DraftRisks] turns its matches into risk records to assess; [Reevaluate]
// lists what a new vulnerability touches (elements, threats, risks,
// hazardous situations).
//
// # The security → safety link
//
// A threat or risk that can harm a patient causes a hazardous situation of
// the risk file (threat -causes-> hazardous-situation); a safety risk control
// that opens an attack surface introduces a threat (risk-control
// -introduces-> threat). [Rules] checks both directions and names what is
// missing; package risk's RISK-019 checks that such a situation is
// estimated without a numeric probability.
//
// # Evidence
//
// [Activities] lists the IEC 81001-5-1 activities (clauses 4–9) and
// [FDADocumentation] the FDA premarket documentation items D1–D14, each with
// the evidence items that satisfy it; [Gaps] with [Present] says which are
// missing. [Summarize] counts the file's state for the security risk
// report. [Traceability] gives the risk ↔ control traceability matrix
// (controls, requirements, tests, situations per risk). [File.Views] draws the global, multi-patient harm and
// updatability architecture views from the model, with their gaps.
//
// # File format
//
// A File reads from YAML or JSON ([DecodeFile]; lifecycle's project loader
// reads the same tags), every record with its position:
//
//	model:
//	  id: TM-PUMP
//	  methods: [stride]
//	  boundaries: [{id: TB-BODY, name: On-body}, {id: TB-PHONE, name: Phone}]
//	  elements:
//	    - {id: EL-PUMP, name: Pump, type: insulin-pump, boundary: TB-BODY}
//	    - {id: EL-APP, name: App, type: mobile-app, boundary: TB-PHONE}
//	  flows:
//	    - {id: FL-DOSE, from: EL-APP, to: EL-PUMP, protocol: ble, authenticated: true}
//	threats:
//	  - {id: THR-MED-PUMP-COMMAND@EL-PUMP, title: Spoofed bolus, stride: [S],
//	     targets: [EL-PUMP], status: mitigated, patientHarm: true, causes: [HS-003]}
//	controls:
//	  - {id: CTL-PAIR, title: Bonded pairing, category: authentication,
//	     mitigates: [THR-MED-PUMP-COMMAND@EL-PUMP], implementedBy: [SRS-020]}
//	risks:
//	  - id: SR-001
//	    title: Spoofed bolus command
//	    threats: [THR-MED-PUMP-COMMAND@EL-PUMP]
//	    pre: {method: cvss-3.1, cvss: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", impact: critical}
//	    post: {method: exploitability, exploitability: very-low, basis: bonded pairing, impact: critical}
//
// # Graph and rules
//
// [File] implements trace.Contributor. Its items are of the kinds
// [KindAsset], [KindElement], [KindDataFlow], [KindTrustBoundary],
// [KindThreat], [KindControl], [KindRisk], [KindThreatModel],
// [KindPastaStage] and [KindAttackTree]. [Rules] returns the SEC-xxx rules;
// they read only the graph.
//
// # Limitations
//
// The shipped rubric paraphrases the structure and answer identifiers of the
// MITRE rubric for applying CVSS to medical devices; its question texts are
// not the rubric's, and a maker holding the rubric should load its own tree.
// Exploitability bands for CVSS are medtrace's, documented on [ParseCVSS].
// Rule conditions are typed predicates, not an expression language. The
// catalogue's medical threats are a seed, not a complete library. Items of
// other packages (hazardous situations, requirements, tests, change
// requests, vulnerabilities) are checked only when the graph is built.
package security
