package security

import (
	"slices"
	"strings"

	"github.com/medtrace/medtrace/trace"
)

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func idStrings(ids []trace.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

func joinIDs(ids []trace.ID) string { return strings.Join(idStrings(ids), ",") }

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

type traceID = trace.ID

func stringKeys[V any](m map[trace.ID]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}
