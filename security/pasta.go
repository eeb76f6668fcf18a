package security

import (
	"fmt"
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

// Stage is one of the seven PASTA stages (Process for Attack Simulation and
// Threat Analysis), the risk-centric method device teams use beside STRIDE.
type Stage string

// PASTA stages, in order.
const (
	// StageObjectives (1): business and safety objectives, compliance needs.
	StageObjectives Stage = "objectives"
	// StageTechnicalScope (2): the technical scope: elements, technologies, dependencies.
	StageTechnicalScope Stage = "technical-scope"
	// StageDecomposition (3): application decomposition: flows, trust boundaries, assets.
	StageDecomposition Stage = "decomposition"
	// StageThreatAnalysis (4): threat analysis from intelligence and the model.
	StageThreatAnalysis Stage = "threat-analysis"
	// StageVulnerabilityAnalysis (5): weaknesses and vulnerabilities mapped to threats.
	StageVulnerabilityAnalysis Stage = "vulnerability-analysis"
	// StageAttackModelling (6): attack modelling with attack trees.
	StageAttackModelling Stage = "attack-modelling"
	// StageRiskImpact (7): risk and impact analysis, residual risk, controls.
	StageRiskImpact Stage = "risk-impact-analysis"
)

// Stages returns the seven stages in order.
func Stages() []Stage {
	return []Stage{StageObjectives, StageTechnicalScope, StageDecomposition, StageThreatAnalysis,
		StageVulnerabilityAnalysis, StageAttackModelling, StageRiskImpact}
}

// Valid reports whether s is one of the seven stages.
func (s Stage) Valid() bool { return slices.Contains(Stages(), s) }

// Number returns the stage's number 1–7, or 0.
func (s Stage) Number() int { return slices.Index(Stages(), s) + 1 }

// StageRecord is the record of one PASTA stage over the shared model: what
// it concluded and which elements, threats, controls, risks or
// vulnerabilities it covers (pasta-stage -relates-> item).
type StageRecord struct {
	// ID identifies the record. Required.
	ID trace.ID `json:"id"`
	// Stage is the PASTA stage. Required.
	Stage Stage `json:"stage"`
	// Summary states the stage's outcome. Required.
	Summary string `json:"summary"`
	// Objectives lists objectives (stage 1) or findings (other stages).
	Objectives []string `json:"objectives,omitempty"`
	// Scope lists the items the stage covers.
	Scope []trace.ID `json:"scope,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Gate combines an attack-tree node's children.
type Gate string

// Gates.
const (
	// GateOr: any child achieves the node.
	GateOr Gate = "or"
	// GateAnd: all children are needed.
	GateAnd Gate = "and"
)

// Valid reports whether g is and or or.
func (g Gate) Valid() bool { return g == GateOr || g == GateAnd }

// Node is a node of an attack tree: an inner node with a gate and children,
// or a leaf naming a threat or vulnerability.
type Node struct {
	// Label describes the step.
	Label string `json:"label,omitempty"`
	// Gate combines Children; required on inner nodes.
	Gate Gate `json:"gate,omitempty"`
	// Children are the sub-steps.
	Children []Node `json:"children,omitempty"`
	// Ref is a leaf's threat or vulnerability ID.
	Ref trace.ID `json:"ref,omitempty"`
}

// MaxTreeDepth bounds the depth of an attack tree.
const MaxTreeDepth = 32

// AttackTree is an attack tree for one attacker goal (PASTA stage 6).
type AttackTree struct {
	// ID identifies the tree. Required.
	ID trace.ID `json:"id"`
	// Goal is the attacker's goal at the root. Required.
	Goal string `json:"goal"`
	// Root is the tree. Required.
	Root Node `json:"root"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Leaves returns the leaf references in depth-first order, without repeats.
func (t AttackTree) Leaves() []trace.ID {
	var out []trace.ID
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		if depth > MaxTreeDepth {
			return
		}
		if n.Ref != "" && !slices.Contains(out, n.Ref) {
			out = append(out, n.Ref)
		}
		for i := range n.Children {
			walk(&n.Children[i], depth+1)
		}
	}
	walk(&t.Root, 0)
	return out
}

// Pasta holds the PASTA records of a file.
type Pasta struct {
	// Stages are the stage records.
	Stages []StageRecord `json:"stages,omitempty"`
	// AttackTrees are the attack trees of stage 6.
	AttackTrees []AttackTree `json:"attackTrees,omitempty"`
}

func (t AttackTree) validate(path string, p *problems) {
	if strings.TrimSpace(t.Goal) == "" {
		p.add(path+".goal", t.ID, t.Pos, ErrMissing, "the attacker's goal is required")
	}
	var walk func(n *Node, np string, depth int)
	walk = func(n *Node, np string, depth int) {
		if depth > MaxTreeDepth {
			p.add(np, t.ID, t.Pos, ErrTooLarge, "attack tree deeper than %d levels", MaxTreeDepth)
			return
		}
		switch {
		case len(n.Children) == 0 && n.Ref == "":
			p.add(np, t.ID, t.Pos, ErrMissing, "a leaf must name a threat or vulnerability (ref)")
		case len(n.Children) > 0 && n.Ref != "":
			p.add(np+".ref", t.ID, t.Pos, ErrInvalid, "an inner node cannot also be a leaf")
		case len(n.Children) > 0 && !n.Gate.Valid():
			p.add(np+".gate", t.ID, t.Pos, ErrInvalid, "gate %q must be and or or", n.Gate)
		case n.Ref != "" && !n.Ref.Valid():
			p.add(np+".ref", t.ID, t.Pos, ErrInvalid, "ref %q is not a valid ID", n.Ref)
		}
		for i := range n.Children {
			walk(&n.Children[i], fmt.Sprintf("%s.children[%d]", np, i), depth+1)
		}
	}
	walk(&t.Root, path+".root", 0)
}
