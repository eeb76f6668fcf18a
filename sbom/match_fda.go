package sbom

import (
	"slices"
	"strings"
)

// DiscoveryOSVMatch is the discovery method recorded for vulnerabilities
// found by matching components against OSV data.
const DiscoveryOSVMatch = "osv-match"

// VulnerabilityData turns the report into the vulnerability assessment the
// FDA profile checks (FDA premarket cybersecurity guidance V.A.4(b)): one
// status per (component, vulnerability) with the VEX status where a
// statement was applied (ApplyVEX) and "" where none was, the discovery
// method "osv-match", and every component that could not be assessed with
// its reason. KEV membership, the safety and security assessments and the
// controls are not known here; a host or the security package adds them.
func (r *MatchReport) VulnerabilityData() *VulnerabilityData {
	vd := &VulnerabilityData{Statuses: []VulnerabilityStatus{}}
	for i := range r.Results {
		res := &r.Results[i]
		if res.Assessment == NotAssessed {
			vd.Unassessed = append(vd.Unassessed, UnassessedComponent{Component: res.Component,
				Reason: string(res.Reason) + ": " + res.Detail})
			continue
		}
		for _, m := range res.Matches {
			st := VulnerabilityStatus{Component: res.Component, Vulnerability: m.Vulnerability, DiscoveryMethod: DiscoveryOSVMatch}
			if m.VEX != nil {
				st.Status = string(m.VEX.Status)
			}
			vd.Statuses = append(vd.Statuses, st)
		}
	}
	slices.SortStableFunc(vd.Statuses, func(a, b VulnerabilityStatus) int {
		if c := strings.Compare(a.Component, b.Component); c != 0 {
			return c
		}
		return osvCompareVulnIDs(a.Vulnerability, b.Vulnerability)
	})
	return vd
}
