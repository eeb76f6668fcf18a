package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/package-url/packageurl-go"
)

// OpenVEXContext is the JSON-LD context medtrace writes (OpenVEX 0.2.0).
const OpenVEXContext = "https://openvex.dev/ns/v0.2.0"

// openVEXDoc is the OpenVEX JSON form. Field names follow the OpenVEX
// specification 0.2.0.
type openVEXDoc struct {
	Context     string             `json:"@context"`
	ID          string             `json:"@id"`
	Author      string             `json:"author"`
	Role        string             `json:"role,omitempty"`
	Timestamp   string             `json:"timestamp"`
	LastUpdated string             `json:"last_updated,omitempty"`
	Version     int                `json:"version"`
	Tooling     string             `json:"tooling,omitempty"`
	Statements  []openVEXStatement `json:"statements"`
}

type openVEXStatement struct {
	ID                       string           `json:"@id,omitempty"`
	Vulnerability            openVEXVuln      `json:"vulnerability"`
	Timestamp                string           `json:"timestamp,omitempty"`
	LastUpdated              string           `json:"last_updated,omitempty"`
	Products                 []openVEXProduct `json:"products"`
	Status                   string           `json:"status"`
	StatusNotes              string           `json:"status_notes,omitempty"`
	Justification            string           `json:"justification,omitempty"`
	ImpactStatement          string           `json:"impact_statement,omitempty"`
	ActionStatement          string           `json:"action_statement,omitempty"`
	ActionStatementTimestamp string           `json:"action_statement_timestamp,omitempty"`
	Supplier                 string           `json:"supplier,omitempty"`
}

type openVEXVuln struct {
	ID          string   `json:"@id,omitempty"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
}

// UnmarshalJSON also accepts the bare string of OpenVEX 0.0.1.
func (v *openVEXVuln) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &v.Name)
	}
	type plain openVEXVuln
	return json.Unmarshal(b, (*plain)(v))
}

type openVEXIdentifiers struct {
	PURL  string `json:"purl,omitempty"`
	CPE22 string `json:"cpe22,omitempty"`
	CPE23 string `json:"cpe23,omitempty"`
}

type openVEXProduct struct {
	ID            string              `json:"@id,omitempty"`
	Identifiers   *openVEXIdentifiers `json:"identifiers,omitempty"`
	Hashes        map[string]string   `json:"hashes,omitempty"`
	Subcomponents []openVEXProduct    `json:"subcomponents,omitempty"`
}

// UnmarshalJSON also accepts the bare IRI string of OpenVEX 0.0.1.
func (p *openVEXProduct) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &p.ID)
	}
	type plain openVEXProduct
	return json.Unmarshal(b, (*plain)(p))
}

func (p *openVEXProduct) toCommon() VEXProduct {
	out := VEXProduct{ID: p.ID}
	if p.Identifiers != nil {
		out.PURL = p.Identifiers.PURL
	}
	if out.PURL == "" && strings.HasPrefix(p.ID, "pkg:") {
		out.PURL = p.ID
	}
	for i := range p.Subcomponents {
		out.Subcomponents = append(out.Subcomponents, p.Subcomponents[i].toCommon())
	}
	return out
}

// DecodeOpenVEX reads an OpenVEX document (0.2.0; the string forms of
// vulnerability and products of 0.0.1 are accepted) into the common model.
// A statement without a timestamp takes the document's. The document is
// returned whenever the JSON was readable; the error then holds every
// statement that breaks the VEX rules, each naming "statements[i].field".
func DecodeOpenVEX(ctx context.Context, r io.Reader, opts VEXOptions) (*VEXDocument, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, err := vexDecodeOpenVEX(r, opts)
	return doc, vexNamed(err, opts.Name)
}

func vexDecodeOpenVEX(r io.Reader, opts VEXOptions) (*VEXDocument, error) {
	data, err := vexRead(r, opts)
	if err != nil {
		return nil, err
	}
	var raw openVEXDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, vexJSONError(data, err)
	}
	var errs []error
	if !strings.HasPrefix(raw.Context, "https://openvex.dev/ns") {
		errs = append(errs, &VEXError{Path: "@context", Err: fmt.Errorf("%w: not an OpenVEX context: %q", ErrVEXInvalid, osvClip(raw.Context))})
	}
	doc := &VEXDocument{Format: VEXFormatOpenVEX, ID: raw.ID, Author: raw.Author, Version: raw.Version}
	ts := vexFirst(raw.LastUpdated, raw.Timestamp)
	if doc.Timestamp, err = vexParseTime(ts); err != nil {
		errs = append(errs, &VEXError{Path: "timestamp", Err: err})
	}
	for i, s := range raw.Statements {
		path := fmt.Sprintf("statements[%d]", i)
		st := VEXStatement{Vulnerability: s.Vulnerability.Name, Aliases: s.Vulnerability.Aliases,
			Status: VEXStatus(s.Status), Justification: VEXJustification(s.Justification),
			ImpactStatement: s.ImpactStatement, ActionStatement: s.ActionStatement,
			StatusNotes: s.StatusNotes, Timestamp: doc.Timestamp, Path: path}
		if st.Vulnerability == "" {
			st.Vulnerability = s.Vulnerability.ID
		}
		if t := vexFirst(s.LastUpdated, s.Timestamp); t != "" {
			if st.Timestamp, err = vexParseTime(t); err != nil {
				errs = append(errs, &VEXError{Path: path + ".timestamp", Err: err})
			}
		}
		for j := range s.Products {
			st.Products = append(st.Products, s.Products[j].toCommon())
		}
		doc.Statements = append(doc.Statements, st)
	}
	if err := doc.Validate(); err != nil {
		errs = append(errs, err)
	}
	return doc, errors.Join(errs...)
}

// EncodeOpenVEX writes doc as an OpenVEX 0.2.0 document. OpenVEX requires a
// document @id, an author and a timestamp; their absence is an error naming
// the field. It returns what OpenVEX cannot say: CycloneDX responses,
// "vers:" version ranges (such versions are left out, never widened to all
// versions), versions of a product known only by bom-ref, and per-version
// statuses that differ from the statement's (written as statements of
// their own).
func EncodeOpenVEX(w io.Writer, doc *VEXDocument) ([]VEXLoss, error) {
	var errs []error
	for _, f := range []struct{ name, val string }{{"@id", doc.ID}, {"author", doc.Author}} {
		if f.val == "" {
			errs = append(errs, &VEXError{Path: f.name, Err: fmt.Errorf("%w: required by OpenVEX", ErrVEXInvalid)})
		}
	}
	if doc.Timestamp.IsZero() {
		errs = append(errs, &VEXError{Path: "timestamp", Err: fmt.Errorf("%w: required by OpenVEX", ErrVEXInvalid)})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := openVEXDoc{Context: OpenVEXContext, ID: doc.ID, Author: doc.Author,
		Timestamp: doc.Timestamp.UTC().Format(time.RFC3339), Version: max(doc.Version, 1),
		Statements: []openVEXStatement{}}
	var losses []VEXLoss
	for i := range doc.Statements {
		sts, ls := statementToOpenVEX(&doc.Statements[i], i)
		out.Statements = append(out.Statements, sts...)
		losses = append(losses, ls...)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return losses, fmt.Errorf("sbom: write OpenVEX: %w", err)
	}
	return losses, nil
}

// statementToOpenVEX writes one common statement as one OpenVEX statement
// per effective status (per-version statuses of CycloneDX may differ).
func statementToOpenVEX(st *VEXStatement, i int) ([]openVEXStatement, []VEXLoss) {
	path := st.Path
	if path == "" {
		path = fmt.Sprintf("statements[%d]", i)
	}
	var losses []VEXLoss
	loss := func(field, format string, args ...any) {
		losses = append(losses, VEXLoss{Path: path, Field: field, Detail: fmt.Sprintf(format, args...)})
	}
	if len(st.CDXResponses) > 0 {
		loss("response", "CycloneDX responses %v have no OpenVEX field", st.CDXResponses)
	}
	byStatus := map[VEXStatus][]openVEXProduct{}
	var order []VEXStatus
	for _, p := range st.Products {
		for status, prods := range openVEXProducts(p, st.Status, loss) {
			if _, seen := byStatus[status]; !seen {
				order = append(order, status)
			}
			byStatus[status] = append(byStatus[status], prods...)
		}
	}
	vexSortStatuses(order, st.Status)
	var out []openVEXStatement
	for _, status := range order {
		s := openVEXStatement{Vulnerability: openVEXVuln{Name: st.Vulnerability, Aliases: st.Aliases},
			Products: byStatus[status], Status: string(status), StatusNotes: st.StatusNotes}
		if !st.Timestamp.IsZero() {
			s.Timestamp = st.Timestamp.UTC().Format(time.RFC3339)
		}
		if status == st.Status {
			s.Justification, s.ImpactStatement, s.ActionStatement = string(st.Justification), st.ImpactStatement, st.ActionStatement
		} else {
			vexSplitTexts(&s, status)
			loss("products", "versions with status %s written as a statement of their own, without the %s statement's justification and texts", status, st.Status)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		loss("products", "no product could be written; the statement is left out")
	}
	return out, losses
}

// vexSplitTexts fills the text a status requires in a statement split off
// by per-version status, saying where the status came from rather than
// inventing a reason, so the written document stays valid.
func vexSplitTexts(s *openVEXStatement, status VEXStatus) {
	const src = "stated per version in the source document's CycloneDX affects[] list; "
	switch status {
	case VEXNotAffected:
		s.ImpactStatement = src + "no justification given there"
	case VEXAffected:
		s.ActionStatement = src + "no action statement given there"
	}
}

// openVEXProducts turns a common product into OpenVEX products grouped by
// effective status. Exact versions become versioned purls; ranges are left
// out (reported), never widened.
func openVEXProducts(p VEXProduct, status VEXStatus, loss func(field, format string, args ...any)) map[VEXStatus][]openVEXProduct {
	out := map[VEXStatus][]openVEXProduct{}
	var subs []openVEXProduct
	for _, sc := range p.Subcomponents {
		for _, prods := range openVEXProducts(sc, status, loss) {
			subs = append(subs, prods...)
		}
	}
	base := openVEXProduct{ID: p.ID, Subcomponents: subs}
	if p.PURL != "" {
		base.Identifiers = &openVEXIdentifiers{PURL: p.PURL}
		if base.ID == "" {
			base.ID = p.PURL
		}
	}
	if len(p.Versions) == 0 {
		out[status] = append(out[status], base)
		return out
	}
	for _, v := range p.Versions {
		if v.Range != "" || v.Version == "" {
			loss("products", "version range %q of %q cannot be written in OpenVEX; left out", osvClip(v.Range), osvClip(vexFirst(p.ID, p.PURL)))
			continue
		}
		vp, ok := vexWithPURLVersion(p.PURL, v.Version)
		if !ok {
			loss("products", "version %q of %q needs a package URL to be written in OpenVEX; left out", osvClip(v.Version), osvClip(p.ID))
			continue
		}
		prod := openVEXProduct{ID: vp, Identifiers: &openVEXIdentifiers{PURL: vp}, Subcomponents: subs}
		s := vexStatusOr(v.Status, status)
		out[s] = append(out[s], prod)
	}
	return out
}

// vexWithPURLVersion returns purl with its version set to version.
func vexWithPURLVersion(purl, version string) (string, bool) {
	if purl == "" {
		return "", false
	}
	p, err := packageurl.FromString(purl)
	if err != nil {
		return "", false
	}
	p.Version = version
	return p.ToString(), true
}

// vexSortStatuses puts the statement's own status first, the rest in a fixed
// order.
func vexSortStatuses(ss []VEXStatus, first VEXStatus) {
	rank := func(s VEXStatus) int {
		if s == first {
			return -1
		}
		return map[VEXStatus]int{VEXAffected: 0, VEXUnderInvestigation: 1, VEXFixed: 2, VEXNotAffected: 3}[s]
	}
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && rank(ss[j]) < rank(ss[j-1]); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
