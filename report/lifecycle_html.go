package report

import (
	"github.com/medtrace/medtrace/sbom"
	"strings"

	"github.com/medtrace/medtrace/lifecycle"
)

// lifecycleView is the lifecycle part of a page.
type lifecycleView struct {
	Classification *classView
	Gaps           *gapsView
	Readiness      *readinessView
	SOUP           *soupView
	Summary        []summaryLine
}

type classView struct {
	System        string
	Class         string
	Edition       string
	Items         []classRow
	Situations    []lifecycle.SituationClass
	Documentation lifecycle.DocumentationDecision
}

type classRow struct {
	lifecycle.ItemClass
	Explanation string
}

type gapsView struct {
	Class, Edition   string
	Total, Satisfied int
	Missing          []lifecycle.ActivityEvidence
}

type readinessView struct {
	*lifecycle.Readiness
	IsReady  bool
	Activity int
	Blockers []blockerRow
}

type blockerRow struct {
	Check, Item, Reason, Clause string
}

type soupView struct {
	Entries   []soupRow
	Annotated int
	Unmatched []string
}

type soupRow struct {
	SOUPEntry
	Maker, SupportText, Vulns string
	NotAssessed               bool
}

func (l Lifecycle) view() *lifecycleView {
	v := &lifecycleView{}
	if c := l.Classification; c != nil {
		cv := &classView{System: string(c.System.Item), Class: string(c.System.Class), Edition: string(c.Edition),
			Situations: c.Situations, Documentation: c.Documentation}
		for _, it := range append([]lifecycle.ItemClass{c.System}, c.Items...) {
			x, _ := c.Explain(it.Item)
			cv.Items = append(cv.Items, classRow{ItemClass: it, Explanation: x})
		}
		v.Classification = cv
		v.Summary = append(v.Summary, summaryLine{Label: "Software safety class", Value: cv.Class + " (" + string(c.Documentation.Level) + " FDA documentation)", Class: "info"})
	}
	if g := l.Gaps; g != nil {
		missing := g.Missing()
		v.Gaps = &gapsView{Class: string(g.Class), Edition: string(g.Edition), Total: len(g.Activities),
			Satisfied: len(g.Activities) - len(missing), Missing: missing}
		v.Summary = append(v.Summary, summaryLine{Label: "Activities without evidence", Value: itoa(len(missing)) + " of " + itoa(len(g.Activities)), Class: okClass(len(missing) == 0)})
	}
	if r := l.Readiness; r != nil {
		v.Readiness = readinessOf(r, l.Gaps != nil)
		verdict := "not ready"
		if r.Ready() {
			verdict = "ready"
		}
		v.Summary = append(v.Summary, summaryLine{Label: "Release " + string(r.Release), Value: verdict + ", " + itoa(len(r.Blockers)) + " blocker(s)", Class: okClass(r.Ready())})
	}
	if s := l.SOUP; s != nil {
		v.SOUP = soupViewOf(s)
		v.Summary = append(v.Summary, summaryLine{Label: "SOUP components with a record", Value: itoa(v.SOUP.Annotated) + " of " + itoa(len(s.Entries)), Class: okClass(v.SOUP.Annotated == len(s.Entries))})
	}
	return v
}

// readinessOf lays out the readiness verdict; with gapsShown, activity
// blockers are counted, not listed.
func readinessOf(r *lifecycle.Readiness, gapsShown bool) *readinessView {
	rv := &readinessView{Readiness: r, IsReady: r.Ready()}
	for _, b := range r.Blockers {
		if gapsShown && b.Check == lifecycle.CheckActivity {
			rv.Activity++
			continue
		}
		reason := b.Reason
		for _, h := range b.Path {
			reason += " (via " + h.String() + ")"
		}
		rv.Blockers = append(rv.Blockers, blockerRow{Check: string(b.Check), Item: string(b.Item), Reason: reason, Clause: b.Clause})
	}
	return rv
}

func soupViewOf(s *SOUPList) *soupView {
	sv := &soupView{Unmatched: s.Unmatched}
	for _, e := range s.Entries {
		if e.Record != "" {
			sv.Annotated++
		}
		sv.Entries = append(sv.Entries, soupRow{SOUPEntry: e, Maker: cmpOr(e.Manufacturer, e.Supplier),
			SupportText: support(e.Support), Vulns: strings.Join(e.vulnText(), ", "),
			NotAssessed: e.Assessment == sbom.NotAssessed})
	}
	return sv
}
