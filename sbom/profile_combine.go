package sbom

import (
	"slices"

	"github.com/medtrace/medtrace/trace"
)

// Combine returns one profile holding the checks of all the given profiles,
// each check once (the first with an ID wins). When both the BSI and the
// FDA profile are combined, check SBOM-041 is added: it reports where the
// two disagree on what the document must hold (BSI TR-03183-2 keeps
// vulnerability data out of the SBOM, FDA premarket guidance V.A.4(b) wants
// the known vulnerabilities with the submission; BSI wants a creator
// contact, FDA and CISA a named legal entity).
func Combine(id, name string, profiles ...Profile) Profile {
	out := Profile{ID: id, Name: name}
	seen := map[string]bool{}
	var ids []string
	for _, p := range profiles {
		ids = append(ids, p.ID)
		if out.Source != "" {
			out.Source += "; "
		}
		out.Source += p.Source
		for _, c := range p.Checks {
			if !seen[c.ID] {
				seen[c.ID] = true
				out.Checks = append(out.Checks, c)
			}
		}
	}
	if slices.Contains(ids, BSI().ID) && slices.Contains(ids, FDA().ID) {
		out.Checks = append(out.Checks, checkBSIFDAConflict())
	}
	return out
}

func checkBSIFDAConflict() Check {
	return documentCheck(meta("SBOM-041", trace.Warning, srcBSI+" 3; "+srcFDA+" V.A.4(b)",
		"the SBOM meets BSI and FDA where they differ: vulnerabilities kept in a linked VEX, creator named with a contact"),
		func(in *Input) []string {
			var msgs []string
			if n := in.SBOM.EmbeddedVulnerabilities; n > 0 {
				msgs = append(msgs, "the SBOM embeds vulnerabilities, which BSI forbids: give FDA the known vulnerabilities in a separate VEX or VDR document that names the SBOM (BOM-Link)")
			}
			named := false
			for _, a := range in.SBOM.Metadata.Authors {
				if a.Name != "" && hasContact(a) {
					named = true
				}
			}
			if m := in.SBOM.Metadata.Manufacturer; m.Name != "" && hasContact(m) {
				named = true
			}
			if !named {
				msgs = append(msgs, "no SBOM author has both a name (FDA, CISA: the legal entity) and an e-mail address or URL (BSI)")
			}
			return msgs
		})
}
