package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/validate"
)

var update = flag.Bool("update", false, "rewrite golden files")

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runEnv(context.Background(), args, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut})
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := run(t, "help")
	if code != exitOK {
		t.Errorf("help exit %d", code)
	}
	for _, name := range []string{"demo", "synth", "read"} {
		if !strings.Contains(out, "\n  "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, out)
		}
	}
	// Each command's line is its summary's whole first clause: a full
	// stop inside ".xlsx" does not end it.
	for _, line := range strings.Split(out, "\n") {
		if strings.Count(line, "(") != strings.Count(line, ")") {
			t.Errorf("help cuts a command's summary: %q", line)
		}
	}
	if !strings.Contains(out, "(--out ending .xlsx) or as one printable web page") {
		t.Errorf("help lacks the pack's whole summary:\n%s", out)
	}
	code, _, errOut := run(t, "read", "-h")
	if code != exitOK || !strings.Contains(errOut, "Example:\n  village read") || !strings.Contains(errOut, "-year") {
		t.Errorf("read -h: exit %d, output:\n%s", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"read"}, "expected one folder, got 0 arguments"},
		{[]string{"read", "--year", "2025", "x"}, `collection year "2025": expected a year such as 2025/26`},
		{[]string{"read", "no-such-folder"}, "there is no folder no-such-folder: expected a folder of one year's SSDA903 files (CSV or XML), or a folder of year folders such as 2025-26"},
		{[]string{"validate", "no-such-folder"}, "there is no folder no-such-folder: expected a folder of one year's"},
		{[]string{"load", "--db", filepath.Join(os.TempDir(), "village-no-such.db"), "no-such-folder"}, "there is no folder no-such-folder"},
		{[]string{"read", "run.go"}, "run.go is not a folder: expected a folder of one year's"},
		{[]string{"read", "--nosuchflag", "x"}, "flag provided but not defined: -nosuchflag"},
		{[]string{"synth"}, "--out is required"},
		{[]string{"synth", "--out", "x", "--format", "json"}, `--format "json": expected csv or xml`},
		{[]string{"synth", "--out", "x", "--until", "2026-03-31"}, `--until "2026-03-31": expected a date written DD/MM/YYYY`},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != exitUnusable || !strings.Contains(errOut, tt.want) {
			t.Errorf("village %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

// TestOnlyLoadCreatesAStore checks that a command reading the store
// refuses a --db that names no store, rather than creating an empty one.
func TestOnlyLoadCreatesAStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "mistyped.db")
	for _, args := range [][]string{
		{"indicators", "--db", db},
		{"child", "--db", db, "--reason", "testing", "C1"},
		{"pack", "--db", db, "--quarter", "2025-26 Q4", "--out", filepath.Join(t.TempDir(), "pack.xlsx")},
		{"forecast", "--db", db},
		{"serve", "--db", db, "--addr", "127.0.0.1:0"},
	} {
		code, _, errOut := run(t, args...)
		if code != exitUnusable || !strings.Contains(errOut, "no store at "+db+": give --db the store \"village load\" made") {
			t.Errorf("village %s: exit %d, stderr %q; want exit 2 and no store", args[0], code, errOut)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("village %s created %s", args[0], db)
		}
	}
}

// TestRulesYear checks which year "village rules" shows without --year,
// and that it says why.
func TestRulesYear(t *testing.T) {
	small := filepath.Join("..", "..", "returns", "ssda903", "testdata", "small")
	none := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"the given folder's year", []string{"rules", "--db", none, "--folder", small, "503A"}, "Rules for 2025/26: the year of the return in " + small + "."},
		{"no folder and no store", []string{"rules", "--db", none}, "Rules for 2026/27: the latest year Village has rules for, as no --folder was given and the store " + none + " holds no returns."},
		{"the year given", []string{"rules", "--db", none, "--year", "2025-26", "503A"}, "Rule 503A (DfE, 2025/26)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != exitOK || !strings.HasPrefix(out, tt.want) {
				t.Errorf("exit %d, %s\n%.300s; want it to start %q", code, errOut, out, tt.want)
			}
		})
	}
	if _, err := os.Stat(none); err == nil {
		t.Errorf("village rules created %s", none)
	}
}

func TestReadSmallReturn(t *testing.T) {
	code, out, _ := run(t, "read", "--la", "E06000999", filepath.Join("..", "..", "returns", "ssda903", "testdata", "small"))
	if code != exitOK {
		t.Errorf("exit %d", code)
	}
	golden(t, "read-small.golden", strings.ReplaceAll(out, string(filepath.Separator), "/"))
}

func TestReadReportsBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"header.csv":   "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,31/02/2012,WBRI,UN1,,\n",
		"episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2025,S,V2,N1,U6,PR1,,,,,,XXXXXXX\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, _ := run(t, "read", dir)
	if code != exitDataErr || !strings.Contains(out, `header.csv:2:3: DOB: "31/02/2012"; expected a date written DD/MM/YYYY`) {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("WHO,WHAT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "read", dir)
	if code != exitUnusable || !strings.Contains(errOut, "notes.csv:1: \"WHAT,WHO\" these column headings match no SSDA903 table; if notes.csv is not part of the return, move it out of the folder") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestUntilDefault(t *testing.T) {
	tests := []struct{ now, want string }{
		{"2026-11-23", "31/03/2026"},
		{"2026-03-31", "31/03/2026"},
		{"2026-03-30", "31/03/2025"},
		{"2026-04-01", "31/03/2026"},
	}
	for _, tt := range tests {
		now, _ := time.Parse("2006-01-02", tt.now)
		got, err := untilDate("", now)
		if err != nil || got.String() != tt.want {
			t.Errorf("untilDate on %s = %s, %v; want %s", tt.now, got, err, tt.want)
		}
	}
}

func TestValidateSynthetic(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "300", "--years", "3", "--seed", "4", "--until", "31/03/2026", "--errors", "0.02", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "errors.csv")
	code, stdout, errOut := run(t, "validate", "--la", "E06000999", "--postcodes", filepath.Join(dir, "postcodes.csv"), "--out", out, dir)
	if code != exitDataErr {
		t.Fatalf("validate exit %d, want 1: %s", code, errOut)
	}
	for _, want := range []string{"Validated the 2025/26 return with the 2 years before it", "By rule:", "needs the Ofsted provider lists"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the report: %v, %v; want it readable by its owner only", info, err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "rule,origin,message,table,year,file,line,row,child,fields,explanation\n") || strings.Count(string(data), "\n") < 5 ||
		!strings.Contains(string(data), ",2025/26,"+filepath.Join(dir, "2025-26", "header.csv")+",") {
		t.Errorf("report:\n%.500s", data)
	}
	code, _, errOut = run(t, "validate", "--year", "2023/24", dir)
	if code != exitUnusable || !strings.Contains(errOut, "no complete rule set for 2023/24") {
		t.Errorf("unsupported year: exit %d, %s", code, errOut)
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := run(t, "rules", "--year", "2025/26")
	if code != exitOK || !strings.Contains(out, "rules for 2025/26: 285 of the DfE's") {
		t.Errorf("exit %d:\n%.300s", code, out)
	}
	code, out, _ = run(t, "rules", "--year", "2025/26", "503a")
	if code != exitOK || !strings.Contains(out, "Rule 503A (DfE, 2025/26)") || !strings.Contains(out, "Needs: last year's return") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, "rules", "--year", "2026/27")
	if code != exitOK || !strings.Contains(out, "\n706 ") {
		t.Errorf("2026/27 lacks the DoLO rules: exit %d", code)
	}
	code, _, errOut := run(t, "rules", "--year", "2025/26", "999Z")
	if code != exitUnusable || !strings.Contains(errOut, `no rule "999Z" in 2025/26`) {
		t.Errorf("unknown rule: exit %d, %s", code, errOut)
	}
}

func TestLoadAndChild(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "200", "--years", "3", "--seed", "6", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	code, out, errOut := run(t, "load", "--db", db, "--la", "E06000999", dir)
	if code != exitOK || !strings.Contains(out, "Load 1 into") || !strings.Contains(out, "3 years ([2023/24 2024/25 2025/26])") ||
		!strings.Contains(out, "2025/26 validated: ") {
		t.Fatalf("load: exit %d\n%s%s", code, out, errOut)
	}
	// Without --year the rules are the latest stored year's, not the
	// collection year in progress.
	if code, out, errOut := run(t, "rules", "--db", db); code != exitOK || !strings.HasPrefix(out, "Rules for 2025/26: the latest year in the store "+db+".") {
		t.Errorf("rules from the store: exit %d, %s\n%.300s", code, errOut, out)
	}
	code, out, _ = run(t, "load", "--db", db, dir)
	if code != exitOK || !strings.Contains(out, "Nothing changed") {
		t.Errorf("second load: exit %d\n%s", code, out)
	}
	episodes, err := os.ReadFile(filepath.Join(dir, "2025-26", "episodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	id, _, _ := strings.Cut(strings.Split(string(episodes), "\n")[1], ",")
	if code, _, errOut := run(t, "child", "--db", db, id); code != exitUnusable || !strings.Contains(errOut, "--reason is required") {
		t.Errorf("child without a reason: exit %d, %s", code, errOut)
	}
	code, out, errOut = run(t, "child", "--db", db, "--reason", "testing", id)
	if code != exitOK || !strings.Contains(out, "Child "+id+": born ") || !strings.Contains(out, "Period of care 1:") {
		t.Errorf("child: exit %d\n%s%s", code, out, errOut)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The loads (each return, and the early help and HAF files, twice;
	// the family-link file once, as the second changed nothing) are
	// events; the view is the last entry.
	if len(log) != 8 || log[0].Action != "load" || log[0].Subject != "" {
		t.Errorf("audit log %+v; want seven loads and a view", log)
	}
	if v := log[len(log)-1]; v.Subject != id || v.Reason != "testing" || v.Action != "view journey" {
		t.Errorf("audit log %+v", log)
	}
	if _, err := s.Failures(context.Background(), 2026); err != nil {
		t.Errorf("failures stored with 2025/26: %v", err)
	}

	code, out, errOut = run(t, "indicators", "--db", db, "--population", filepath.Join(dir, "population.csv"),
		"--postcodes", filepath.Join(dir, "postcodes.csv"), "--format", "json")
	var got struct {
		Period     string
		Indicators []struct {
			ID    string
			Value *float64
		}
	}
	if err := json.Unmarshal([]byte(out), &got); code != exitOK || err != nil || got.Period != "2025/26" {
		t.Fatalf("indicators: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	values := map[string]*float64{}
	for _, ind := range got.Indicators {
		values[ind.ID] = ind.Value
	}
	// The headline indicators, and the distance one that needs the
	// postcode directory.
	for _, id := range []string{"cla_end", "starts", "ceased", "cla_rate_per_10k", "starts_rate_per_10k", "placed_20_miles_share"} {
		if values[id] == nil {
			t.Errorf("indicators JSON has no value for %s", id)
		}
	}
	if v := values["cla_rate_per_10k"]; v != nil && (*v < 40 || *v > 100) {
		t.Errorf("cla_rate_per_10k = %.1f, want a plausible rate", *v)
	}
	// The pages, served from the same store until the context ends.
	handler, err := pagesHandler(context.Background(), &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)},
		db, filepath.Join(dir, "population.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	urls := make(chan string, 1)
	go func() { served <- serve(ctx, "127.0.0.1:0", nil, handler, func(u string) { urls <- u }) }()
	base := <-urls
	resp, err := http.Get(base + "/indicators/cla_end")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("GET /indicators/cla_end: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	// Another host name, as DNS rebinding sends, is refused.
	req, _ := http.NewRequest(http.MethodGet, base+"/indicators/cla_end", nil)
	req.Host = "evil.example:" + base[strings.LastIndex(base, ":")+1:]
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("GET with Host %s: %v %v, want 421", req.Host, resp, err)
	} else {
		resp.Body.Close()
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve after shutdown: %v", err)
	}

	for _, name := range []string{"pack.xlsx", "pack.html"} {
		packFile := filepath.Join(t.TempDir(), name)
		if code, out, errOut := run(t, "pack", "--db", db, "--quarter", "2026Q1", "--out", packFile); code != exitOK ||
			!strings.Contains(out, "Wrote the January to March 2026 (calendar quarter) pack to "+packFile+". Exact figures") {
			t.Errorf("pack %s: exit %d\n%s%s", name, code, out, errOut)
		}
		if info, err := os.Stat(packFile); err != nil || info.Size() == 0 || info.Mode().Perm() != 0o600 {
			t.Errorf("pack file: %v, %v; want a file readable by its owner only", info, err)
		}
	}
	packFile := filepath.Join(t.TempDir(), "financial.html")
	if code, out, errOut := run(t, "pack", "--db", db, "--quarter", "2025-26 Q4", "--out", packFile); code != exitOK ||
		!strings.Contains(out, "Wrote the Q4 2025/26 (January to March 2026) pack to "+packFile+". Exact figures") {
		t.Errorf("pack for a financial quarter: exit %d\n%s%s", code, out, errOut)
	}
	// Without --quarter, the last financial quarter of the latest year,
	// and it says so.
	if code, out, errOut := run(t, "pack", "--db", db, "--out", packFile); code != exitOK ||
		!strings.Contains(out, "Wrote the Q4 2025/26 (January to March 2026) pack") ||
		!strings.Contains(errOut, "No --quarter given: the pack is for Q4 2025/26 (January to March 2026), the last financial quarter of the latest year stored.") {
		t.Errorf("pack without --quarter: exit %d\n%s%s", code, out, errOut)
	}
	checkPackPages(t, db, packFile)
	for _, tt := range []struct{ quarter, says string }{
		{"2025-07", `--quarter "2025-07" is a month; expected a financial quarter`},
		{"2025Q5", `--quarter: period "2025Q5": the quarter is not Q1 to Q4`},
	} {
		if code, _, errOut := run(t, "pack", "--db", db, "--quarter", tt.quarter, "--out", packFile); code != exitUnusable ||
			!strings.Contains(errOut, tt.says) {
			t.Errorf("pack --quarter %q: exit %d, %s; want it to say %s", tt.quarter, code, errOut, tt.says)
		}
	}
	if code, out, errOut := run(t, "indicators", "--db", db, "--period", "2025-26Q2", "--format", "csv"); code != exitOK ||
		!strings.Contains(out, "\nQ2 2025/26 (July to September 2025),exact") {
		t.Errorf("indicators for a financial quarter: exit %d\n%.300s%s", code, out, errOut)
	}
	// Periods the returns (2023/24 to 2025/26) do not cover are refused.
	for _, tt := range []struct{ args, says []string }{
		{[]string{"indicators", "--db", db, "--period", "2026/27"}, []string{"village indicators: no data for 2026/27: the returns cover 2023/24 to 2025/26"}},
		{[]string{"indicators", "--db", db, "--period", "2022-23"}, []string{"no data for 2022/23: the returns cover 2023/24 to 2025/26"}},
		{[]string{"pack", "--db", db, "--quarter", "2026/27Q1", "--out", packFile}, []string{"village pack: no data for Q1 2026/27"}},
	} {
		if code, _, errOut := run(t, tt.args...); code != exitUnusable || !strings.Contains(errOut, tt.says[0]) {
			t.Errorf("%v: exit %d, %s; want exit 2 saying %s", tt.args, code, errOut, tt.says[0])
		}
	}
	// A period partly covered says so, and yearly and left-out figures say why.
	code, out, errOut = run(t, "indicators", "--db", db, "--period", "R2023-09")
	for _, want := range []string{"The period is partly covered: the returns start on 1 April 2023; figures are for the days they cover.",
		"health_check_share: measured once a year: shown for the collection year 2023/24, which 12 months to Sep 2023 falls in"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("indicators for R2023-09: exit %d, want %q in\n%s%s", code, want, out, errOut)
		}
	}
	code, out, errOut = run(t, "indicators", "--db", db, "--period", "2023/24")
	if code != exitOK || !regexp.MustCompile(`days_to_adoption_median: \d+ child(ren)? left out: their care began before the first return`).MatchString(out) {
		t.Errorf("indicators for the first year: exit %d, no note of children left out\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "pack", "--db", db, "--quarter", "2026Q1", "--out", "pack.pdf"); code != exitUnusable ||
		!strings.Contains(errOut, "expected a file name ending .xlsx or .html") {
		t.Errorf("pack to .pdf: exit %d, %s", code, errOut)
	}

	code, out, _ = run(t, "indicators", "--db", db, "--publishable", "--period", "2025-07")
	if code != exitOK || !strings.Contains(out, "Indicators for 2025-07 (publishable") {
		t.Errorf("publishable indicators: exit %d\n%s", code, out)
	}
	// In CSV every row says its period and mode.
	code, out, _ = run(t, "indicators", "--db", db, "--publishable", "--period", "2025-07", "--format", "csv")
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != exitOK || err != nil || len(records) < 2 ||
		strings.Join(records[0], ",") != "period,mode,id,title,unit,value,numerator,denominator,computed_for,note" {
		t.Fatalf("publishable CSV: exit %d, %v\n%s", code, err, out)
	}
	for _, r := range records[1:] {
		if r[0] != "2025-07" || r[1] != "publishable: counts of 1 to 5 suppressed as c" || r[6] != "" || r[7] != "" {
			t.Errorf("publishable CSV row %q", r)
		}
	}
}

func TestDemoLoadsAFreshStore(t *testing.T) {
	dir := t.TempDir()
	args := []string{"demo", "--out", dir, "--children", "150", "--seed", "3", "--no-serve"}
	for run1 := range 2 {
		code, out, errOut := run(t, args...)
		if code != exitOK {
			t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
		}
		// The second run deletes what the first loaded, so the store
		// always holds exactly one load.
		deleted := strings.Contains(out, "Deleted the store an earlier demo left in")
		if deleted != (run1 == 1) || !strings.Contains(out, "Load 1 into "+filepath.Join(dir, "village.db")+": 6 years") ||
			!strings.Contains(out, "CIN census load 1 into "+filepath.Join(dir, "village.db")+": 6 years") ||
			!strings.Contains(out, "Validated the ") || strings.Contains(out, "http://") ||
			!strings.Contains(out, "Wrote synthetic national tables (England, 9 regions, 153 authorities with E06000999 among them, 2020/21 to 2025/26)") {
			t.Errorf("demo run %d output:\n%s", run1+1, out)
		}
	}
	s, err := store.Open(context.Background(), filepath.Join(dir, "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	years, err := s.Years(context.Background())
	if err != nil || len(years) != 6 {
		t.Errorf("stored years %v, %v; want 6", years, err)
	}
	loads, err := s.Loads(context.Background())
	if err != nil || len(loads) != 1 || loads[0].Children < 150 || loads[0].LA != "E06000999" {
		t.Errorf("loads %+v, %v; want one load of at least 150 children for E06000999", loads, err)
	}
	censuses, err := s.CIN().Years(context.Background())
	if err != nil || len(censuses) != 6 {
		t.Errorf("stored CIN census years %v, %v; want 6", censuses, err)
	}
	// The demo's area against synthetic England and neighbours.
	code, out, errOut := run(t, "benchmark", "--db", filepath.Join(dir, "village.db"), "--population", filepath.Join(dir, "population.csv"),
		"--national", filepath.Join(dir, "national"), "--indicator", "cla_rate_per_10k", "--format", "csv")
	if code != exitOK || !strings.Contains(out, "cla_rate_per_10k,2025/26,") || !strings.Contains(out, "synthetic (village synth --national)") {
		t.Errorf("benchmark on the demo: exit %d\n%s%s", code, out, errOut)
	}

	// Bad forecast options stop serve before it listens, rather than
	// showing on the forecast page later. (Were they let through, serve
	// would run until the deadline and exit 0.)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code = Run(ctx, []string{"serve", "--db", filepath.Join(dir, "village.db"), "--addr", "127.0.0.1:0", "--simulations", "-5"}, &stdout, &stderr)
	if code != exitUnusable || !strings.Contains(stderr.String(), "the forecast's options: simulations -5: expected 1 to 100000") {
		t.Errorf("serve --simulations -5: exit %d, %s", code, stderr.String())
	}
}

// lineWriter is standard output for a command running in another
// goroutine: it keeps what was written, safely, and sends each URL it sees.
type lineWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	urls chan string
}

var urlPattern = regexp.MustCompile(`http://[^\s()]+`)

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if u := urlPattern.Find(p); u != nil {
		w.urls <- string(u)
	}
	return w.buf.Write(p)
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func TestDemoServes(t *testing.T) {
	const password = "a passphrase for the test run"
	t.Setenv("VILLAGE_DEMO_PASSWORD", password)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lineWriter{urls: make(chan string, 1)}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"demo", "--out", t.TempDir(), "--children", "150", "--seed", "3", "--addr", "127.0.0.1:0"}, stdout, &stderr)
	}()
	select {
	case url := <-stdout.urls:
		// Signed out, the overview sends the browser to sign in; the
		// demo analyst signs in and sees it.
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar}
		resp, err := client.Get(url + "/")
		if err != nil {
			t.Fatalf("GET /: %v", err)
		}
		resp.Body.Close()
		if resp.Request.URL.Path != "/sign-in" {
			t.Errorf("GET / signed out ended at %s, want the sign-in page", resp.Request.URL)
		}
		resp, err = client.PostForm(url+"/sign-in", neturl.Values{"name": {"demo"}, "password": {password}})
		if err != nil {
			t.Fatalf("signing in: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/" {
			t.Errorf("signing in as demo: %d at %s, want the overview", resp.StatusCode, resp.Request.URL)
		}
		if out := stdout.String(); !strings.Contains(out, "Sign in to the pages as demo with the password in VILLAGE_DEMO_PASSWORD.") {
			t.Errorf("the demo does not say how to sign in:\n%s", out)
		}
	case code := <-done:
		t.Fatalf("demo stopped before serving: exit %d\n%s%s", code, stdout, stderr.String())
	case <-time.After(2 * time.Minute):
		t.Fatal("demo did not start serving")
	}
	cancel() // as Ctrl-C does
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("demo after Ctrl-C: exit %d\n%s", code, stderr.String())
		}
		// As village serve does, one access log line a request.
		if log := stderr.String(); !strings.Contains(log, "msg=request method=POST route=\"POST /sign-in\" status=303") {
			t.Errorf("the demo kept no access log of the requests:\n%s", log)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not stop when its context was cancelled")
	}
}

// TestOutOfAreaWithoutLA checks that placements out of area are known
// from a store loaded without --la when a postcode directory is given (the
// authority inferred, and said so), and that without one the output says
// what is missing.
func TestOutOfAreaWithoutLA(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "150", "--years", "2", "--seed", "5", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, dir); code != exitOK {
		t.Fatalf("load: exit %d\n%s%s", code, out, errOut)
	}
	row := regexp.MustCompile(`(?m)^placed_out_of_area_share +(\S+) `)
	tests := []struct {
		name  string
		args  []string
		known bool
		note  string
	}{
		{"with a postcode directory", []string{"--postcodes", filepath.Join(dir, "postcodes.csv")}, true,
			"placed_out_of_area_share: The authority, E06000999, was inferred from the postcode directory"},
		{"without one", nil, false, "placed_out_of_area_share: Not known: no postcode directory was given (--postcodes) to locate placements, and the returns do not name their authority"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, append([]string{"indicators", "--db", db}, tt.args...)...)
			m := row.FindStringSubmatch(out)
			if code != exitOK || m == nil || (m[1] != "x") != tt.known || !strings.Contains(out, tt.note) {
				t.Errorf("exit %d, %s; want known %v and %q:\n%s", code, errOut, tt.known, tt.note, out)
			}
		})
	}
}

// TestValidationExplainsLargeRules checks that a rule with a caveat that
// makes up a large share of the failures is explained in the summary, as
// rule 1002 is when care leavers' care is older than the years given.
func TestValidationExplainsLargeRules(t *testing.T) {
	r1002, r167 := app.Rulebook().Rule("1002", 2026), app.Rulebook().Rule("167", 2026)
	if r1002 == nil || r167 == nil || r1002.Caveat == "" {
		t.Fatal("rules 1002 and 167 are not in 2025/26, or 1002 has no caveat")
	}
	tests := []struct {
		name     string
		failures int
		count    int
		want     string
	}{
		{"a large share", 1707, 663, "Rule 1002 makes up 663 of the 1,707 failures. " + r1002.Caveat},
		{"a small share", 1707, 100, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			printCaveats(&out, validate.Summary{Failures: tt.failures, ByRule: []validate.RuleCount{
				{Rule: r1002, Failures: tt.count}, {Rule: r167, Failures: tt.failures - tt.count}}})
			if got := strings.TrimSpace(out.String()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
