package lifecycle

import (
	"encoding/json"
	"fmt"
	"io"
)

// EncodeJSON writes the project's records as one indented JSON document
// that is itself a record file: a manifest naming it loads the same
// project back (SBOMs, advisories, VEX and baselines stay in their own
// files and are not written). The output is deterministic, so it can be
// stored and compared as a whole, in a database row or a review diff.
func (p *Project) EncodeJSON(w io.Writer) error {
	if p == nil {
		return fmt.Errorf("lifecycle: encode: nil project")
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("lifecycle: encode: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
