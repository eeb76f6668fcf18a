package sbom

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

var checkDate = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// compliantComponent meets every check of every profile.
func compliantComponent(name string) Component {
	ref := "pkg:npm/" + name + "@1.0.0"
	return Component{
		BOMRef: ref, Type: TypeLibrary, Name: name, Version: Known("1.0.0"), PURL: ref,
		Hashes:   []Hash{{Alg: "SHA-256", Content: strings.Repeat("a", 64)}},
		Supplier: Party{Name: "Acme", URLs: []string{"https://acme.example"}},
		Licenses: []string{"MIT"},
		Support:  Support{Level: SupportActive, EndOfSupport: "2030-01-01"},
		ExternalRefs: []ExternalRef{{Type: "distribution", URL: "https://acme.example/" + name + ".tgz",
			Hashes: []Hash{{Alg: "SHA-512", Content: strings.Repeat("b", 128)}}}},
		Properties: []Property{{Name: PropBSIFilename, Value: name + ".tgz"}, {Name: PropBSIExecutable, Value: "false"},
			{Name: PropBSIArchive, Value: "true"}, {Name: PropBSIStructured, Value: "true"}},
	}
}

func compliantSBOM() *SBOM {
	primary := compliantComponent("device")
	primary.Type = TypeDevice
	a, b := compliantComponent("alpha"), compliantComponent("beta")
	return &SBOM{
		Format: FormatCycloneDX, SpecVersion: "1.6", SerialNumber: "urn:uuid:00000000-0000-4000-8000-000000000001", Version: 1,
		Metadata: Metadata{
			Timestamp: "2026-05-01T10:00:00Z",
			Authors:   []Party{{Name: "Maker", Contacts: []Contact{{Email: "sbom@maker.example"}}}},
			Component: &primary,
		},
		Components: []Component{a, b},
		Dependencies: []Dependency{
			{Ref: primary.BOMRef, DependsOn: []string{a.BOMRef}},
			{Ref: a.BOMRef, DependsOn: []string{b.BOMRef}},
			{Ref: b.BOMRef, DependsOn: []string{}},
		},
		Compositions: []Composition{{Aggregate: AggregateComplete, Assemblies: []string{primary.BOMRef}}},
	}
}

func allProfiles() []Profile { return []Profile{NTIA(), FDA(), CISA(), BSI()} }

func runProfile(t *testing.T, s *SBOM, p Profile, vulns *VulnerabilityData) *ProfileReport {
	t.Helper()
	rep, err := CheckProfile(context.Background(), Input{SBOM: s, Now: checkDate, Vulnerabilities: vulns}, p, trace.CheckOptions{})
	require.NoError(t, err)
	return rep
}

func TestProfilesSilentOnCompliantSBOM(t *testing.T) {
	for _, p := range allProfiles() {
		t.Run(p.ID, func(t *testing.T) {
			rep := runProfile(t, compliantSBOM(), p, &VulnerabilityData{})
			assert.Empty(t, rep.Result.Findings)
			assert.True(t, rep.Passed())
			assert.Len(t, rep.Result.Coverage, len(p.Checks))
			for _, c := range rep.Result.Coverage {
				assert.Positive(t, c.Total, c.Rule)
			}
			assert.Contains(t, rep.Summary(), "PASS")
		})
	}
}

// firingCase makes one check fire by breaking a compliant SBOM.
type firingCase struct {
	rule   string
	item   string // "" = the document
	mutate func(s *SBOM, v *VulnerabilityData) *VulnerabilityData
}

func firingCases() []firingCase {
	const alpha = "pkg:npm/alpha@1.0.0"
	return []firingCase{
		{"SBOM-002", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Dependencies = append(s.Dependencies, Dependency{Ref: "ghost"})
			return v
		}},
		{"SBOM-003.identifiers", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].CPE = "cpe:2.3:a:broken"
			return v
		}},
		{"SBOM-010.supplier", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Supplier = Party{}
			return v
		}},
		{"SBOM-010.name", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Name = ""
			return v
		}},
		{"SBOM-010.version", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Version = Value{}
			return v
		}},
		{"SBOM-010.identifier", "alpha@1.0.0", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].PURL, s.Components[0].BOMRef = "", ""
			return v
		}},
		{"SBOM-011", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Compositions = nil
			return v
		}},
		{"SBOM-012", "pkg:npm/beta@1.0.0", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Dependencies = s.Dependencies[:1]
			s.Dependencies[0].DependsOn = []string{alpha}
			return v
		}},
		{"SBOM-012.primary", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Dependencies = s.Dependencies[1:]
			return v
		}},
		{"SBOM-013", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Metadata.Authors = nil
			return v
		}},
		{"SBOM-014", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Metadata.Timestamp = "May 1st"
			return v
		}},
		{"SBOM-015", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Metadata.Component = nil
			return v
		}},
		{"SBOM-016", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Hashes = nil
			return v
		}},
		{"SBOM-017", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Metadata.Component.Licenses = nil
			return v
		}},
		{"SBOM-020", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Support = Support{Level: SupportActive}
			return v
		}},
		{"SBOM-021", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Support.EndOfSupport = "2025-12-31"
			return v
		}},
		{"SBOM-030.data", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData { return nil }},
		{"SBOM-030", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			v.Statuses = append(v.Statuses, VulnerabilityStatus{Component: alpha, Vulnerability: "CVE-2026-1", DiscoveryMethod: "osv-match", Status: "affected", SafetyAssessed: true, SecurityAssessed: true})
			return v
		}},
		{"SBOM-031", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			v.Statuses = append(v.Statuses, VulnerabilityStatus{Component: alpha, Vulnerability: "CVE-2026-2", DiscoveryMethod: "osv-match", Status: "under_investigation", KEV: true, SafetyAssessed: true, SecurityAssessed: true})
			return v
		}},
		{"SBOM-032", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			v.Unassessed = append(v.Unassessed, UnassessedComponent{Component: alpha, Reason: "unknown ecosystem"})
			return v
		}},
		{"SBOM-040.format", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.SpecVersion = "1.5"
			return v
		}},
		{"SBOM-040.creator", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Metadata.Authors = []Party{{Name: "Maker"}}
			return v
		}},
		{"SBOM-040.component-creator", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Supplier = Party{Name: "Acme"}
			return v
		}},
		{"SBOM-040.filename", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Properties = s.Components[0].Properties[1:]
			return v
		}},
		{"SBOM-040.licence", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Licenses = nil
			return v
		}},
		{"SBOM-040.sha512", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].ExternalRefs = nil
			return v
		}},
		{"SBOM-040.properties", alpha, func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.Components[0].Properties = s.Components[0].Properties[:1]
			return v
		}},
		{"SBOM-040.no-vulnerabilities", "", func(s *SBOM, v *VulnerabilityData) *VulnerabilityData {
			s.EmbeddedVulnerabilities = 2
			return v
		}},
	}
}

func TestProfileChecksFire(t *testing.T) {
	tests := firingCases()
	byRule := map[string]bool{}
	for _, tt := range tests {
		byRule[tt.rule] = true
		t.Run(tt.rule, func(t *testing.T) {
			ran := false
			for _, p := range allProfiles() {
				if !profileHas(p, tt.rule) {
					continue
				}
				ran = true
				s := compliantSBOM()
				v := tt.mutate(s, &VulnerabilityData{})
				rep := runProfile(t, s, p, v)
				item := trace.ID(tt.item)
				if item == "" {
					item = s.DocumentID()
				}
				var hit []trace.Finding
				for _, f := range rep.Result.Findings {
					if f.Rule == tt.rule {
						hit = append(hit, f)
					}
				}
				require.NotEmpty(t, hit, "%s: %s did not fire", p.ID, tt.rule)
				assert.Equal(t, item, hit[0].Item, p.ID)
				assert.NotEmpty(t, hit[0].Message)
				assert.NotEmpty(t, hit[0].Clause)
				assert.Contains(t, rep.Summary(), tt.rule)
			}
			assert.True(t, ran, "no profile has %s", tt.rule)
		})
	}
	for _, p := range allProfiles() {
		for _, c := range p.Checks {
			assert.True(t, byRule[c.ID], "check %s of %s has no firing test", c.ID, p.ID)
		}
	}
}

func profileHas(p Profile, id string) bool {
	for _, c := range p.Checks {
		if c.ID == id {
			return true
		}
	}
	return false
}

func TestDeclaredUnknownIsAnAnswer(t *testing.T) {
	s := compliantSBOM()
	s.Components[0].Supplier = Party{Declared: DeclaredUnknown}
	s.Components[0].Version = Value{Declared: DeclaredUnknown}
	rep := runProfile(t, s, NTIA(), nil)
	assert.Empty(t, rep.Result.Findings)
}

func TestSupportJustification(t *testing.T) {
	s := compliantSBOM()
	s.Components[0].Support = Support{Level: SupportUnknown, Justification: "vendor publishes no support policy; monitored monthly"}
	rep := runProfile(t, s, FDA(), &VulnerabilityData{})
	assert.Empty(t, rep.Result.Findings)
}

func TestProfileOptions(t *testing.T) {
	s := compliantSBOM()
	s.Components[0].Supplier = Party{}
	rep, err := CheckProfile(context.Background(), Input{SBOM: s}, NTIA(), trace.CheckOptions{
		Waivers: []trace.Waiver{{Rule: "SBOM-010.supplier", Item: "pkg:npm/alpha@1.0.0", Rationale: "in-house component",
			Author: "QA", Date: checkDate}},
	})
	require.NoError(t, err)
	require.Len(t, rep.Result.Findings, 1)
	assert.True(t, rep.Result.Findings[0].Waived())
	assert.True(t, rep.Passed())

	_, err = CheckProfile(context.Background(), Input{}, NTIA(), trace.CheckOptions{})
	assert.Error(t, err)
	bad := Profile{ID: "bad", Checks: []Check{{RuleMeta: meta("X-1", trace.Error, "c", "s"), Scope: ScopeDocument}}}
	_, err = CheckProfile(context.Background(), Input{SBOM: s}, bad, trace.CheckOptions{})
	assert.Error(t, err)
}

func TestProfileOnRealFile(t *testing.T) {
	s, err := DecodeCycloneDXJSON(context.Background(), strings.NewReader(string(readTestdata(t, "sbom", "laravel-7.12.0.cdx-1.4.json"))), DecodeOptions{Name: "laravel"})
	require.NoError(t, err)
	rep := runProfile(t, s, NTIA(), nil)
	assert.False(t, rep.Passed(), "the laravel SBOM names no suppliers and no author")
	cov := map[string]trace.Coverage{}
	for _, c := range rep.Result.Coverage {
		cov[c.Rule] = c
	}
	assert.Equal(t, 63, cov["SBOM-010.name"].Total)
	assert.Equal(t, 63, cov["SBOM-010.name"].Covered)
	assert.Zero(t, cov["SBOM-010.supplier"].Covered)
	assert.Equal(t, 0, cov["SBOM-013"].Covered)
}

func TestProfileSummaryGolden(t *testing.T) {
	s, recs := laravelWithSOUP(t)
	annotated, _, err := Annotate(s, recs)
	require.NoError(t, err)
	var b strings.Builder
	for _, p := range allProfiles() {
		rep := runProfile(t, annotated, p, &VulnerabilityData{Unassessed: []UnassessedComponent{
			{Component: "pkg:composer/asm89/stack-cors@1.3.0", Reason: "no OSV ecosystem for this purl"}}})
		b.WriteString(rep.Summary())
		b.WriteString("\n")
	}
	golden(t, "laravel-profiles.txt", []byte(b.String()))
}

// CheckProfile must give exactly what trace.Check gives for the same checks.
func TestCheckProfileMatchesTraceCheck(t *testing.T) {
	laravel, recs := laravelWithSOUP(t)
	annotated, _, err := Annotate(laravel, recs)
	require.NoError(t, err)
	dup := compliantSBOM()
	dup.Components = append(dup.Components, dup.Components[0]) // the same item twice
	dup.Components[2].Supplier = Party{}
	opts := trace.CheckOptions{
		Severity: map[string]trace.Severity{"SBOM-011": trace.Info},
		Disabled: map[string]bool{"SBOM-016": true},
		Waivers: []trace.Waiver{
			{Rule: "SBOM-010.supplier", Item: "pkg:composer/brick/math@0.9.3", Rationale: "r", Author: "a", Date: checkDate},
			{Rule: "SBOM-016", Item: "x", Rationale: "r", Author: "a", Date: checkDate},
			{Rule: "SBOM-999", Item: "y", Rationale: "r", Author: "a", Date: checkDate},
		},
	}
	for _, s := range []*SBOM{annotated, dup, compliantSBOM()} {
		for _, p := range append(allProfiles(), Combine("all", "all", allProfiles()...)) {
			in := Input{SBOM: s, Now: checkDate, Vulnerabilities: &VulnerabilityData{Unassessed: []UnassessedComponent{{Component: "pkg:npm/alpha@1.0.0", Reason: "r"}}}}
			want, err := trace.Check(context.Background(), nil, p.Rules(in), opts)
			require.NoError(t, err)
			got, err := CheckProfile(context.Background(), in, p, opts)
			require.NoError(t, err)
			assert.Equal(t, want, got.Result, p.ID)
		}
	}
	bad := trace.CheckOptions{Severity: map[string]trace.Severity{"SBOM-011": "loud"}}
	_, err = CheckProfile(context.Background(), Input{SBOM: dup}, NTIA(), bad)
	assert.ErrorIs(t, err, trace.ErrBadRuleSet)
	twice := NTIA()
	twice.Checks = append(twice.Checks, twice.Checks[0])
	_, err = CheckProfile(context.Background(), Input{SBOM: dup}, twice, trace.CheckOptions{})
	assert.ErrorIs(t, err, trace.ErrBadRuleSet)
}

func TestChecksThatDoNotApply(t *testing.T) {
	s := compliantSBOM()
	s.Components[0].Support.EndOfSupport = "2001-01-01"
	rep, err := CheckProfile(context.Background(), Input{SBOM: s}, FDA(), trace.CheckOptions{})
	require.NoError(t, err)
	cov := map[string]trace.Coverage{}
	for _, c := range rep.Result.Coverage {
		cov[c.Rule] = c
	}
	for _, id := range []string{"SBOM-021", "SBOM-030", "SBOM-031", "SBOM-032"} {
		assert.Zero(t, cov[id].Total, "%s is not evaluated without a date or vulnerability data", id)
	}
	assert.Equal(t, 0, cov["SBOM-030.data"].Covered)
	assert.Regexp(t, `n/a\s+SBOM-021\s`, rep.Summary())

	rep = runProfile(t, s, FDA(), &VulnerabilityData{})
	for _, c := range rep.Result.Coverage {
		if c.Rule == "SBOM-021" {
			assert.Equal(t, 3, c.Total)
			assert.Equal(t, 2, c.Covered)
		}
	}
}
