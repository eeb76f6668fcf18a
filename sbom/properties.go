package sbom

import "strings"

// The medtrace CycloneDX property namespace. The submission SBOM written by
// EncodeCycloneDX carries the FDA premarket fields (guidance V.A.4(b)) and
// the SOUP annotation (IEC 62304:2006+A1:2015 5.3.3, 5.3.4, 7.1.2, 7.1.3)
// as component properties with these names. Repeated properties hold lists,
// one value each, in order.
const (
	// PropSupportLevel holds the SupportLevel ("actively-maintained",
	// "no-longer-maintained", "abandoned", "unknown").
	PropSupportLevel = "medtrace:support:level"
	// PropEndOfSupport holds the end-of-support date (ISO 8601).
	PropEndOfSupport = "medtrace:support:endOfSupport"
	// PropSupportJustification explains an unknown level or date.
	PropSupportJustification = "medtrace:support:justification"
	// PropSupportAssessedAt is when support was last assessed (ISO 8601).
	PropSupportAssessedAt = "medtrace:support:assessedAt"
	// PropSOUPID is the ID of the SOUP record annotating the component.
	PropSOUPID = "medtrace:soup:id"
	// PropFunctionalRequirement is one functional requirement on the SOUP
	// item (IEC 62304 5.3.3); repeated.
	PropFunctionalRequirement = "medtrace:soup:requirement:functional"
	// PropPerformanceRequirement is one performance requirement on the SOUP
	// item (IEC 62304 5.3.3); repeated.
	PropPerformanceRequirement = "medtrace:soup:requirement:performance"
	// PropRequiredHardware is one hardware prerequisite (IEC 62304 5.3.4);
	// repeated.
	PropRequiredHardware = "medtrace:soup:requires:hardware"
	// PropRequiredSoftware is one software prerequisite (IEC 62304 5.3.4);
	// repeated.
	PropRequiredSoftware = "medtrace:soup:requires:software"
	// PropAnomalyEvaluation summarises the evaluation of the published
	// anomaly list (IEC 62304 7.1.2, 7.1.3).
	PropAnomalyEvaluation = "medtrace:soup:anomalies:evaluation"
	// PropAnomalyListReviewedAt is when the published anomaly list was last
	// reviewed (ISO 8601).
	PropAnomalyListReviewedAt = "medtrace:soup:anomalies:reviewedAt"
	// PropUsedBy is one software item that uses the component; repeated.
	PropUsedBy = "medtrace:soup:usedBy"
	// PropMilestoneEndOfSupport is the official CycloneDX taxonomy property
	// for the end-of-support date; written beside PropEndOfSupport.
	PropMilestoneEndOfSupport = "cdx:lifecycle:milestone:endOfSupport"
)

// Draft FDA taxonomy names (cdx:fda:*) read, never written.
const (
	propFDALevel         = "cdx:fda:level-of-support"
	propFDAEndOfSupport  = "cdx:fda:end-of-support-date"
	propFDAJustification = "cdx:fda:justification"
	propFDAAssessed      = "cdx:fda:support-assessed-date"
)

// ParseSupportLevel reads a level of support as written by people and
// tools ("actively maintained", "Actively-Maintained", "abandoned"). It
// returns "" and false for anything else.
func ParseSupportLevel(s string) (SupportLevel, bool) {
	n := []byte(strings.ToLower(strings.TrimSpace(s)))
	for i, c := range n {
		if c == ' ' || c == '_' {
			n[i] = '-'
		}
	}
	switch string(n) {
	case "actively-maintained", "active", "maintained", "supported":
		return SupportActive, true
	case "no-longer-maintained", "unmaintained", "not-maintained":
		return SupportNoLonger, true
	case "abandoned":
		return SupportAbandoned, true
	case "unknown", "noassertion":
		return SupportUnknown, true
	}
	return "", false
}

// supportFromProperties reads Support from medtrace, draft FDA and
// CycloneDX lifecycle properties; medtrace properties win.
func supportFromProperties(ps []Property) Support {
	var s Support
	if len(ps) == 0 {
		return s
	}
	set := func(dst *string, v string, strong bool) {
		if strong || *dst == "" {
			*dst = v
		}
	}
	for _, p := range ps {
		if !strings.HasPrefix(p.Name, "medtrace:") && !strings.HasPrefix(p.Name, "cdx:") {
			continue
		}
		switch p.Name {
		case PropSupportLevel, propFDALevel:
			if l, ok := ParseSupportLevel(p.Value); ok && (p.Name == PropSupportLevel || s.Level == "") {
				s.Level = l
			}
		case PropEndOfSupport:
			set(&s.EndOfSupport, p.Value, true)
		case propFDAEndOfSupport, PropMilestoneEndOfSupport:
			set(&s.EndOfSupport, p.Value, false)
		case PropSupportJustification:
			set(&s.Justification, p.Value, true)
		case propFDAJustification:
			set(&s.Justification, p.Value, false)
		case PropSupportAssessedAt:
			set(&s.AssessedAt, p.Value, true)
		case propFDAAssessed:
			set(&s.AssessedAt, p.Value, false)
		}
	}
	return s
}
