// Package nesting bounds how deeply JSON and XML input nests before it is
// decoded, so that a hostile document cannot exhaust the stack or memory of a
// decoder. Each check returns the byte offset of the first place the limit
// is passed, for the caller to turn into a line and column (see textpos).
package nesting

import (
	"bytes"
	"encoding/xml"
	"io"
)

// JSON scans JSON text for objects and arrays nested deeper than max,
// ignoring brackets inside strings. It returns the offset of the bracket
// that passes the limit, and ok=false; or 0 and ok=true. Strings are
// skipped with bytes.IndexByte, which keeps the scan a small fraction of
// decoding. It does not validate the JSON; the decoder does.
func JSON(data []byte, max int) (offset int64, ok bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end := skipString(data, i+1)
			if end < 0 {
				return 0, true // unterminated string: the decoder reports it
			}
			i = end
		case '{', '[':
			depth++
			if depth > max {
				return int64(i), false
			}
		case '}', ']':
			depth--
		}
	}
	return 0, true
}

// skipString returns the index of the quote that closes the string whose
// content starts at i, or -1.
func skipString(data []byte, i int) int {
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return -1
		}
		end := i + j
		backslashes := 0
		for k := end - 1; k >= i && data[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return end
		}
		i = end + 1
	}
}

// XML scans XML for elements nested deeper than max, with the standard
// library's tokenizer (comments, CDATA and attributes are handled as XML
// defines them). Malformed XML is not reported here: the scan stops and
// says ok, leaving the error to the decoder, which names its place.
func XML(data []byte, max int) (offset int64, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	depth := 0
	for {
		start := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF || err != nil {
			return 0, true
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			if depth > max {
				return start, false
			}
		case xml.EndElement:
			depth--
		}
	}
}
