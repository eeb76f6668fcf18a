package sbom

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/osv-scalibr/semantic"
	"github.com/package-url/packageurl-go"
)

// Assessment is the outcome of matching one component. A component is
// never reported clean unless it was actually assessed (reference §7: a
// component a scanner cannot read must not look free of vulnerabilities).
type Assessment string

const (
	// AssessedAffected: at least one vulnerability matches the component.
	AssessedAffected Assessment = "affected"
	// AssessedClean: the component was assessed and no advisory matches.
	AssessedClean Assessment = "clean"
	// NotAssessed: the component could not be assessed; Reason says why.
	NotAssessed Assessment = "not-assessed"
)

// Valid reports whether a is one of the three outcomes.
func (a Assessment) Valid() bool {
	return a == AssessedAffected || a == AssessedClean || a == NotAssessed
}

// NotAssessedReason says why a component could not be assessed.
type NotAssessedReason string

const (
	// ReasonNoPURL: the component has no package URL (CPE matching is not
	// done: guessing CPEs for language packages gives false matches).
	ReasonNoPURL NotAssessedReason = "no-purl"
	// ReasonBadPURL: the package URL cannot be parsed.
	ReasonBadPURL NotAssessedReason = "bad-purl"
	// ReasonUnknownEcosystem: the purl type (or distro namespace) has no OSV
	// ecosystem with a version order (generic, github, yocto, ...).
	ReasonUnknownEcosystem NotAssessedReason = "unknown-ecosystem"
	// ReasonEcosystemNotCovered: the advisory data holds no record of the
	// component's ecosystem at all (an export of other ecosystems only), so
	// finding nothing proves nothing.
	ReasonEcosystemNotCovered NotAssessedReason = "ecosystem-not-covered"
	// ReasonNoVersion: neither the purl nor the component gives a version.
	ReasonNoVersion NotAssessedReason = "no-version"
	// ReasonBadVersion: the version cannot be read in the ecosystem's order.
	ReasonBadVersion NotAssessedReason = "bad-version"
	// ReasonUnevaluable: advisories name the package but their ranges
	// cannot be evaluated (GIT ranges only, or versions the ecosystem order
	// cannot parse), and none of the others matched.
	ReasonUnevaluable NotAssessedReason = "advisory-unevaluable"
)

// Valid reports whether r is one of the reasons.
func (r NotAssessedReason) Valid() bool {
	switch r {
	case ReasonNoPURL, ReasonBadPURL, ReasonUnknownEcosystem, ReasonEcosystemNotCovered, ReasonNoVersion, ReasonBadVersion, ReasonUnevaluable:
		return true
	}
	return false
}

// MatchEvidence says why an advisory matched: which range or list, which
// events, which version, in which order.
type MatchEvidence struct {
	// Advisory is the OSV record ID.
	Advisory string `json:"advisory"`
	// Modified is the record's modified time.
	Modified time.Time `json:"modified"`
	// Source is the file (or zip entry) the record was read from, if any.
	Source string `json:"source,omitempty"`
	// Ecosystem is the affected package's ecosystem as the record writes it.
	Ecosystem string `json:"ecosystem"`
	// Path is the JSON path of the range or list that matched, such as
	// "affected[0].ranges[0]" or "affected[1].versions".
	Path string `json:"path"`
	// Reason is the comparison that matched, such as
	// "introduced 0 ≤ 1.2.3 < fixed 1.2.5 (SEMVER)".
	Reason string `json:"reason"`
}

// Match is one vulnerability found in one component.
type Match struct {
	// Vulnerability is the canonical ID (see CanonicalVulnID).
	Vulnerability string `json:"vulnerability"`
	// Aliases are the other IDs of the vulnerability, sorted.
	Aliases []string `json:"aliases,omitempty"`
	// Summary is the advisory's one-line summary.
	Summary string `json:"summary,omitempty"`
	// Severity lists the severity scores (CVSS vectors) the vulnerability's
	// advisories give, deduplicated.
	Severity []OSVSeverity `json:"severity,omitempty"`
	// Evidence lists every advisory range or list that matched.
	Evidence []MatchEvidence `json:"evidence"`
	// VEX is the VEX statement applied to the match, if any (ApplyVEX).
	VEX *VEXOutcome `json:"vex,omitempty"`
}

// ComponentResult is the outcome of matching one component.
type ComponentResult struct {
	// Component is the component's trace item ID (Component.ID).
	Component string `json:"component"`
	// BOMRef is the component's bom-ref, if any.
	BOMRef string `json:"bomRef,omitempty"`
	// PURL is the component's package URL, if any.
	PURL string `json:"purl,omitempty"`
	// Name is the component's name.
	Name string `json:"name,omitempty"`
	// Version is the version matched (from the purl, else the version field).
	Version string `json:"version,omitempty"`
	// Ecosystem and Package are the OSV ecosystem and normalised name the
	// component was looked up by.
	Ecosystem string `json:"ecosystem,omitempty"`
	Package   string `json:"package,omitempty"`
	// Assessment is the outcome.
	Assessment Assessment `json:"assessment"`
	// Reason is set when Assessment is NotAssessed.
	Reason NotAssessedReason `json:"reason,omitempty"`
	// Detail explains Reason for people.
	Detail string `json:"detail,omitempty"`
	// Matches lists the vulnerabilities found, by canonical ID.
	Matches []Match `json:"matches,omitempty"`
	// Notes record what did not count: withdrawn advisories that would have
	// matched, GIT ranges left out, and advisories that could not be
	// evaluated next to others that matched.
	Notes []string `json:"notes,omitempty"`
}

// MatchReportFormat names the JSON form of MatchReport and its version; it
// changes when a field changes meaning or is removed.
const MatchReportFormat = "medtrace.sbom.match-report/v1"

// MatchReport is the outcome of matching a set of components.
type MatchReport struct {
	// Format is MatchReportFormat for reports made by this package.
	Format string `json:"format"`
	// Snapshot identifies the advisory data used.
	Snapshot SnapshotInfo `json:"snapshot"`
	// Results holds one result per component, in component order.
	Results []ComponentResult `json:"results"`
}

// Counts returns how many results have each assessment.
func (r *MatchReport) Counts() map[Assessment]int {
	out := map[Assessment]int{AssessedAffected: 0, AssessedClean: 0, NotAssessed: 0}
	for i := range r.Results {
		out[r.Results[i].Assessment]++
	}
	return out
}

// MatchSBOM matches every component of s (the primary component, which is
// the product itself, is left out) against the index.
func (ix *Index) MatchSBOM(ctx context.Context, s *SBOM) (*MatchReport, error) {
	return ix.MatchComponents(ctx, s.Components)
}

// MatchComponents matches each component against the index, in order.
func (ix *Index) MatchComponents(ctx context.Context, comps []Component) (*MatchReport, error) {
	rep := &MatchReport{Format: MatchReportFormat, Snapshot: ix.snap, Results: make([]ComponentResult, 0, len(comps))}
	for i := range comps {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rep.Results = append(rep.Results, ix.MatchComponent(&comps[i]))
	}
	return rep, nil
}

// MatchComponent matches one component. The lookup key is the component's
// package URL (type → OSV ecosystem, namespace and name → normalised OSV
// name; see EcosystemOf); the version is the purl's, else the component's
// version field.
func (ix *Index) MatchComponent(c *Component) ComponentResult {
	r := ComponentResult{Component: string(c.ID()), BOMRef: c.BOMRef, PURL: c.PURL, Name: c.Name, Version: c.Version.Text}
	if c.PURL == "" {
		return r.notAssessed(ReasonNoPURL, "the component has no package URL")
	}
	p, err := packageurl.FromString(c.PURL)
	if err != nil {
		return r.notAssessed(ReasonBadPURL, fmt.Sprintf("package URL %q: %v", osvClip(c.PURL), err))
	}
	eco, ok := osvPurlEcosystem(p)
	if !ok {
		t := p.Type
		if p.Type == "deb" || p.Type == "apk" || p.Type == "rpm" {
			t += "/" + p.Namespace
		}
		return r.notAssessed(ReasonUnknownEcosystem, fmt.Sprintf("purl type %q has no OSV ecosystem with a version order", t))
	}
	r.Ecosystem, r.Package = eco, osvNormalizeName(eco, osvPurlPackageName(p))
	ver := p.Version
	if ver == "" && c.Version.Text != "" {
		ver = c.Version.Text
		r.Notes = append(r.Notes, "the package URL has no version; the component's version field was used")
	}
	if ver == "" {
		return r.notAssessed(ReasonNoVersion, "neither the package URL nor the version field gives a version")
	}
	r.Version = ver
	nv := osvNormalizeVersion(eco, ver)
	v, err := osvParserFor(RangeEcosystem, eco)(nv)
	if err != nil {
		return r.notAssessed(ReasonBadVersion, fmt.Sprintf("%s version order: %v", eco, err))
	}
	if !ix.ecosystems[eco] {
		return r.notAssessed(ReasonEcosystemNotCovered, fmt.Sprintf("the advisory data has no %s records", eco))
	}
	vc := &osvVersionCache{eco: eco, text: nv}
	vc.done[0], vc.parsed[0] = true, v
	if osvSemverFamily[eco] {
		vc.done[1], vc.parsed[1] = true, v // the same order
	}
	ix.evaluate(&r, vc, osvDistroRelease(p))
	return r
}

// goModuleCandidates handles a Go purl that names a package inside a
// module ("golang.org/x/crypto/ssh"): the Go advisories are filed under
// module paths, so the longest path prefix the data covers is used, and a
// note says so. Without this the package would read as clean. If the
// package path is in fact a module of its own, the note lets a reviewer
// discard the match.
func (ix *Index) goModuleCandidates(r *ComponentResult) []*osvCandidate {
	path := r.Package
	for {
		i := strings.LastIndexByte(path, '/')
		if i <= 0 {
			return nil
		}
		path = path[:i]
		if cands := ix.byPkg[osvKey(r.Ecosystem, path)]; len(cands) > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("no Go advisory names %s; matched under its module path %s (if %s is a module of its own, discard these matches)",
				r.Package, path, r.Package))
			return cands
		}
	}
}

func (r ComponentResult) notAssessed(reason NotAssessedReason, detail string) ComponentResult {
	r.Assessment, r.Reason, r.Detail = NotAssessed, reason, detail
	return r
}

// osvVersionCache parses the component version once per order (SEMVER
// and the ecosystem's own).
type osvVersionCache struct {
	eco, text string
	done      [2]bool
	parsed    [2]semantic.Version
	errs      [2]error
}

func (vc *osvVersionCache) get(typ OSVRangeType) (semantic.Version, error) {
	i := 0
	if typ == RangeSemver {
		i = 1
	}
	if !vc.done[i] {
		vc.parsed[i], vc.errs[i] = osvParserFor(typ, vc.eco)(vc.text)
		vc.done[i] = true
	}
	return vc.parsed[i], vc.errs[i]
}

func (ix *Index) evaluate(r *ComponentResult, vc *osvVersionCache, release string) {
	cands := ix.byPkg[osvKey(r.Ecosystem, r.Package)]
	if len(cands) == 0 && r.Ecosystem == "Go" {
		cands = ix.goModuleCandidates(r)
	}
	if len(cands) == 0 {
		r.Assessment = AssessedClean
		return
	}
	byGroup := make(map[int32]*Match)
	var unevaluable []string
	for _, c := range cands {
		if !osvReleaseCompatible(c.release, release) {
			continue
		}
		adv := &ix.advs[c.adv]
		ev, why := ix.evalCandidate(c, vc, r.Version)
		if c.hasGit && why == "" && !adv.IsWithdrawn() {
			r.Notes = append(r.Notes, fmt.Sprintf("%s affected[%d]: its GIT range is not evaluated (commits cannot be ordered against a version); judged by versions[] and the other ranges",
				adv.ID, c.affected))
		}
		switch {
		case adv.IsWithdrawn() && len(ev) > 0:
			r.Notes = append(r.Notes, fmt.Sprintf("%s would match (%s) but was withdrawn on %s; not counted",
				adv.ID, ev[0].Reason, adv.Withdrawn.Format(time.DateOnly)))
		case adv.IsWithdrawn():
		case len(ev) > 0:
			g := ix.advGroup[c.adv]
			m := byGroup[g]
			if m == nil {
				grp := &ix.groups[g]
				m = &Match{Vulnerability: grp.id, Aliases: slices.Clone(grp.ids), Summary: grp.summary, Severity: slices.Clone(grp.severity)}
				byGroup[g] = m
			}
			m.Evidence = append(m.Evidence, ev...)
		case why != "":
			unevaluable = append(unevaluable, adv.ID+" "+fmt.Sprintf("affected[%d]", c.affected)+": "+why)
		}
	}
	for _, m := range byGroup {
		slices.SortFunc(m.Evidence, func(a, b MatchEvidence) int {
			return cmp.Or(cmp.Compare(a.Advisory, b.Advisory), cmp.Compare(a.Path, b.Path))
		})
		r.Matches = append(r.Matches, *m)
	}
	slices.SortFunc(r.Matches, func(a, b Match) int { return osvCompareVulnIDs(a.Vulnerability, b.Vulnerability) })
	slices.Sort(unevaluable)
	slices.Sort(r.Notes)
	switch {
	case len(r.Matches) > 0:
		r.Assessment = AssessedAffected
		for _, u := range unevaluable {
			r.Notes = append(r.Notes, "not evaluated: "+u)
		}
	case len(unevaluable) > 0:
		r.Assessment, r.Reason = NotAssessed, ReasonUnevaluable
		r.Detail = strings.Join(unevaluable, "; ")
	default:
		r.Assessment = AssessedClean
	}
}

// evalCandidate checks one affected[] entry. It returns the evidence of a
// match, or, when nothing matched and the entry could not be fully
// evaluated, why.
func (ix *Index) evalCandidate(c *osvCandidate, vc *osvVersionCache, shown string) ([]MatchEvidence, string) {
	adv := &ix.advs[c.adv]
	mk := func(path, reason string) MatchEvidence {
		return MatchEvidence{Advisory: adv.ID, Modified: adv.Modified, Source: adv.Source, Ecosystem: c.ecosystem,
			Path: fmt.Sprintf("affected[%d].%s", c.affected, path), Reason: reason}
	}
	var ev []MatchEvidence
	if _, ok := slices.BinarySearch(c.versions, vc.text); ok {
		ev = append(ev, mk("versions", shown+" is listed in versions[]"))
	}
	evaluable := len(c.versions) > 0
	var problems []string
	for i := range c.ranges {
		pr := &c.ranges[i]
		if pr.err != "" {
			if pr.typ != RangeGit {
				problems = append(problems, pr.err)
			}
			continue
		}
		v, err := vc.get(pr.typ)
		if err != nil {
			problems = append(problems, fmt.Sprintf("component version in %s order: %v", pr.typ, err))
			continue
		}
		evaluable = true
		for k := range pr.intervals {
			ok, text, err := pr.intervals[k].contains(v, shown, pr.typ)
			if err != nil {
				problems = append(problems, err.Error())
				break
			}
			if ok {
				ev = append(ev, mk(fmt.Sprintf("ranges[%d]", pr.index), text))
				break
			}
		}
	}
	switch {
	case len(ev) > 0:
		return ev, ""
	case len(problems) > 0:
		return nil, strings.Join(problems, "; ")
	case !evaluable && len(c.ranges) > 0:
		return nil, "only GIT ranges and no versions[] list: commits cannot be ordered against a version without the repository history"
	}
	return nil, ""
}

// Vulnerabilities returns the canonical IDs of r's matches.
func (r *ComponentResult) Vulnerabilities() []string {
	out := make([]string, len(r.Matches))
	for i := range r.Matches {
		out[i] = r.Matches[i].Vulnerability
	}
	return out
}
