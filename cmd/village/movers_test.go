package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store/pgtest"
	"github.com/village-uk/village/internal/transfers"
)

// The two authorities of the test, and the CHILD the child taken over is
// given in the second.
const (
	moverFrom  = "E06000999"
	moverTo    = "E06000001"
	moverChild = "9900001"
)

// readCSVFile reads a return's table.
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return rows
}

func writeCSVFile(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// column returns the index of name in a table's first row.
func column(t *testing.T, rows [][]string, name string) int {
	t.Helper()
	i := slices.Index(rows[0], name)
	if i < 0 {
		t.Fatalf("no column %s in %v", name, rows[0])
	}
	return i
}

// upnsIn lists the UPNs of every year's header in the returns at dir.
func upnsIn(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "header.csv"))
	for _, f := range files {
		rows := readCSVFile(t, f)
		upn := column(t, rows, "UPN")
		for _, r := range rows[1:] {
			out[r[upn]] = true
		}
	}
	return out
}

// moveOneChild edits the latest year of the returns in from so that one
// child's care, ending in that year, ends E3, and adds the child to the
// latest year of the returns in to, under a new CHILD, starting care that
// day with the same UPN, one no child of to has. It returns the day.
func moveOneChild(t *testing.T, from, to, year string) string {
	t.Helper()
	taken := upnsIn(t, to)
	header := readCSVFile(t, filepath.Join(from, year, "header.csv"))
	episodes := readCSVFile(t, filepath.Join(from, year, "episodes.csv"))
	hChild, hUPN := column(t, header, "CHILD"), column(t, header, "UPN")
	upnOf := map[string][]string{}
	for _, r := range header[1:] {
		upnOf[r[hChild]] = r
	}
	child, decom, dec, rec := column(t, episodes, "CHILD"), column(t, episodes, "DECOM"), column(t, episodes, "DEC"), column(t, episodes, "REC")
	last := map[string]int{} // each child's latest episode
	for i, r := range episodes[1:] {
		j, ok := last[r[child]]
		if !ok || later(t, r[decom], episodes[j][decom]) {
			last[r[child]] = i + 1
		}
	}
	valid := regexp.MustCompile(`^[A-Z][0-9]{11}[A-Z0-9]$`)
	var chosen []string
	for _, i := range last {
		r := episodes[i]
		h := upnOf[r[child]]
		if r[dec] == "" || r[rec] == "X1" || h == nil || !valid.MatchString(h[hUPN]) || taken[h[hUPN]] {
			continue
		}
		if chosen == nil || r[child] < chosen[child] {
			chosen = r // the lowest CHILD, so that the test is the same each time
		}
	}
	if chosen == nil {
		t.Fatal("no child in the synthetic returns whose care ended in the year")
	}
	moved := upnOf[chosen[child]]
	day := chosen[dec]
	chosen[rec] = "E3"
	writeCSVFile(t, filepath.Join(from, year, "episodes.csv"), episodes)

	toHeader := readCSVFile(t, filepath.Join(to, year, "header.csv"))
	row := slices.Clone(moved)
	row[hChild] = moverChild
	writeCSVFile(t, filepath.Join(to, year, "header.csv"), append(toHeader, row))
	toEpisodes := readCSVFile(t, filepath.Join(to, year, "episodes.csv"))
	ep := make([]string, len(episodes[0]))
	for i, name := range episodes[0] {
		switch name {
		case "CHILD":
			ep[i] = moverChild
		case "DECOM":
			ep[i] = day
		case "RNE":
			ep[i] = "S"
		case "DEC", "REC", "REASON_PLACE_CHANGE":
		default:
			ep[i] = chosen[i]
		}
	}
	writeCSVFile(t, filepath.Join(to, year, "episodes.csv"), append(toEpisodes, ep))
	return day
}

// later reports whether date a (DD/MM/YYYY) is after b.
func later(t *testing.T, a, b string) bool {
	t.Helper()
	da, ok1 := calendar.ParseDate(a)
	db, ok2 := calendar.ParseDate(b)
	if !ok1 || !ok2 {
		t.Fatalf("bad dates %q, %q in the synthetic returns", a, b)
	}
	return da > db
}

// Two synthetic authorities in one PostgreSQL store, linked under one
// key: the child whose care the first ends E3 and the second takes up
// the same day, under a new CHILD with the same UPN, is found, and
// counted once in the year.
func TestMoversEndToEnd(t *testing.T) {
	if why := pgtest.Skip(); why != "" {
		t.Skip(why)
	}
	dir := t.TempDir()
	from, to, key := filepath.Join(dir, "from"), filepath.Join(dir, "to"), filepath.Join(dir, "region.key")
	for _, a := range []struct{ out, la, seed string }{{from, moverFrom, "5"}, {to, moverTo, "6"}} {
		code, _, stderr := run(t, "synth", "--children", "60", "--years", "2", "--seed", a.seed, "--until", "31/03/2026", "--la", a.la,
			"--cin=false", "--early-help=false", "--carers=false", "--out", a.out)
		if code != exitOK {
			t.Fatalf("synth %s: exit %d: %s", a.la, code, stderr)
		}
	}
	day := moveOneChild(t, from, to, "2025-26")
	if code, _, stderr := run(t, "pseudonymise", "--new-key", key); code != exitOK {
		t.Fatalf("making the region's key: exit %d: %s", code, stderr)
	}
	db := pgtest.NewDatabase(t)
	for _, a := range []struct{ out, la string }{{from, moverFrom}, {to, moverTo}} {
		if code, _, stderr := run(t, "load", "--db", db, "--la", a.la, "--key", key, a.out); code != exitOK && code != exitDataErr {
			t.Fatalf("load %s: exit %d: %s", a.la, code, stderr)
		}
	}

	code, stdout, stderr := run(t, "movers", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("movers: exit %d: %s", code, stderr)
	}
	var got moversReport
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("movers --format json: %v\n%s", err, stdout)
	}
	if !slices.Equal(got.Authorities, []string{moverTo, moverFrom}) {
		t.Errorf("authorities = %v; want both", got.Authorities)
	}
	if len(got.Transfers) != 1 || got.Transfers[0].From != moverFrom || got.Transfers[0].To != moverTo ||
		got.Transfers[0].Year != "2025/26" || got.Transfers[0].Children.Shown != "1" {
		t.Errorf("transfers = %+v; want one child from %s to %s in 2025/26", got.Transfers, moverFrom, moverTo)
	}
	var year *moversYear
	for i := range got.Years {
		if got.Years[i].Year == "2025/26" {
			year = &got.Years[i]
		}
	}
	if year == nil || year.Shared.Count == nil || *year.Shared.Count != 1 || *year.Members.Count != *year.Once.Count+1 {
		t.Errorf("2025/26 = %+v; want the child counted by both members and once in the region", year)
	}

	code, stdout, stderr = run(t, "movers", "--db", db, "--children", "--format", "csv")
	if code != exitOK {
		t.Fatalf("movers --children: exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("movers --children: %v\n%s", err, stdout)
	}
	if rows[1][2] != moverFrom || rows[1][4] != day || rows[1][5] != "E3" || rows[2][2] != moverTo || rows[2][3] != day || rows[1][0] != rows[2][0] {
		t.Errorf("the journey is %q; want %s to %s on %s under one pseudonym", rows[1:], moverFrom, moverTo, day)
	}
	if strings.Contains(stdout, moverChild) {
		t.Errorf("movers --children prints the second authority's child ID:\n%s", stdout)
	}

	// Chosen by --la, and one authority alone is refused.
	if code, stdout, _ = run(t, "movers", "--db", db, "--la", moverFrom+","+moverTo); code != exitOK || !strings.Contains(stdout, moverFrom+"  "+moverTo) {
		t.Errorf("movers --la both: exit %d\n%s", code, stdout)
	}
	if code, _, stderr = run(t, "movers", "--db", db, "--la", moverFrom); code != exitUnusable || !strings.Contains(stderr, "two or more") {
		t.Errorf("movers --la one: exit %d: %s", code, stderr)
	}
	if code, stdout, _ = run(t, "movers", "--db", db, "--publishable", "--format", "csv"); code != exitOK ||
		!strings.Contains(stdout, "publishable,transfers,2025/26,"+moverFrom+","+moverTo+",children,c") {
		t.Errorf("movers --publishable: exit %d\n%s", code, stdout)
	}
}

// movers refuses what it cannot do, before or after opening the store.
func TestMoversRefuses(t *testing.T) {
	dir := t.TempDir()
	out, db := filepath.Join(dir, "data"), filepath.Join(dir, "v.db")
	if code, _, stderr := run(t, "synth", "--children", "20", "--years", "1", "--seed", "2", "--until", "31/03/2026",
		"--cin=false", "--early-help=false", "--carers=false", "--out", out); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "load", "--db", db, out); code != exitOK && code != exitDataErr {
		t.Fatalf("load: exit %d: %s", code, stderr)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xml"}, "expected table, json or csv"},
		{[]string{"--children", "--publishable"}, "not for publication"},
		{[]string{"extra"}, "flags only"},
		{nil, "needs two or more"},
		{[]string{"--db", filepath.Join(dir, "none.db")}, "no store at"},
	}
	for _, tt := range tests {
		args := append([]string{"movers", "--db", db}, tt.args...)
		code, _, stderr := run(t, args...)
		if code != exitUnusable || !strings.Contains(stderr, tt.want) {
			t.Errorf("movers %q: exit %d, %q; want exit %d saying %q", tt.args, code, stderr, exitUnusable, tt.want)
		}
	}
}

// Publishable, a year whose children counted by two members are 1 to 5
// hides them and the members' sum, from which the counted once would
// give them away; the counts once and the pairs' 1 to 5 too.
func TestMoversPublishable(t *testing.T) {
	set := func(ids ...string) *journey.Set {
		s := &journey.Set{First: 2025, Last: 2026}
		for _, id := range ids {
			s.Children = append(s.Children, &journey.Child{ID: id, Periods: []journey.Period{{Start: calendar.NewDate(2024, 5, 1), Open: true}}})
		}
		return s
	}
	from := transfers.Member{LA: moverFrom, Set: set("A1", "A2", "A3", "A4", "A5", "A6", "A7"), UPN: map[string]string{"A1": "P1"}}
	from.Set.Children[0].Periods[0] = journey.Period{Start: calendar.NewDate(2024, 5, 1), End: calendar.NewDate(2025, 6, 1), EndReason: "E3"}
	to := transfers.Member{LA: moverTo, Set: set("B1", "B2", "B3", "B4", "B5", "B6"), UPN: map[string]string{"B1": "P1"}}
	to.Set.Children[0].Periods[0] = journey.Period{Start: calendar.NewDate(2025, 6, 1), Open: true}
	found := transfers.Find([]transfers.Member{from, to})
	tests := []struct {
		policy                      disclose.Policy
		pair, members, once, shared string
	}{
		{disclose.Exact, "1", "13", "12", "1"},
		{disclose.Publishable, "c", "c", "12", "c"},
	}
	for _, tt := range tests {
		r := moversReportOf(found, []string{moverTo, moverFrom}, tt.policy)
		if len(r.Transfers) != 1 || r.Transfers[0].Children.Shown != tt.pair {
			t.Errorf("%s: transfers = %+v; want one of %s", tt.policy, r.Transfers, tt.pair)
		}
		y := r.Years[len(r.Years)-1]
		if y.Year != "2025/26" || y.Members.Shown != tt.members || y.Once.Shown != tt.once || y.Shared.Shown != tt.shared {
			t.Errorf("%s: %+v; want members' sum %s, once %s, shared %s", tt.policy, y, tt.members, tt.once, tt.shared)
		}
		if tt.policy == disclose.Publishable && (y.Members.Count != nil || y.Members.Reason == "") {
			t.Errorf("publishable: the members' sum is %+v; want null with a reason", y.Members)
		}
	}
}
