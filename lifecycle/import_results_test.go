package lifecycle

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medtrace/medtrace/trace"
)

func importOpts(name string) ImportOptions {
	return ImportOptions{
		Name: name, Version: "1.2.0", By: "ci/pipeline-881",
		Date:  time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Tests: []Test{{ID: "TC-1"}, {ID: "TC-12"}, {ID: "TC-3"}, {ID: "TC-4"}},
	}
}

func outcomes(rep *ImportReport) map[trace.ID]Outcome {
	m := map[trace.ID]Outcome{}
	for _, r := range rep.Results {
		m[r.Test] = r.Outcome
	}
	return m
}

func TestImportJUnit(t *testing.T) {
	f, err := os.Open("testdata/results/junit.xml")
	require.NoError(t, err)
	defer f.Close()
	rep, err := ImportJUnit(context.Background(), f, importOpts("junit.xml"))
	require.NoError(t, err)
	assert.Equal(t, map[trace.ID]Outcome{"TC-1": Fail, "TC-12": Fail, "TC-3": Blocked}, outcomes(rep),
		"TC-1 fails on its <error>, TC-12 on one failing case of two, TC-3 skipped is blocked")
	assert.Equal(t, []string{"pump.misc.TestUnrelated"}, rep.Unmatched)
	var r Result
	for _, x := range rep.Results {
		if x.Test == "TC-12" {
			r = x
		}
	}
	assert.Equal(t, trace.ID("TC-12@1.2.0"), r.ID)
	assert.Equal(t, "1.2.0", r.Version)
	assert.Equal(t, "ci/pipeline-881", r.By)
	assert.Equal(t, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC), r.Date, "the suite timestamp wins")
	assert.Equal(t, "pump.occlusion.TestOcclusionAlarm_TC_12: alarm after 2.4 s expected alarm within 2 s", r.Anomalies)
}

func TestImportGoTest(t *testing.T) {
	f, err := os.Open("testdata/results/gotest.json")
	require.NoError(t, err)
	defer f.Close()
	rep, err := ImportGoTest(context.Background(), f, importOpts("go-test.json"))
	require.NoError(t, err)
	assert.Equal(t, map[trace.ID]Outcome{"TC-1": Pass, "TC-12": Fail, "TC-3": Blocked, "TC-4": Fail}, outcomes(rep),
		"TC-4 started but never ended")
	assert.Equal(t, []string{"example.com/pump.TestHelper"}, rep.Unmatched)
	for _, r := range rep.Results {
		if r.Test == "TC-12" {
			assert.Contains(t, r.Anomalies, "alarm after 2.4 s")
		}
		if r.Test == "TC-4" {
			assert.Contains(t, r.Anomalies, "never finished")
		}
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	good := importOpts("x")
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"options are required", func() error {
			_, err := ImportJUnit(ctx, strings.NewReader("<testsuites/>"), ImportOptions{})
			return err
		}, "version is required"},
		{"malformed xml names line", func() error {
			_, err := ImportJUnit(ctx, strings.NewReader("<testsuites>\n<testsuite>\n<testcase name='a'>\n</testsuites>"), good)
			return err
		}, "x:4:"},
		{"wrong root", func() error {
			_, err := ImportJUnit(ctx, strings.NewReader("<html/>"), good)
			return err
		}, "root element <html>"},
		{"too large", func() error {
			o := good
			o.MaxBytes = 5
			_, err := ImportJUnit(ctx, strings.NewReader("<testsuites/>"), o)
			return err
		}, "larger than 5 bytes"},
		{"malformed json line", func() error {
			_, err := ImportGoTest(ctx, strings.NewReader("{\"Action\":\"run\",\"Test\":\"T\"}\n{oops\n"), good)
			return err
		}, "x:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestMatcherPrefersWholeIDs(t *testing.T) {
	m := newMatcher([]Test{{ID: "TC-1"}, {ID: "TC-12"}, {ID: "SYS-1"}})
	for name, want := range map[string]trace.ID{
		"TestA_TC_12": "TC-12", "TestA_TC_1": "TC-1", "TestA_TC_1_b": "TC-1", "tc-12 lower": "TC-12", "TestTC_123": "",
		"TestSYS_1/sub": "SYS-1",
	} {
		got, _ := m.match(name)
		assert.Equal(t, want, got, name)
	}
}

func FuzzImportJUnit(f *testing.F) {
	data, _ := os.ReadFile("testdata/results/junit.xml")
	f.Add(data)
	f.Add([]byte("<testsuite><testsuite><testcase name='TC_1'><skipped/></testcase></testsuite></testsuite>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ImportJUnit(context.Background(), strings.NewReader(string(data)), importOpts("fuzz"))
	})
}

func FuzzImportGoTest(f *testing.F) {
	data, _ := os.ReadFile("testdata/results/gotest.json")
	f.Add(data)
	f.Add([]byte("{\"Action\":\"run\",\"Test\":\"TC_1\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ImportGoTest(context.Background(), strings.NewReader(string(data)), importOpts("fuzz"))
	})
}
