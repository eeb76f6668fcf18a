package lifecycle

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/medtrace/medtrace/risk"
	"github.com/medtrace/medtrace/sbom"
	"github.com/medtrace/medtrace/security"
	"github.com/medtrace/medtrace/trace"
)

// Kinds owned by other packages that lifecycle links to. Each carries the
// same string as the owning package's constant.
const (
	// kindHazard is risk.KindHazard.
	kindHazard = risk.KindHazard
	// kindSituation is risk.KindSituation.
	kindSituation = risk.KindSituation
	// kindHarm is risk.KindHarm.
	kindHarm = risk.KindHarm
	// kindCause is risk.KindCause.
	kindCause = risk.KindCause
	// kindRiskControl is risk.KindControl.
	kindRiskControl = risk.KindControl
	// kindComponent is sbom.KindComponent.
	kindComponent = sbom.KindComponent
	// kindSOUP is sbom.KindSOUP.
	kindSOUP = sbom.KindSOUP
	// kindSecurityControl is security.KindControl.
	kindSecurityControl = security.KindControl
	// kindThreat is security.KindThreat.
	kindThreat = security.KindThreat
)

var (
	structureKinds = []trace.Kind{KindSystem, KindItem, KindUnit}
	controlKinds   = []trace.Kind{risk.KindControl, kindSecurityControl}
	verifiedKinds  = []trace.Kind{KindRequirement, risk.KindControl, kindSecurityControl,
		KindSystem, KindItem, KindUnit, KindInterface, KindUserNeed}
	reviewedKinds = []trace.Kind{KindUserNeed, KindRequirement, KindSystem, KindItem, KindUnit,
		KindInterface, KindTest, KindDocument, risk.KindHazard, risk.KindSituation, risk.KindHarm, risk.KindCause,
		risk.KindControl, kindSecurityControl, kindThreat, kindComponent, kindSOUP}
)

// allowLinks declares the kind pairs of the links lifecycle records.
func allowLinks(b *trace.Builder) {
	b.DeclareLinkType(trace.LinkTypeInfo{Type: Connects, Inverse: "connected-by",
		Doc: "an interface connects the items on its sides"})
	b.Allow(trace.PartOf, KindItem, KindSystem, KindItem)
	b.Allow(trace.PartOf, KindUnit, KindSystem, KindItem, KindUnit)
	for _, k := range structureKinds {
		b.Allow(trace.Uses, k, kindComponent)
		b.Allow(trace.Causes, k, risk.KindHazard, risk.KindSituation, risk.KindCause)
	}
	b.Allow(trace.Derives, KindRequirement, KindRequirement)
	b.Allow(Connects, KindInterface, structureKinds...)
	b.Allow(trace.Derives, KindUserNeed, KindRequirement)
	b.Allow(trace.AllocatedTo, KindRequirement, structureKinds...)
	for _, k := range controlKinds {
		b.Allow(trace.ImplementedBy, k, KindRequirement)
	}
	b.Allow(trace.Verifies, KindTest, verifiedKinds...)
	b.Allow(trace.VerifiesEffectiveness, KindTest, controlKinds...)
	b.Allow(trace.Evidences, KindTestResult, KindTest)
	b.Allow(trace.Reviews, KindDesignReview, reviewedKinds...)
}

// contribution collects the items, links and problems of one Contribute.
type contribution struct {
	b    *trace.Builder
	errs []error
}

// problem records a problem in the record at path (such as "items[3]"),
// naming the field and the record's ID.
func (c *contribution) problem(path recPath, field string, id trace.ID, pos trace.Position, format string, args ...any) {
	where := path.String()
	if field != "" {
		where += "." + field
	}
	if id != "" {
		where += fmt.Sprintf(" (%q)", id)
	}
	c.errs = append(c.errs, trace.Problem{Err: ErrInvalidRecord, Item: id, Pos: pos,
		Detail: where + ": " + fmt.Sprintf(format, args...)})
}

// required reports an empty required string field.
func (c *contribution) required(path recPath, field string, id trace.ID, pos trace.Position, v string) {
	if strings.TrimSpace(v) == "" {
		c.problem(path, field, id, pos, "is required")
	}
}

// header checks the ID and title every record carries.
func (c *contribution) header(path recPath, id trace.ID, title string, pos trace.Position) {
	if id == "" {
		c.problem(path, "id", id, pos, "is required")
	}
	c.required(path, "title", id, pos, title)
}

// links adds one link per ID in ids; forward links go from → id, reverse
// links id → from. An empty ID is a problem.
func (c *contribution) links(path recPath, field string, from trace.ID, pos trace.Position, t trace.LinkType, reverse bool, ids []trace.ID, reviewed ...trace.Fingerprint) {
	for i, id := range ids {
		if id == "" {
			c.problem(path, fmt.Sprintf("%s[%d]", field, i), from, pos, "empty reference")
			continue
		}
		l := trace.Link{From: from, To: id, Type: t, Pos: pos}
		if reverse {
			l.From, l.To = id, from
		}
		if i < len(reviewed) {
			l.Reviewed = reviewed[i]
		}
		c.b.AddLink(l)
	}
}

// recPath is a record's field path ("items[3]"), formatted only when a
// problem is reported.
type recPath struct {
	list  string
	index int
}

// String formats the path, such as "items[3]" or "system".
func (r recPath) String() string {
	if r.index < 0 {
		return r.list
	}
	return r.list + "[" + strconv.Itoa(r.index) + "]"
}

func (c *contribution) add(it trace.Item) { c.b.AddItem(it) }

func (c *contribution) system(s *System) {
	path := recPath{"system", -1}
	if s.ID == "" {
		c.problem(path, "id", s.ID, s.Pos, "is required")
	}
	c.required(path, "name", s.ID, s.Pos, s.Name)
	if !s.Edition.Valid() {
		c.problem(path, "edition", s.ID, s.Pos, "%q must be %q or %q", s.Edition, Edition2015, Edition2006)
	}
	if s.Class != "" && !s.Class.Valid() {
		c.problem(path, "class", s.ID, s.Pos, "%q must be A, B or C", s.Class)
	}
	if s.FDA.Level != "" && !s.FDA.Level.Valid() {
		c.problem(path, "fda.level", s.ID, s.Pos, "%q must be basic or enhanced", s.FDA.Level)
	}
	attrs := map[string]string{"edition": string(s.Edition)}
	setAttr(attrs, "class", string(s.Class))
	setAttr(attrs, "fdaLevel", string(s.FDA.Level))
	fp := trace.NewHasher().String("name", s.Name).String("class", string(s.Class)).
		String("edition", string(s.Edition)).String("rationale", s.Rationale).
		String("fdaLevel", string(s.FDA.Level)).String("fdaRationale", s.FDA.Rationale).Sum()
	c.add(trace.Item{ID: s.ID, Kind: KindSystem, Title: s.Name, Attrs: attrs, Fingerprint: fp, Pos: s.Pos})
}

func (c *contribution) item(i int, it *Item) {
	path := recPath{"items", i}
	c.header(path, it.ID, it.Title, it.Pos)
	if it.Parent == "" {
		c.problem(path, "parent", it.ID, it.Pos, "is required (the item or system this item is part of)")
	}
	if it.Class != "" && !it.Class.Valid() {
		c.problem(path, "class", it.ID, it.Pos, "%q must be A, B or C", it.Class)
	}
	kind := KindItem
	if it.Unit {
		kind = KindUnit
	}
	h := trace.NewHasher().String("title", it.Title).String("description", it.Description).
		String("unit", strconv.FormatBool(it.Unit)).String("parent", string(it.Parent)).String("class", string(it.Class))
	if sg := it.Segregation; sg != nil {
		c.required(path, "segregation.mechanism", it.ID, it.Pos, sg.Mechanism)
		c.required(path, "segregation.argument", it.ID, it.Pos, sg.Argument)
		c.links(path, "segregation.verifiedBy", it.ID, it.Pos, trace.Verifies, true, sg.VerifiedBy)
		h.String("segregation.mechanism", sg.Mechanism).String("segregation.argument", sg.Argument)
	}
	h.Strings("causes", idStrings(it.Causes)).Strings("uses", idStrings(it.Uses))
	attrs := map[string]string{}
	setAttr(attrs, "class", string(it.Class))
	if it.Segregation != nil {
		attrs["segregated"] = "true"
	}
	c.add(trace.Item{ID: it.ID, Kind: kind, Title: it.Title, Attrs: attrs, Fingerprint: h.Sum(), Pos: it.Pos})
	if it.Parent != "" {
		c.b.AddLink(trace.Link{From: it.ID, To: it.Parent, Type: trace.PartOf, Pos: it.Pos})
	}
	c.links(path, "causes", it.ID, it.Pos, trace.Causes, false, it.Causes)
	c.links(path, "uses", it.ID, it.Pos, trace.Uses, false, it.Uses)
}

func (c *contribution) iface(i int, f *Interface) {
	path := recPath{"interfaces", i}
	c.header(path, f.ID, f.Title, f.Pos)
	if len(f.Items) == 0 {
		c.problem(path, "items", f.ID, f.Pos, "is required (at least one item)")
	}
	if len(f.Items) == 1 && strings.TrimSpace(f.External) == "" {
		c.problem(path, "external", f.ID, f.Pos, "is required when the interface joins a single item")
	}
	fp := trace.NewHasher().String("title", f.Title).String("description", f.Description).
		Strings("items", idStrings(f.Items)).String("external", f.External).Sum()
	c.add(trace.Item{ID: f.ID, Kind: KindInterface, Title: f.Title, Fingerprint: fp, Pos: f.Pos})
	c.links(path, "items", f.ID, f.Pos, Connects, false, f.Items)
}

func (c *contribution) need(i int, n *UserNeed) {
	path := recPath{"userNeeds", i}
	c.header(path, n.ID, n.Title, n.Pos)
	fp := trace.NewHasher().String("title", n.Title).String("text", n.Text).String("source", n.Source).Sum()
	c.add(trace.Item{ID: n.ID, Kind: KindUserNeed, Title: n.Title, Fingerprint: fp, Pos: n.Pos})
}

func (c *contribution) requirement(i int, r *Requirement) {
	path := recPath{"requirements", i}
	c.header(path, r.ID, r.Title, r.Pos)
	if !r.Level.Valid() {
		c.problem(path, "level", r.ID, r.Pos, "%q must be system or software", r.Level)
	}
	switch {
	case r.Category == "" && r.Level == LevelSoftware:
		c.problem(path, "category", r.ID, r.Pos, "is required for a software requirement (IEC 62304:2006+A1:2015 5.2.2)")
	case r.Category != "" && !r.Category.Valid():
		c.problem(path, "category", r.ID, r.Pos, "%q is not a 5.2.2 category", r.Category)
	}
	attrs := map[string]string{"level": string(r.Level)}
	setAttr(attrs, "category", string(r.Category))
	if r.RiskControl || len(r.RiskControls) > 0 {
		attrs["riskControl"] = "true"
	}
	if r.SecurityControl || len(r.SecurityControls) > 0 {
		attrs["securityControl"] = "true"
	}
	fp := trace.NewHasher().String("title", r.Title).String("text", r.Text).String("level", string(r.Level)).
		String("category", string(r.Category)).Strings("derivedFrom", idStrings(r.DerivedFrom)).
		Strings("allocatedTo", idStrings(r.AllocatedTo)).String("riskControl", attrs["riskControl"]).
		Strings("riskControls", idStrings(r.RiskControls)).String("securityControl", attrs["securityControl"]).
		Strings("securityControls", idStrings(r.SecurityControls)).Sum()
	c.add(trace.Item{ID: r.ID, Kind: KindRequirement, Title: r.Title, Attrs: attrs, Fingerprint: fp, Pos: r.Pos})
	c.links(path, "derivedFrom", r.ID, r.Pos, trace.Derives, true, r.DerivedFrom)
	c.links(path, "allocatedTo", r.ID, r.Pos, trace.AllocatedTo, false, r.AllocatedTo)
	c.links(path, "riskControls", r.ID, r.Pos, trace.ImplementedBy, true, r.RiskControls)
	c.links(path, "securityControls", r.ID, r.Pos, trace.ImplementedBy, true, r.SecurityControls)
}

func (c *contribution) test(i int, t *Test) {
	path := recPath{"tests", i}
	c.header(path, t.ID, t.Title, t.Pos)
	if !t.Type.Valid() {
		c.problem(path, "type", t.ID, t.Pos, "%q is not a known test type", t.Type)
	}
	if len(t.Verifies) == 0 && len(t.VerifiesEffectiveness) == 0 {
		c.problem(path, "verifies", t.ID, t.Pos, "a test must verify something (verifies or verifiesEffectiveness)")
	}
	fp := trace.NewHasher().String("title", t.Title).String("type", string(t.Type)).
		String("procedure", t.Procedure).Strings("verifies", idStrings(t.Verifies)).
		Strings("verifiesEffectiveness", idStrings(t.VerifiesEffectiveness)).Sum()
	c.add(trace.Item{ID: t.ID, Kind: KindTest, Title: t.Title, Attrs: map[string]string{"type": string(t.Type)},
		Fingerprint: fp, Pos: t.Pos})
	c.links(path, "verifies", t.ID, t.Pos, trace.Verifies, false, t.Verifies)
	c.links(path, "verifiesEffectiveness", t.ID, t.Pos, trace.VerifiesEffectiveness, false, t.VerifiesEffectiveness)
}

func (c *contribution) result(i int, r *Result) {
	path := recPath{"results", i}
	if r.ID == "" {
		c.problem(path, "id", r.ID, r.Pos, "is required")
	}
	if r.Test == "" {
		c.problem(path, "test", r.ID, r.Pos, "is required")
	}
	if !r.Outcome.Valid() {
		c.problem(path, "outcome", r.ID, r.Pos, "%q must be pass, fail or blocked", r.Outcome)
	}
	if r.Date.IsZero() {
		c.problem(path, "date", r.ID, r.Pos, "is required (IEC 62304:2006+A1:2015 5.7.5 f)")
	}
	c.required(path, "version", r.ID, r.Pos, r.Version)
	c.required(path, "by", r.ID, r.Pos, r.By)
	date := ""
	if !r.Date.IsZero() {
		date = r.Date.UTC().Format(time.RFC3339)
	}
	attrs := map[string]string{"outcome": string(r.Outcome), "date": date, "version": r.Version, "by": r.By}
	fp := trace.NewHasher().String("test", string(r.Test)).String("outcome", string(r.Outcome)).
		String("date", date).String("version", r.Version).String("by", r.By).
		String("configuration", r.Configuration).Strings("tools", r.Tools).String("anomalies", r.Anomalies).Sum()
	c.add(trace.Item{ID: r.ID, Kind: KindTestResult, Title: string(r.Test) + " " + string(r.Outcome),
		Attrs: attrs, Fingerprint: fp, Pos: r.Pos})
	if r.Test != "" {
		c.b.AddLink(trace.Link{From: r.ID, To: r.Test, Type: trace.Evidences, Pos: r.Pos})
	}
}

func (c *contribution) review(i int, r *DesignReview) {
	path := recPath{"designReviews", i}
	c.header(path, r.ID, r.Title, r.Pos)
	if r.Date.IsZero() {
		c.problem(path, "date", r.ID, r.Pos, "is required")
	}
	if len(r.Participants) == 0 {
		c.problem(path, "participants", r.ID, r.Pos, "is required (at least one)")
	}
	if len(r.Scope) == 0 {
		c.problem(path, "scope", r.ID, r.Pos, "is required (at least one reviewed item)")
	}
	for j, a := range r.Actions {
		c.required(path, fmt.Sprintf("actions[%d].text", j), r.ID, r.Pos, a.Text)
	}
	ids := make([]trace.ID, len(r.Scope))
	fps := make([]trace.Fingerprint, len(r.Scope))
	h := trace.NewHasher().String("title", r.Title).String("date", r.Date.UTC().Format(time.RFC3339)).
		Strings("participants", r.Participants).Strings("findings", r.Findings)
	for j, s := range r.Scope {
		ids[j], fps[j] = s.Item, s.Fingerprint
		h.String("scope", string(s.Item)).String("at", s.Fingerprint.String())
	}
	open := 0
	for _, a := range r.Actions {
		h.String("action", a.Text).String("owner", a.Owner).String("closed", strconv.FormatBool(a.Closed))
		if !a.Closed {
			open++
		}
	}
	attrs := map[string]string{"openActions": strconv.Itoa(open)}
	c.add(trace.Item{ID: r.ID, Kind: KindDesignReview, Title: r.Title, Attrs: attrs, Fingerprint: h.Sum(), Pos: r.Pos})
	c.links(path, "scope", r.ID, r.Pos, trace.Reviews, false, ids, fps...)
}

func (c *contribution) document(i int, d *Document) {
	path := recPath{"documents", i}
	c.header(path, d.ID, d.Title, d.Pos)
	if !d.Type.Valid() {
		c.problem(path, "type", d.ID, d.Pos, "%q is not a known document type", d.Type)
	}
	for j, cl := range d.Clauses {
		if strings.TrimSpace(cl) == "" {
			c.problem(path, fmt.Sprintf("clauses[%d]", j), d.ID, d.Pos, "empty clause")
		}
	}
	attrs := map[string]string{"type": string(d.Type), "clauses": strings.Join(d.Clauses, " ")}
	setAttr(attrs, "version", d.Version)
	fp := trace.NewHasher().String("title", d.Title).String("type", string(d.Type)).
		String("version", d.Version).String("location", d.Location).Strings("clauses", d.Clauses).Sum()
	c.add(trace.Item{ID: d.ID, Kind: KindDocument, Title: d.Title, Attrs: attrs, Fingerprint: fp, Pos: d.Pos})
}

func setAttr(m map[string]string, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func idStrings(ids []trace.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}
