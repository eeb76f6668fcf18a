package risk

import (
	"cmp"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// index holds the lookups that evaluation, explanation and the rules share.
// It is built from a File and never outlives the call that built it, unless
// a rule set holds it.
type index struct {
	f           *File
	nSituations int
	situation   map[trace.ID][2]int // situation → (hazard, situation) index
	hazard      map[trace.ID]int
	harm        map[trace.ID]int
	control     map[trace.ID]int
	harmSev     map[trace.ID]Rating
	mitigatedBy map[trace.ID][]int // situation → control indices, in control ID order
	benefitRisk map[trace.ID][]int // situation → benefit-risk indices, in file order

	benefitRiskByID map[trace.ID]int

	riskBuf []Risk // backing array for evaluate
}

func newIndex(f *File) *index {
	ix := &index{
		f:         f,
		situation: map[trace.ID][2]int{},
		hazard:    make(map[trace.ID]int, len(f.Hazards)),
		harm:      make(map[trace.ID]int, len(f.Harms)),
		control:   make(map[trace.ID]int, len(f.Controls)),
		harmSev:   make(map[trace.ID]Rating, len(f.Harms)),
	}
	for hi := range f.Hazards {
		h := &f.Hazards[hi]
		if _, dup := ix.hazard[h.ID]; !dup {
			ix.hazard[h.ID] = hi
		}
		for si := range h.Situations {
			ix.nSituations++
			if _, dup := ix.situation[h.Situations[si].ID]; !dup {
				ix.situation[h.Situations[si].ID] = [2]int{hi, si}
			}
		}
	}
	for i := range f.Harms {
		h := &f.Harms[i]
		if _, dup := ix.harm[h.ID]; !dup {
			ix.harm[h.ID] = i
			ix.harmSev[h.ID] = f.Plan.Severity.Rating(h.Severity)
		}
	}
	ix.mitigatedBy = make(map[trace.ID][]int, ix.nSituations)
	for _, ci := range sortedControls(f.Controls) {
		c := &f.Controls[ci]
		if _, dup := ix.control[c.ID]; dup {
			continue
		}
		ix.control[c.ID] = ci
		for _, s := range c.Mitigates {
			ix.mitigatedBy[s] = appendOnce(ix.mitigatedBy[s], ci)
		}
	}
	ix.benefitRisk = map[trace.ID][]int{}
	ix.benefitRiskByID = make(map[trace.ID]int, len(f.BenefitRisk))
	for bi := range f.BenefitRisk {
		if _, dup := ix.benefitRiskByID[f.BenefitRisk[bi].ID]; !dup {
			ix.benefitRiskByID[f.BenefitRisk[bi].ID] = bi
		}
		for _, s := range f.BenefitRisk[bi].Situations {
			ix.benefitRisk[s] = appendOnce(ix.benefitRisk[s], bi)
		}
	}
	return ix
}

// harmSeverity returns the severity of the harm with the given ID; unrated
// when the harm is unknown or its severity is not on the scale.
func (ix *index) harmSeverity(id trace.ID) Rating { return ix.harmSev[id] }

// hasHarm reports whether the file has a harm with the given ID.
func (ix *index) hasHarm(id trace.ID) bool {
	_, ok := ix.harm[id]
	return ok
}

// lookupSituation returns the situation with the given ID and its hazard.
func (ix *index) lookupSituation(id trace.ID) (*Hazard, *Situation, bool) {
	p, ok := ix.situation[id]
	if !ok {
		return nil, nil, false
	}
	h := &ix.f.Hazards[p[0]]
	return h, &h.Situations[p[1]], true
}

// sortedControls returns the indices of cs ordered by control ID (stable, so
// the first of duplicated IDs comes first).
func sortedControls(cs []Control) []int {
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	sortStableBy(idx, func(i int) trace.ID { return cs[i].ID })
	return idx
}

// appendOnce appends i to l unless l already ends with it: records are
// added one at a time, so a repeated reference within one record shows up as
// a repeat at the end.
func appendOnce(l []int, i int) []int {
	if n := len(l); n > 0 && l[n-1] == i {
		return l
	}
	return append(l, i)
}

func sortStableBy(idx []int, key func(int) trace.ID) {
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
}
