package security

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestDecodeFileYAML(t *testing.T) {
	data, err := os.ReadFile("testdata/pump.yaml")
	require.NoError(t, err)
	f, err := DecodeFile(context.Background(), bytes.NewReader(data), DecodeOptions{Name: "pump.yaml"})
	require.NoError(t, err)
	assert.Equal(t, trace.ID("TM-PUMP"), f.Model.ID)
	require.Len(t, f.Model.Elements, 2)
	assert.Equal(t, trace.Position{File: "pump.yaml", Line: 14, Column: 7}, f.Model.Elements[0].Pos)
	assert.Equal(t, 25, f.Threats[0].Pos.Line)
	require.Len(t, f.Pasta.AttackTrees, 1)
	assert.Equal(t, []trace.ID{"THR-MED-PUMP-COMMAND@EL-PUMP"}, f.Pasta.AttackTrees[0].Leaves())

	// JSON round trip: the same file written as JSON decodes to the same records.
	js, err := json.Marshal(f)
	require.NoError(t, err)
	g, err := DecodeFile(context.Background(), bytes.NewReader(js), DecodeOptions{Name: "pump.json"})
	require.NoError(t, err)
	assert.Equal(t, f.Threats[0].Title, g.Threats[0].Title)
	assert.Equal(t, f.Risks[0].Pre, g.Risks[0].Pre)

	b := trace.NewBuilder()
	b.Add(f)
	var noTests []trace.ID
	for _, c := range ControlCategories() {
		noTests = append(noTests, trace.ID("CTL-"+c.Letter()))
	}
	b.Add(others(noTests...))
	graph, err := b.Build()
	require.NoError(t, err)
	assert.Equal(t, []trace.ID{"THR-MED-PUMP-COMMAND@EL-PUMP"}, graph.Neighbours("AT-BOLUS", trace.Out, HasLeaf))
	assert.Equal(t, []trace.ID{"TM-PUMP"}, graph.Neighbours("PS-1", trace.Out, trace.Relates))
	it, ok := graph.Item("SR-SPOOF")
	require.True(t, ok)
	assert.Equal(t, "uncontrolled", it.Attr(AttrPreVerdict))
	assert.Equal(t, "controlled", it.Attr(AttrPostVerdict))
	assert.Equal(t, trace.Position{File: "pump.yaml", Line: 38, Column: 5}, it.Pos)
}

func TestDecodeFileReportsEverything(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.yaml")
	require.NoError(t, err)
	_, err = DecodeFile(context.Background(), bytes.NewReader(data), DecodeOptions{Name: "bad.yaml"})
	require.Error(t, err)
	// The unknown "probability" field stops decoding before validation.
	assert.Contains(t, err.Error(), "bad.yaml:13:")
	assert.Contains(t, err.Error(), "probability")
	assert.True(t, errors.Is(err, ErrSyntax))

	fixed := strings.Replace(string(data), ", probability: 0.3", "", 1)
	f, err := DecodeFile(context.Background(), strings.NewReader(fixed), DecodeOptions{Name: "bad.yaml"})
	require.Error(t, err)
	require.NotNil(t, f)
	golden(t, "bad.errors.golden", []byte(err.Error()+"\n"))
}

func TestDecodeLimits(t *testing.T) {
	_, err := DecodeFile(context.Background(), strings.NewReader(strings.Repeat(" ", 100)), DecodeOptions{MaxBytes: 10})
	assert.True(t, errors.Is(err, ErrTooLarge), "%v", err)
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	_, err = DecodeFile(context.Background(), strings.NewReader(`{"threats":`+deep+`}`), DecodeOptions{})
	require.Error(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = DecodeFile(ctx, strings.NewReader("model: {}"), DecodeOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

func FuzzDecodeFile(f *testing.F) {
	for _, name := range []string{"testdata/pump.yaml", "testdata/bad.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"model":{"id":"M","methods":["stride"],"elements":[{"id":"E","name":"e","type":"process"}]}}`))
	f.Add([]byte(`model: &a {id: M, methods: [stride]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := DecodeFile(context.Background(), bytes.NewReader(data), DecodeOptions{MaxBytes: 1 << 16})
		if file == nil {
			return
		}
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error of type %T: %v", err, err)
			}
		}
		// Whatever decodes must contribute, generate and evaluate without panicking.
		b := trace.NewBuilder()
		b.Add(file)
		g, _ := b.Build()
		if g != nil {
			_, _ = trace.Check(context.Background(), g, Rules(RuleOptions{}), trace.CheckOptions{})
		}
		_, _ = Generate(context.Background(), &file.Model, GenerateOptions{})
	})
}

func FuzzDecodeCatalogue(f *testing.F) {
	f.Add(catalogueJSON)
	f.Add([]byte("name: x\nversion: '1'\nrules: [{id: R, version: 1, title: t, on: flow, stride: [T]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := DecodeCatalogue(context.Background(), bytes.NewReader(data), DecodeOptions{MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		m := pumpModel()
		_, _ = Generate(context.Background(), &m, GenerateOptions{Catalogue: cat})
	})
}

func FuzzDecodeRubric(f *testing.F) {
	f.Add(rubricJSON)
	f.Add([]byte("name: r\nversion: '1'\nquestions: [{id: Q, metric: AV, answers: [{id: A, value: N, next: Q}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeRubric(context.Background(), bytes.NewReader(data), DecodeOptions{MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		answers := RubricAnswers{Rubric: r.Name, Version: r.Version, Answers: map[string]string{}}
		for _, q := range r.Questions {
			if len(q.Answers) > 0 {
				answers.Answers[q.ID] = q.Answers[0].ID
			}
		}
		_, _, _ = r.Vector(answers)
		_, _ = Assessment{Method: AssessRubric, Impact: ImpactSerious, Rubric: &answers}.Evaluate(EvaluateOptions{Rubric: r})
	})
}
