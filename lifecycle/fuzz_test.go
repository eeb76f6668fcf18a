package lifecycle

import (
	"context"
	"encoding/json"
	"testing"
)

// FuzzProjectCheck feeds arbitrary project JSON through the whole thread:
// graph, classification, gaps and the rule check must report problems, never
// panic.
func FuzzProjectCheck(f *testing.F) {
	pump, err := json.Marshal(pumpProject())
	if err != nil {
		f.Fatal(err)
	}
	small, err := json.Marshal(smallProject())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pump)
	f.Add(small)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"system":{"id":"S","name":"n","edition":"IEC 62304:2006"},"items":[{"id":"A","title":"a","parent":"A","class":"Z"}]}`))
	f.Add([]byte(`{"system":{"id":"S"},"items":[{"id":"A","parent":"B"},{"id":"B","parent":"A","segregation":{}}],"designReviews":[{"id":"R","scope":[{"item":"A"}]}]}`))
	f.Add([]byte(`{"risk":{"plan":{"id":"P"},"hazards":[{"id":"H","situations":[{"id":"S","p1":"x","residual":{"p1":"-1"}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var p Project
		if json.Unmarshal(data, &p) != nil {
			return
		}
		g, _ := p.Graph()
		cl := p.Classify(g, ClassifyOptions{})
		if !cl.System.Class.Valid() {
			t.Fatalf("invalid system class %q", cl.System.Class)
		}
		for _, it := range cl.Items {
			if !it.Class.Valid() || !it.Basis.Valid() {
				t.Fatalf("item %s: class %q basis %q", it.Item, it.Class, it.Basis)
			}
			if _, ok := cl.Explain(it.Item); !ok {
				t.Fatalf("no explanation for %s", it.Item)
			}
		}
		_, _ = p.Gaps(g, cl.System.Class)
		_, _ = p.Check(context.Background(), CheckOptions{})
	})
}
