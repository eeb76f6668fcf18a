package lifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestActivitiesByEdition(t *testing.T) {
	a15, err := Activities(Edition2015)
	require.NoError(t, err)
	a06, err := Activities(Edition2006)
	require.NoError(t, err)
	find := func(as []Activity, clause string) (Activity, bool) {
		for _, a := range as {
			if a.Clause == clause {
				return a, true
			}
		}
		return Activity{}, false
	}
	st15, _ := find(a15, "5.7.5")
	st06, _ := find(a06, "5.7.5")
	assert.True(t, st15.AppliesTo(ClassA))
	assert.False(t, st06.AppliesTo(ClassA))
	_, ok := find(a06, "5.1.12")
	assert.False(t, ok)
	seg, _ := find(a15, "5.3.5")
	assert.Equal(t, []Class{ClassC}, seg.Classes)
	assert.Len(t, a06, len(a15)-2)

	_, err = Activities("IEC 62304:2099")
	assert.ErrorIs(t, err, ErrUnknownEdition)
}

func TestGaps(t *testing.T) {
	p := smallProject()
	g, err := p.Graph()
	require.NoError(t, err)

	repA, err := p.Gaps(g, ClassA)
	require.NoError(t, err)
	repC, err := p.Gaps(g, ClassC)
	require.NoError(t, err)
	assert.Less(t, len(repA.Activities), len(repC.Activities))

	byClause := map[string]ActivityEvidence{}
	for _, a := range repC.Activities {
		byClause[a.Activity.Clause] = a
	}
	assert.True(t, byClause["5.1.1"].Satisfied, "the development plan is evidence by its type and its claim")
	assert.Equal(t, "DOC-1", string(byClause["5.1.1"].Documents[0]))
	assert.True(t, byClause["5.7.5"].Satisfied)
	assert.Equal(t, "test-result -evidences-> test[type=system]", byClause["5.7.5"].Records[0].Query)
	assert.False(t, byClause["5.4.2"].Satisfied, "no detailed design")
	assert.False(t, byClause["5.1.12"].Satisfied)

	repInvalid, err := p.Gaps(g, "")
	require.NoError(t, err)
	assert.Equal(t, ClassC, repInvalid.Class)

	p.System.Edition = "draft"
	_, err = p.Gaps(g, ClassB)
	assert.ErrorIs(t, err, ErrUnknownEdition)
}
