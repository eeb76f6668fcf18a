package lifecycle

import "github.com/medtrace/medtrace/trace"

// UserNeed is a user need or intended-use statement from which requirements
// derive (FDA validation: specifications meet user needs).
type UserNeed struct {
	// ID is the need's ID. Required.
	ID trace.ID `json:"id"`
	// Title is a one-line statement. Required.
	Title string `json:"title"`
	// Text is the full statement.
	Text string `json:"text,omitempty"`
	// Source is where the need comes from (user research, intended use).
	Source string `json:"source,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Level says whether a requirement is a system or a software requirement
// (IEC 62304:2006+A1:2015 5.1.3 a, 5.2.1).
type Level string

const (
	// LevelSystem is a system (device) requirement, an input to software
	// requirements.
	LevelSystem Level = "system"
	// LevelSoftware is a software requirement (5.2).
	LevelSoftware Level = "software"
)

// Valid reports whether l is system or software.
func (l Level) Valid() bool { return l == LevelSystem || l == LevelSoftware }

// Category is the content category of a software requirement
// (IEC 62304:2006+A1:2015 5.2.2 a–l).
type Category string

const (
	// CategoryFunctional: functional and capability requirements (5.2.2 a).
	CategoryFunctional Category = "functional"
	// CategoryIO: software system inputs and outputs (5.2.2 b).
	CategoryIO Category = "inputs-outputs"
	// CategoryInterface: interfaces between the software system and other
	// systems (5.2.2 c).
	CategoryInterface Category = "interface"
	// CategoryAlarm: software-driven alarms, warnings and operator messages
	// (5.2.2 d).
	CategoryAlarm Category = "alarm"
	// CategorySecurity: security requirements (5.2.2 e).
	CategorySecurity Category = "security"
	// CategoryUsability: user interface requirements implemented by software
	// (5.2.2 f).
	CategoryUsability Category = "user-interface"
	// CategoryData: data definition and database requirements (5.2.2 g).
	CategoryData Category = "data"
	// CategoryInstallation: installation and acceptance requirements of the
	// delivered software at the operation and maintenance sites (5.2.2 h).
	CategoryInstallation Category = "installation"
	// CategoryOperation: operation and maintenance methods (5.2.2 i).
	CategoryOperation Category = "operation"
	// CategoryNetwork: IT-network aspects (5.2.2 j, new in Amd1).
	CategoryNetwork Category = "it-network"
	// CategoryUserMaintenance: user maintenance requirements (5.2.2 k).
	CategoryUserMaintenance Category = "user-maintenance"
	// CategoryRegulatory: regulatory requirements (5.2.2 l).
	CategoryRegulatory Category = "regulatory"
)

// Valid reports whether c is one of the 5.2.2 categories.
func (c Category) Valid() bool {
	switch c {
	case CategoryFunctional, CategoryIO, CategoryInterface, CategoryAlarm, CategorySecurity,
		CategoryUsability, CategoryData, CategoryInstallation, CategoryOperation,
		CategoryNetwork, CategoryUserMaintenance, CategoryRegulatory:
		return true
	}
	return false
}

// Requirement is a system or software requirement (IEC 62304:2006+A1:2015
// 5.2). Links are written on the record: derived-from needs or system
// requirements, allocated items, and the risk and security controls it
// implements.
type Requirement struct {
	// ID is the requirement's unique ID (5.2.6 e). Required.
	ID trace.ID `json:"id"`
	// Title is a one-line statement. Required.
	Title string `json:"title"`
	// Text is the full, testable statement (5.2.6 c, d).
	Text string `json:"text,omitempty"`
	// Level is system or software. Required.
	Level Level `json:"level"`
	// Category is the 5.2.2 content category. Required for software
	// requirements.
	Category Category `json:"category,omitempty"`
	// DerivedFrom are the user needs or system requirements this requirement
	// derives from (5.2.1, 5.1.1 c).
	DerivedFrom []trace.ID `json:"derivedFrom,omitempty"`
	// AllocatedTo are the software items, units or the system that
	// implement it (5.3.1).
	AllocatedTo []trace.ID `json:"allocatedTo,omitempty"`
	// RiskControl marks a requirement that implements a risk control
	// measure (5.2.3, 7.2.2 a).
	RiskControl bool `json:"riskControl,omitempty"`
	// RiskControls are the risk controls this requirement implements.
	RiskControls []trace.ID `json:"riskControls,omitempty"`
	// SecurityControl marks a requirement that implements a security
	// control (5.2.2 e).
	SecurityControl bool `json:"securityControl,omitempty"`
	// SecurityControls are the security controls this requirement
	// implements.
	SecurityControls []trace.ID `json:"securityControls,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
