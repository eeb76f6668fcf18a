// Package lifecycle keeps the IEC 62304 software life cycle as records of the
// one thread and checks the whole thread at once.
//
// A [Project] is the aggregate a team keeps in git: the software system and
// its items and units with their interfaces, user needs and requirements,
// tests and their results, design reviews, evidence documents, the risk
// management file, the security file, the SBOMs with their SOUP annotations,
// and the post-market records (problem reports, change requests, releases,
// signals). [Project.Graph] turns it into one [trace.Graph];
// [Project.Check] runs the default thread rules over that graph and returns
// findings and coverage.
//
// # Safety classification
//
// [Project.Classify] computes the software safety class of the system and of
// every item (IEC 62304:2006+A1:2015 4.3) from the risk file: the hazardous
// situations an item can contribute to, the risk controls outside the
// software that are counted, and the worst harm's severity mapped to a class
// through a configurable severity mapping. Classes are inherited down the
// item tree unless a documented segregation argument says otherwise; the
// system takes the highest class of its items; an item with nothing to
// classify it defaults to class C (4.3 g). Every class comes with its
// explanation. The FDA documentation level (Basic or Enhanced) is computed
// apart from it, by its own rule; one is never derived from the other.
//
// # Activities by class
//
// [Activities] is the requirements-by-class matrix of IEC 62304 clauses 4 to
// 9 as data, per edition. [Project.Gaps] checks, for the system's class,
// which required activities have evidence in the graph or in the project's
// documents and which do not.
//
// # Limitations
//
// The classification counts external risk controls by their declared
// implementation; it does not judge whether a control is truly independent
// of the software. Legacy software (4.4) gap analysis is not modelled. The
// activity evidence check looks for records and documents that claim an
// activity; it cannot judge their quality.
package lifecycle
