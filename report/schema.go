package report

import (
	_ "embed"
	"slices"
)

//go:embed schema/findings.v1.schema.json
var findingsSchema []byte

// FindingsSchemaID is the $id of the JSON Schema (draft 2020-12) of the
// findings document that Findings.JSON writes.
const FindingsSchemaID = "https://medtrace.dev/schema/findings/v1/findings.schema.json"

// FindingsJSONSchema returns the JSON Schema of the findings document, for
// hosts that validate or generate readers for it. The slice is new on every
// call.
func FindingsJSONSchema() []byte { return slices.Clone(findingsSchema) }
