package lifecycle

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// goTestEvent is one line of `go test -json` (cmd/test2json).
type goTestEvent struct {
	Time    time.Time `json:"Time"`
	Action  string    `json:"Action"`
	Package string    `json:"Package"`
	Test    string    `json:"Test"`
	Output  string    `json:"Output"`
}

// ImportGoTest reads the event stream of `go test -json` and returns one
// Result per matched test, from each test's final action (pass, fail or
// skip; subtests count as cases of their own). A test that started but never
// ended (a crash or a timeout) fails. A malformed line is an error naming
// its line number.
func ImportGoTest(ctx context.Context, r io.Reader, opts ImportOptions) (*ImportReport, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(io.LimitReader(r, opts.maxBytes()+1))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	type state struct {
		outcome Outcome
		ended   bool
		last    string
		date    time.Time
	}
	tests := map[string]*state{}
	var order []string
	var read int64
	for line := 1; sc.Scan(); line++ {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		read += int64(len(sc.Bytes())) + 1
		if read > opts.maxBytes()+1 {
			return nil, fmt.Errorf("%w: %s: larger than %d bytes", ErrBadResults, opts.Name, opts.maxBytes())
		}
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		var ev goTestEvent
		if err := json.Unmarshal([]byte(raw), &ev); err != nil {
			return nil, fmt.Errorf("%w: %s:%d: %v", ErrBadResults, opts.Name, line, err)
		}
		if ev.Test == "" {
			continue
		}
		key := ev.Package + "." + ev.Test
		st := tests[key]
		if st == nil {
			st = &state{}
			tests[key] = st
			order = append(order, key)
		}
		switch ev.Action {
		case "pass":
			st.outcome, st.ended, st.date = Pass, true, ev.Time
		case "fail":
			st.outcome, st.ended, st.date = Fail, true, ev.Time
		case "skip":
			st.outcome, st.ended, st.date = Blocked, true, ev.Time
		case "output":
			if o := strings.TrimSpace(ev.Output); o != "" && !strings.HasPrefix(o, "=== ") && !strings.HasPrefix(o, "--- ") {
				st.last = o
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadResults, opts.Name, err)
	}
	cases := make([]caseOutcome, 0, len(order))
	for _, key := range order {
		st := tests[key]
		c := caseOutcome{name: key, outcome: st.outcome, date: st.date.UTC()}
		switch {
		case !st.ended:
			c.outcome, c.detail = Fail, "started but never finished (crash or timeout)"
		case st.outcome != Pass:
			c.detail = st.last
		}
		cases = append(cases, c)
	}
	return combine(cases, opts), nil
}
