package security

import (
	"slices"
)

// CoverageItem is one of the items a threat model must cover under
// IEC 81001-5-1:2021 7.2 (paraphrased).
type CoverageItem struct {
	// Letter is the item's letter, "a" to "l".
	Letter string
	// Topic says what must be covered.
	Topic string
	// Test says how Coverage decides the item is covered.
	Test string
}

// CoverageItems returns the twelve items of IEC 81001-5-1:2021 7.2 a–l.
func CoverageItems() []CoverageItem {
	return []CoverageItem{
		{"a", "categorised information flows", "at least one flow, and every flow carries a classified asset"},
		{"b", "trust boundaries", "at least one trust boundary"},
		{"c", "processes", "at least one process, device or cloud-service element"},
		{"d", "data stores", "at least one data-store element"},
		{"e", "external entities", "at least one external-entity or human-actor element"},
		{"f", "protocols", "at least one flow, every flow naming its protocol"},
		{"g", "reachable physical ports, debug ports included", "at least one physical interface on an element"},
		{"h", "board-level connections (JTAG, headers)", "at least one debug interface on an element, enabled or not"},
		{"i", "attack vectors, hardware included", "at least one threat on an element that exposes interfaces"},
		{"j", "threats", "at least one threat"},
		{"k", "security issues", "at least one security risk record"},
		{"l", "external dependencies", "at least one element hosting SBOM components"},
	}
}

func coverageItems() []string {
	var out []string
	for _, c := range CoverageItems() {
		out = append(out, c.Letter)
	}
	return out
}

// MissingCoverage returns the letters of IEC 81001-5-1:2021 7.2 a–l the file
// neither covers nor exempts, in order.
func (f *File) MissingCoverage() []string {
	cat, _ := f.catalogue()
	m := &f.Model
	base := func(e Element) Base {
		if t, ok := cat.Type(e.Type); ok {
			return t.Base
		}
		return ""
	}
	has := map[string]bool{}
	has["a"] = len(m.Flows) > 0 && !slices.ContainsFunc(m.Flows, func(fl Flow) bool { return len(fl.Assets) == 0 })
	has["b"] = len(m.Boundaries) > 0
	has["f"] = len(m.Flows) > 0 && !slices.ContainsFunc(m.Flows, func(fl Flow) bool { return fl.Protocol == "" })
	has["j"] = len(f.Threats) > 0
	has["k"] = len(f.Risks) > 0
	exposed := map[string]bool{}
	for _, e := range m.Elements {
		switch base(e) {
		case BaseProcess, BaseDevice, BaseCloudService:
			has["c"] = true
		case BaseDataStore:
			has["d"] = true
		case BaseExternalEntity, BaseHumanActor:
			has["e"] = true
		case BaseInterface:
			exposed[string(e.ID)] = true
		}
		for _, it := range e.Interfaces {
			exposed[string(e.ID)] = true
			if it.Physical {
				has["g"] = true
			}
			if it.Kind == IfaceDebug {
				has["h"] = true
			}
		}
		if len(e.Components) > 0 {
			has["l"] = true
		}
	}
	for _, t := range f.Threats {
		for _, target := range t.Targets {
			if exposed[string(target)] {
				has["i"] = true
			}
		}
	}
	for _, ex := range m.Exemptions {
		has[ex.Item] = true
	}
	var missing []string
	for _, l := range coverageItems() {
		if !has[l] {
			missing = append(missing, l)
		}
	}
	return missing
}

// MissingCategories returns the FDA control categories that no control of
// the file addresses and no exemption marks not applicable, in A–H order.
func (f *File) MissingCategories() []ControlCategory {
	has := map[ControlCategory]bool{}
	for _, c := range f.Controls {
		has[c.Category] = true
	}
	for _, ex := range f.CategoryExemptions {
		has[ControlCategory(ex.Item)] = true
	}
	var out []ControlCategory
	for _, c := range ControlCategories() {
		if !has[c] {
			out = append(out, c)
		}
	}
	return out
}
