package security

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func TestViews(t *testing.T) {
	f := cleanFile(t)
	views := f.Views()
	require.Len(t, views, 3)
	global, multi, update := views[0], views[1], views[2]
	assert.Equal(t, ViewGlobal, global.Kind)
	assert.Len(t, global.Elements, 4)
	assert.Equal(t, []trace.ID{"FL-DOSE", "FL-SYNC"}, global.Flows)
	assert.Contains(t, global.Gaps, "element EL-PATIENT has no data flow")
	assert.Equal(t, []trace.ID{"EL-CLOUD"}, multi.Elements)
	assert.Equal(t, []trace.ID{"FL-SYNC"}, multi.Flows)
	assert.Contains(t, multi.Threats, ThreatID("MED-CLOUD-DATA", "EL-CLOUD"))
	assert.Equal(t, []string{"no element is marked updatable"}, update.Gaps)

	f.Model.Elements[0].Flags.Updatable = true
	f.Model.Elements = append(f.Model.Elements, Element{ID: "EL-UPD", Name: "Updates", Type: "update-server", Boundary: "TB-CLOUD",
		Flags: Flags{FleetWide: true}})
	f.Model.Flows = append(f.Model.Flows, Flow{ID: "FL-UPD", From: "EL-UPD", To: "EL-PUMP", Protocol: "https"})
	views = f.Views()
	update = views[2]
	assert.Equal(t, []trace.ID{"EL-PUMP", "EL-UPD"}, update.Elements)
	assert.Equal(t, []trace.ID{"FL-UPD"}, update.Flows)
	assert.Equal(t, []string{"updatable element EL-PUMP does not verify signed updates: the chain of trust ends before it"}, update.Gaps)
	assert.Contains(t, views[1].Elements, trace.ID("EL-UPD"))
}
