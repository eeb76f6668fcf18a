package lifecycle

import (
	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/trace"
)

// Kinds of the post-market records, as evidence queries name them.
const (
	kindProblem trace.Kind = "problem-report"
	kindChange  trace.Kind = "change-request"
	kindRelease trace.Kind = "release"
	kindSignal  trace.Kind = "signal"
)

type ev = Evidence

func abc() []Class { return []Class{ClassA, ClassB, ClassC} }
func bc() []Class  { return []Class{ClassB, ClassC} }
func c() []Class   { return []Class{ClassC} }

func docs(t ...DocumentType) ev { return ev{Documents: t} }

func recs(q ...RecordQuery) ev { return ev{Records: q} }

func (e ev) with(q ...RecordQuery) ev { e.Records = append(e.Records, q...); return e }

func kind(k trace.Kind) RecordQuery { return RecordQuery{Kind: k} }

func kindWhere(k trace.Kind, attr, value string) RecordQuery {
	return RecordQuery{Kind: k, Attr: attr, Value: value}
}

func linked(from trace.Kind, t trace.LinkType, to trace.Kind) RecordQuery {
	return RecordQuery{Kind: from, Link: t, To: to}
}

func resultOf(testType TestType) RecordQuery {
	return RecordQuery{Kind: KindTestResult, Link: trace.Evidences, To: KindTest, ToAttr: "type", ToValue: string(testType)}
}

// matrix2015 is the requirements-by-class matrix of IEC 62304:2006+A1:2015
// (titles and outputs paraphrased), in clause order.
func matrix2015() []Activity {
	rows := planningToDesign()
	rows = append(rows, implementationToRelease()...)
	return append(rows, maintenanceToProblems()...)
}

// act builds one row of the matrix.
func act(clause, title string, cls []Class, outputs string, e ev) Activity {
	return Activity{Clause: clause, Title: title, Classes: cls, Outputs: outputs, Evidence: e}
}

// planningToDesign holds clauses 4 and 5.1 to 5.4.
func planningToDesign() []Activity {
	a := act
	return []Activity{
		a("4.1", "Quality management system", abc(), "reference to the QMS (e.g. ISO 13485)", ev{}),
		a("4.2", "Risk management", abc(), "an ISO 14971 risk management process", docs(DocRiskManagementPlan).with(kind(risk.KindPlan))),
		a("4.3", "Software safety classification", abc(), "class of the software system and items with rationale", recs(kindWhere(KindSystem, "class", string(ClassA)), kindWhere(KindSystem, "class", string(ClassB)), kindWhere(KindSystem, "class", string(ClassC)))),
		{Clause: "4.4", Title: "Legacy software", Classes: abc(), Outputs: "gap analysis and rationale for continued use", Optional: true},
		a("5.1.1", "Software development plan", abc(), "processes, deliverables, traceability, configuration and problem management", docs(DocDevelopmentPlan)),
		a("5.1.2", "Keep the plan current", abc(), "plan revisions", ev{}),
		a("5.1.3", "Plan references system design", abc(), "system requirements as inputs; coordination with system V&V", ev{}),
		a("5.1.4", "Standards, methods and tools planning", c(), "standards, methods and tools used", ev{}),
		a("5.1.5", "Integration and integration testing planning", bc(), "integration plan including SOUP", docs(DocIntegrationPlan)),
		a("5.1.6", "Verification planning", abc(), "deliverables, tasks, milestones, acceptance criteria", docs(DocVerificationPlan)),
		a("5.1.7", "Risk management planning", abc(), "software risk management activities including SOUP", docs(DocRiskManagementPlan).with(kind(risk.KindPlan))),
		a("5.1.8", "Documentation planning", abc(), "title, purpose, procedures and responsibilities per document", ev{}),
		a("5.1.9", "Configuration management planning", abc(), "item types, tasks, responsibilities, when items enter CM", docs(DocConfigurationPlan)),
		a("5.1.10", "Supporting items to be controlled", bc(), "tools and settings under configuration management", ev{}),
		a("5.1.11", "Items under CM before verification", bc(), "items controlled before verification", ev{}),
		a("5.1.12", "Common software defects", bc(), "defect categories of the technology and evidence they are handled", ev{}),
		a("5.2.1", "Software requirements from system requirements", abc(), "software requirements specification", recs(kindWhere(KindRequirement, "level", string(LevelSoftware)))),
		a("5.2.2", "Software requirements content", abc(), "requirements by 5.2.2 category", recs(RecordQuery{Kind: KindRequirement, Attr: "level", Value: string(LevelSoftware)})),
		a("5.2.3", "Risk control measures in requirements", bc(), "requirements implementing risk controls", recs(kindWhere(KindRequirement, "riskControl", "true"))),
		a("5.2.4", "Re-evaluate the risk analysis", abc(), "risk management file updated for the requirements", ev{}),
		a("5.2.5", "Update requirements", abc(), "updated requirements under change control", recs(linked(kindChange, trace.Changes, KindRequirement))),
		a("5.2.6", "Verify software requirements", abc(), "review of requirements (consistent, testable, traceable, unique IDs)", recs(linked(KindDesignReview, trace.Reviews, KindRequirement))),
		a("5.3.1", "Software architecture", bc(), "software items identified", docs(DocArchitecture).with(kind(KindItem))),
		a("5.3.2", "Interfaces of software items", bc(), "interfaces between items and to external parts", recs(kind(KindInterface))),
		a("5.3.3", "SOUP functional and performance requirements", bc(), "requirements per SOUP item", recs(kind(kindSOUP))),
		a("5.3.4", "SOUP hardware and software needs", bc(), "prerequisites per SOUP item", recs(kind(kindSOUP))),
		a("5.3.5", "Segregation needed for risk control", c(), "segregation and how its effectiveness is ensured", recs(kindWhere(KindItem, "segregated", "true"), kindWhere(KindUnit, "segregated", "true"))),
		a("5.3.6", "Verify software architecture", bc(), "architecture review", recs(linked(KindDesignReview, trace.Reviews, KindItem))),
		a("5.4.1", "Refine architecture into units", bc(), "software units identified", recs(kind(KindUnit))),
		a("5.4.2", "Detailed design of each unit", c(), "design per unit", docs(DocDetailedDesign)),
		a("5.4.3", "Detailed design of interfaces", c(), "interfaces of units", recs(linked(KindInterface, Connects, KindUnit))),
		a("5.4.4", "Verify detailed design", c(), "detailed design review", recs(linked(KindDesignReview, trace.Reviews, KindUnit))),
	}
}

// implementationToRelease holds clauses 5.5 to 5.8.
func implementationToRelease() []Activity {
	a := act
	return []Activity{
		a("5.5.1", "Implement each unit", abc(), "source code under configuration management", recs(kind(KindUnit), kind(KindItem))),
		a("5.5.2", "Unit verification process", bc(), "strategies, methods and procedures for unit verification", docs(DocVerificationPlan)),
		a("5.5.3", "Unit acceptance criteria", bc(), "acceptance criteria per unit", ev{}),
		a("5.5.4", "Additional unit acceptance criteria", c(), "event sequence, data and control flow, resources, faults, initialisation, self-diagnostics, memory, boundaries", ev{}),
		a("5.5.5", "Unit verification", bc(), "unit verification results", recs(resultOf(TestUnit))),
		a("5.6.1", "Integrate software units", bc(), "integration according to the plan", docs(DocIntegrationPlan)),
		a("5.6.2", "Verify software integration", bc(), "evidence of integration per plan", recs(resultOf(TestIntegration))),
		a("5.6.3", "Software integration testing", bc(), "integration test results", recs(resultOf(TestIntegration))),
		a("5.6.4", "Integration test content", bc(), "function, risk controls, timing, interfaces, abnormal conditions", recs(kindWhere(KindTest, "type", string(TestIntegration)))),
		a("5.6.5", "Evaluate integration test procedures", bc(), "adequacy review of the procedures", ev{}),
		a("5.6.6", "Regression tests", bc(), "regression results after integration", ev{}),
		a("5.6.7", "Integration test record", bc(), "pass or fail, anomalies, repeatability, tester", recs(resultOf(TestIntegration))),
		a("5.6.8", "Integration anomalies to problem resolution", bc(), "problem reports", recs(kind(kindProblem))),
		a("5.7.1", "Software system tests", abc(), "tests with inputs, expected results, criteria and procedures for every requirement", recs(kindWhere(KindTest, "type", string(TestSystem)))),
		a("5.7.2", "System test anomalies to problem resolution", abc(), "problem reports", recs(kind(kindProblem))),
		a("5.7.3", "Retest after changes", abc(), "tests for the change, regression, risk analysis of the change", ev{}),
		a("5.7.4", "Evaluate software system testing", abc(), "all requirements verified and results meet criteria", recs(resultOf(TestSystem))),
		a("5.7.5", "Software system test record", abc(), "procedure, outcome, version, configuration, tools, date, tester", recs(resultOf(TestSystem))),
		a("5.8.1", "Software verification complete", abc(), "verification evaluated before release", recs(kind(kindRelease))),
		a("5.8.2", "Known residual anomalies documented", abc(), "list of residual anomalies", recs(kind(kindRelease))),
		a("5.8.3", "Residual anomalies evaluated", bc(), "no residual anomaly contributes to unacceptable risk", recs(kind(kindRelease))),
		a("5.8.4", "Released version documented", abc(), "version record", recs(kind(kindRelease))),
		a("5.8.5", "How the released software was created", bc(), "build procedure and environment", ev{}),
		a("5.8.6", "Activities and tasks complete", bc(), "checklist against the plan", recs(kind(kindRelease))),
		a("5.8.7", "Archive software", abc(), "software, configuration items and documentation archived", ev{}),
		a("5.8.8", "Reliable delivery", abc(), "delivery without corruption or unauthorised change", ev{}),
	}
}

// maintenanceToProblems holds clauses 6 to 9.
func maintenanceToProblems() []Activity {
	a := act
	return []Activity{
		a("6.1", "Software maintenance plan", abc(), "feedback, problem criteria, risk, problem resolution, CM, SOUP policy", docs(DocMaintenancePlan)),
		a("6.2.1.1", "Monitor feedback", abc(), "feedback log", recs(kind(kindSignal))),
		a("6.2.1.2", "Document and evaluate feedback", abc(), "problem reports from feedback", recs(linked(kindSignal, trace.Raises, kindProblem))),
		a("6.2.1.3", "Evaluate the safety effect of problems", abc(), "evaluation through problem resolution", recs(kind(kindProblem))),
		a("6.2.2", "Use the problem resolution process", abc(), "problem reports handled per clause 9", recs(kind(kindProblem))),
		a("6.2.3", "Analyse change requests", abc(), "effect on organisation, released software, interfacing systems", recs(kind(kindChange))),
		a("6.2.4", "Approve change requests", abc(), "approval record", recs(kind(kindChange))),
		a("6.2.5", "Inform users and regulators", abc(), "notification of problems and changes", ev{}),
		a("6.3.1", "Implement modifications", abc(), "clause 5 activities redone as needed", recs(kind(kindChange))),
		a("6.3.2", "Re-release modified software", abc(), "re-release per 5.8", recs(kind(kindRelease))),
		a("7.1.1", "Items contributing to hazardous situations", bc(), "items linked to the situations they can contribute to", recs(linked(KindItem, trace.Causes, risk.KindSituation), linked(KindItem, trace.Causes, risk.KindHazard), linked(KindItem, trace.Causes, risk.KindCause))),
		a("7.1.2", "Potential causes of contribution", bc(), "causes: specification, defects, SOUP, hardware or other software, misuse", recs(kind(risk.KindCause))),
		a("7.1.3", "Evaluate published SOUP anomaly lists", bc(), "supplier anomaly lists for the versions used, evaluated", recs(kind(kindSOUP))),
		a("7.1.4", "Document potential causes", bc(), "causes in the risk management file", recs(kind(risk.KindCause))),
		a("7.2.1", "Define risk control measures", bc(), "risk controls per cause", recs(kind(risk.KindControl))),
		a("7.2.2", "Risk control measures in software", bc(), "controls in requirements, classed by the risk they control", recs(kindWhere(KindRequirement, "riskControl", "true"))),
		a("7.3.1", "Verify risk control measures", bc(), "implementation of each control verified", recs(linked(KindTest, trace.Verifies, risk.KindControl))),
		a("7.3.3", "Document traceability", bc(), "hazardous situation to item to cause to control to verification", recs(linked(risk.KindControl, trace.ImplementedBy, KindRequirement))),
		a("7.4.1", "Analyse changes for safety", abc(), "new causes or controls needed by the change", recs(kind(kindChange))),
		a("7.4.2", "Analyse the impact of changes on existing controls", bc(), "interference with existing controls", recs(kind(kindChange))),
		a("7.4.3", "Perform risk activities for changes", bc(), "risk records updated for the change", recs(kind(kindChange))),
		a("8.1.1", "Identify configuration items", abc(), "unique identification scheme", docs(DocConfigurationPlan)),
		a("8.1.2", "Identify SOUP", abc(), "title, manufacturer and unique designator per SOUP", recs(kind(kindComponent))),
		a("8.1.3", "Identify system configuration documentation", abc(), "configuration items and versions of the system", recs(kind(kindRelease))),
		a("8.2.1", "Approve change requests", abc(), "configuration items change only through approved change requests", recs(kind(kindChange))),
		a("8.2.2", "Implement changes", abc(), "activities redone, reclassification where needed", recs(kind(kindChange))),
		a("8.2.3", "Verify changes", abc(), "invalidated verification repeated", recs(kind(kindChange))),
		a("8.2.4", "Means to trace changes", abc(), "change request, problem report, approval", recs(linked(kindChange, trace.Resolves, kindProblem))),
		a("8.3", "Configuration status accounting", abc(), "retrievable history of configuration items", ev{}),
		a("9.1", "Prepare problem reports", abc(), "problem reports with criticality", recs(kind(kindProblem))),
		a("9.2", "Investigate the problem", abc(), "causes, safety relevance, outcome, change requests", recs(kind(kindProblem))),
		a("9.3", "Advise relevant parties", abc(), "notification record", ev{}),
		a("9.4", "Use the change control process", abc(), "change requests through 8.2", recs(linked(kindChange, trace.Resolves, kindProblem))),
		a("9.5", "Maintain records", abc(), "problem reports, resolution and verification", recs(kind(kindProblem))),
		a("9.6", "Analyse problems for trends", abc(), "trend analysis", ev{}),
		a("9.7", "Verify software problem resolution", abc(), "problem closed, trend reversed, no new problems", recs(kind(kindProblem))),
		a("9.8", "Test documentation contents", abc(), "retest records with 5.7.5 contents", recs(kind(KindTestResult))),
	}
}
