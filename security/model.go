package security

import (
	"time"

	"github.com/medtrace/medtrace/trace"
)

// CIA holds an asset's needs for confidentiality, integrity and availability.
type CIA struct {
	// Confidentiality, Integrity and Availability are the needs. Required.
	Confidentiality Need `json:"confidentiality"`
	Integrity       Need `json:"integrity"`
	Availability    Need `json:"availability"`
}

// Asset is data or a function worth protecting (IEC 81001-5-1:2021 7.2 a;
// FDA premarket cybersecurity guidance (2023) V.A.1).
type Asset struct {
	// ID identifies the asset. Required.
	ID trace.ID `json:"id"`
	// Name is a short human name. Required.
	Name string `json:"name"`
	// Description says what the asset is.
	Description string `json:"description,omitempty"`
	// Class is the asset's data class. Required.
	Class DataClass `json:"class"`
	// Needs are its confidentiality, integrity and availability needs. Required.
	Needs CIA `json:"needs"`
	// SafetyRelevant says a breach of the asset can harm a patient.
	SafetyRelevant bool `json:"safetyRelevant,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// InterfaceKind names the kind of a port or interface on an element.
type InterfaceKind string

// Interface kinds.
const (
	// IfaceNetwork is a wired or wireless IP network interface.
	IfaceNetwork InterfaceKind = "network"
	// IfaceBLE is Bluetooth Low Energy.
	IfaceBLE InterfaceKind = "ble"
	// IfaceUSB is USB.
	IfaceUSB InterfaceKind = "usb"
	// IfaceSerial is a serial line (RS-232, UART).
	IfaceSerial InterfaceKind = "serial"
	// IfaceNFC is near-field communication.
	IfaceNFC InterfaceKind = "nfc"
	// IfaceDebug is a debug or test port: JTAG, SWD, a board header
	// (IEC 81001-5-1:2021 7.2 g–h).
	IfaceDebug InterfaceKind = "debug"
	// IfaceService is a service or maintenance port.
	IfaceService InterfaceKind = "service"
	// IfaceUser is a user interface: display, keypad, touch screen.
	IfaceUser InterfaceKind = "user"
)

// Valid reports whether k is a known interface kind.
func (k InterfaceKind) Valid() bool {
	switch k {
	case IfaceNetwork, IfaceBLE, IfaceUSB, IfaceSerial, IfaceNFC, IfaceDebug, IfaceService, IfaceUser:
		return true
	}
	return false
}

// Interface is a port reachable on an element (IEC 81001-5-1:2021 7.2 g–h;
// FDA labeling element on ports and interfaces).
type Interface struct {
	// Name identifies the interface within its element. Required.
	Name string `json:"name"`
	// Kind is what the interface is. Required.
	Kind InterfaceKind `json:"kind"`
	// Physical says it needs physical access (a port, a header).
	Physical bool `json:"physical,omitempty"`
	// Enabled says it is enabled in the delivered device.
	Enabled bool `json:"enabled,omitempty"`
	// Function says what the interface is for, and Direction which way
	// data goes, for the labeling of ports and interfaces (FDA premarket
	// cybersecurity guidance (2023) VI.A).
	Function  string        `json:"function,omitempty"`
	Direction PortDirection `json:"direction,omitempty"`
}

// PortDirection says which way data goes through an interface.
type PortDirection string

// Port directions.
const (
	// PortIn: data only enters the element.
	PortIn PortDirection = "in"
	// PortOut: data only leaves the element.
	PortOut PortDirection = "out"
	// PortBoth: data goes both ways.
	PortBoth PortDirection = "both"
)

// Valid reports whether d is in, out or both.
func (d PortDirection) Valid() bool { return d == PortIn || d == PortOut || d == PortBoth }

// Flags are yes/no facts about an element that threat rules and checks use.
type Flags struct {
	// InternetFacing: reachable from the internet.
	InternetFacing bool `json:"internetFacing,omitempty"`
	// FleetWide: a compromise reaches many devices or patients (FDA
	// multi-patient harm view).
	FleetWide bool `json:"fleetWide,omitempty"`
	// DirectPatientHarm: the element can harm a patient directly (delivers
	// therapy, raises alarms).
	DirectPatientHarm bool `json:"directPatientHarm,omitempty"`
	// Updatable: the element's software can be updated in the field.
	Updatable bool `json:"updatable,omitempty"`
	// SharedKey: the element uses a key shared with other devices.
	SharedKey bool `json:"sharedKey,omitempty"`
	// SignedUpdates: updates to the element are signed and verified.
	SignedUpdates bool `json:"signedUpdates,omitempty"`
}

// Element is a part of the system under threat modelling: a process, data
// store, external entity, device, interface, network or cloud service
// (IEC 81001-5-1:2021 7.2 c–e).
type Element struct {
	// ID identifies the element. Required.
	ID trace.ID `json:"id"`
	// Name is a short human name. Required.
	Name string `json:"name"`
	// Type is an element type of the catalogue ("infusion-pump",
	// "mobile-app") or a Base. Required.
	Type string `json:"type"`
	// Boundary is the trust boundary the element sits in (IEC 81001-5-1:2021 5.3.2 a).
	Boundary trace.ID `json:"boundary,omitempty"`
	// Technologies lists the technologies the element is built on.
	Technologies []string `json:"technologies,omitempty"`
	// Interfaces lists the ports the element exposes.
	Interfaces []Interface `json:"interfaces,omitempty"`
	// Assets lists the assets the element stores or processes.
	Assets []trace.ID `json:"assets,omitempty"`
	// Components lists the SBOM components the element hosts.
	Components []trace.ID `json:"components,omitempty"`
	// Flags are facts that rules use.
	Flags Flags `json:"flags,omitzero"`
	// OutOfScope excludes the element from threat generation; Rationale is then required.
	OutOfScope bool `json:"outOfScope,omitempty"`
	// Rationale explains OutOfScope.
	Rationale string `json:"rationale,omitempty"`
	// Attrs are free attributes that custom rules may test.
	Attrs map[string]string `json:"attrs,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Flow is a directed data flow between two elements with its protocol,
// authentication and encryption (IEC 81001-5-1:2021 7.2 a, f).
type Flow struct {
	// ID identifies the flow. Required.
	ID trace.ID `json:"id"`
	// Name is a short human name.
	Name string `json:"name,omitempty"`
	// From is the source element. Required.
	From trace.ID `json:"from"`
	// To is the destination element. Required.
	To trace.ID `json:"to"`
	// Protocol names the protocol ("https", "ble", "mqtt", "usb", "hl7").
	// Required.
	Protocol string `json:"protocol"`
	// Authenticated says both ends or the messages are authenticated.
	Authenticated bool `json:"authenticated,omitempty"`
	// Encrypted says the flow is encrypted in transit.
	Encrypted bool `json:"encrypted,omitempty"`
	// IntegrityProtected says the messages carry a MAC or signature.
	IntegrityProtected bool `json:"integrityProtected,omitempty"`
	// Bidirectional says data flows both ways.
	Bidirectional bool `json:"bidirectional,omitempty"`
	// Assets lists the assets the flow carries.
	Assets []trace.ID `json:"assets,omitempty"`
	// Attrs are free attributes that custom rules may test.
	Attrs map[string]string `json:"attrs,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Boundary is a trust boundary (IEC 81001-5-1:2021 5.3.2 a, 7.2 b).
type Boundary struct {
	// ID identifies the boundary. Required.
	ID trace.ID `json:"id"`
	// Name is a short human name. Required.
	Name string `json:"name"`
	// Parent is the boundary this one is nested in.
	Parent trace.ID `json:"parent,omitempty"`
	// Description says what is trusted inside.
	Description string `json:"description,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Method names a threat-modelling or risk-assessment method.
type Method string

// Threat-modelling methods (FDA premarket cybersecurity guidance (2023) V.A.1).
const (
	// MethodSTRIDE is STRIDE per element.
	MethodSTRIDE Method = "stride"
	// MethodPASTA is the Process for Attack Simulation and Threat Analysis.
	MethodPASTA Method = "pasta"
	// MethodAttackTrees is attack-tree analysis.
	MethodAttackTrees Method = "attack-trees"
	// MethodKillChain is a cyber kill chain analysis.
	MethodKillChain Method = "kill-chain"
	// MethodOther is another documented method.
	MethodOther Method = "other"
)

// Valid reports whether m is a known method.
func (m Method) Valid() bool {
	switch m {
	case MethodSTRIDE, MethodPASTA, MethodAttackTrees, MethodKillChain, MethodOther:
		return true
	}
	return false
}

// CyberDevice is the determination of FD&C Act 524B(c): a cyber device
// includes software, can connect to the internet, and could be vulnerable to
// cyber threats; all three must hold.
type CyberDevice struct {
	// Software: includes software validated, installed or authorised by the sponsor.
	Software bool `json:"software"`
	// Internet: can connect to the internet.
	Internet bool `json:"internet"`
	// Vulnerable: has characteristics that could be vulnerable to cyber threats.
	Vulnerable bool `json:"vulnerable"`
	// Rationale explains the answers. Required.
	Rationale string `json:"rationale"`
}

// Is reports whether all three criteria hold.
func (c CyberDevice) Is() bool { return c.Software && c.Internet && c.Vulnerable }

// Exemption marks an item of a checklist not applicable, with a rationale.
type Exemption struct {
	// Item names what is exempted: a letter of IEC 81001-5-1:2021 7.2
	// ("g"), or a control category ("cryptography"). Required.
	Item string `json:"item"`
	// Rationale says why. Required.
	Rationale string `json:"rationale"`
}

// Model is the threat model: its metadata and its assets, elements, flows
// and trust boundaries (IEC 81001-5-1:2021 7.2; FDA premarket cybersecurity
// guidance (2023) V.A.1).
type Model struct {
	// ID identifies the threat model in the graph. Required.
	ID trace.ID `json:"id"`
	// Title names the system modelled.
	Title string `json:"title,omitempty"`
	// Version is the model's version label.
	Version string `json:"version,omitempty"`
	// Methods are the methods used. Required (at least one).
	Methods []Method `json:"methods"`
	// ReviewedAt is when the team last reviewed the model; released products
	// need a review at least yearly (IEC 81001-5-1:2021 7.2).
	ReviewedAt time.Time `json:"reviewedAt,omitzero"`
	// Reviewers are who reviewed it.
	Reviewers []string `json:"reviewers,omitempty"`
	// CyberDevice is the FD&C Act 524B(c) determination.
	CyberDevice *CyberDevice `json:"cyberDevice,omitempty"`
	// AttackSurfaces are safety risk controls (package risk) that open an
	// attack surface: an emergency override, a service port, a break-glass
	// login. Each must introduce a threat (SEC-020). A risk-control item
	// with the attribute "attack-surface" = "true" counts too.
	AttackSurfaces []trace.ID `json:"attackSurfaces,omitempty"`
	// Exemptions mark IEC 81001-5-1:2021 7.2 a–l items not applicable.
	Exemptions []Exemption `json:"exemptions,omitempty"`
	// Assets, Elements, Flows and Boundaries are the model proper.
	Assets     []Asset    `json:"assets,omitempty"`
	Elements   []Element  `json:"elements,omitempty"`
	Flows      []Flow     `json:"flows,omitempty"`
	Boundaries []Boundary `json:"boundaries,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
