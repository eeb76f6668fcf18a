package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// mdEscaper escapes text for a Markdown table cell or line: characters that
// would start markup, end a cell or inject HTML are escaped, line breaks
// become spaces.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"|", `\|`, "#", `\#`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes untrusted text for Markdown.
func md(s string) string { return mdEscaper.Replace(s) }

// mdCode formats s as inline code, which Markdown shows verbatim, or as
// escaped text when s holds a character that could end the code span or the
// table cell, or that a lax renderer might read as markup.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "`\r\n|<>&") {
		return md(s)
	}
	return "`" + s + "`"
}

// percent formats a percentage with one decimal.
func percent(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) }

// mdWriter writes Markdown lines and keeps the first error.
type mdWriter struct {
	w   *bufio.Writer
	err error
}

func newMDWriter(w io.Writer) *mdWriter { return &mdWriter{w: bufio.NewWriter(w)} }

// line writes the parts and a newline.
func (m *mdWriter) line(parts ...string) {
	if m.err != nil {
		return
	}
	for _, p := range parts {
		if _, m.err = m.w.WriteString(p); m.err != nil {
			return
		}
	}
	m.err = m.w.WriteByte('\n')
}

// row writes a table row of already-escaped cells.
func (m *mdWriter) row(cells ...string) {
	m.line("| ", strings.Join(cells, " | "), " |")
}

// flush writes what is buffered and returns the first error.
func (m *mdWriter) flush() error {
	if m.err != nil {
		return m.err
	}
	return m.w.Flush()
}
