package lifecycle

import (
	"cmp"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// Introduction is how many vulnerabilities one release brought in: those
// known to affect it that did not affect the release it follows.
type Introduction struct {
	// Release, Product and Version name the release.
	Release trace.ID `json:"release"`
	Product string   `json:"product,omitempty"`
	Version string   `json:"version"`
	// Previous is the release it follows, if any.
	Previous trace.ID `json:"previous,omitempty"`
	// Known counts the vulnerabilities known to affect the release.
	Known int `json:"known"`
	// Introduced are the vulnerabilities affecting the release but not
	// its previous one, sorted; for a first release, all it has.
	Introduced []string `json:"introduced,omitempty"`
	// ComponentsChanged counts the components added or changed against
	// the previous release's SBOM; 0 when either SBOM is missing.
	ComponentsChanged int `json:"componentsChanged"`
	// Rate is len(Introduced) ÷ ComponentsChanged, the vulnerabilities
	// introduced per changed component; 0 when no component changed.
	Rate float64 `json:"rate"`
}

// IntroductionRates computes, for every release, the vulnerabilities it
// introduced and their rate per changed component, from the ledger: a
// vulnerability affects a release when an identified or affected event
// names the release and its latest assessment for the release's product is
// not "not affected". Results are ordered by product, date and release ID.
// Releases of several products give the rate across a product line.
func IntroductionRates(releases []Release, events []LedgerEvent) []Introduction {
	notAffected := map[[2]string]bool{}
	for _, e := range exposures(events, 100) {
		notAffected[[2]string{e.vuln, e.product}] = e.notAffected
	}
	affects := map[trace.ID]map[string]bool{}
	for _, ev := range events {
		if ev.Type != LedgerIdentified && ev.Type != LedgerAffected {
			continue
		}
		for _, r := range ev.Releases {
			if affects[r] == nil {
				affects[r] = map[string]bool{}
			}
			affects[r][ev.Vulnerability] = true
		}
	}
	byID := map[trace.ID]*Release{}
	for i := range releases {
		byID[releases[i].ID] = &releases[i]
	}
	var out []Introduction
	for i := range releases {
		r := &releases[i]
		in := Introduction{Release: r.ID, Product: r.Product, Version: r.Version, Previous: r.Previous}
		prev := byID[r.Previous]
		for _, v := range sortedMapKeys(affects[r.ID]) {
			if notAffected[[2]string{v, r.Product}] {
				continue
			}
			in.Known++
			if prev == nil || !affects[prev.ID][v] || notAffected[[2]string{v, prev.Product}] {
				in.Introduced = append(in.Introduced, v)
			}
		}
		if prev != nil && prev.SBOM != nil && r.SBOM != nil {
			d := DiffComponents(prev.SBOM, r.SBOM)
			in.ComponentsChanged = len(d.Added) + len(d.Changed)
		}
		if in.ComponentsChanged > 0 {
			in.Rate = float64(len(in.Introduced)) / float64(in.ComponentsChanged)
		}
		out = append(out, in)
	}
	slices.SortFunc(out, func(a, b Introduction) int {
		ra, rb := byID[a.Release], byID[b.Release]
		return cmp.Or(cmp.Compare(a.Product, b.Product), ra.Date.Compare(rb.Date), cmp.Compare(a.Release, b.Release))
	})
	return out
}
