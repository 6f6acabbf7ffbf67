package app

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

// synthYears writes years of a small synthetic authority, ending 2025/26,
// as year folders under a temporary folder, and returns it and the returns.
func synthYears(t *testing.T, years int) (string, []*ssda903.Return) {
	t.Helper()
	res, err := synth.Generate(synth.Config{Children: 150, Years: years, Until: calendar.NewDate(2026, 3, 31), Seed: 7, ErrorRate: 0.03})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, r := range res.Returns {
		if err := folder.WriteCSV(filepath.Join(dir, r.Year.Folder()), r); err != nil {
			t.Fatal(err)
		}
	}
	return dir, res.Returns
}

// rows lists a report's failures as text, for comparing.
func rows(rep *validate.Report) []string {
	out := make([]string, len(rep.Failures))
	for i, f := range rep.Failures {
		out[i] = fmt.Sprintf("%s %s %t %d %s", f.Rule.Code, f.Table, f.Last, f.Row, f.Explanation)
	}
	return out
}

func TestValidateReadsEveryEarlierYear(t *testing.T) {
	dir, returns := synthYears(t, 3)
	latest := filepath.Join(dir, calendar.Year(2026).Folder())
	v, err := Validate(ValidateOptions{Folder: latest, Years: dir})
	if err != nil {
		t.Fatal(err)
	}
	if v.Return.Year != 2026 || v.Earlier != 2 || v.Summary.Failures != len(v.Report.Failures) || len(v.Report.Failures) == 0 {
		t.Fatalf("validated %s with %d earlier years: %d failures, summary %d", v.Return.Year, v.Earlier,
			len(v.Report.Failures), v.Summary.Failures)
	}
	// The same as running the rules on the returns in memory.
	ret := returns[2]
	ret.Last, returns[1].Last = returns[1], returns[0]
	want := rules.Validate(rules.NewInput(ret, nil, nil))
	if !reflect.DeepEqual(rows(v.Report), rows(want)) {
		t.Errorf("validating the folder found %d failures, the returns in memory %d", len(v.Report.Failures), len(want.Failures))
	}
	// --last names last year's folder alone.
	v, err = Validate(ValidateOptions{Folder: latest, Years: dir, LastFolder: filepath.Join(dir, calendar.Year(2025).Folder())})
	if err != nil || v.Earlier != 1 {
		t.Errorf("with last year's folder: %d earlier years, %v", v.Earlier, err)
	}
}

// TestValidateYearUnknownUntilRead validates a year whose folder is not
// named for it, so that its year is the data's and the earlier years are
// read after it, and refuses an unusable earlier year either way.
func TestValidateYearUnknownUntilRead(t *testing.T) {
	dir, _ := synthYears(t, 2)
	latest, last := filepath.Join(dir, calendar.Year(2026).Folder()), filepath.Join(dir, calendar.Year(2025).Folder())
	unnamed := filepath.Join(t.TempDir(), "this-year")
	if err := os.Rename(latest, unnamed); err != nil {
		t.Fatal(err)
	}
	v, err := Validate(ValidateOptions{Folder: unnamed, LastFolder: last})
	if err != nil {
		t.Fatal(err)
	}
	if v.Return.Year != 2026 || v.Earlier != 1 || len(v.Report.Failures) == 0 {
		t.Errorf("validated %s with %d earlier years and %d failures, want 2025/26 with 1", v.Return.Year, v.Earlier, len(v.Report.Failures))
	}
	if err := os.WriteFile(filepath.Join(last, "episodes.csv"), []byte("CHILD,DECOM\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, o := range []ValidateOptions{{Folder: unnamed, LastFolder: last}, {Folder: unnamed, Year: 2026, LastFolder: last}} {
		_, err := Validate(o)
		if err == nil || !strings.Contains(err.Error(), "cannot use the earlier return "+last) {
			t.Errorf("year %d: an unusable earlier year gave %v", o.Year, err)
		}
	}
}

// TestValidateLeavesLastYearsOtherRowsUnread checks that a table of last
// year's return no rule reads is known by its header only: its rows are
// not kept, and one it cannot read changes nothing.
func TestValidateLeavesLastYearsOtherRowsUnread(t *testing.T) {
	dir, _ := synthYears(t, 2)
	o := ValidateOptions{Folder: filepath.Join(dir, calendar.Year(2026).Folder()), Years: dir}
	want, err := Validate(o)
	if err != nil {
		t.Fatal(err)
	}
	if rules.ReadsEarlier(1, ssda903.Reviews) {
		t.Fatal("the rules read last year's reviews: the test needs a table they do not")
	}
	ret, err := ReadForValidation(o)
	if err != nil {
		t.Fatal(err)
	}
	last := ret.Last
	if reviews := last.Table(ssda903.Reviews); reviews == nil || reviews.Len() != 0 || last.Table(ssda903.Episodes).Len() == 0 {
		t.Errorf("last year's reviews %v, episodes %d rows: want the reviews known without rows, the episodes read", reviews, last.Table(ssda903.Episodes).Len())
	}
	reviews := filepath.Join(dir, calendar.Year(2025).Folder(), "reviews.csv")
	f, err := os.OpenFile(reviews, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("a row,with the wrong,\"number of fields\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, err := Validate(o)
	if err != nil {
		t.Fatalf("an unreadable row of a table no rule reads: %v", err)
	}
	if !reflect.DeepEqual(rows(got.Report), rows(want.Report)) {
		t.Errorf("%d failures, want the %d found before", len(got.Report.Failures), len(want.Report.Failures))
	}
}

// TestValidateOwnProcess checks that a validation tuning the collector
// for a process of its own finds what any other does and leaves the
// collector's setting as it found it.
func TestValidateOwnProcess(t *testing.T) {
	dir, _ := synthYears(t, 2)
	o := ValidateOptions{Folder: filepath.Join(dir, calendar.Year(2026).Folder()), Years: dir}
	want, err := Validate(o)
	if err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	o.OwnProcess = true
	got, err := Validate(o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows(got.Report), rows(want.Report)) {
		t.Errorf("tuned for its own process, %d failures; otherwise %d", len(got.Report.Failures), len(want.Report.Failures))
	}
	if was := debug.SetGCPercent(77); was != 77 {
		t.Errorf("GOGC was left at %d, not the 77 it was", was)
	}
}

func TestValidateRefusesAYearWithoutItsRules(t *testing.T) {
	dir, _ := synthYears(t, 2)
	_, err := Validate(ValidateOptions{Folder: filepath.Join(dir, calendar.Year(2025).Folder())})
	if err == nil || !strings.Contains(err.Error(), "no complete rule set for 2024/25; Village has 2025/26 and 2026/27") {
		t.Errorf("got %v", err)
	}
	if _, err := Validate(ValidateOptions{Folder: filepath.Join(dir, "no-such-folder")}); err == nil {
		t.Error("a missing folder was not refused")
	}
}

func TestValidateYearsChainsTheLoadsYears(t *testing.T) {
	_, returns := synthYears(t, 3)
	for _, r := range returns {
		r.Last = nil // as the store's loads are: unlinked
	}
	reports := validateYears(returns, nil, nil)
	if len(reports) != 1 || reports[2026] == nil {
		t.Fatalf("validated years %v, want only 2025/26", reports)
	}
	for _, r := range returns {
		if r.Last != nil {
			t.Errorf("%s's return was left linked to the year before", r.Year)
		}
	}
	ran := map[string]bool{}
	for _, i := range reports[2026].Ran {
		ran[i.Code] = true
	}
	if !ran["503A"] { // needs last year's return: the load's 2024/25
		t.Error("rule 503A did not run: the earlier year of the load was not given")
	}
}

func TestSplitList(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{{"", nil}, {"a.xlsx", []string{"a.xlsx"}}, {" a.xlsx , b.xlsx,", []string{"a.xlsx", "b.xlsx"}}} {
		if got := SplitList(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
