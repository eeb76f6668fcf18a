package lifecycle

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/medtrace/medtrace/trace"
)

// recordCheck collects the problems of one post-market record, each naming
// the record and the field path.
type recordCheck struct {
	prefix string
	record trace.ID
	kind   trace.Kind
	pos    trace.Position
	errs   []error
}

func (c *recordCheck) fail(field, msg string) {
	path := field
	if c.prefix != "" {
		path = c.prefix + "." + field
	}
	c.errs = append(c.errs, trace.Problem{
		Err: ErrInvalidRecord, Item: c.record, Pos: c.pos,
		Detail: fmt.Sprintf("%s %q: %s: %s", c.kind, c.record, path, msg),
	})
}

func (c *recordCheck) id(field string, id trace.ID) {
	if !id.Valid() {
		c.fail(field, fmt.Sprintf("%q is not a valid ID", id))
	}
}

func (c *recordCheck) ids(field string, ids []trace.ID) {
	for i, id := range ids {
		c.id(fmt.Sprintf("%s[%d]", field, i), id)
	}
}

func (c *recordCheck) text(field, s string) {
	if strings.TrimSpace(s) == "" {
		c.fail(field, "is required")
	}
}

func (c *recordCheck) time(field string, t time.Time) {
	if t.IsZero() {
		c.fail(field, "a date is required")
	}
}

func (c *recordCheck) enum(field, value string, ok bool) {
	if ok {
		return
	}
	if value == "" {
		c.fail(field, "is required")
		return
	}
	c.fail(field, fmt.Sprintf("%q is not a known value", value))
}

// errNilRecord reports a nil record given to a method.
func errNilRecord(kind trace.Kind) error {
	return fmt.Errorf("%w: nil %s", ErrInvalidRecord, kind)
}

func (c *recordCheck) err() error { return errors.Join(c.errs...) }
