package sbom

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Contribution adds an SBOM and its SOUP records to the trace graph. It
// implements trace.Contributor:
//
//   - every component (the primary one included) becomes a "component"
//     item whose ID is its purl, else its bom-ref (Component.Ref); a second
//     component with the same ID is left out, since the graph holds one item
//     per package;
//   - every SOUP record becomes a "soup" item that relates to each
//     component it keys (soup -relates-> component);
//   - each software item a record names in UsedBy uses the component
//     (software-item -uses-> component, IEC 62304:2006+A1:2015 5.3.3).
//
// Contribute one SBOM per graph: merge the SBOMs of sub-systems first
// (Merge), since two contributions of the same package clash on its ID.
type Contribution struct {
	// SBOM is the inventory. Required.
	SBOM *SBOM
	// SOUP are the maker's SOUP records.
	SOUP []SOUP
}

// Contribute implements trace.Contributor.
func (c Contribution) Contribute(b *trace.Builder) error {
	if c.SBOM == nil {
		return fmt.Errorf("sbom: contribute: nil SBOM")
	}
	if err := ValidateSOUP(c.SOUP); err != nil {
		return err
	}
	b.Allow(trace.Relates, KindSOUP, KindComponent)
	b.Allow(trace.Uses, KindSoftwareItem, KindComponent)
	seen := map[trace.ID]bool{}
	var comps []*Component
	each(c.SBOM, func(comp *Component) {
		if id := comp.ID(); !seen[id] {
			seen[id] = true
			comps = append(comps, comp)
		}
	})
	soupOf := make(map[trace.ID]bool)
	for i := range c.SOUP {
		b.AddItem(soupItem(&c.SOUP[i]))
	}
	for _, p := range newSOUPMatcher(c.SOUP).pairs(comps) {
		r, comp := &c.SOUP[p.rec], comps[p.comp]
		soupOf[comp.ID()] = true
		b.AddLink(trace.Link{From: trace.ID(r.ID), Type: trace.Relates, To: comp.ID(), Pos: r.Pos})
		for _, sw := range r.UsedBy {
			b.AddLink(trace.Link{From: trace.ID(sw), Type: trace.Uses, To: comp.ID(), Pos: r.Pos})
		}
	}
	for _, comp := range comps {
		b.AddItem(componentItem(comp, comp == c.SBOM.Metadata.Component, soupOf[comp.ID()]))
	}
	return nil
}

func componentItem(c *Component, primary, soup bool) trace.Item {
	attrs := map[string]string{"name": c.Name}
	set := func(k, v string) {
		if v != "" {
			attrs[k] = v
		}
	}
	set("group", c.Group)
	set("version", c.Version.String())
	set("purl", c.PURL)
	set("cpe", c.CPE)
	set("bomRef", c.BOMRef)
	set("type", string(c.Type))
	set("scope", string(c.Scope))
	set("supplier", supplierText(c.Supplier))
	set("licenses", strings.Join(c.Licenses, " AND "))
	set("support", string(c.Support.Level))
	set("endOfSupport", c.Support.EndOfSupport)
	if primary {
		attrs["primary"] = "true"
	}
	if soup {
		attrs["soup"] = "true"
	}
	h := trace.NewHasher().String("kind", string(KindComponent)).String("name", c.Name).
		String("group", c.Group).String("version", c.Version.String()).String("purl", c.PURL).
		String("cpe", c.CPE).String("supplier", supplierText(c.Supplier)).Strings("licenses", c.Licenses)
	for _, x := range c.Hashes {
		h.String("hash:"+x.Alg, x.Content)
	}
	return trace.Item{ID: c.ID(), Kind: KindComponent, Title: c.DisplayName(), Attrs: attrs, Fingerprint: h.Sum()}
}

func supplierText(p Party) string {
	if p.Name != "" {
		return p.Name
	}
	return string(p.Declared)
}

func soupItem(r *SOUP) trace.Item {
	title := r.Title
	if title == "" {
		title = r.PURL
		if title == "" {
			title = strings.TrimSuffix(r.Name+"@"+r.Version, "@")
		}
	}
	attrs := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			attrs[k] = v
		}
	}
	set("purl", r.PURL)
	set("name", r.Name)
	set("version", r.Version)
	set("manufacturer", r.Manufacturer)
	set("support", string(r.Support.Level))
	set("endOfSupport", r.Support.EndOfSupport)
	set("anomalyListReviewedAt", r.AnomalyListReviewedAt)
	set("anomalyEvaluation", r.AnomalyEvaluation)
	set("functionalRequirements", countText(r.FunctionalRequirements))
	set("performanceRequirements", countText(r.PerformanceRequirements))
	set("requiredHardware", countText(r.RequiredHardware))
	set("requiredSoftware", countText(r.RequiredSoftware))
	fp := trace.NewHasher().String("kind", string(KindSOUP)).String("title", title).
		String("purl", r.PURL).String("name", r.Name).String("version", r.Version).
		String("manufacturer", r.Manufacturer).
		Strings("functional", r.FunctionalRequirements).Strings("performance", r.PerformanceRequirements).
		Strings("hardware", r.RequiredHardware).Strings("software", r.RequiredSoftware).
		String("anomalies", r.AnomalyEvaluation).String("anomaliesReviewed", r.AnomalyListReviewedAt).
		String("support", string(r.Support.Level)).String("eos", r.Support.EndOfSupport).
		String("justification", r.Support.Justification).String("assessed", r.Support.AssessedAt).
		Strings("usedBy", r.UsedBy).Sum()
	return trace.Item{ID: trace.ID(r.ID), Kind: KindSOUP, Title: title, Attrs: attrs, Fingerprint: fp, Pos: r.Pos}
}

func countText(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return strconv.Itoa(len(xs))
}

// soupAttrRule is a rule that every SOUP item has one of the named
// attributes.
func soupAttrRule(m trace.RuleMeta, what string, attrs ...string) trace.Rule {
	return trace.FuncRule{RuleMeta: m, Fn: func(g *trace.Graph, r *trace.Recorder) {
		for it := range g.OfKind(KindSOUP) {
			ok := false
			for _, a := range attrs {
				ok = ok || it.Attr(a) != ""
			}
			if ok {
				r.Pass(it.ID)
			} else {
				r.Failf(it.ID, "SOUP record %s states no %s", it.ID, what)
			}
		}
	}}
}

// SOUPRules returns the trace rules on SOUP records: SBOM-050, every SOUP
// record relates to a component of the SBOM (IEC 62304:2006+A1:2015 8.1.2:
// each SOUP item is identified in the configuration it is used in); and
// SBOM-051, every component a SOUP record keys is used by a software item
// (IEC 62304 5.3.3). Components carry the attribute soup=true when a record
// keys them. SBOM-052 to SBOM-054 ask each record for the functional or
// performance requirements on the SOUP item (5.3.3), the hardware and
// software it needs (5.3.4) and the evaluation of its published anomaly list
// (7.1.3); IEC 62304 asks these for class B and C software, so they are
// warnings a host may disable for class A.
func SOUPRules() []trace.Rule {
	return []trace.Rule{
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "SBOM-050", Version: 1, Severity: trace.Error,
				Clause:  "IEC 62304:2006+A1:2015 8.1.2",
				Summary: "every SOUP record keys a component of the SBOM",
				Message: "SOUP record {id} matches no component of the SBOM"},
			Kind: KindSOUP, Link: trace.Relates, Dir: trace.Out, To: []trace.Kind{KindComponent},
		},
		trace.LinkRule{
			RuleMeta: trace.RuleMeta{ID: "SBOM-051", Version: 1, Severity: trace.Warning,
				Clause:  "IEC 62304:2006+A1:2015 5.3.3",
				Summary: "every SOUP component is used by a software item",
				Message: "component {id} is SOUP but no software item uses it"},
			Kind: KindComponent, Where: func(it trace.Item) bool { return it.Attr("soup") == "true" },
			Link: trace.Uses, Dir: trace.In, To: []trace.Kind{KindSoftwareItem},
		},
		soupAttrRule(trace.RuleMeta{ID: "SBOM-052", Version: 1, Severity: trace.Warning,
			Clause: "IEC 62304:2006+A1:2015 5.3.3", Summary: "every SOUP record states the functional and performance requirements on the SOUP item"},
			"functional or performance requirements", "functionalRequirements", "performanceRequirements"),
		soupAttrRule(trace.RuleMeta{ID: "SBOM-053", Version: 1, Severity: trace.Warning,
			Clause: "IEC 62304:2006+A1:2015 5.3.4", Summary: "every SOUP record states the hardware and software the SOUP item needs"},
			"required hardware or software", "requiredHardware", "requiredSoftware"),
		soupAttrRule(trace.RuleMeta{ID: "SBOM-054", Version: 1, Severity: trace.Warning,
			Clause: "IEC 62304:2006+A1:2015 7.1.2, 7.1.3", Summary: "every SOUP record evaluates the SOUP item's published anomaly list"},
			"evaluation of the published anomaly list", "anomalyEvaluation"),
	}
}
