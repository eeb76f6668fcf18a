package sbom

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/package-url/packageurl-go"
)

// VEXOutcome is the VEX statement that decides a match.
type VEXOutcome struct {
	// Status is the effective status (a per-version status of a CycloneDX
	// affects entry overrides the statement's).
	Status VEXStatus `json:"status"`
	// Justification, ImpactStatement, ActionStatement and StatusNotes are
	// the statement's.
	Justification   VEXJustification `json:"justification,omitempty"`
	ImpactStatement string           `json:"impactStatement,omitempty"`
	ActionStatement string           `json:"actionStatement,omitempty"`
	StatusNotes     string           `json:"statusNotes,omitempty"`
	// Document is the ID of the VEX document ("" if it has none) and
	// Statement the statement's path in it.
	Document  string `json:"document,omitempty"`
	Statement string `json:"statement"`
	// Timestamp is the statement's time.
	Timestamp time.Time `json:"timestamp,omitzero"`
	// ProductWide is set when the statement names the whole product
	// (VEXApplyOptions.Product) rather than the component.
	ProductWide bool `json:"productWide,omitempty"`
}

// VEXApplyOptions controls ApplyVEX. The zero value is the default.
type VEXApplyOptions struct {
	// SerialNumber ("urn:uuid:...") and Version of the SBOM the report was
	// made from. When set, a CycloneDX BOM-Link naming another SBOM does
	// not apply; when empty, only the BOM-Link's bom-ref is compared.
	SerialNumber string
	Version      int
	// Product is the product the SBOM describes (its primary component,
	// SBOM.Metadata.Component), or nil. A statement that names the product
	// itself, without subcomponents, says the whole product is (or is not)
	// affected: it then decides every match of that vulnerability in the
	// report, unless a statement naming the component decides it.
	Product *Component
}

// Unstated is a match that no VEX statement covers.
type Unstated struct {
	// Component is the component's trace ID.
	Component string `json:"component"`
	// Vulnerability is the canonical vulnerability ID.
	Vulnerability string `json:"vulnerability"`
}

// VEXApplication is the outcome of applying VEX documents to a report.
type VEXApplication struct {
	// Report is a copy of the match report with Match.VEX set wherever a
	// statement applies.
	Report *MatchReport `json:"report"`
	// Unstated lists the matches no statement covers, in report order.
	Unstated []Unstated `json:"unstated"`
	// Unused lists the statements that applied to no match, as
	// "document statements[i] (vulnerability)".
	Unused []string `json:"unused,omitempty"`
	// Invalid lists the statements that break the VEX rules and were
	// therefore not applied (a not_affected without justification must not
	// silence a match), with the reasons.
	Invalid []string `json:"invalid,omitempty"`
}

// vexIndexStatements maps every vulnerability name and alias of the valid
// statements to their (document, statement) positions, in order, and
// lists the invalid ones.
func vexIndexStatements(docs []*VEXDocument) (map[string][][2]int, map[[2]int]bool, []string) {
	byName := make(map[string][][2]int)
	invalid := make(map[[2]int]bool)
	var reasons []string
	for d, doc := range docs {
		for s := range doc.Statements {
			st := &doc.Statements[s]
			if errs := st.validate(s); len(errs) > 0 {
				invalid[[2]int{d, s}] = true
				for _, e := range errs {
					reasons = append(reasons, vexNamed(e, vexFirst(doc.ID, fmt.Sprintf("document[%d]", d))).Error())
				}
				continue
			}
			for _, name := range append([]string{st.Vulnerability}, st.Aliases...) {
				if name != "" {
					byName[name] = append(byName[name], [2]int{d, s})
				}
			}
		}
	}
	return byName, invalid, reasons
}

// ApplyVEX applies the statements of docs to every match of rep. A
// statement applies to a match when it names the match's vulnerability
// (its canonical ID or an alias, or shares an alias) and one of its
// products names the component: by bom-ref, by BOM-Link (urn:cdx:...#ref),
// by trace ID, or by package URL (type, namespace and name equal; a purl
// version, if any, equal to the component's), a product's subcomponents
// included; product versions (exact or "vers:" range) must then include
// the component's version. Of several applicable statements the latest
// (by timestamp, then by document and statement order) wins. Statements
// that break the VEX rules (VEXDocument.Validate) are not applied and are
// listed in Invalid. rep is not changed.
func ApplyVEX(rep *MatchReport, opts VEXApplyOptions, docs ...*VEXDocument) *VEXApplication {
	out := &MatchReport{Format: rep.Format, Snapshot: rep.Snapshot, Results: slices.Clone(rep.Results)}
	app := &VEXApplication{Report: out, Unstated: []Unstated{}}
	byName, invalid, reasons := vexIndexStatements(docs)
	app.Invalid = reasons
	used := make(map[[2]int]bool)
	var cands [][2]int
	var product *ComponentResult
	if opts.Product != nil {
		product = &ComponentResult{Component: string(opts.Product.ID()), BOMRef: opts.Product.BOMRef,
			PURL: opts.Product.PURL, Version: opts.Product.Version.Text}
	}
	for i := range out.Results {
		r := &out.Results[i]
		r.Matches = slices.Clone(r.Matches)
		for j := range r.Matches {
			m := &r.Matches[j]
			m.VEX = nil
			cands = cands[:0]
			for _, name := range append([]string{m.Vulnerability}, m.Aliases...) {
				cands = append(cands, byName[name]...)
			}
			slices.SortFunc(cands, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
			cands = slices.Compact(cands)
			best := vexDecide(docs, cands, m, r, product, opts, used)
			if best != nil {
				m.VEX = best
			} else {
				app.Unstated = append(app.Unstated, Unstated{Component: r.Component, Vulnerability: m.Vulnerability})
			}
		}
	}
	for d, doc := range docs {
		for s := range doc.Statements {
			if !used[[2]int{d, s}] && !invalid[[2]int{d, s}] {
				app.Unused = append(app.Unused, fmt.Sprintf("%s %s (%s)", vexFirst(doc.ID, fmt.Sprintf("document[%d]", d)),
					vexPath(&doc.Statements[s], s), doc.Statements[s].Vulnerability))
			}
		}
	}
	return app
}

// vexDecide picks the statement that decides match m of result r among
// the candidate statements: the latest of those naming the component, else
// the latest of those naming the whole product. It marks what applied in
// used.
func vexDecide(docs []*VEXDocument, cands [][2]int, m *Match, r, product *ComponentResult,
	opts VEXApplyOptions, used map[[2]int]bool) *VEXOutcome {
	var best, wide *VEXOutcome
	for _, ref := range cands {
		doc, st := docs[ref[0]], &docs[ref[0]].Statements[ref[1]]
		slot := &best
		status, ok := vexStatementApplies(st, m, r, opts)
		if !ok && product != nil {
			status, ok = vexProductWide(st, product, opts)
			slot = &wide
		}
		if !ok {
			continue
		}
		used[ref] = true
		if *slot == nil || !st.Timestamp.Before((*slot).Timestamp) {
			*slot = &VEXOutcome{Status: status, Justification: st.Justification,
				ImpactStatement: st.ImpactStatement, ActionStatement: st.ActionStatement,
				StatusNotes: st.StatusNotes, Document: doc.ID, Statement: vexPath(st, ref[1]),
				Timestamp: st.Timestamp, ProductWide: slot == &wide}
		}
	}
	if best != nil {
		return best
	}
	return wide
}

// vexProductWide reports whether st names the whole product (a product
// entry without subcomponents that names it), and the effective status.
func vexProductWide(st *VEXStatement, product *ComponentResult, opts VEXApplyOptions) (VEXStatus, bool) {
	for _, p := range st.Products {
		if len(p.Subcomponents) > 0 {
			continue
		}
		if status, ok := vexProductApplies(&p, st.Status, product, opts); ok {
			return status, true
		}
	}
	return "", false
}

func vexPath(st *VEXStatement, i int) string {
	if st.Path != "" {
		return st.Path
	}
	return fmt.Sprintf("statements[%d]", i)
}

// vexStatementApplies reports whether st covers match m of result r, and
// the effective status.
func vexStatementApplies(st *VEXStatement, m *Match, r *ComponentResult, opts VEXApplyOptions) (VEXStatus, bool) {
	if !vexNamesVuln(st, m) {
		return "", false
	}
	for _, p := range st.Products {
		if status, ok := vexProductApplies(&p, st.Status, r, opts); ok {
			return status, true
		}
	}
	return "", false
}

func vexNamesVuln(st *VEXStatement, m *Match) bool {
	names := func(id string) bool { return id == m.Vulnerability || slices.Contains(m.Aliases, id) }
	if names(st.Vulnerability) {
		return true
	}
	return slices.ContainsFunc(st.Aliases, names)
}

func vexProductApplies(p *VEXProduct, status VEXStatus, r *ComponentResult, opts VEXApplyOptions) (VEXStatus, bool) {
	if !vexProductNames(p, r, opts) {
		for i := range p.Subcomponents {
			if s, ok := vexProductApplies(&p.Subcomponents[i], status, r, opts); ok {
				return s, true
			}
		}
		return "", false
	}
	if len(p.Versions) == 0 {
		return status, true
	}
	for _, v := range p.Versions {
		if vexVersionIncludes(v, r) {
			return vexStatusOr(v.Status, status), true
		}
	}
	return "", false
}

func vexProductNames(p *VEXProduct, r *ComponentResult, opts VEXApplyOptions) bool {
	if id := p.ID; id != "" {
		if strings.HasPrefix(id, "urn:cdx:") {
			if vexBOMLinkMatches(id, r.BOMRef, opts) {
				return true
			}
		} else if (r.BOMRef != "" && id == r.BOMRef) || id == r.Component {
			return true
		}
	}
	return p.PURL != "" && r.PURL != "" && vexPURLMatches(p.PURL, r)
}

// vexBOMLinkMatches compares a BOM-Link "urn:cdx:<serial>/<version>#<ref>"
// with a component's bom-ref and, when known, the SBOM's serial and version.
func vexBOMLinkMatches(link, bomRef string, opts VEXApplyOptions) bool {
	head, frag, ok := strings.Cut(strings.TrimPrefix(link, "urn:cdx:"), "#")
	if !ok || frag == "" || frag != bomRef {
		return false
	}
	serial, ver, _ := strings.Cut(head, "/")
	if opts.SerialNumber != "" && serial != strings.TrimPrefix(opts.SerialNumber, "urn:uuid:") {
		return false
	}
	return opts.Version == 0 || ver == "" || ver == fmt.Sprint(opts.Version)
}

// vexPURLMatches compares a statement's purl with the component's: type,
// namespace and name must be equal (names normalised as for matching); a
// version in the statement's purl must equal the component's version.
func vexPURLMatches(stmt string, r *ComponentResult) bool {
	sp, err := packageurl.FromString(stmt)
	if err != nil {
		return false
	}
	cp, err := packageurl.FromString(r.PURL)
	if err != nil || sp.Type != cp.Type {
		return false
	}
	if eco, ok := osvPurlEcosystem(sp); ok {
		if osvNormalizeName(eco, osvPurlPackageName(sp)) != osvNormalizeName(eco, osvPurlPackageName(cp)) {
			return false
		}
		if sp.Version == "" {
			return true
		}
		return osvNormalizeVersion(eco, sp.Version) == osvNormalizeVersion(eco, vexFirst(cp.Version, r.Version))
	}
	if sp.Namespace != cp.Namespace || sp.Name != cp.Name {
		return false
	}
	return sp.Version == "" || sp.Version == vexFirst(cp.Version, r.Version)
}

func vexVersionIncludes(v VEXVersion, r *ComponentResult) bool {
	if v.Version != "" {
		return v.Version == r.Version || (r.Ecosystem != "" &&
			osvNormalizeVersion(r.Ecosystem, v.Version) == osvNormalizeVersion(r.Ecosystem, r.Version))
	}
	if v.Range != "" && r.Version != "" {
		ok, err := VersContains(v.Range, r.Version)
		return err == nil && ok
	}
	return false
}
