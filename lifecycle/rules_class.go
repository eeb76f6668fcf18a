package lifecycle

import (
	"fmt"
	"sync"

	"github.com/medtrace/medtrace/trace"
)

// classCache computes the classification once per graph for the rules that
// read it.
type classCache struct {
	p    *Project
	opts ClassifyOptions
	mu   sync.Mutex
	g    *trace.Graph
	c    *Classification
}

func (cc *classCache) get(g *trace.Graph) *Classification {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.g != g || cc.c == nil {
		cc.g, cc.c = g, cc.p.Classify(g, cc.opts)
	}
	return cc.c
}

// classRules are the rules on the safety classification and the FDA
// documentation level.
func (p *Project) classRules(cc *classCache) []trace.Rule {
	rule := func(id string, sev trace.Severity, clause, summary string, fn func(*Classification, *trace.Recorder)) trace.Rule {
		return trace.FuncRule{RuleMeta: trace.RuleMeta{ID: id, Version: 1, Severity: sev, Clause: clause, Summary: summary},
			Fn: func(g *trace.Graph, r *trace.Recorder) { fn(cc.get(g), r) }}
	}
	return []trace.Rule{
		rule("CLS-001", trace.Error, clause62304+"4.3 a", "a declared class is not lower than the class the item's hazardous situations call for", declaredNotLower),
		rule("CLS-002", trace.Warning, clause62304+"4.3 g", "the software system is classified from a risk analysis; otherwise class C applies", classified),
		rule("CLS-003", trace.Error, clause62304+"4.3 d", "an item declared lower than its parent carries a segregation argument", lowerNeedsSegregation),
		rule("CLS-004", trace.Error, clause62304+"5.3.5", "in a class C system, the segregation a lower-class item rests on is verified", func(c *Classification, r *trace.Recorder) {
			segregationVerified(p, c, r)
		}),
		rule("CLS-005", trace.Warning, clause62304+"4.3 a, c", "the software system's class is declared", func(c *Classification, r *trace.Recorder) {
			if c.System.Declared.Valid() {
				r.Pass(c.System.Item)
				return
			}
			r.Fail(c.System.Item, fmt.Sprintf("software system %s declares no class; the computed class is %s", c.System.Item, c.System.Class))
		}),
		rule("FDA-001", trace.Error, "FDA 2023 premarket software guidance V", "a declared Basic documentation level is supported", fdaLevel),
	}
}

// worstContribution returns the contribution of highest class, if any.
func worstContribution(ic ItemClass) (Contribution, bool) {
	var w Contribution
	for _, c := range ic.Contributions {
		if w.Situation == "" || c.Class.Rank() > w.Class.Rank() {
			w = c
		}
	}
	return w, w.Situation != ""
}

// worstPart returns the first part of ic (in ID order, at any depth) with a
// direct contribution of ic's computed class.
func (c *Classification) worstPart(ic ItemClass) (trace.ID, Contribution, bool) {
	for _, part := range c.Items {
		w, ok := worstContribution(part)
		if !ok || w.Class != ic.Computed || !c.within(part, ic.Item) {
			continue
		}
		return part.Item, w, true
	}
	return "", Contribution{}, false
}

// within reports whether ic lies under the item or system root.
func (c *Classification) within(ic ItemClass, root trace.ID) bool {
	for range len(c.Items) + 1 {
		if ic.Parent == root {
			return true
		}
		parent, ok := c.Item(ic.Parent)
		if !ok || parent.Item == c.System.Item {
			return root == c.System.Item
		}
		ic = parent
	}
	return false
}

func declaredNotLower(c *Classification, r *trace.Recorder) {
	for _, ic := range append([]ItemClass{c.System}, c.Items...) {
		if !ic.Declared.Valid() || c.Unclassified {
			continue
		}
		if ic.Declared.Rank() >= ic.Computed.Rank() {
			r.Pass(ic.Item)
			continue
		}
		msg := fmt.Sprintf("%s %s declares class %s but its hazardous situations call for class %s", ic.Kind, ic.Item, ic.Declared, ic.Computed)
		if w, ok := worstContribution(ic); ok && w.Class == ic.Computed {
			r.Fail(ic.Item, msg+fmt.Sprintf(" (%s)", w.Situation), w.Path...)
			continue
		}
		if part, w, ok := c.worstPart(ic); ok {
			r.Fail(ic.Item, msg+fmt.Sprintf(" (%s through its part %s)", w.Situation, part), w.Path...)
			continue
		}
		r.Fail(ic.Item, msg)
	}
}

func classified(c *Classification, r *trace.Recorder) {
	if !c.Unclassified {
		r.Pass(c.System.Item)
		return
	}
	r.Fail(c.System.Item, fmt.Sprintf("software system %s has no risk analysis with hazardous situations to classify from; class C applies", c.System.Item))
}

func lowerNeedsSegregation(c *Classification, r *trace.Recorder) {
	for _, ic := range c.Items {
		if !ic.Declared.Valid() || ic.Segregated {
			continue
		}
		parent, ok := c.Item(ic.Parent)
		if !ok || ic.Declared.Rank() >= parent.Class.Rank() {
			r.Pass(ic.Item)
			continue
		}
		r.Fail(ic.Item, fmt.Sprintf("%s %s declares class %s below its parent %s (class %s) without a segregation argument; it inherits class %s",
			ic.Kind, ic.Item, ic.Declared, parent.Item, parent.Class, ic.Class),
			trace.Hop{From: ic.Item, Type: trace.PartOf, To: parent.Item})
	}
}

func segregationVerified(p *Project, c *Classification, r *trace.Recorder) {
	if c.System.Class != ClassC {
		return
	}
	verified := map[trace.ID]bool{}
	for _, it := range p.Items {
		if it.Segregation != nil && len(it.Segregation.VerifiedBy) > 0 {
			verified[it.ID] = true
		}
	}
	for _, ic := range c.Items {
		parent, ok := c.Item(ic.Parent)
		if !ic.Segregated || !ok || ic.Class.Rank() >= parent.Class.Rank() {
			continue
		}
		if verified[ic.Item] {
			r.Pass(ic.Item)
			continue
		}
		r.Fail(ic.Item, fmt.Sprintf("%s %s is class %s in a class C system by segregation, but no test verifies the segregation", ic.Kind, ic.Item, ic.Class))
	}
}

func fdaLevel(c *Classification, r *trace.Recorder) {
	d := c.Documentation
	id := c.System.Item
	switch {
	case d.Declared != Basic:
		if d.Declared.Valid() {
			r.Pass(id)
		}
	case len(d.Situations) > 0:
		r.Fail(id, fmt.Sprintf("software system %s declares the Basic documentation level, but %d hazardous situation(s) carry a probable risk of death or serious injury before control (first %s)",
			id, len(d.Situations), d.Situations[0]))
	case len(d.DeviceFacts) > 0 && d.Rationale == "":
		r.Fail(id, fmt.Sprintf("software system %s declares the Basic documentation level for a device that generally needs Enhanced (%s) without a rationale",
			id, d.DeviceFacts[0]))
	case c.Unclassified:
		r.Fail(id, fmt.Sprintf("software system %s declares the Basic documentation level without a risk analysis to support it", id))
	default:
		r.Pass(id)
	}
}
