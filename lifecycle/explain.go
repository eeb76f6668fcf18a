package lifecycle

import (
	"fmt"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Explain returns, in words, why the system or item id has its class: where
// the class comes from (computed, inherited, segregated, declared, default),
// each hazardous situation it contributes to with the path from the item,
// the worst harm and its severity, and the risk controls considered; for a
// system or item with parts, the parts' computed classes. It reports false
// for an unknown ID.
func (c *Classification) Explain(id trace.ID) (string, bool) {
	ic, ok := c.Item(id)
	if !ok {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %q: class %s — %s\n", ic.Kind, ic.Item, ic.Title, ic.Class, c.basisText(ic))
	for _, con := range ic.Contributions {
		sc, _ := c.Situation(con.Situation)
		fmt.Fprintf(&b, "  %s (class %s) via %s: %s\n", con.Situation, con.Class, con.Via, hops(con.Path))
		if sc.WorstHarm != "" {
			fmt.Fprintf(&b, "    worst harm %s, severity %s\n", sc.WorstHarm, sc.Severity)
		}
		fmt.Fprintf(&b, "    %s\n", sc.Reason)
	}
	for _, part := range c.Items {
		if part.Parent == ic.Item && part.Item != ic.Item {
			fmt.Fprintf(&b, "  part %s: computed %s\n", part.Item, part.Computed)
		}
	}
	return b.String(), true
}

func (c *Classification) basisText(ic ItemClass) string {
	declared := ""
	if ic.Declared.Valid() {
		declared = fmt.Sprintf("; declared %s", ic.Declared)
	}
	switch ic.Basis {
	case BasisComputed:
		return fmt.Sprintf("highest class of the hazardous situations it and its parts can contribute to (4.3 a)%s", declared)
	case BasisInherited:
		return fmt.Sprintf("inherited from %s (4.3 d); its own situations call for %s%s", ic.Parent, ic.Computed, declared)
	case BasisSegregated:
		return fmt.Sprintf("its own situations under its segregation argument (4.3 d, 5.3.5)%s", declared)
	case BasisDeclared:
		return fmt.Sprintf("declared, above the computed class %s (4.3 e)", ic.Computed)
	}
	return "no risk analysis to classify from, so class C (4.3 g)"
}

func hops(path []trace.Hop) string {
	parts := make([]string, len(path))
	for i, h := range path {
		parts[i] = h.String()
	}
	return strings.Join(parts, ", ")
}
