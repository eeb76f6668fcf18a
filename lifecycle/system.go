package lifecycle

import "github.com/medtrace/medtrace/trace"

// System is the software system under IEC 62304 (3.27): the root of the item
// tree and the unit of classification (4.3 a).
type System struct {
	// ID is the system's item ID. Required.
	ID trace.ID `json:"id"`
	// Name is the system's name. Required.
	Name string `json:"name"`
	// Class is the declared software safety class (IEC 62304:2006+A1:2015
	// 4.3 a, c). Empty means not declared; a declared class lower than the
	// computed one is an error.
	Class Class `json:"class,omitempty"`
	// Edition is the IEC 62304 edition the project follows. Required.
	Edition Edition `json:"edition"`
	// Rationale documents the declared class (4.3 c).
	Rationale string `json:"rationale,omitempty"`
	// FDA holds what the FDA documentation level rests on.
	FDA FDAProfile `json:"fda,omitzero"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// FDAProfile holds the device facts and the declaration behind the FDA
// documentation level (FDA 2023 guidance, section V).
type FDAProfile struct {
	// Level is the declared documentation level; empty means not declared.
	Level DocumentationLevel `json:"level,omitempty"`
	// Rationale explains the declared level; required for Basic when the
	// device facts below call for Enhanced.
	Rationale string `json:"rationale,omitempty"`
	// ClassIII says the device is FDA class III (generally Enhanced).
	ClassIII bool `json:"classIII,omitempty"`
	// CombinationProduct says the device is a constituent part of a
	// combination product (generally Enhanced).
	CombinationProduct bool `json:"combinationProduct,omitempty"`
	// BloodEstablishment says the software is blood establishment software
	// or a blood-donation test or separator (Enhanced recommended).
	BloodEstablishment bool `json:"bloodEstablishment,omitempty"`
}

// Item is a software item or unit (IEC 62304:2006+A1:2015 3.25, 3.28, 5.3.1,
// 5.4.1). Items form a tree under the system through Parent.
type Item struct {
	// ID is the item's ID. Required.
	ID trace.ID `json:"id"`
	// Title is a one-line name. Required.
	Title string `json:"title"`
	// Description says what the item does.
	Description string `json:"description,omitempty"`
	// Unit marks a software unit: an item not split further (5.4.1).
	Unit bool `json:"unit,omitempty"`
	// Parent is the item or system this item is part of. Required.
	Parent trace.ID `json:"parent"`
	// Class is the declared class; empty means inherited from the parent
	// (4.3 d). A class differing from the parent's must be documented (4.3 e)
	// and, when lower, rest on Segregation.
	Class Class `json:"class,omitempty"`
	// Segregation argues why the item may have a lower class than its parent
	// (4.3 d, 5.3.5).
	Segregation *Segregation `json:"segregation,omitempty"`
	// Causes are the hazards, hazardous situations or causes (sequences of
	// events) a failure of this item can contribute to (7.1.1).
	Causes []trace.ID `json:"causes,omitempty"`
	// Uses are the SBOM components (SOUP) the item uses (5.3.3, 8.1.2).
	Uses []trace.ID `json:"uses,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}

// Segregation documents how an item is kept apart from higher-class items so
// that it may carry a lower class (IEC 62304:2006+A1:2015 4.3 d, 5.3.5).
type Segregation struct {
	// Mechanism is how the items are separated (separate processor, memory
	// partition, separate process, separate hardware). Required.
	Mechanism string `json:"mechanism"`
	// Argument explains why the separation is effective. Required.
	Argument string `json:"argument"`
	// VerifiedBy are the tests that verify the segregation (needed for a
	// class C system, 5.3.5).
	VerifiedBy []trace.ID `json:"verifiedBy,omitempty"`
}

// Interface is an interface between software items, or between an item and
// external hardware or software (IEC 62304:2006+A1:2015 5.3.2, 5.4.3).
type Interface struct {
	// ID is the interface's ID. Required.
	ID trace.ID `json:"id"`
	// Title is a one-line name. Required.
	Title string `json:"title"`
	// Description says what passes over the interface.
	Description string `json:"description,omitempty"`
	// Items are the items (or the system) the interface joins; at least
	// one. Required.
	Items []trace.ID `json:"items"`
	// External names the outside party for an item-to-external interface.
	External string `json:"external,omitempty"`
	// Pos is where the record was read from.
	Pos trace.Position `json:"-"`
}
