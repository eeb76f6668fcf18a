package trace

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"strconv"
	"strings"
)

// ID is an item's stable human identifier, such as "HAZ-012", "SRS-104" or
// "pkg:npm/lodash@4.17.20". IDs are compared byte for byte; they must be
// non-empty, at most 512 bytes and free of control characters.
type ID string

// Valid reports whether id is usable as an item ID.
func (id ID) Valid() bool {
	if id == "" || len(id) > 512 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] == 0x7f {
			return false
		}
	}
	return true
}

// Kind names what an item is ("hazard", "requirement", "component"). Kinds are
// declared by the packages that contribute items; trace gives them no meaning.
// A kind is lower-case letters, digits, '-' and '.', starting with a letter.
type Kind string

var kindPattern = regexp.MustCompile(`^[a-z][a-z0-9.-]{0,63}$`)

// Valid reports whether k is a well-formed kind name.
func (k Kind) Valid() bool { return kindPattern.MatchString(string(k)) }

// Position is where a record came from: a file and a 1-based line and column.
// The zero Position means "not from a file".
type Position struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// IsZero reports whether p carries no position.
func (p Position) IsZero() bool { return p == Position{} }

// String formats p as file:line:column, leaving out what is unknown.
func (p Position) String() string {
	if p.IsZero() {
		return ""
	}
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(p.Line))
		if p.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Column))
		}
	}
	return b.String()
}

// Item is one record of the thread: a hazard, a requirement, a component, a
// test result. Items are values; the Graph never hands out pointers into its
// own storage.
type Item struct {
	// ID is the stable human identifier. Required.
	ID ID
	// Kind says what the item is. Required.
	Kind Kind
	// Title is a one-line human title.
	Title string
	// Attrs are free attributes (status, class, owner, ...). The Graph
	// treats the map as read-only; callers must not modify it after AddItem.
	Attrs map[string]string
	// Fingerprint is the SHA-256 of the item's canonical content, as defined
	// by the contributor (see Hasher). The zero value means "not computed".
	Fingerprint Fingerprint
	// Pos is where the item was read from, if it came from a file.
	Pos Position
}

// Attr returns the attribute named key, or "".
func (it Item) Attr(key string) string { return it.Attrs[key] }

// Fingerprint is a SHA-256 digest of an item's canonical content.
// Its text form is "sha256:" followed by 64 lower-case hex digits.
type Fingerprint [sha256.Size]byte

// IsZero reports whether f is the zero fingerprint (not computed).
func (f Fingerprint) IsZero() bool { return f == Fingerprint{} }

// String returns the text form of f, or "" for the zero fingerprint.
func (f Fingerprint) String() string {
	if f.IsZero() {
		return ""
	}
	return "sha256:" + hex.EncodeToString(f[:])
}

// Short returns the first 12 hex digits, for display.
func (f Fingerprint) Short() string {
	if f.IsZero() {
		return ""
	}
	return hex.EncodeToString(f[:6])
}

// MarshalText implements encoding.TextMarshaler.
func (f Fingerprint) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// ErrBadFingerprint is returned when a fingerprint's text form is malformed.
var ErrBadFingerprint = errors.New("trace: malformed fingerprint (want sha256:<64 hex digits>)")

// ParseFingerprint parses the text form produced by String. The empty string
// parses as the zero fingerprint.
func ParseFingerprint(s string) (Fingerprint, error) {
	var f Fingerprint
	if s == "" {
		return f, nil
	}
	hx, ok := strings.CutPrefix(s, "sha256:")
	if !ok || len(hx) != 2*sha256.Size {
		return f, ErrBadFingerprint
	}
	if _, err := hex.Decode(f[:], []byte(hx)); err != nil {
		return Fingerprint{}, ErrBadFingerprint
	}
	return f, nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Fingerprint) UnmarshalText(b []byte) error {
	v, err := ParseFingerprint(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Hasher builds a Fingerprint from named fields. Each field is written as its
// name and value, both length-prefixed, so that no two different field
// sequences produce the same byte stream. Contributors add the fields that
// make up an item's reviewed content, in a fixed order.
type Hasher struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

// NewHasher returns a Hasher for one item.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

func (h *Hasher) write(s string) {
	n := binary.PutUvarint(h.buf[:], uint64(len(s)))
	h.h.Write(h.buf[:n])
	h.h.Write([]byte(s))
}

// String adds a string field.
func (h *Hasher) String(name, value string) *Hasher {
	h.write(name)
	h.write(value)
	return h
}

// Strings adds a list field; the order of values is significant.
func (h *Hasher) Strings(name string, values []string) *Hasher {
	h.write(name)
	h.write(strconv.Itoa(len(values)))
	for _, v := range values {
		h.write(v)
	}
	return h
}

// Int adds an integer field.
func (h *Hasher) Int(name string, v int64) *Hasher {
	return h.String(name, strconv.FormatInt(v, 10))
}

// Float adds a floating-point field in its shortest exact form.
func (h *Hasher) Float(name string, v float64) *Hasher {
	return h.String(name, strconv.FormatFloat(v, 'g', -1, 64))
}

// Sum returns the fingerprint of everything added so far.
func (h *Hasher) Sum() Fingerprint {
	var f Fingerprint
	h.h.Sum(f[:0])
	return f
}

// FingerprintOf returns the fingerprint of an item's kind, title and
// attributes (in key order). Contributors with richer content should use a
// Hasher over their own canonical fields instead.
func FingerprintOf(it Item) Fingerprint {
	h := NewHasher().String("kind", string(it.Kind)).String("title", it.Title)
	keys := sortedKeys(it.Attrs)
	for _, k := range keys {
		h.String("attr:"+k, it.Attrs[k])
	}
	return h.Sum()
}

func itemErrorf(it Item, format string, args ...any) string {
	return fmt.Sprintf("%s %q: %s", it.Kind, it.ID, fmt.Sprintf(format, args...))
}
