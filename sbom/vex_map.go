package sbom

import (
	"fmt"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// Mapping between the CycloneDX analysis vocabulary and the common (OpenVEX)
// one, after reference §8:
//
//	CycloneDX state           common status          loss
//	not_affected              not_affected           —
//	false_positive            not_affected           "the advisory does not apply at all" becomes plain not_affected
//	exploitable               affected               —
//	resolved                  fixed                  —
//	resolved_with_pedigree    fixed                  the pedigree evidence of the fix is not carried
//	in_triage                 under_investigation    —
//	(no analysis state)       under_investigation    read as not yet assessed
//
//	CycloneDX justification   OpenVEX justification                                loss
//	code_not_present          vulnerable_code_not_present                         —
//	code_not_reachable        vulnerable_code_not_in_execute_path                 —
//	requires_configuration    vulnerable_code_cannot_be_controlled_by_adversary   which precondition is missing
//	requires_dependency       vulnerable_code_cannot_be_controlled_by_adversary   which precondition is missing
//	requires_environment      vulnerable_code_cannot_be_controlled_by_adversary   which precondition is missing
//	protected_by_compiler     inline_mitigations_already_exist                    which protection
//	protected_at_runtime      inline_mitigations_already_exist                    which protection
//	protected_at_perimeter    inline_mitigations_already_exist                    which protection
//	protected_by_mitigating_control inline_mitigations_already_exist              which protection
//
// Writing CycloneDX from OpenVEX: component_not_present becomes
// code_not_present (CycloneDX cannot say the whole component is absent);
// vulnerable_code_cannot_be_controlled_by_adversary becomes
// requires_environment and inline_mitigations_already_exist becomes
// protected_by_mitigating_control (both a guess, reported as a loss);
// impact statement, action statement and status notes share the one
// detail field. CycloneDX responses (can_not_fix, will_not_fix, update,
// rollback, workaround_available) have no OpenVEX field: reading keeps them
// in VEXStatement.CDXResponses, and writing OpenVEX reports them as lost.
func vexCDXStateToStatus(s cdx.ImpactAnalysisState) (VEXStatus, string) {
	switch s {
	case cdx.IASNotAffected:
		return VEXNotAffected, ""
	case cdx.IASFalsePositive:
		return VEXNotAffected, "false_positive read as not_affected: the distinction that the advisory does not apply at all is lost"
	case cdx.IASExploitable:
		return VEXAffected, ""
	case cdx.IASResolved:
		return VEXFixed, ""
	case cdx.IASResolvedWithPedigree:
		return VEXFixed, "resolved_with_pedigree read as fixed: the pedigree evidence is not carried"
	case cdx.IASInTriage:
		return VEXUnderInvestigation, ""
	case "":
		return VEXUnderInvestigation, "no analysis state: read as under_investigation"
	}
	return VEXStatus(s), fmt.Sprintf("unknown analysis state %q", osvClip(string(s)))
}

func vexCDXJustificationToOpenVEX(j cdx.ImpactAnalysisJustification) (VEXJustification, string) {
	switch j {
	case cdx.IAJCodeNotPresent:
		return JustVulnerableCodeNotPresent, ""
	case cdx.IAJCodeNotReachable:
		return JustVulnerableCodeNotInExecutePath, ""
	case cdx.IAJRequiresConfiguration, cdx.IAJRequiresDependency, cdx.IAJRequiresEnvironment:
		return JustVulnerableCodeCannotBeControlledByAdversary,
			fmt.Sprintf("%s read as vulnerable_code_cannot_be_controlled_by_adversary: which precondition is missing is lost", j)
	case cdx.IAJProtectedByCompiler, cdx.IAJProtectedAtRuntime, cdx.IAJProtectedAtPerimeter, cdx.IAJProtectedByMitigatingControl:
		return JustInlineMitigationsAlreadyExist,
			fmt.Sprintf("%s read as inline_mitigations_already_exist: which protection is lost", j)
	}
	return VEXJustification(j), fmt.Sprintf("unknown justification %q", osvClip(string(j)))
}

// vexStatusToCDXState keeps a statement's original CycloneDX state when it
// still agrees with the status.
func vexStatusToCDXState(st *VEXStatement) cdx.ImpactAnalysisState {
	if st.CDXState != "" {
		if s, _ := vexCDXStateToStatus(cdx.ImpactAnalysisState(st.CDXState)); s == st.Status {
			return cdx.ImpactAnalysisState(st.CDXState)
		}
	}
	switch st.Status {
	case VEXNotAffected:
		return cdx.IASNotAffected
	case VEXAffected:
		return cdx.IASExploitable
	case VEXFixed:
		return cdx.IASResolved
	}
	return cdx.IASInTriage
}

func vexJustificationToCDX(st *VEXStatement) (cdx.ImpactAnalysisJustification, string) {
	if st.CDXJustification != "" {
		if j, _ := vexCDXJustificationToOpenVEX(cdx.ImpactAnalysisJustification(st.CDXJustification)); j == st.Justification {
			return cdx.ImpactAnalysisJustification(st.CDXJustification), ""
		}
	}
	switch st.Justification {
	case JustComponentNotPresent:
		return cdx.IAJCodeNotPresent, "component_not_present written as code_not_present: CycloneDX cannot say the whole component is absent"
	case JustVulnerableCodeNotPresent:
		return cdx.IAJCodeNotPresent, ""
	case JustVulnerableCodeNotInExecutePath:
		return cdx.IAJCodeNotReachable, ""
	case JustVulnerableCodeCannotBeControlledByAdversary:
		return cdx.IAJRequiresEnvironment, "vulnerable_code_cannot_be_controlled_by_adversary written as requires_environment (a guess)"
	case JustInlineMitigationsAlreadyExist:
		return cdx.IAJProtectedByMitigatingControl, "inline_mitigations_already_exist written as protected_by_mitigating_control (a guess)"
	}
	return cdx.ImpactAnalysisJustification(st.Justification), fmt.Sprintf("unknown justification %q", osvClip(string(st.Justification)))
}

func vexStatusToCDXVersion(s VEXStatus) cdx.VulnerabilityStatus {
	switch s {
	case VEXAffected:
		return cdx.VulnerabilityStatusAffected
	case VEXNotAffected, VEXFixed:
		return cdx.VulnerabilityStatusNotAffected
	}
	return cdx.VulnerabilityStatusUnknown
}
