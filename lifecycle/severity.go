package lifecycle

// SeverityMap maps the severity levels of the risk plan's scale, by name, to
// the software safety class a harm of that severity calls for
// (IEC 62304:2006+A1:2015 4.3 Q3: no injury → A, non-serious injury → B,
// serious injury or death → C). A nil map is the default map; a level the
// map does not name is treated as class C (4.3 g).
type SeverityMap map[string]Class

// DefaultSeverityMap returns the conservative default over the common
// five-level scale: Catastrophic, Critical and Serious → C, Minor → B,
// Negligible → A. Many manufacturers map Serious to B when the harm misses
// the serious-injury definition; a project says so in its own map.
func DefaultSeverityMap() SeverityMap {
	return SeverityMap{
		"Catastrophic": ClassC,
		"Critical":     ClassC,
		"Serious":      ClassC,
		"Minor":        ClassB,
		"Negligible":   ClassA,
	}
}

// Class returns the class for the severity level named level, and whether
// the map names it with a valid class.
func (m SeverityMap) Class(level string) (Class, bool) {
	if m == nil {
		m = DefaultSeverityMap()
	}
	c, ok := m[level]
	if !ok || !c.Valid() {
		return ClassC, false
	}
	return c, true
}
