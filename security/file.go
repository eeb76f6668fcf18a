package security

import (
	"fmt"
	"github.com/medtrace/medtrace/sbom"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// File is the security file of one device: the threat model, its threats,
// security controls, security risks (vulnerability assessments included),
// PASTA records and the security risk matrix. It implements
// trace.Contributor.
type File struct {
	// Model is the threat model. Required.
	Model Model `json:"model"`
	// Threats are generated (see Generate and Reconcile) or written by hand.
	Threats []Threat `json:"threats,omitempty"`
	// Controls are the security controls.
	Controls []Control `json:"controls,omitempty"`
	// Risks are the security risk records.
	Risks []Risk `json:"risks,omitempty"`
	// CategoryExemptions mark FDA control categories not applicable, with a
	// rationale (Item is the category name).
	CategoryExemptions []Exemption `json:"categoryExemptions,omitempty"`
	// Pasta holds the PASTA stage records and attack trees.
	Pasta Pasta `json:"pasta,omitzero"`
	// Matrix is the security risk matrix; nil means DefaultMatrix.
	Matrix *Matrix `json:"matrix,omitempty"`

	// Catalogue resolves element types; nil means DefaultCatalogue.
	Catalogue *Catalogue `json:"-"`
	// Rubric is the tree for mitre-rubric assessments; nil means DefaultRubric.
	Rubric *Rubric `json:"-"`
}

func (f *File) catalogue() (*Catalogue, error) {
	if f.Catalogue != nil {
		return f.Catalogue, nil
	}
	return DefaultCatalogue()
}

func (f *File) evalOptions() EvaluateOptions {
	opts := EvaluateOptions{Matrix: f.Matrix, Rubric: f.Rubric}
	if opts.Matrix == nil {
		m := DefaultMatrix()
		opts.Matrix = &m
	}
	if opts.Rubric == nil {
		if r, err := DefaultRubric(); err == nil {
			opts.Rubric = r
		}
	}
	return opts
}

// Validate reports every problem with the file at once, each naming the
// field path and record ID: missing fields, duplicate IDs, references to
// records of this file that do not exist, unknown element types, malformed
// CVSS vectors and rubric answers. References to records of other packages
// (hazardous situations, requirements, vulnerabilities) are checked when
// the graph is built.
func (f *File) Validate() error {
	if f == nil {
		return fmt.Errorf("security: nil file: %w", ErrMissing)
	}
	var p problems
	f.validate(&p)
	return p.err()
}

func (f *File) validate(p *problems) map[trace.ID]trace.Kind {
	cat, err := f.catalogue()
	if err != nil {
		p.add("catalogue", "", trace.Position{}, ErrInvalid, "%v", err)
	}
	ids := map[trace.ID]string{}
	f.Model.validate(cat, p, ids)
	if f.Matrix != nil {
		if err := f.Matrix.Validate(); err != nil {
			p.list = append(p.list, err.(*ValidationError).Problems...)
		}
	}
	kinds := f.ownKinds()
	claim := func(path string, id trace.ID, pos trace.Position) {
		if !id.Valid() {
			p.add(path+".id", id, pos, ErrMissing, "a valid ID is required (1-512 bytes, no control characters)")
			return
		}
		if first, dup := ids[id]; dup {
			p.add(path+".id", id, pos, ErrDuplicateID, "ID already used by %s", first)
			return
		}
		ids[id] = path
	}
	for i, t := range f.Threats {
		claim(threatPath(i), t.ID, t.Pos)
		t.validate(threatPath(i), kinds, p)
	}
	for i, c := range f.Controls {
		path := fmt.Sprintf("controls[%d]", i)
		claim(path, c.ID, c.Pos)
		c.validate(path, kinds, p)
	}
	opts := f.evalOptions()
	for i, r := range f.Risks {
		path := fmt.Sprintf("risks[%d]", i)
		claim(path, r.ID, r.Pos)
		r.validate(path, kinds, opts, p)
	}
	for i, ex := range f.CategoryExemptions {
		path := fmt.Sprintf("categoryExemptions[%d]", i)
		if !ControlCategory(ex.Item).Valid() {
			p.add(path+".item", "", trace.Position{}, ErrInvalid, "%q is not an FDA control category", ex.Item)
		}
		if strings.TrimSpace(ex.Rationale) == "" {
			p.add(path+".rationale", "", trace.Position{}, ErrMissing, "exempting category %q needs a rationale", ex.Item)
		}
	}
	for i, s := range f.Pasta.Stages {
		path := fmt.Sprintf("pasta.stages[%d]", i)
		claim(path, s.ID, s.Pos)
		if !s.Stage.Valid() {
			p.add(path+".stage", s.ID, s.Pos, ErrInvalid, "stage %q is not one of the seven PASTA stages", s.Stage)
		}
		if strings.TrimSpace(s.Summary) == "" {
			p.add(path+".summary", s.ID, s.Pos, ErrMissing, "a stage record needs a summary")
		}
		validIDs(path+".scope", s.ID, s.Pos, s.Scope, p)
	}
	for i, t := range f.Pasta.AttackTrees {
		path := fmt.Sprintf("pasta.attackTrees[%d]", i)
		claim(path, t.ID, t.Pos)
		t.validate(path, p)
		for _, leaf := range t.Leaves() {
			if k, own := kinds[leaf]; own && k != KindThreat {
				p.add(path+".root", t.ID, t.Pos, ErrUnknownRef, "leaf %q is a %s, not a threat or vulnerability", leaf, k)
			}
		}
	}
	return kinds
}

// ownKinds maps every ID of this file to its kind (first wins).
func (f *File) ownKinds() map[trace.ID]trace.Kind {
	k := map[trace.ID]trace.Kind{}
	put := func(id trace.ID, kind trace.Kind) {
		if _, ok := k[id]; !ok {
			k[id] = kind
		}
	}
	put(f.Model.ID, KindThreatModel)
	for _, a := range f.Model.Assets {
		put(a.ID, KindAsset)
	}
	for _, b := range f.Model.Boundaries {
		put(b.ID, KindTrustBoundary)
	}
	for _, e := range f.Model.Elements {
		put(e.ID, KindElement)
	}
	for _, fl := range f.Model.Flows {
		put(fl.ID, KindDataFlow)
	}
	for _, t := range f.Threats {
		put(t.ID, KindThreat)
	}
	for _, c := range f.Controls {
		put(c.ID, KindControl)
	}
	for _, r := range f.Risks {
		put(r.ID, KindRisk)
	}
	for _, s := range f.Pasta.Stages {
		put(s.ID, KindPastaStage)
	}
	for _, t := range f.Pasta.AttackTrees {
		put(t.ID, KindAttackTree)
	}
	return k
}

func validIDs(path string, owner trace.ID, pos trace.Position, ids []trace.ID, p *problems) {
	for i, id := range ids {
		if !id.Valid() {
			p.add(fmt.Sprintf("%s[%d]", path, i), owner, pos, ErrInvalid, "%q is not a valid ID", id)
		}
	}
}

// ownRefs checks references to records of this file: each must exist and be
// of one of the kinds wanted.
func ownRefs(path string, owner trace.ID, pos trace.Position, ids []trace.ID, kinds map[trace.ID]trace.Kind, p *problems, want ...trace.Kind) {
	for i, id := range ids {
		ip := fmt.Sprintf("%s[%d]", path, i)
		k, ok := kinds[id]
		switch {
		case !ok:
			p.add(ip, owner, pos, ErrUnknownRef, "no %s has ID %q", kindNames(want), id)
		case !containsKind(want, k):
			p.add(ip, owner, pos, ErrUnknownRef, "%q is a %s, not a %s", id, k, kindNames(want))
		}
	}
}

func containsKind(ks []trace.Kind, k trace.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func kindNames(ks []trace.Kind) string { return strings.Join(stringsOf(ks), " or ") }

func (t Threat) validate(path string, kinds map[trace.ID]trace.Kind, p *problems) {
	if strings.TrimSpace(t.Title) == "" {
		p.add(path+".title", t.ID, t.Pos, ErrMissing, "title is required")
	}
	if len(t.STRIDE) == 0 {
		p.add(path+".stride", t.ID, t.Pos, ErrMissing, "at least one STRIDE category is required")
	}
	for i, c := range t.STRIDE {
		if !c.Valid() {
			p.add(fmt.Sprintf("%s.stride[%d]", path, i), t.ID, t.Pos, ErrInvalid, "%q is not a STRIDE category (S, T, R, I, D, E)", c)
		}
	}
	if len(t.Targets) == 0 {
		p.add(path+".targets", t.ID, t.Pos, ErrMissing, "a threat must target at least one element, flow, boundary or asset")
	}
	ownRefs(path+".targets", t.ID, t.Pos, t.Targets, kinds, p, KindElement, KindDataFlow, KindTrustBoundary, KindAsset)
	if !t.Status.Valid() {
		p.add(path+".status", t.ID, t.Pos, ErrInvalid, "status %q must be open, mitigated, accepted, transferred, not-applicable or false-positive", t.Status)
	} else if t.Status.NeedsRationale() && strings.TrimSpace(t.Rationale) == "" {
		p.add(path+".rationale", t.ID, t.Pos, ErrMissing, "status %s needs a rationale", t.Status)
	}
	validIDs(path+".causes", t.ID, t.Pos, t.Causes, p)
	validIDs(path+".introducedBy", t.ID, t.Pos, t.IntroducedBy, p)
}

func (c Control) validate(path string, kinds map[trace.ID]trace.Kind, p *problems) {
	if strings.TrimSpace(c.Title) == "" {
		p.add(path+".title", c.ID, c.Pos, ErrMissing, "title is required")
	}
	if !c.Category.Valid() {
		p.add(path+".category", c.ID, c.Pos, ErrInvalid, "category %q is not one of the FDA categories (%s)",
			c.Category, strings.Join(stringsOf(ControlCategories()), ", "))
	}
	ownRefs(path+".mitigates", c.ID, c.Pos, c.Mitigates, kinds, p, KindThreat, KindRisk)
	validIDs(path+".implementedBy", c.ID, c.Pos, c.ImplementedBy, p)
	validIDs(path+".introduces", c.ID, c.Pos, c.Introduces, p)
}

func (r Risk) validate(path string, kinds map[trace.ID]trace.Kind, opts EvaluateOptions, p *problems) {
	if strings.TrimSpace(r.Title) == "" {
		p.add(path+".title", r.ID, r.Pos, ErrMissing, "title is required")
	}
	if len(r.Threats)+len(r.Vulnerabilities) == 0 {
		p.add(path+".threats", r.ID, r.Pos, ErrMissing, "a security risk must assess at least one threat or vulnerability")
	}
	ownRefs(path+".threats", r.ID, r.Pos, r.Threats, kinds, p, KindThreat)
	validIDs(path+".vulnerabilities", r.ID, r.Pos, r.Vulnerabilities, p)
	validIDs(path+".components", r.ID, r.Pos, r.Components, p)
	validIDs(path+".causes", r.ID, r.Pos, r.Causes, p)
	validIDs(path+".changeRequests", r.ID, r.Pos, r.ChangeRequests, p)
	if r.AdvisoryCVSS != "" {
		if _, err := ParseCVSS(r.AdvisoryCVSS); err != nil {
			p.add(path+".advisoryCvss", r.ID, r.Pos, ErrBadCVSS, "%v", err)
		}
	}
	if r.Pre != nil {
		r.Pre.evaluate(path+".pre", r.ID, r.Pos, p, opts)
	}
	if r.Post != nil {
		r.Post.evaluate(path+".post", r.ID, r.Pos, p, opts)
	}
	if v := r.VEX; v != nil {
		if !v.Status.Valid() {
			p.add(path+".vex.status", r.ID, r.Pos, ErrInvalid, "VEX status %q must be not_affected, affected, fixed or under_investigation", v.Status)
		}
		if v.Justification != "" && !v.Justification.Valid() {
			p.add(path+".vex.justification", r.ID, r.Pos, ErrInvalid, "unknown VEX justification %q", v.Justification)
		}
		if v.Status == sbom.VEXNotAffected && v.Justification == "" {
			p.add(path+".vex.justification", r.ID, r.Pos, ErrMissing, "not_affected needs a justification")
		}
	}
	if pp := r.Patch; pp != nil {
		if !pp.Class.Valid() {
			p.add(path+".patch.class", r.ID, r.Pos, ErrInvalid, "patch class %q must be regular or out-of-cycle", pp.Class)
		}
		if pp.Due.IsZero() {
			p.add(path+".patch.due", r.ID, r.Pos, ErrMissing, "a patch plan needs a due date")
		}
	}
}
