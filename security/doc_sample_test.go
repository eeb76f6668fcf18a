package security

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDocSample decodes the file-format sample of the package doc.
func TestDocSample(t *testing.T) {
	const sample = `
model:
  id: TM-PUMP
  methods: [stride]
  boundaries: [{id: TB-BODY, name: On-body}, {id: TB-PHONE, name: Phone}]
  elements:
    - {id: EL-PUMP, name: Pump, type: insulin-pump, boundary: TB-BODY}
    - {id: EL-APP, name: App, type: mobile-app, boundary: TB-PHONE}
  flows:
    - {id: FL-DOSE, from: EL-APP, to: EL-PUMP, protocol: ble, authenticated: true}
threats:
  - {id: THR-MED-PUMP-COMMAND@EL-PUMP, title: Spoofed bolus, stride: [S],
     targets: [EL-PUMP], status: mitigated, patientHarm: true, causes: [HS-003]}
controls:
  - {id: CTL-PAIR, title: Bonded pairing, category: authentication,
     mitigates: [THR-MED-PUMP-COMMAND@EL-PUMP], implementedBy: [SRS-020]}
risks:
  - id: SR-001
    title: Spoofed bolus command
    threats: [THR-MED-PUMP-COMMAND@EL-PUMP]
    pre: {method: cvss-3.1, cvss: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", impact: critical}
    post: {method: exploitability, exploitability: very-low, basis: bonded pairing, impact: critical}
`
	f, err := DecodeFile(context.Background(), strings.NewReader(sample), DecodeOptions{Name: "doc.yaml"})
	require.NoError(t, err)
	require.Len(t, f.Risks, 1)
}
