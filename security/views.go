package security

import (
	"fmt"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// ViewKind names one of the security architecture views of the FDA premarket
// cybersecurity guidance (2023) V.B.2 and Appendix 2.
type ViewKind string

// Architecture views.
const (
	// ViewGlobal shows the device and all its connections.
	ViewGlobal ViewKind = "global"
	// ViewMultiPatient shows what an attack harming many patients goes
	// through: fleet-wide elements, shared keys, central services.
	ViewMultiPatient ViewKind = "multi-patient"
	// ViewUpdatability shows the end-to-end update path and its chain of trust.
	ViewUpdatability ViewKind = "updatability"
)

// Valid reports whether k is a known view.
func (k ViewKind) Valid() bool {
	return k == ViewGlobal || k == ViewMultiPatient || k == ViewUpdatability
}

// View is the content of one architecture view drawn from the model, with
// the gaps a reviewer would point out. Lists are in ID order.
type View struct {
	// Kind is the view.
	Kind ViewKind `json:"kind"`
	// Elements, Flows and Boundaries are what the view shows.
	Elements   []trace.ID `json:"elements"`
	Flows      []trace.ID `json:"flows"`
	Boundaries []trace.ID `json:"boundaries"`
	// Threats are the threats on the view's elements and flows.
	Threats []trace.ID `json:"threats"`
	// Gaps say what the view cannot show from the model.
	Gaps []string `json:"gaps,omitempty"`
}

// Views draws the global, multi-patient harm and updatability views from the
// file. The security use-case views need operational states the model does
// not hold; they remain documents (evidence FDA-D11/use-cases).
func (f *File) Views() []View {
	m := &f.Model
	cat, _ := f.catalogue()
	isCentral := func(e *Element) bool {
		t, _ := cat.Type(e.Type)
		return e.Flags.FleetWide || e.Flags.SharedKey || t.Base == BaseCloudService
	}
	isUpdate := func(e *Element) bool { return e.Type == "update-server" || e.Flags.Updatable }
	global := View{Kind: ViewGlobal}
	multi := View{Kind: ViewMultiPatient}
	update := View{Kind: ViewUpdatability}
	byID := map[trace.ID]*Element{}
	linked := map[trace.ID]bool{}
	for _, fl := range m.Flows {
		linked[fl.From], linked[fl.To] = true, true
	}
	servers := 0
	for i := range m.Elements {
		e := &m.Elements[i]
		byID[e.ID] = e
		global.Elements = append(global.Elements, e.ID)
		if !linked[e.ID] && !e.OutOfScope {
			global.Gaps = append(global.Gaps, fmt.Sprintf("element %s has no data flow", e.ID))
		}
		if isCentral(e) {
			multi.Elements = append(multi.Elements, e.ID)
		}
		if isUpdate(e) {
			update.Elements = append(update.Elements, e.ID)
			if e.Type == "update-server" {
				servers++
			}
			if e.Flags.Updatable && !e.Flags.SignedUpdates {
				update.Gaps = append(update.Gaps, fmt.Sprintf("updatable element %s does not verify signed updates: the chain of trust ends before it", e.ID))
			}
		}
	}
	for _, b := range m.Boundaries {
		global.Boundaries = append(global.Boundaries, b.ID)
	}
	for _, fl := range m.Flows {
		global.Flows = append(global.Flows, fl.ID)
		from, to := byID[fl.From], byID[fl.To]
		if from == nil || to == nil {
			continue
		}
		if isCentral(from) || isCentral(to) {
			multi.Flows = append(multi.Flows, fl.ID)
		}
		if isUpdate(from) && isUpdate(to) {
			update.Flows = append(update.Flows, fl.ID)
		}
	}
	if len(multi.Elements) == 0 {
		multi.Gaps = append(multi.Gaps, "no element is fleet-wide, holds a shared key or is a cloud service: say why no attack can reach many patients")
	}
	if slices.ContainsFunc(m.Elements, func(e Element) bool { return e.Flags.Updatable }) && servers == 0 {
		update.Gaps = append(update.Gaps, "updatable elements but no update-server element: the update path is not modelled")
	}
	if !slices.ContainsFunc(m.Elements, func(e Element) bool { return e.Flags.Updatable }) {
		update.Gaps = append(update.Gaps, "no element is marked updatable")
	}
	return f.finishViews(&global, &multi, &update)
}

// finishViews adds the threats on each view's elements and flows and sorts
// every list.
func (f *File) finishViews(views ...*View) []View {
	for _, t := range f.Threats {
		for _, v := range views {
			if slices.ContainsFunc(t.Targets, func(id trace.ID) bool {
				return slices.Contains(v.Elements, id) || slices.Contains(v.Flows, id)
			}) {
				v.Threats = append(v.Threats, t.ID)
			}
		}
	}
	out := make([]View, 0, len(views))
	for _, v := range views {
		for _, l := range []*[]trace.ID{&v.Elements, &v.Flows, &v.Boundaries, &v.Threats} {
			slices.Sort(*l)
			*l = slices.Compact(*l)
		}
		out = append(out, *v)
	}
	return out
}
