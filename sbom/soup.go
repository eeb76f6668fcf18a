package sbom

import (
	"errors"
	"fmt"
	"github.com/medtrace/medtrace/trace"
	"slices"
	"strconv"
	"strings"

	"github.com/package-url/packageurl-go"
)

// SOUP is the maker's annotation of one SOUP component (software of unknown
// provenance, IEC 62304:2006+A1:2015 3.29): what the device requires of it
// and what is known about it. It is keyed by package URL, or by name and
// version when the component has no purl.
type SOUP struct {
	// ID is the record's stable ID, such as "SOUP-012". Required.
	ID string `json:"id"`
	// PURL keys the record to components with this package URL. Qualifiers
	// and subpath are ignored; a purl without a version matches every
	// version of the package.
	PURL string `json:"purl,omitempty"`
	// Name and Version key the record when PURL is empty. Name may be
	// "group/name".
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"` // empty matches every version
	// Title is the SOUP item's title (IEC 62304 8.1.2).
	Title string `json:"title,omitempty"`
	// Manufacturer of the SOUP item (IEC 62304 8.1.2).
	Manufacturer string `json:"manufacturer,omitempty"`
	// FunctionalRequirements the software system places on the SOUP item
	// (IEC 62304 5.3.3).
	FunctionalRequirements []string `json:"functionalRequirements,omitempty"`
	// PerformanceRequirements the software system places on it (5.3.3).
	PerformanceRequirements []string `json:"performanceRequirements,omitempty"`
	// RequiredHardware the SOUP item needs to run correctly (5.3.4).
	RequiredHardware []string `json:"requiredHardware,omitempty"`
	// RequiredSoftware the SOUP item needs to run correctly (5.3.4).
	RequiredSoftware []string `json:"requiredSoftware,omitempty"`
	// AnomalyEvaluation is the evaluation of the SOUP item's published
	// anomaly list against the device (IEC 62304 7.1.2, 7.1.3).
	AnomalyEvaluation string `json:"anomalyEvaluation,omitempty"`
	// AnomalyListReviewedAt is when that list was last reviewed (ISO 8601).
	AnomalyListReviewedAt string `json:"anomalyListReviewedAt,omitempty"`
	// Support is the level of support and end-of-support date (FDA
	// premarket guidance V.A.4(b)); it overrides what the SBOM says.
	Support Support `json:"support"`
	// UsedBy are the IDs of the software items that use the SOUP item
	// (lifecycle "software-item"); each becomes a "uses" link.
	UsedBy []string `json:"usedBy,omitempty"`
	// Pos is where the record was read from; findings and validation
	// errors about the record name it.
	Pos trace.Position `json:"-"`
}

// ErrInvalidSOUP is wrapped by errors about malformed SOUP records.
var ErrInvalidSOUP = errors.New("sbom: invalid SOUP record")

// ValidateSOUP reports every problem of records at once, naming the field
// ("soup[2].purl") and the record ID.
func ValidateSOUP(records []SOUP) error {
	var errs []error
	seen := map[string]int{}
	for i, r := range records {
		at := "soup[" + strconv.Itoa(i) + "]"
		if pos := r.Pos.String(); pos != "" {
			at = pos + ": " + at
		}
		fail := func(field, format string, args ...any) {
			errs = append(errs, fmt.Errorf("%w: %s%s (%s): %s", ErrInvalidSOUP, at, field, nameOr(r.ID, "no ID"), fmt.Sprintf(format, args...)))
		}
		switch first, dup := seen[r.ID]; {
		case strings.TrimSpace(r.ID) == "":
			fail(".id", "ID is required")
		case dup:
			fail(".id", "duplicate ID, first at soup[%d]", first)
		default:
			seen[r.ID] = i
		}
		if r.PURL == "" && r.Name == "" {
			fail("", "purl or name is required to key the record to a component")
		}
		if r.PURL != "" {
			if _, err := packageurl.FromString(r.PURL); err != nil {
				fail(".purl", "malformed package URL %q: %v", r.PURL, err)
			}
		}
		if r.Support.Level != "" && !r.Support.Level.Valid() {
			fail(".support.level", "%q is not one of actively-maintained, no-longer-maintained, abandoned, unknown", r.Support.Level)
		}
		for _, d := range []struct{ field, v string }{{".support.endOfSupport", r.Support.EndOfSupport},
			{".support.assessedAt", r.Support.AssessedAt}, {".anomalyListReviewedAt", r.AnomalyListReviewedAt}} {
			if d.v != "" {
				if _, err := parseDate(d.v); err != nil {
					fail(d.field, "%q is not an ISO 8601 date", d.v)
				}
			}
		}
		for j, u := range r.UsedBy {
			if strings.TrimSpace(u) == "" {
				fail(".usedBy["+strconv.Itoa(j)+"]", "empty software item ID")
			}
		}
	}
	return errors.Join(errs...)
}

// purlKey is a purl without qualifiers and subpath, in canonical form.
func purlKey(s string) (key, version string, ok bool) {
	p, err := packageurl.FromString(s)
	if err != nil {
		return "", "", false
	}
	version = p.Version
	p.Version, p.Qualifiers, p.Subpath = "", nil, ""
	return p.ToString(), version, true
}

// matches reports whether record r keys component c.
func (r *SOUP) matches(c *Component) bool {
	return len(newSOUPMatcher([]SOUP{*r}).match(c)) > 0
}

// AnnotationReport says how SOUP records and components matched.
type AnnotationReport struct {
	// Matches pairs record IDs with component Refs, in record order.
	Matches []SOUPMatch `json:"matches"`
	// Unmatched lists record IDs that match no component (the record is
	// stale, or the SBOM lacks the component).
	Unmatched []string `json:"unmatched,omitempty"`
	// Unannotated lists the Refs of components no record matches, primary
	// component excluded (a component that is not SOUP needs no record;
	// review the list).
	Unannotated []string `json:"unannotated,omitempty"`
}

// SOUPMatch pairs a SOUP record with a component it annotates.
type SOUPMatch struct {
	// SOUP is the record ID.
	SOUP string `json:"soup"`
	// Component is the component's Ref.
	Component string `json:"component"`
}

// Annotate returns a copy of s whose components carry the SOUP records that
// match them: the record's support information replaces the document's
// (with the record as the field's origin) and the record's content is
// added as medtrace properties (see PropSOUPID), so that EncodeCycloneDX
// writes the submission SBOM. It reports records that match no component
// and components that no record matches. Records are validated first.
func Annotate(s *SBOM, records []SOUP) (*SBOM, *AnnotationReport, error) {
	if s == nil {
		return nil, nil, errors.New("sbom: annotate: nil SBOM")
	}
	if err := ValidateSOUP(records); err != nil {
		return nil, nil, err
	}
	out := *s
	out.Components = slices.Clone(s.Components)
	rep := &AnnotationReport{}
	annotated := make([]bool, len(out.Components))
	comps := make([]*Component, len(out.Components))
	for j := range out.Components {
		comps[j] = &out.Components[j]
	}
	pairs := newSOUPMatcher(records).pairs(comps)
	hit := make([]bool, len(records))
	for _, p := range pairs {
		c, r := comps[p.comp], &records[p.rec]
		hit[p.rec], annotated[p.comp] = true, true
		rep.Matches = append(rep.Matches, SOUPMatch{SOUP: r.ID, Component: c.Ref()})
		applySOUP(c, r)
	}
	for i := range records {
		if !hit[i] {
			rep.Unmatched = append(rep.Unmatched, records[i].ID)
		}
	}
	for j := range out.Components {
		if !annotated[j] {
			rep.Unannotated = append(rep.Unannotated, out.Components[j].Ref())
		}
	}
	return &out, rep, nil
}

// soupProperties lists the medtrace:soup properties, replaced on annotation.
var soupProperties = []string{PropSOUPID, PropFunctionalRequirement, PropPerformanceRequirement,
	PropRequiredHardware, PropRequiredSoftware, PropAnomalyEvaluation, PropAnomalyListReviewedAt, PropUsedBy}

func applySOUP(c *Component, r *SOUP) {
	origin := Origin{Document: r.ID, Format: FormatSOUP, Path: "soup:" + r.ID}
	props := make([]Property, 0, len(c.Properties)+8)
	for _, p := range c.Properties {
		if !slices.Contains(soupProperties, p.Name) {
			props = append(props, p)
		}
	}
	add := func(name string, values ...string) {
		for _, v := range values {
			if v != "" {
				props = append(props, Property{Name: name, Value: v})
			}
		}
	}
	add(PropSOUPID, r.ID)
	add(PropFunctionalRequirement, r.FunctionalRequirements...)
	add(PropPerformanceRequirement, r.PerformanceRequirements...)
	add(PropRequiredHardware, r.RequiredHardware...)
	add(PropRequiredSoftware, r.RequiredSoftware...)
	add(PropAnomalyEvaluation, r.AnomalyEvaluation)
	add(PropAnomalyListReviewedAt, r.AnomalyListReviewedAt)
	add(PropUsedBy, r.UsedBy...)
	c.Properties = props
	c.FieldOrigins = cloneOrigins(c.FieldOrigins)
	c.FieldOrigins[FieldProperties] = origin
	if !r.Support.IsZero() {
		c.Support = r.Support
		c.FieldOrigins[FieldSupport] = origin
	}
	if r.Manufacturer != "" && c.Manufacturer.State() == StateMissing {
		c.Manufacturer = Party{Name: r.Manufacturer}
		c.FieldOrigins[FieldManufacturer] = origin
	}
}

func cloneOrigins(m map[Field]Origin) map[Field]Origin {
	out := make(map[Field]Origin, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}
