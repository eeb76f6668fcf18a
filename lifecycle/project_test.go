package lifecycle

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

var day = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// smallProject is a consistent project of lifecycle records only.
func smallProject() *Project {
	return &Project{
		System: System{ID: "SYS", Name: "Infusion controller", Edition: Edition2015, Class: ClassB},
		Items: []Item{
			{ID: "ITM-1", Title: "Dose engine", Parent: "SYS"},
			{ID: "ITM-2", Title: "Display", Parent: "SYS"},
			{ID: "UNIT-1", Title: "Rate limiter", Parent: "ITM-1", Unit: true},
		},
		Interfaces:   []Interface{{ID: "IF-1", Title: "Dose to display", Items: []trace.ID{"ITM-1", "ITM-2"}}},
		UserNeeds:    []UserNeed{{ID: "UN-1", Title: "Deliver the prescribed dose"}},
		Requirements: []Requirement{{ID: "SRS-1", Title: "Limit rate", Level: LevelSoftware, Category: CategoryFunctional, DerivedFrom: []trace.ID{"UN-1"}, AllocatedTo: []trace.ID{"ITM-1"}}},
		Tests: []Test{
			{ID: "TST-1", Title: "Rate limit test", Type: TestSystem, Verifies: []trace.ID{"SRS-1"}},
			{ID: "VAL-1", Title: "Simulated-use validation", Type: TestValidation, Verifies: []trace.ID{"UN-1"}},
		},
		Results: []Result{
			{ID: "RES-1", Test: "TST-1", Outcome: Pass, Date: day, Version: "1.0.0", By: "QA"},
			{ID: "RES-2", Test: "VAL-1", Outcome: Pass, Date: day, Version: "1.0.0", By: "QA"},
		},
		Documents: []Document{{ID: "DOC-1", Title: "Development plan", Type: DocDevelopmentPlan, Clauses: []string{"5.1.1"}}},
	}
}

func TestGraphBuildsSmallProject(t *testing.T) {
	g, err := smallProject().Graph()
	require.NoError(t, err)
	assert.Equal(t, 12, g.Len())
	assert.Equal(t, []trace.ID{"UN-1"}, g.Neighbours("SRS-1", trace.In, trace.Derives))
	assert.Equal(t, []trace.ID{"ITM-1"}, g.Neighbours("UNIT-1", trace.Out, trace.PartOf))
}

func TestGraphReportsEveryBadRecord(t *testing.T) {
	p := smallProject()
	p.System.Edition = ""
	p.Items[0].Parent = ""
	p.Requirements[0].Level = "sys"
	p.Tests[0].Type = ""
	p.Results[0].By = ""
	p.Items[1].Uses = []trace.ID{""}
	_, err := p.Graph()
	require.Error(t, err)
	var be *trace.BuildError
	require.True(t, errors.As(err, &be))
	assert.True(t, errors.Is(err, ErrInvalidRecord))
	msg := err.Error()
	for _, want := range []string{
		`system.edition ("SYS")`, `items[0].parent ("ITM-1")`, `requirements[0].level ("SRS-1")`,
		`tests[0].type ("TST-1")`, `results[0].by ("RES-1")`, `items[1].uses[0] ("ITM-2")`,
	} {
		assert.Contains(t, msg, want)
	}
}

func TestValidate(t *testing.T) {
	p := smallProject()
	require.NoError(t, p.Validate())
	p.Requirements[0].AllocatedTo = []trace.ID{"NOWHERE"} // a dangling link is Graph's concern
	require.NoError(t, p.Validate())
	p.Results[0].Outcome = "passed"
	p.Items[1].Title = ""
	err := p.Validate()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRecord)
	assert.Contains(t, err.Error(), `results[0].outcome ("RES-1"): "passed" must be pass, fail or blocked`)
	assert.Contains(t, err.Error(), `items[1].title ("ITM-2"): is required`)
}

func TestProjectJSONRoundTrip(t *testing.T) {
	p := pumpProject()
	data, err := json.Marshal(p)
	require.NoError(t, err)
	var back Project
	require.NoError(t, json.Unmarshal(data, &back))
	g1, err := p.Graph()
	require.NoError(t, err)
	g2, err := back.Graph()
	require.NoError(t, err)
	require.Equal(t, g1.Len(), g2.Len())
	own := []trace.Kind{KindSystem, KindItem, KindUnit, KindRequirement, KindTest, KindTestResult, KindUserNeed}
	for it := range g1.Items() {
		other, ok := g2.Item(it.ID)
		require.True(t, ok, it.ID)
		if slices.Contains(own, it.Kind) {
			assert.Equal(t, it.Fingerprint, other.Fingerprint, it.ID)
		}
	}
}

func TestProblemsCarryPositions(t *testing.T) {
	p := smallProject()
	p.Requirements[0].Pos = trace.Position{File: "records/srs.yaml", Line: 12, Column: 3}
	p.Requirements[0].Category = "colour"
	p.Tests[0].Pos = trace.Position{File: "records/tests.yaml", Line: 4, Column: 3}
	p.Tests[0].Verifies = []trace.ID{"SRS-404"}
	_, err := p.Graph()
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `records/srs.yaml:12:3: requirements[0].category ("SRS-1"): "colour" is not a 5.2.2 category`)
	assert.Contains(t, msg, `records/tests.yaml:4:3: TST-1 -verifies-> SRS-404: no item has ID "SRS-404"`)
}
