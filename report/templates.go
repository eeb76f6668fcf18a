package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates holds every HTML and SVG template. It is parsed once and never
// changed; html/template escapes every value by its context.
var templates = template.Must(template.New("report").Funcs(template.FuncMap{
	"percent": percent,
	"date":    date,
}).ParseFS(templateFS, "templates/*.tmpl"))

// executeTemplate renders the named template to w through a buffer.
func executeTemplate(w io.Writer, name string, data any) error {
	bw := bufio.NewWriter(w)
	if err := templates.ExecuteTemplate(bw, name, data); err != nil {
		return err
	}
	return bw.Flush()
}
