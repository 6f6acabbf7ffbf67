package synth

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

var until2026 = calendar.NewDate(2026, 3, 31)

// generated caches results, as several tests look at the same ones.
var generated = map[Config]*Result{}

func generate(t testing.TB, cfg Config) *Result {
	t.Helper()
	if res, ok := generated[cfg]; ok {
		return res
	}
	res, err := Generate(cfg)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	generated[cfg] = res
	return res
}

func TestReportWithinBands(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: seed})
			if len(res.Report.Measures) < 30 {
				t.Fatalf("only %d measures", len(res.Report.Measures))
			}
			for _, m := range res.Report.Measures {
				if !m.InBand() {
					t.Errorf("%s = %.1f, outside %.1f to %.1f (%s)", m.Name, m.Value, m.Low, m.High, m.Source)
				}
			}
			if t.Failed() {
				var b bytes.Buffer
				res.Report.Write(&b)
				t.Log("\n" + b.String())
			}
		})
	}
}

// csvBytes writes every table of every return.
func csvBytes(t *testing.T, res *Result) []byte {
	var b bytes.Buffer
	for _, r := range res.Returns {
		for _, s := range ssda903.Schemas {
			if tab := r.Table(s.Name); tab != nil {
				fmt.Fprintf(&b, "# %s %s\n", r.Year, s.Name)
				if err := ssda903.WriteCSV(&b, tab); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Children: 500, Years: 3, Until: until2026, Seed: 7, ErrorRate: 0.01}
	a, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csvBytes(t, a), csvBytes(t, b)) {
		t.Error("the same seed gave different returns")
	}
	var ia, ib bytes.Buffer
	a.WriteInjectedCSV(&ia)
	b.WriteInjectedCSV(&ib)
	if !bytes.Equal(ia.Bytes(), ib.Bytes()) {
		t.Error("the same seed injected different errors")
	}
	cfg.Seed = 8
	c, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(csvBytes(t, a), csvBytes(t, c)) {
		t.Error("different seeds gave the same returns")
	}
}

func TestConfigErrors(t *testing.T) {
	good := Config{Children: 10, Years: 1, Until: until2026}
	tests := []struct {
		name string
		edit func(*Config)
	}{
		{"no children", func(c *Config) { c.Children = 0 }},
		{"negative children", func(c *Config) { c.Children = -5 }},
		{"too many children", func(c *Config) { c.Children = maxChildren + 1 }},
		{"no years", func(c *Config) { c.Years = 0 }},
		{"too many years", func(c *Config) { c.Years = maxYears + 1 }},
		{"no end date", func(c *Config) { c.Until = 0 }},
		{"negative error rate", func(c *Config) { c.ErrorRate = -0.1 }},
		{"error rate over 1", func(c *Config) { c.ErrorRate = 1.5 }},
		{"bad LA code", func(c *Config) { c.LA = "Villageshire" }},
		{"Welsh LA code", func(c *Config) { c.LA = "W06000015" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			if _, err := Generate(cfg); err == nil {
				t.Errorf("Generate(%+v) succeeded", cfg)
			}
		})
	}
	if _, err := Generate(good); err != nil {
		t.Errorf("Generate(%+v): %v", good, err)
	}
}

func TestSmallAndOddConfigs(t *testing.T) {
	tests := []Config{
		{Children: 1, Years: 1, Until: until2026},
		{Children: 50, Years: 2, Until: calendar.NewDate(2025, 10, 15), Seed: 3},                  // mid-year
		{Children: 200, Years: 2, Until: calendar.NewDate(2027, 3, 31), Seed: 4, LA: "E06000995"}, // DoLo year
		{Children: 100, Years: 12, Until: calendar.NewDate(2019, 3, 31), Seed: 5},                 // before SWEpisodes
	}
	for _, cfg := range tests {
		res, err := Generate(cfg)
		if err != nil {
			t.Fatalf("Generate(%+v): %v", cfg, err)
		}
		if len(res.Returns) != cfg.Years {
			t.Errorf("%+v: %d returns", cfg, len(res.Returns))
		}
		if last := res.Returns[len(res.Returns)-1].Year; last != calendar.YearOf(cfg.Until) {
			t.Errorf("%+v: last year %s", cfg, last)
		}
		checkShape(t, res, cfg)
	}
}

func TestReturnShape(t *testing.T) {
	cfg := Config{Children: 3000, Years: 6, Until: until2026, Seed: 1}
	checkShape(t, generate(t, cfg), cfg)
}

// checkShape checks the structure every return must have.
func checkShape(t *testing.T, res *Result, cfg Config) {
	t.Helper()
	posts := map[string]bool{}
	for _, p := range res.Postcodes {
		posts[p.Postcode] = true
	}
	type carried struct {
		dob     string
		episode []string
	}
	var previous map[string]carried // children looked after at the end of last year
	for i, r := range res.Returns {
		if i > 0 && r.Year != res.Returns[i-1].Year+1 {
			t.Errorf("returns out of order: %s after %s", r.Year, res.Returns[i-1].Year)
		}
		if want := cmp.Or(cfg.LA, DefaultLA); r.LA != want {
			t.Errorf("%s: LA %q, want %q", r.Year, r.LA, want)
		}
		for _, s := range ssda903.Schemas {
			if has := r.Table(s.Name) != nil; has != s.InYear(r.Year) {
				t.Errorf("%s: table %s present %v, in year %v", r.Year, s.Name, has, s.InYear(r.Year))
			}
		}
		dobs := checkHeader(t, r)
		checkTables(t, r, dobs, posts, cfg.ErrorRate == 0)
		open, first := checkEpisodes(t, r, min(r.Year.End(), cfg.Until))
		for id, was := range previous {
			if got, ok := dobs[id]; !ok {
				t.Errorf("%s: child %s, looked after at the end of last year, is missing", r.Year, id)
			} else if got != was.dob {
				t.Errorf("%s: child %s has DOB %s, last year %s", r.Year, id, got, was.dob)
			}
			// the open episode carries on (rules 502, 503A-J), its PLACE
			// recoded where the year's code list replaced it (503D)
			now := first[id]
			for _, c := range []int{1, 2, 3, 4, 5, 6, 10, 11, 12} {
				if now == nil || now[c] != was.episode[c] && !(c == 5 && recoded(was.episode[c], now[c], r.Year)) {
					t.Errorf("%s: child %s starts the year with %v, last year ended with %v", r.Year, id, now, was.episode)
					break
				}
			}
		}
		previous = map[string]carried{}
		for id, row := range open {
			previous[id] = carried{dob: dobs[id], episode: row}
		}
	}
}

// TestOtherPlacementsAcrossZ1Withdrawal: "other" placements go on when Z1
// is withdrawn, recoded to Z11-Z14 in 2025/26, so the number of children
// in them at 31 March has no hole in 2025. Seed 1 has 59, 61 and 68 at 31
// March 2024, 2025 and 2026; recoding them as other kinds of placement
// had left 35, 0 and 45.
func TestOtherPlacementsAcrossZ1Withdrawal(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	counts := map[calendar.Year]int{}
	total, recodes := 0, 0
	lastOpen := map[string]string{} // child's PLACE open at the end of last year
	for _, r := range res.Returns {
		tab := r.Table(ssda903.Episodes)
		first := map[string]bool{}
		open := map[string]string{}
		for i := range tab.Len() {
			child, place := tab.Get(i, "CHILD"), tab.Get(i, "PLACE")
			if !first[child] {
				first[child] = true
				if lastOpen[child] == "Z1" && recoded("Z1", place, r.Year) {
					recodes++
				}
			}
			if tab.Get(i, "DEC") == "" {
				open[child] = place
				if strings.HasPrefix(place, "Z1") {
					counts[r.Year]++
				}
			}
		}
		total += counts[r.Year]
		lastOpen = open
	}
	mean := float64(total) / float64(len(res.Returns))
	for _, r := range res.Returns {
		if n := counts[r.Year]; float64(n) < 0.6*mean {
			t.Errorf("%d children in Z1 or Z11-Z14 at the end of %s, against %.1f a year on average", n, r.Year, mean)
		}
	}
	if recodes < 20 {
		t.Errorf("%d episodes carried into 2025/26 recoded from Z1 to Z11-Z14; want at least 20", recodes)
	}
}

// recoded reports whether a PLACE carried over into year y may change from
// was to now: in 2025/26, from Z1 to Z11-Z14, which replaced it (rule 503D).
func recoded(was, now string, y calendar.Year) bool {
	return y == 2026 && was == "Z1" && slices.Contains([]string{"Z11", "Z12", "Z13", "Z14"}, now)
}

// checkHeader checks Header holds each child once and returns their DOBs.
func checkHeader(t *testing.T, r *ssda903.Return) map[string]string {
	h := r.Table(ssda903.Header)
	dobs := map[string]string{}
	for _, row := range h.Rows {
		id := row.Values[0]
		if _, dup := dobs[id]; dup {
			t.Errorf("%s: child %s twice in Header", r.Year, id)
		}
		if id == "" || len(id) > 10 || strings.Trim(id, "0123456789") != "" {
			t.Errorf("%s: child ID %q", r.Year, id)
		}
		dobs[id] = row.Values[2]
	}
	return dobs
}

// checkTables checks every table's children, dates, codes and postcodes.
func checkTables(t *testing.T, r *ssda903.Return, dobs map[string]string, posts map[string]bool, clean bool) {
	errors := 0
	fail := func(format string, args ...any) {
		if errors++; errors <= 20 {
			t.Errorf(format, args...)
		}
	}
	codeFields := map[string]bool{}
	for _, f := range ssda903.CodeFields() {
		codeFields[f] = true
	}
	for name, tab := range r.Tables {
		s := tab.Schema
		dob := s.Index("DOB")
		for i, row := range tab.Rows {
			id := row.Values[0]
			if _, ok := dobs[id]; !ok {
				fail("%s %s row %d: child %s not in Header", r.Year, name, i+1, id)
			}
			if name != ssda903.Header && dob >= 0 && row.Values[dob] != dobs[id] && clean {
				fail("%s %s row %d: DOB %s, Header %s", r.Year, name, i+1, row.Values[dob], dobs[id])
			}
			for c, col := range s.Columns {
				v := row.Values[c]
				if v == "" || (!clean && name == ssda903.Header) {
					continue
				}
				switch col.Kind {
				case ssda903.DateValue:
					if _, ok := calendar.ParseDate(v); !ok {
						fail("%s %s row %d: %s %q is not a date", r.Year, name, i+1, col.Name, v)
					}
				case ssda903.PartialDay:
					if _, ok := calendar.ParsePartialDate(v); !ok {
						fail("%s %s row %d: %s %q is not a partial date", r.Year, name, i+1, col.Name, v)
					}
				case ssda903.Code:
					if clean && codeFields[col.Name] && !ssda903.ValidCode(col.Name, v, r.Year) {
						fail("%s %s row %d: %s %q is not valid in the year", r.Year, name, i+1, col.Name, v)
					}
				case ssda903.Postcode:
					if !posts[v] {
						fail("%s %s row %d: %s %q not in the directory", r.Year, name, i+1, col.Name, v)
					}
				case ssda903.Number:
					if len(v) > 2 || strings.Trim(v, "0123456789") != "" {
						fail("%s %s row %d: %s %q", r.Year, name, i+1, col.Name, v)
					}
				}
			}
		}
	}
}

// checkEpisodes checks each child's episodes overlap the year, run in
// order without overlapping, and join up; it returns each child's episode
// open at the end of the year, and each child's first episode.
func checkEpisodes(t *testing.T, r *ssda903.Return, end calendar.Date) (open, first map[string][]string) {
	tab := r.Table(ssda903.Episodes)
	start := r.Year.Start()
	open, first = map[string][]string{}, map[string][]string{}
	errors := 0
	fail := func(format string, args ...any) {
		if errors++; errors <= 20 {
			t.Errorf(format, args...)
		}
	}
	type ep struct {
		decom, dec calendar.Date
		open       bool
		rec        string
		line       int
	}
	byChild := map[string][]ep{}
	var order []string
	for i, row := range tab.Rows {
		v := row.Values
		decom, ok := calendar.ParseDate(v[1])
		if !ok {
			continue // checked elsewhere
		}
		e := ep{decom: decom, open: v[7] == "", rec: v[8], line: i + 1}
		if !e.open {
			e.dec, _ = calendar.ParseDate(v[7])
		}
		if decom > end || (!e.open && e.dec < start) {
			fail("%s Episodes row %d: %s to %s is outside the year", r.Year, i+1, v[1], v[7])
		}
		if e.open != (v[8] == "") {
			fail("%s Episodes row %d: DEC %q with REC %q", r.Year, i+1, v[7], v[8])
		}
		if _, seen := byChild[v[0]]; !seen {
			order = append(order, v[0])
			first[v[0]] = v
		}
		if e.open {
			open[v[0]] = v
		}
		byChild[v[0]] = append(byChild[v[0]], e)
	}
	for _, id := range order {
		eps := byChild[id]
		for i, e := range eps {
			if !e.open && e.dec < e.decom {
				fail("%s Episodes row %d: ends before it starts", r.Year, e.line)
			}
			if i == len(eps)-1 {
				continue
			}
			next := eps[i+1]
			switch {
			case e.open:
				fail("%s Episodes row %d: open episode of %s is not the last", r.Year, e.line, id)
			case next.decom < e.dec:
				fail("%s Episodes rows %d and %d of %s overlap", r.Year, e.line, next.line, id)
			case e.rec == "X1" && next.decom != e.dec:
				fail("%s Episodes row %d of %s ends with X1 on %s but the next starts %s", r.Year, e.line, id, e.dec, next.decom)
			case e.rec != "X1" && next.decom == e.dec:
				fail("%s Episodes row %d of %s ceases with %s but care goes on the same day", r.Year, e.line, id, e.rec)
			}
		}
	}
	return open, first
}

func TestInjectedErrors(t *testing.T) {
	clean := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	if len(clean.Injected) != 0 {
		t.Errorf("%d errors injected at rate 0", len(clean.Injected))
	}
	const rate = 0.02
	dirty, err := Generate(Config{Children: 3000, Years: 6, Until: until2026, Seed: 1, ErrorRate: rate})
	if err != nil {
		t.Fatal(err)
	}
	type cell struct {
		year  calendar.Year
		table ssda903.TableName
		row   int
		field string
	}
	injected := map[cell]InjectedError{}
	rows := map[cell]bool{}
	for _, e := range dirty.Injected {
		r := dirty.Returns[int(e.Year-dirty.Returns[0].Year)]
		tab := r.Table(e.Table)
		col := tab.Schema.Index(e.Field)
		if e.Row < 1 || e.Row > tab.Len() || col < 0 {
			t.Fatalf("%+v does not name a cell", e)
		}
		values := tab.Rows[e.Row-1].Values
		if values[col] != e.Now || e.Was == e.Now || values[0] != e.Child {
			t.Errorf("%+v: the row holds %q for child %s", e, values[col], values[0])
		}
		if e.Rule == "" || e.Kind == "" {
			t.Errorf("%+v: no rule or kind", e)
		}
		key := cell{e.Year, e.Table, e.Row, ""}
		if rows[key] {
			t.Errorf("%+v: a second error on the row", e)
		}
		rows[key] = true
		injected[cell{e.Year, e.Table, e.Row, e.Field}] = e
	}
	// Every difference from the clean returns is an injected error, and
	// the number injected is about rate times the rows that can take one.
	eligible := 0
	for i, r := range clean.Returns {
		d := dirty.Returns[i]
		for name, tab := range r.Tables {
			kinds := mistakesFor(name)
			for ri, row := range tab.Rows {
				view := rowView{schema: tab.Schema, values: row.Values, year: r.Year}
				for _, m := range kinds {
					if m.applies(view) {
						eligible++
						break
					}
				}
				for c, v := range row.Values {
					now := d.Table(name).Rows[ri].Values[c]
					if now == v {
						continue
					}
					e, ok := injected[cell{r.Year, name, ri + 1, tab.Schema.Columns[c].Name}]
					if !ok || e.Was != v {
						t.Errorf("%s %s row %d %s changed from %q to %q without a record", r.Year, name, ri+1, tab.Schema.Columns[c].Name, v, now)
					}
				}
			}
		}
	}
	want := rate * float64(eligible)
	if got := float64(len(dirty.Injected)); got < 0.8*want || got > 1.2*want {
		t.Errorf("%v errors injected in %d eligible rows, want about %.0f", got, eligible, want)
	}
	rules := map[string]int{}
	for _, e := range dirty.Injected {
		rules[e.Rule]++
	}
	for _, m := range mistakes {
		if rules[m.rule] == 0 {
			t.Errorf("no error injected for rule %s", m.rule)
		}
	}
}

func TestUPNCheckLetter(t *testing.T) {
	// Worked by hand: the digits weighted 2 to 13, summed, modulo 23,
	// indexing ABCDEFGHJKLMNPQRTUVWXYZ.
	tests := []struct{ digits, want string }{
		{"000000000000", "A"},
		{"100000000000", "C"}, // 1*2 = 2
		{"000000000001", "P"}, // 1*13 = 13
		{"999999999999", "F"}, // 9*90 = 810 = 35*23 + 5
	}
	for _, tt := range tests {
		if got := upnCheckLetter(tt.digits); got != tt.want {
			t.Errorf("upnCheckLetter(%s) = %s, want %s", tt.digits, got, tt.want)
		}
	}
	seen := map[string]bool{}
	for index := range 200_000 {
		upn := makeUPN(index, calendar.NewDate(2012, 5, 3))
		if len(upn) != 13 || strings.Trim(upn[1:], "0123456789") != "" || upn[:1] != upnCheckLetter(upn[1:]) {
			t.Fatalf("makeUPN gave %q", upn)
		}
		if seen[upn] {
			t.Fatalf("makeUPN gave %q twice", upn)
		}
		seen[upn] = true
	}
}

// TestRoundTripCSV checks that the returns survive being written and read
// back by package ssda903 without problems.
func TestRoundTripCSV(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	for _, r := range res.Returns[len(res.Returns)-2:] {
		dir := filepath.Join(t.TempDir(), r.Year.Folder())
		if err := folder.WriteCSV(dir, r); err != nil {
			t.Fatal(err)
		}
		back, err := folder.Read(dir, r.Year, r.LA)
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Problems) > 0 {
			t.Errorf("%s: %d problems reading back, first %v", r.Year, len(back.Problems), back.Problems[0])
		}
		for name, tab := range r.Tables {
			if got := back.Table(name).Len(); got != tab.Len() {
				t.Errorf("%s %s: %d rows read back, %d written", r.Year, name, got, tab.Len())
			}
		}
	}
}
