package lifecycle

import (
	"errors"

	"github.com/medtrace/medtrace/trace"
)

// ImpactOfChange returns what a change request reaches in g: the
// requirements, risk and security records to review again and the tests to
// run again (the regression selection), starting from the items it changes
// and the risk records its analysis updated (IEC 62304:2006+A1:2015 6.2.3,
// 7.4, 8.2.3, 5.7.3). Items the graph does not hold are left out.
func ImpactOfChange(g *trace.Graph, c *ChangeRequest, opts DiffOptions) (*ReleaseImpact, error) {
	if g == nil || c == nil {
		return nil, errors.New("lifecycle: ImpactOfChange needs a graph and a change request")
	}
	return releaseImpact(g, c.changedItems(), opts)
}
