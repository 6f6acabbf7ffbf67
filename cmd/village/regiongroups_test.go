package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// refreshedAt matches the time of a refresh, which changes every run.
var refreshedAt = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)

// TestRegionCommand names a group of the one authority a SQLite store
// holds, refreshes it and shows it as JSON (golden), a table and CSV, and
// through village indicators --group; the group's changes are audited,
// and wrong use is refused with an error that says what to do.
func TestRegionCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "40", "--years", "2", "--seed", "5", "--until", "31/03/2026",
		"--cin=false", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, "--la", "E06000999", dir); code != exitOK {
		t.Fatalf("load exit %d\n%s%s", code, out, errOut)
	}
	for _, tc := range []struct {
		args      []string
		code      int
		out, fail string
	}{
		{[]string{"region", "group", "list", "--db", db}, exitOK, "No regional group is named", ""},
		{[]string{"region", "group", "add", "--db", db, "--as", "region.admin", "solo", "E06000999:Villageshire"}, exitOK,
			"Regional group solo: added E06000999.", ""},
		{[]string{"region", "group", "add", "--db", db, "solo", "Villageshire"}, exitUnusable, "", `the member "Villageshire" is not a GSS code`},
		{[]string{"region", "group", "add", "--db", db, "solo"}, exitUnusable, "", "at least one member's code"},
		{[]string{"region", "group", "list", "--db", db}, exitOK, "solo   E06000999  Villageshire", ""},
		{[]string{"region", "show", "--db", db, "--group", "solo"}, exitOK, "never refreshed", ""},
		{[]string{"region", "refresh", "--db", db}, exitUnusable, "", "give the regional group: --group NAME"},
		{[]string{"region", "refresh", "--db", db, "--group", "nowhere"}, exitUnusable, "", "regional group nowhere: no such regional group"},
		{[]string{"region", "refresh", "--db", db, "--as", "region.admin", "--group", "solo", "--population", filepath.Join(dir, "population.csv")},
			exitOK, "Regional group solo: ", ""},
		{[]string{"region", "show", "--db", db, "--group", "solo", "--format", "xml"}, exitUnusable, "", `--format "xml": expected table, json or csv`},
		{[]string{"region", "show", "--db", db, "--group", "solo"}, exitOK, "cla_during_counted_once", ""},
		{[]string{"region", "show", "--db", db, "--group", "solo", "--format", "csv"}, exitOK,
			"period,id,title,unit,Villageshire,solo (group),note\n2025/26,cla_end,", ""},
		{[]string{"indicators", "--db", db, "--group", "solo", "--format", "csv", "--period", "2024/25"}, exitOK, "\n2024/25,cla_rate_per_10k,", ""},
		{[]string{"indicators", "--db", db, "--group", "solo", "--period", "2019/20"}, exitUnusable, "", "has no figures for 2019/20"},
		{[]string{"region", "elect", "--db", db}, exitUnusable, "", `no region "elect": expected refresh, show`},
		{[]string{"region", "group", "remove", "--db", db, "solo", "E06000001"}, exitUnusable, "", "has no member E06000001"},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.fail) {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant %q in stdout, %q in stderr",
				strings.Join(tc.args, " "), code, tc.code, out, errOut, tc.out, tc.fail)
		}
	}
	code, out, errOut := run(t, "region", "show", "--db", db, "--group", "solo", "--format", "json")
	if code != exitOK {
		t.Fatalf("region show --format json: exit %d\n%s", code, errOut)
	}
	var view app.RegionView
	if err := json.Unmarshal([]byte(out), &view); err != nil || len(view.Periods) != 2 || view.Refreshed == "" {
		t.Fatalf("region show --format json: %v, %d periods, refreshed %q", err, len(view.Periods), view.Refreshed)
	}
	golden(t, "region-show.json", refreshedAt.ReplaceAllString(out, "REFRESHED"))

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		if strings.Contains(e.Action, "regional group") {
			actions = append(actions, e.Who+": "+e.Action)
		}
	}
	joined := strings.Join(actions, "\n")
	for _, want := range []string{"region.admin: add to regional group solo: E06000999", "region.admin: refresh regional group solo: "} {
		if !strings.Contains(joined, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, joined)
		}
	}
}
