package lifecycle

import "github.com/medtrace/medtrace/trace"

// PostMarket holds the records of maintenance, problem resolution and
// release: problem reports, change requests, releases and signals
// (IEC 62304:2006+A1:2015 clauses 6, 8, 9). It is embedded in Project.
type PostMarket struct{}

// contribute adds the post-market records to b.
func (pm *PostMarket) contribute(b *trace.Builder) error { return nil }

// postMarketRules returns the thread rules on post-market records; the
// default rule set includes them.
func (p *Project) postMarketRules() []trace.Rule { return nil }
