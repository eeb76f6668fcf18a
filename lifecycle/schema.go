package lifecycle

import (
	_ "embed"
	"slices"
)

// The JSON Schemas (draft 2020-12) of the project file format, generated
// from the record types and their documentation; editors use them for
// completion and checking. A record file is validated by ProjectSchema (a
// fragment of a project), a manifest by ManifestSchema.
var (
	//go:embed schema/project.schema.json
	projectSchema []byte
	//go:embed schema/manifest.schema.json
	manifestSchema []byte
)

// ProjectSchemaID and ManifestSchemaID are the schemas' $id values.
const (
	ProjectSchemaID  = "https://medtrace.dev/schema/project/v1/project.schema.json"
	ManifestSchemaID = "https://medtrace.dev/schema/project/v1/manifest.schema.json"
)

// ProjectSchema returns a copy of the JSON Schema of a record file.
func ProjectSchema() []byte { return slices.Clone(projectSchema) }

// ManifestSchema returns a copy of the JSON Schema of medtrace.yaml.
func ManifestSchema() []byte { return slices.Clone(manifestSchema) }
