package risk

import (
	"testing"

	"github.com/medtrace/medtrace/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRulesSilentOnCompleteFile(t *testing.T) {
	for _, policy := range []Policy{ALARP, AFAP} {
		t.Run(string(policy), func(t *testing.T) {
			f := pumpFile(policy)
			require.NoError(t, f.Validate())
			res := checkFile(t, f, false)
			assert.Empty(t, res.Findings)
			for _, c := range res.Coverage {
				assert.Equal(t, c.Total, c.Covered, c.Rule)
			}
		})
	}
}

func TestRulesMeta(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules(pumpFile(ALARP)) {
		m := r.Meta()
		require.NoError(t, m.Validate())
		assert.False(t, seen[m.ID], m.ID)
		seen[m.ID] = true
		assert.NotEmpty(t, m.Summary, m.ID)
		assert.Regexp(t, `^(ISO|EN ISO|ISO/TR) `, m.Clause, m.ID)
	}
}

// ruleCase mutates the complete pump file (and may add to the graph) and
// says which items the rule must fail on; want nil means silent.
type ruleCase struct {
	name   string
	policy Policy
	mutate func(f *File)
	extra  trace.ContributorFunc
	want   []trace.ID
	// invalid says the mutation makes the file fail Validate.
	invalid bool
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(rule+"/"+tc.name, func(t *testing.T) {
			policy := tc.policy
			if policy == "" {
				policy = ALARP
			}
			f := pumpFile(policy)
			if tc.mutate != nil {
				tc.mutate(f)
			}
			var extra []trace.ContributorFunc
			if tc.extra != nil {
				extra = append(extra, tc.extra)
			}
			res := checkFile(t, f, tc.invalid, extra...)
			got := failed(res, rule)
			assert.Equal(t, tc.want, got)
			for _, fd := range res.Findings {
				if fd.Rule == rule {
					assert.NotEmpty(t, fd.Clause)
					assert.NotEmpty(t, fd.Message)
				}
			}
		})
	}
}
