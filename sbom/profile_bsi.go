package sbom

import (
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/medtrace/medtrace/trace"
)

// BSI TR-03183-2 CycloneDX property names (bsi namespace, run by BSI).
const (
	PropBSIFilename   = "bsi:component:filename"
	PropBSIExecutable = "bsi:component:executable"
	PropBSIArchive    = "bsi:component:archive"
	PropBSIStructured = "bsi:component:structured"
)

func hasContact(p Party) bool {
	return p.Email() != "" || len(p.URLs) > 0
}

func checkBSIFormat() Check {
	return documentCheck(meta("SBOM-040.format", trace.Error, srcBSI+" 4 (formats)",
		"the SBOM is CycloneDX 1.6 or later (or SPDX 3.0.1 or later)"),
		func(in *Input) []string {
			s := in.SBOM
			if s.Format == FormatCycloneDX {
				if sv, ok := parseCDXVersion(s.SpecVersion); ok && sv >= cdx.SpecVersion1_6 {
					return nil
				}
			}
			return []string{fmt.Sprintf("%s %s is older than the formats BSI accepts", s.Format, s.SpecVersion)}
		})
}

func checkBSICreator() Check {
	return documentCheck(meta("SBOM-040.creator", trace.Error, srcBSI+" 5.2.1 (SBOM creator)",
		"the SBOM's creator is given with an e-mail address or URL"),
		func(in *Input) []string {
			md := in.SBOM.Metadata
			for _, a := range md.Authors {
				if hasContact(a) {
					return nil
				}
			}
			if hasContact(md.Manufacturer) {
				return nil
			}
			return []string{"no SBOM creator with an e-mail address or URL (a name alone does not meet BSI)"}
		})
}

func checkBSIComponentCreator() Check {
	return componentCheck(meta("SBOM-040.component-creator", trace.Error, srcBSI+" 5.2.2 (component creator)",
		"each component's creator is given with an e-mail address or URL"),
		func(_ *Input, c *Component) string {
			if hasContact(c.Manufacturer) || hasContact(c.Supplier) {
				return ""
			}
			return "no component creator (manufacturer or supplier) with an e-mail address or URL"
		})
}

func checkBSIFilename() Check {
	return componentCheck(meta("SBOM-040.filename", trace.Error, srcBSI+" 5.2.2 (filename)",
		"each component states its file name"),
		func(_ *Input, c *Component) string {
			if v, ok := c.Property(PropBSIFilename); ok && v != "" {
				return ""
			}
			if v, ok := c.Property(PropSPDXFileName); ok && v != "" {
				return ""
			}
			return "no file name (property " + PropBSIFilename + ")"
		})
}

func checkBSILicence() Check {
	return componentCheck(meta("SBOM-040.licence", trace.Error, srcBSI+" 5.2.2 (distribution licences)",
		"each component states its distribution licences"),
		func(_ *Input, c *Component) string { return stateProblem("licence", c.LicenseState()) })
}

func checkBSIHash() Check {
	return componentCheck(meta("SBOM-040.sha512", trace.Error, srcBSI+" 5.2.2 (hash value of the deployable component)",
		"each component gives the SHA-512 of its deployable form on a distribution reference"),
		func(_ *Input, c *Component) string {
			for _, r := range c.ExternalRefs {
				if r.Type != "distribution" {
					continue
				}
				for _, h := range r.Hashes {
					if h.Alg == "SHA-512" {
						return ""
					}
				}
			}
			return "no SHA-512 on an externalReferences[type=distribution] entry"
		})
}

func checkBSIProperties() Check {
	return componentCheck(meta("SBOM-040.properties", trace.Error, srcBSI+" 5.2.2 (executable, archive, structured)",
		"each component states whether it is executable, an archive and structured"),
		func(_ *Input, c *Component) string {
			var miss []string
			for _, p := range []string{PropBSIExecutable, PropBSIArchive, PropBSIStructured} {
				if _, ok := c.Property(p); !ok {
					miss = append(miss, p)
				}
			}
			if len(miss) == 0 {
				return ""
			}
			return "missing " + strings.Join(miss, ", ")
		})
}

func checkBSINoVulnerabilities() Check {
	return documentCheck(meta("SBOM-040.no-vulnerabilities", trace.Warning, srcBSI+" 3 (vulnerability information kept out of the SBOM)",
		"the SBOM carries no vulnerability data (kept in separate VEX/CSAF documents)"),
		func(in *Input) []string {
			if n := in.SBOM.EmbeddedVulnerabilities; n > 0 {
				return []string{fmt.Sprintf("the SBOM embeds %d vulnerabilities", n)}
			}
			return nil
		})
}
