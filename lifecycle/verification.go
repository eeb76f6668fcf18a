package lifecycle

import (
	"time"

	"github.com/medtrace/medtrace/trace"
)

// TestType says what kind of verification or validation a test is.
type TestType string

const (
	// TestUnit is a software unit test (IEC 62304:2006+A1:2015 5.5.5).
	TestUnit TestType = "unit"
	// TestIntegration is a software integration test (5.6.3).
	TestIntegration TestType = "integration"
	// TestSystem is a software system test (5.7).
	TestSystem TestType = "system"
	// TestPenetration is a security penetration test (IEC 81001-5-1 5.7.4).
	TestPenetration TestType = "penetration"
	// TestFuzz is a security fuzz or robustness test, a form of vulnerability
	// testing (IEC 81001-5-1 5.7.3).
	TestFuzz TestType = "fuzz"
	// TestStaticAnalysis is a static code analysis run (IEC 81001-5-1 5.5.1).
	TestStaticAnalysis TestType = "static-analysis"
	// TestVulnerabilityScan is a known-vulnerability scan (IEC 81001-5-1
	// 5.7.3).
	TestVulnerabilityScan TestType = "vulnerability-scan"
	// TestSecurityRequirements tests security requirements, boundaries
	// included (IEC 81001-5-1 5.7.1).
	TestSecurityRequirements TestType = "security-requirements"
	// TestThreatMitigation tests that a security control mitigates its
	// threat in system context (IEC 81001-5-1 5.7.2).
	TestThreatMitigation TestType = "threat-mitigation"
	// TestDynamicAnalysis is a dynamic analysis run (IEC 81001-5-1 5.7.3).
	TestDynamicAnalysis TestType = "dynamic-analysis"
	// TestCompositionAnalysis is a (binary) software composition analysis
	// (IEC 81001-5-1 5.7.3).
	TestCompositionAnalysis TestType = "composition-analysis"
	// TestAttackSurface is an attack-surface analysis (IEC 81001-5-1
	// 5.7.3).
	TestAttackSurface TestType = "attack-surface-analysis"
	// TestUsability is a usability (human factors) evaluation, often the
	// effectiveness check of an information-for-safety control.
	TestUsability TestType = "usability"
	// TestValidation is a design validation against user needs.
	TestValidation TestType = "validation"
)

// Valid reports whether t is a known test type.
func (t TestType) Valid() bool {
	if t.Security() {
		return true
	}
	switch t {
	case TestUnit, TestIntegration, TestSystem, TestUsability, TestValidation:
		return true
	}
	return false
}

// Security reports whether t is a security test type.
func (t TestType) Security() bool {
	switch t {
	case TestPenetration, TestFuzz, TestStaticAnalysis, TestVulnerabilityScan, TestSecurityRequirements,
		TestThreatMitigation, TestDynamicAnalysis, TestCompositionAnalysis, TestAttackSurface:
		return true
	}
	return false
}

// Test is a test case or procedure: what it verifies (requirements, control
// implementation, items) and which controls' effectiveness it shows
// (ISO 14971:2019 7.2).
type Test struct {
	// ID is the test's ID. Required.
	ID trace.ID `json:"id"`
	// Title is a one-line name. Required.
	Title string `json:"title"`
	// Type is the kind of test. Required.
	Type TestType `json:"type"`
	// Procedure is the procedure or its reference (5.7.5 a).
	Procedure string `json:"procedure,omitempty"`
	// Verifies are the requirements, risk or security controls (their
	// implementation), items or interfaces the test verifies.
	Verifies []trace.ID `json:"verifies,omitempty"`
	// VerifiesEffectiveness are the risk or security controls whose
	// effectiveness the test shows.
	VerifiesEffectiveness []trace.ID `json:"verifiesEffectiveness,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Outcome is the outcome of one test execution.
type Outcome string

const (
	// Pass: the test met its acceptance criteria.
	Pass Outcome = "pass"
	// Fail: the test did not meet its acceptance criteria.
	Fail Outcome = "fail"
	// Blocked: the test could not be run to a verdict.
	Blocked Outcome = "blocked"
)

// Valid reports whether o is pass, fail or blocked.
func (o Outcome) Valid() bool { return o == Pass || o == Fail || o == Blocked }

// Result is one recorded execution of a test (IEC 62304:2006+A1:2015 5.7.5,
// 5.6.7, 9.8).
type Result struct {
	// ID is the result's ID. Required.
	ID trace.ID `json:"id"`
	// Test is the test this result evidences. Required.
	Test trace.ID `json:"test"`
	// Outcome is pass, fail or blocked (5.7.5 b). Required.
	Outcome Outcome `json:"outcome"`
	// Date is when the test ran (5.7.5 f). Required.
	Date time.Time `json:"date"`
	// Version is the software version under test (5.7.5 c). Required.
	Version string `json:"version"`
	// By names who ran the test (5.7.5 g). Required.
	By string `json:"by"`
	// Configuration is the hardware and software configuration (5.7.5 d).
	Configuration string `json:"configuration,omitempty"`
	// Tools are the test tools used (5.7.5 e).
	Tools []string `json:"tools,omitempty"`
	// Anomalies describes anomalies found (5.7.5 b).
	Anomalies string `json:"anomalies,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
