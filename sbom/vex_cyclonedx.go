package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// DecodeCycloneDXVEX reads a CycloneDX VEX (a CycloneDX 1.4+ BOM, JSON or
// XML by its first byte, whose vulnerabilities[] carry an analysis) into
// the common model: one statement
// per vulnerability, its affects[] refs as products (a ref that names a
// component of the document also gets the component's purl). The losses
// say where the CycloneDX vocabulary was mapped onto the common one with
// less detail. The document is returned whenever the JSON was readable;
// the error then holds every statement that breaks the VEX rules
// (VEXDocument.Validate).
func DecodeCycloneDXVEX(ctx context.Context, r io.Reader, opts VEXOptions) (*VEXDocument, []VEXLoss, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	doc, losses, err := vexDecodeCycloneDX(r, opts)
	return doc, losses, vexNamed(err, opts.Name)
}

func vexDecodeCycloneDX(r io.Reader, opts VEXOptions) (*VEXDocument, []VEXLoss, error) {
	data, err := vexRead(r, opts)
	if err != nil {
		return nil, nil, err
	}
	var losses []VEXLoss
	var bom cdx.BOM
	if vexIsXML(data) {
		if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatXML).Decode(&bom); err != nil {
			return nil, nil, vexXMLError(err)
		}
	} else {
		if patched, was, ok := vexPatchSpecVersion(data); ok {
			data = patched
			losses = append(losses, VEXLoss{Path: "document", Field: "specVersion",
				Detail: fmt.Sprintf("specVersion %q is newer than this reader knows; read as %s", osvClip(was), vexLatestSpec)})
		}
		if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
			return nil, nil, vexJSONError(data, err)
		}
	}
	doc := &VEXDocument{Format: VEXFormatCycloneDX, ID: bom.SerialNumber, Version: bom.Version}
	var errs []error
	purls := make(map[string]string)
	var docTime string
	if md := bom.Metadata; md != nil {
		docTime = md.Timestamp
		if md.Authors != nil && len(*md.Authors) > 0 {
			doc.Author = (*md.Authors)[0].Name
		}
		if md.Component != nil {
			vexCollectCDXPurls(purls, []cdx.Component{*md.Component})
		}
	}
	if bom.Components != nil {
		vexCollectCDXPurls(purls, *bom.Components)
	}
	if t, err := vexParseTime(docTime); err != nil {
		errs = append(errs, &VEXError{Path: "metadata.timestamp", Err: err})
	} else {
		doc.Timestamp = t
	}
	if bom.Vulnerabilities != nil {
		for i, v := range *bom.Vulnerabilities {
			st, ls, err := vexCDXStatement(v, fmt.Sprintf("vulnerabilities[%d]", i), purls, doc.Timestamp)
			if err != nil {
				errs = append(errs, err)
			}
			doc.Statements = append(doc.Statements, st)
			losses = append(losses, ls...)
		}
	}
	if err := doc.Validate(); err != nil {
		errs = append(errs, err)
	}
	return doc, losses, joinVEX(errs)
}

func vexCollectCDXPurls(m map[string]string, comps []cdx.Component) {
	for _, c := range comps {
		if c.BOMRef != "" && c.PackageURL != "" {
			m[c.BOMRef] = c.PackageURL
		}
		if c.Components != nil {
			vexCollectCDXPurls(m, *c.Components)
		}
	}
}

func vexCDXStatement(v cdx.Vulnerability, path string, purls map[string]string, docTime time.Time) (VEXStatement, []VEXLoss, error) {
	st := VEXStatement{Vulnerability: v.ID, Path: path, Timestamp: docTime}
	var losses []VEXLoss
	loss := func(field, format string, args ...any) {
		losses = append(losses, VEXLoss{Path: path, Field: field, Detail: fmt.Sprintf(format, args...)})
	}
	if v.References != nil {
		for _, ref := range *v.References {
			if ref.ID != "" && ref.ID != v.ID {
				st.Aliases = append(st.Aliases, ref.ID)
			}
		}
	}
	if v.Affects != nil {
		for _, a := range *v.Affects {
			p := VEXProduct{ID: a.Ref, PURL: purls[vexBOMLinkFragment(a.Ref)]}
			if a.Range != nil {
				for _, av := range *a.Range {
					p.Versions = append(p.Versions, VEXVersion{Version: av.Version, Range: av.Range})
				}
			}
			st.Products = append(st.Products, p)
		}
	}
	var an cdx.VulnerabilityAnalysis
	if v.Analysis != nil {
		an = *v.Analysis
	}
	st.CDXState, st.CDXJustification = string(an.State), string(an.Justification)
	if an.Response != nil {
		for _, r := range *an.Response {
			st.CDXResponses = append(st.CDXResponses, string(r))
		}
	}
	var note string
	st.Status, note = vexCDXStateToStatus(an.State)
	if note != "" {
		loss("analysis.state", "%s", note)
	}
	if an.Justification != "" {
		var jn string
		st.Justification, jn = vexCDXJustificationToOpenVEX(an.Justification)
		if jn != "" {
			loss("analysis.justification", "%s", jn)
		}
		if st.Status != VEXNotAffected {
			loss("analysis.justification", "justification %q dropped: the status is %s", an.Justification, st.Status)
			st.Justification = ""
		}
	}
	vexCDXVersionOverrides(&st, v.Affects)
	vexCDXPlaceDetail(&st, an.Detail, v.Recommendation, v.Workaround)
	for _, ts := range []string{an.LastUpdated, an.FirstIssued, v.Updated, v.Published} {
		if ts == "" {
			continue
		}
		t, err := vexParseTime(ts)
		if err != nil {
			return st, losses, &VEXError{Path: path + ".analysis.lastUpdated", Err: err}
		}
		st.Timestamp = t
		break
	}
	return st, losses, nil
}

// vexCDXPlaceDetail puts the CycloneDX analysis detail where the common model
// keeps it for the status: the impact statement for not_affected, the
// action statement for affected (with the recommendation, workaround or
// responses when there is no detail), the status notes otherwise.
func vexCDXPlaceDetail(st *VEXStatement, detail, recommendation, workaround string) {
	switch st.Status {
	case VEXNotAffected:
		st.ImpactStatement = detail
	case VEXAffected:
		st.ActionStatement = vexFirst(detail, recommendation, workaround)
		if st.ActionStatement == "" && len(st.CDXResponses) > 0 {
			st.ActionStatement = "response: " + strings.Join(st.CDXResponses, ", ")
		}
	default:
		st.StatusNotes = detail
	}
}

func vexFirst(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// vexBOMLinkFragment returns the bom-ref of a BOM-Link
// ("urn:cdx:serial/version#ref"), or ref itself.
func vexBOMLinkFragment(ref string) string {
	if strings.HasPrefix(ref, "urn:cdx:") {
		if i := strings.LastIndexByte(ref, '#'); i >= 0 {
			return ref[i+1:]
		}
	}
	return ref
}

// vexCDXVersionOverrides sets a per-version status where the CycloneDX
// affects status disagrees with the statement's: "affected" under another
// state becomes affected, "unaffected" under exploitable or in_triage
// becomes not_affected, "unknown" becomes under_investigation. Agreeing
// statuses ("unaffected" under resolved or not_affected) keep the
// statement's status.
func vexCDXVersionOverrides(st *VEXStatement, affects *[]cdx.Affects) {
	if affects == nil {
		return
	}
	for i, a := range *affects {
		if a.Range == nil || i >= len(st.Products) {
			continue
		}
		for j, av := range *a.Range {
			var s VEXStatus
			switch av.Status {
			case cdx.VulnerabilityStatusAffected:
				s = VEXAffected
			case cdx.VulnerabilityStatusNotAffected:
				if st.Status != VEXFixed {
					s = VEXNotAffected
				}
			case cdx.VulnerabilityStatusUnknown:
				s = VEXUnderInvestigation
			}
			if s != st.Status {
				st.Products[i].Versions[j].Status = s
			}
		}
	}
}

func vexParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: not an RFC 3339 time: %q", ErrVEXInvalid, osvClip(s))
	}
	return t.UTC(), nil
}

// EncodeCycloneDXVEX writes doc as a CycloneDX 1.6 JSON VEX: one
// vulnerability per statement, with analysis state, justification,
// response and detail, and affects[] refs. It returns what the CycloneDX
// vocabulary cannot say exactly (see CycloneDXLosses); statements read
// from CycloneDX keep their original state, justification and responses.
func EncodeCycloneDXVEX(w io.Writer, doc *VEXDocument) ([]VEXLoss, error) {
	bom := cdx.NewBOM()
	bom.Version = max(doc.Version, 1)
	if strings.HasPrefix(doc.ID, "urn:uuid:") {
		bom.SerialNumber = doc.ID
	}
	bom.Metadata = &cdx.Metadata{}
	if !doc.Timestamp.IsZero() {
		bom.Metadata.Timestamp = doc.Timestamp.UTC().Format(time.RFC3339)
	}
	if doc.Author != "" {
		bom.Metadata.Authors = &[]cdx.OrganizationalContact{{Name: doc.Author}}
	}
	var losses []VEXLoss
	vulns := make([]cdx.Vulnerability, 0, len(doc.Statements))
	for i := range doc.Statements {
		v, ls := vexStatementToCDX(&doc.Statements[i], i)
		vulns = append(vulns, v)
		losses = append(losses, ls...)
	}
	bom.Vulnerabilities = &vulns
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_6); err != nil {
		return losses, fmt.Errorf("sbom: write CycloneDX VEX: %w", err)
	}
	return losses, nil
}

func vexStatementToCDX(st *VEXStatement, i int) (cdx.Vulnerability, []VEXLoss) {
	path := st.Path
	if path == "" {
		path = fmt.Sprintf("statements[%d]", i)
	}
	var losses []VEXLoss
	loss := func(field, format string, args ...any) {
		losses = append(losses, VEXLoss{Path: path, Field: field, Detail: fmt.Sprintf(format, args...)})
	}
	v := cdx.Vulnerability{ID: st.Vulnerability}
	if len(st.Aliases) > 0 {
		refs := make([]cdx.VulnerabilityReference, 0, len(st.Aliases))
		for _, a := range st.Aliases {
			refs = append(refs, cdx.VulnerabilityReference{ID: a, Source: &cdx.Source{Name: vexSourceName(a)}})
		}
		v.References = &refs
	}
	an := &cdx.VulnerabilityAnalysis{}
	an.State = vexStatusToCDXState(st)
	if st.Justification != "" {
		j, note := vexJustificationToCDX(st)
		an.Justification = j
		if note != "" {
			loss("justification", "%s", note)
		}
	}
	if len(st.CDXResponses) > 0 {
		rs := make([]cdx.ImpactAnalysisResponse, len(st.CDXResponses))
		for k, r := range st.CDXResponses {
			rs[k] = cdx.ImpactAnalysisResponse(r)
		}
		an.Response = &rs
	}
	an.Detail = vexCDXDetail(st, loss)
	if !st.Timestamp.IsZero() {
		an.LastUpdated = st.Timestamp.UTC().Format(time.RFC3339)
	}
	v.Analysis = an
	v.Affects = vexCDXAffects(st, loss)
	return v, losses
}

// vexCDXDetail joins the common model's texts into the one CycloneDX detail.
func vexCDXDetail(st *VEXStatement, loss func(field, format string, args ...any)) string {
	var parts []string
	for _, t := range []struct{ field, text string }{
		{"impact_statement", st.ImpactStatement}, {"action_statement", st.ActionStatement}, {"status_notes", st.StatusNotes},
	} {
		if t.text != "" {
			parts = append(parts, t.text)
		}
	}
	if len(parts) > 1 {
		loss("detail", "impact statement, action statement and status notes share the one CycloneDX detail field")
	}
	return strings.Join(parts, "\n\n")
}

func vexCDXAffects(st *VEXStatement, loss func(field, format string, args ...any)) *[]cdx.Affects {
	var out []cdx.Affects
	var add func(p VEXProduct)
	add = func(p VEXProduct) {
		ref := p.ID
		if ref == "" {
			ref = p.PURL
			loss("products", "product %q has no bom-ref; its package URL is written as the affects ref", osvClip(p.PURL))
		}
		a := cdx.Affects{Ref: ref}
		if len(p.Versions) > 0 {
			vs := make([]cdx.AffectedVersions, len(p.Versions))
			for k, pv := range p.Versions {
				vs[k] = cdx.AffectedVersions{Version: pv.Version, Range: pv.Range, Status: vexStatusToCDXVersion(vexStatusOr(pv.Status, st.Status))}
			}
			a.Range = &vs
		}
		out = append(out, a)
		for _, sc := range p.Subcomponents {
			loss("products", "subcomponent %q written as its own affects entry", osvClip(vexFirst(sc.ID, sc.PURL)))
			add(sc)
		}
	}
	for _, p := range st.Products {
		add(p)
	}
	return &out
}

func vexStatusOr(a, b VEXStatus) VEXStatus {
	if a != "" {
		return a
	}
	return b
}

// vexSourceName names the database an ID comes from, by its prefix.
func vexSourceName(id string) string {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return "NVD"
	case strings.HasPrefix(id, "GHSA-"):
		return "GitHub"
	case strings.HasPrefix(id, "GO-"):
		return "Go Vulnerability Database"
	}
	return "OSV"
}

func joinVEX(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// vexLatestSpec is the newest CycloneDX version the reader knows.
const vexLatestSpec = "1.7"

// vexPatchSpecVersion finds the top-level specVersion of a CycloneDX JSON
// document and, when it is a 1.x version newer than vexLatestSpec, returns
// the document with that value replaced by vexLatestSpec (reference §5:
// accept unknown future versions as the latest known, with a warning)
// and the original value. Other values are left to the decoder.
func vexPatchSpecVersion(data []byte) ([]byte, string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, "", false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, "", false
		}
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, "", false
		}
		if key != "specVersion" {
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil || !vexNewerSpec(v) {
			return nil, "", false
		}
		end := dec.InputOffset()
		i := bytes.Index(data[start:end], raw)
		if i < 0 {
			return nil, "", false
		}
		at := int(start) + i
		out := make([]byte, 0, len(data))
		out = append(out, data[:at]...)
		out = append(out, `"`+vexLatestSpec+`"`...)
		out = append(out, data[at+len(raw):]...)
		return out, v, true
	}
	return nil, "", false
}

// vexNewerSpec reports whether v is "1.N" with N above the latest known.
func vexNewerSpec(v string) bool {
	minor, ok := strings.CutPrefix(v, "1.")
	if !ok || minor == "" || len(minor) > 4 {
		return false
	}
	n := 0
	for i := 0; i < len(minor); i++ {
		if !vidIsDigit(minor[i]) {
			return false
		}
		n = n*10 + int(minor[i]-'0')
	}
	return n > 7
}

// vexIsXML reports whether the document starts (after white space and a
// byte-order mark) with '<'.
func vexIsXML(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '<'
}

// vexXMLError turns an XML decoding error into a *VEXError with its line.
func vexXMLError(err error) error {
	ve := &VEXError{Err: fmt.Errorf("%w: %v", ErrVEXSyntax, err)}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		ve.Line = se.Line
	}
	return ve
}
