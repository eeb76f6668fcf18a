package sbom

import (
	"cmp"
	"context"
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// subjects are the distinct trace IDs of a document's components, computed
// once per run: items[i] is the ID of the i-th distinct component ID, and
// of[k] the index in items of component k (primary first, as in each).
type subjects struct {
	items []trace.ID
	of    []int32
}

func componentSubjects(s *SBOM) subjects {
	var sub subjects
	index := map[trace.ID]int32{}
	each(s, func(c *Component) {
		id := c.ID()
		i, ok := index[id]
		if !ok {
			i = int32(len(sub.items))
			index[id] = i
			sub.items = append(sub.items, id)
		}
		sub.of = append(sub.of, i)
	})
	return sub
}

// runChecks runs checks over in with the semantics of trace.Check: a
// disabled check does not run; a severity override changes the findings'
// severity; a finding whose (rule, item) has a waiver carries it; coverage
// counts distinct items, an item failing once being uncovered; findings are
// ordered by rule, item and message, coverage by rule, unused waivers by
// rule and item.
func runChecks(ctx context.Context, in *Input, checks []Check, opts trace.CheckOptions) (*trace.Result, error) {
	waivers := map[[2]string]int{}
	for i, w := range opts.Waivers {
		waivers[[2]string{w.Rule, string(w.Item)}] = i
	}
	used := make([]bool, len(opts.Waivers))
	sub := componentSubjects(in.SBOM)
	state := make([]uint8, len(sub.items)) // 0 not seen, 1 passed, 2 failed
	res := &trace.Result{}
	for _, c := range checks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := c.RuleMeta
		if opts.Disabled[m.ID] {
			continue
		}
		if s, ok := opts.Severity[m.ID]; ok {
			m.Severity = s
		}
		fail := func(item trace.ID, msg string) {
			f := trace.Finding{Rule: m.ID, RuleVersion: m.Version, Severity: m.Severity, Clause: m.Clause, Item: item, Message: msg}
			if i, ok := waivers[[2]string{m.ID, string(item)}]; ok {
				w := opts.Waivers[i]
				f.Waiver = &w
				used[i] = true
			}
			res.Findings = append(res.Findings, f)
		}
		cov := trace.Coverage{Rule: m.ID}
		switch {
		case c.Applies != nil && !c.Applies(in):
			// not evaluated: no subjects
		case c.Scope == ScopeDocument:
			id := in.SBOM.DocumentID()
			msgs := c.Document(in)
			for _, msg := range msgs {
				fail(id, msg)
			}
			cov.Total = 1
			if len(msgs) > 0 {
				cov.Uncovered = []trace.ID{id}
			}
		default:
			clear(state)
			k := 0
			each(in.SBOM, func(comp *Component) {
				i := sub.of[k]
				k++
				if msg := c.Component(in, comp); msg != "" {
					state[i] = 2
					fail(sub.items[i], msg)
				} else if state[i] == 0 {
					state[i] = 1
				}
			})
			for i, st := range state {
				if st != 0 {
					cov.Total++
				}
				if st == 2 {
					cov.Uncovered = append(cov.Uncovered, sub.items[i])
				}
			}
			slices.Sort(cov.Uncovered)
		}
		cov.Covered = cov.Total - len(cov.Uncovered)
		res.Coverage = append(res.Coverage, cov)
	}
	slices.SortStableFunc(res.Findings, func(a, b trace.Finding) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Item, b.Item), cmp.Compare(a.Message, b.Message))
	})
	slices.SortFunc(res.Coverage, func(a, b trace.Coverage) int { return cmp.Compare(a.Rule, b.Rule) })
	for i, w := range opts.Waivers {
		if !used[i] && !opts.Disabled[w.Rule] {
			res.UnusedWaivers = append(res.UnusedWaivers, w)
		}
	}
	slices.SortFunc(res.UnusedWaivers, func(a, b trace.Waiver) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Item, b.Item))
	})
	return res, nil
}
