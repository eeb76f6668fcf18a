package lifecycle

import "github.com/medtrace/medtrace/trace"

// DocumentType says what an evidence document is.
type DocumentType string

const (
	// DocDevelopmentPlan is the software development plan
	// (IEC 62304:2006+A1:2015 5.1).
	DocDevelopmentPlan DocumentType = "development-plan"
	// DocMaintenancePlan is the software maintenance plan (6.1).
	DocMaintenancePlan DocumentType = "maintenance-plan"
	// DocRiskManagementPlan is the risk management plan (ISO 14971:2019 4.4).
	DocRiskManagementPlan DocumentType = "risk-management-plan"
	// DocConfigurationPlan is the configuration management plan (5.1.9).
	DocConfigurationPlan DocumentType = "configuration-management-plan"
	// DocVerificationPlan is the verification plan (5.1.6).
	DocVerificationPlan DocumentType = "verification-plan"
	// DocIntegrationPlan is the integration and integration test plan
	// (5.1.5).
	DocIntegrationPlan DocumentType = "integration-plan"
	// DocProcedure is a procedure (problem resolution, change control, ...).
	DocProcedure DocumentType = "procedure"
	// DocArchitecture is the software architecture description (5.3).
	DocArchitecture DocumentType = "architecture"
	// DocDetailedDesign is the detailed design description (5.4).
	DocDetailedDesign DocumentType = "detailed-design"
	// DocReport is a report (test report, evaluation, build record).
	DocReport DocumentType = "report"
	// DocRecord is any other record kept as evidence.
	DocRecord DocumentType = "record"
)

// Valid reports whether t is a known document type.
func (t DocumentType) Valid() bool {
	switch t {
	case DocDevelopmentPlan, DocMaintenancePlan, DocRiskManagementPlan, DocConfigurationPlan,
		DocVerificationPlan, DocIntegrationPlan, DocProcedure, DocArchitecture,
		DocDetailedDesign, DocReport, DocRecord:
		return true
	}
	return false
}

// Document is an evidence document kept outside the record files, such as a
// plan or a procedure. Clauses names the activities of the
// requirements-by-class matrix it gives evidence for.
type Document struct {
	// ID is the document's ID. Required.
	ID trace.ID `json:"id"`
	// Title is the document's title. Required.
	Title string `json:"title"`
	// Type says what the document is. Required.
	Type DocumentType `json:"type"`
	// Version is the document's version or revision.
	Version string `json:"version,omitempty"`
	// Location is where the document is kept (path, URL, DMS number).
	Location string `json:"location,omitempty"`
	// Clauses are the activity clauses of the matrix this document gives
	// evidence for, such as "5.1.1" or "6.1".
	Clauses []string `json:"clauses,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
