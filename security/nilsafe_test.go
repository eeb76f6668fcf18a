package security

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/medtrace/medtrace/trace"
)

func TestNilInputsDoNotPanic(t *testing.T) {
	assert.NotPanics(t, func() {
		var f *File
		assert.Error(t, f.Validate())
		b := trace.NewBuilder()
		b.Add(f)
		_, _ = b.Build()
		_, err := Generate(context.Background(), nil, GenerateOptions{})
		assert.ErrorIs(t, err, ErrMissing)
		assert.Nil(t, Reevaluate(nil, "X"))
		var c *Catalogue
		_, _ = c.Extend(nil)
		_, ok := c.Type("process")
		assert.True(t, ok)
		_, _, err = (&Rubric{}).Vector(RubricAnswers{})
		assert.Error(t, err)
		assert.Error(t, (&File{}).Model.Validate(nil))
		_, _ = Assessment{}.Evaluate(EvaluateOptions{Rubric: &Rubric{}})
		_ = (&File{}).MissingCoverage()
		_ = AttackTree{}.Leaves()
	})
}
