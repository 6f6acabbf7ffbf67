package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/ssda903"
)

// census is a CIN census made by hand for year y (the reader is written
// elsewhere): children children, each with a referral, an assessment with
// two factors, a section 47 and a child protection plan with two reviews,
// and for every third child a second, closed referral with a CIN plan;
// every value in its table's column order. Lines are those an XML file
// might give. The first child's values are awkward to keep.
func census(y calendar.Year, children int) *returns.Return {
	r := returns.NewReturn(cin.Collection, y, "E06000999")
	line := 1
	add := func(name returns.TableName, values ...string) {
		t := r.Ensure(name)
		t.File = "/data/cin/" + y.String() + "/census.xml"
		t.Rows = append(t.Rows, returns.Row{Line: line, Values: values})
		line += 3
	}
	start := y.Start()
	date := func(days int) string { return start.AddDays(days).Time().Format("2006-01-02") }
	add(cin.Header, "CIN", fmt.Sprint(int(y)), y.End().Time().Format("2006-01-02"), "L", "999", "Village", "1.0", "1", "2026-04-01T09:00:00")
	for i := range children {
		id := fmt.Sprintf("CIN%04d", i+1)
		upn, sex := "A123456789012", "F"
		if i == 0 {
			upn, sex = " quoted \"text\", with comma\nand a new line, ünïcödé, NULL ", ""
		}
		add(cin.ChildIdentifiers, id, upn, "", "", date(-3000-i), "", "", sex, "")
		add(cin.ChildCharacteristics, id, "WBRI")
		add(cin.Disabilities, id, "NONE")
		ref := 1
		if i%3 == 0 {
			add(cin.CINdetails, id, "1", date(10+i), "1A", "N1", date(100+i), "RC1", "", "0")
			add(cin.CINplanDates, id, "1", date(40+i), date(100+i))
			ref = 2
		}
		n := fmt.Sprint(ref)
		add(cin.CINdetails, id, n, date(150+i), "5B", "N2", "", "", date(170+i), "0")
		add(cin.Assessments, id, n, "1", date(151+i), "", date(160+i), "")
		add(cin.AssessmentFactorsList, id, n, "1", "2A")
		add(cin.AssessmentFactorsList, id, n, "1", "3B")
		add(cin.Section47, id, n, date(152+i), date(167+i), date(170+i), "")
		add(cin.ChildProtectionPlans, id, n, "1", date(170+i), "", "PHY", "PHY", "0")
		add(cin.Reviews, id, n, "1", date(250+i))
		add(cin.Reviews, id, n, "1", date(330+i))
	}
	return r
}

// cloneCensus copies a census's tables for a test to change.
func cloneCensus(r *returns.Return) *returns.Return {
	c := returns.NewReturn(r.Collection, r.Year, r.LA)
	for name, t := range r.Tables {
		ct := &returns.Table{Schema: t.Schema, File: t.File, Absent: slices.Clone(t.Absent)}
		for _, row := range t.Rows {
			ct.Rows = append(ct.Rows, returns.Row{Line: row.Line, Values: slices.Clone(row.Values)})
		}
		c.Tables[name] = ct
	}
	return c
}

// TestCINRoundTrip loads two years of the census and reads them back
// exactly: values as submitted, lines, file names, a table sent empty,
// tables not sent; and checks that the 903's years and history are
// untouched.
func TestCINRoundTrip(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		a, b := census(2025, 5), census(2026, 7)
		b.Table(cin.Disabilities).Rows = nil // sent empty
		delete(b.Tables, cin.CINplanDates)   // not sent
		var calls [][2]int
		sum, err := s.CIN().Load(ctx, []*returns.Return{b, a}, LoadSource{Files: []string{"/data/census.xml"}, By: "tester",
			Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
		if err != nil {
			t.Fatal(err)
		}
		checkProgress(t, calls, rowsIn(a, b))
		if sum.Children != 7 || sum.Episodes != a.Table(cin.CINdetails).Len()+b.Table(cin.CINdetails).Len() ||
			sum.Inserted != rowsIn(a, b) || !slices.Equal(sum.Years, []calendar.Year{2025, 2026}) {
			t.Errorf("summary %+v; want 7 children, the referrals as episodes, %d rows inserted, years 2025 and 2026", sum, rowsIn(a, b))
		}
		for _, want := range []*returns.Return{a, b} {
			got, err := s.CIN().Return(ctx, want.Year)
			if err != nil {
				t.Fatal(err)
			}
			if got.Collection != cin.Collection {
				t.Errorf("%s read back as a %v return", want.Year, got.Collection)
			}
			if d := diffReturns(want, got); d != "" {
				t.Errorf("%s read back differs:\n%s", want.Year, d)
			}
		}
		only, err := s.CIN().ReturnTables(ctx, 2026, cin.CINdetails, cin.CINplanDates)
		if err != nil || len(only.Tables) != 1 || only.Table(cin.CINdetails).Len() != b.Table(cin.CINdetails).Len() {
			t.Errorf("ReturnTables(CINdetails, CINplanDates) = %d tables, %v; want CINdetails alone (2026 sent no CINplanDates)", len(only.Tables), err)
		}
		all, err := s.CIN().Returns(ctx, cin.ChildIdentifiers)
		if err != nil || len(all) != 2 || all[1].Table(cin.ChildIdentifiers).Len() != 7 {
			t.Errorf("Returns = %d years, %v; want 2", len(all), err)
		}
		if years, err := s.CIN().Years(ctx); err != nil || !slices.Equal(years, []calendar.Year{2025, 2026}) {
			t.Errorf("CIN years %v, %v", years, err)
		}
		loads, err := s.CIN().Loads(ctx)
		if err != nil || len(loads) != 1 || loads[0].By != "tester" || !slices.Equal(loads[0].Files, []string{"census.xml"}) ||
			loads[0].ByTable[cin.Reviews].Inserted != a.Table(cin.Reviews).Len()+b.Table(cin.Reviews).Len() {
			t.Errorf("CIN loads %+v, %v", loads, err)
		}
		if id, err := s.CIN().LatestLoad(ctx); err != nil || id != sum.LoadID {
			t.Errorf("CIN LatestLoad = %d, %v; want %d", id, err, sum.LoadID)
		}
		// The 903's side knows nothing of it.
		if years, err := s.Years(ctx); err != nil || len(years) != 0 {
			t.Errorf("903 years after a CIN load: %v, %v", years, err)
		}
		if id, err := s.LatestLoad(ctx); err != nil || id != 0 {
			t.Errorf("903 LatestLoad after a CIN load = %d, %v; want 0", id, err)
		}
		if _, err := s.CIN().Return(ctx, 2024); !errors.Is(err, ErrNoReturn) {
			t.Errorf("CIN Return(2024) = %v; want ErrNoReturn", err)
		}
	})
}

// TestCINDoubleLoad loads the same census twice: the second load changes
// no row and no load id, and is recorded.
func TestCINDoubleLoad(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		a := census(2026, 6)
		if _, err := s.CIN().Load(ctx, []*returns.Return{a}, LoadSource{}); err != nil {
			t.Fatal(err)
		}
		before := dumpKind(t, s, cinKind)
		sum, err := s.CIN().Load(ctx, []*returns.Return{cloneCensus(a)}, LoadSource{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Changed() || sum.Unchanged != rowsIn(a) {
			t.Errorf("second load: %+v; want every row unchanged", sum)
		}
		if after := dumpKind(t, s, cinKind); !slices.Equal(before, after) {
			t.Errorf("the second load changed the tables:\n%s", firstDifference(before, after))
		}
		if loads, err := s.CIN().Loads(ctx); err != nil || len(loads) != 2 || loads[1].Changed() {
			t.Errorf("history: %+v, %v; want two loads, the second changing nothing", loads, err)
		}
	})
}

// TestCINAmend loads a year, then an amended version of it: the amended
// year replaces the old, counted by natural key.
func TestCINAmend(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		a := census(2026, 6)
		first, err := s.CIN().Load(ctx, []*returns.Return{a}, LoadSource{})
		if err != nil {
			t.Fatal(err)
		}
		amended := cloneCensus(a)
		details := amended.Table(cin.CINdetails)
		details.Rows[1].Values[5] = "2026-03-01" // a referral closed
		details.Rows[1].Values[6] = "RC2"
		reviews := amended.Table(cin.Reviews)
		reviews.Rows = reviews.Rows[1:] // a review withdrawn
		amended.Table(cin.Disabilities).Rows = append(amended.Table(cin.Disabilities).Rows,
			returns.Row{Line: 999, Values: []string{"CIN0001", "HAND"}})
		sum, err := s.CIN().Load(ctx, []*returns.Return{amended}, LoadSource{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[returns.TableName]TableCounts{
			cin.CINdetails:   {Replaced: 1, Unchanged: a.Table(cin.CINdetails).Len() - 1},
			cin.Reviews:      {Unchanged: a.Table(cin.Reviews).Len() - 1, Deleted: 1},
			cin.Disabilities: {Inserted: 1, Unchanged: a.Table(cin.Disabilities).Len()},
		}
		for name, w := range want {
			if sum.ByTable[name] != w {
				t.Errorf("%s: %+v; want %+v", name, sum.ByTable[name], w)
			}
		}
		got, err := s.CIN().Return(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffReturns(amended, got); d != "" {
			t.Errorf("the amended year read back differs:\n%s", d)
		}
		ids := loadIDsOf(t, s, cinKind, cin.CINdetails, 2026)
		for i, id := range ids {
			wantID := first.LoadID
			if i == 1 {
				wantID = sum.LoadID
			}
			if id != wantID {
				t.Errorf("CINdetails row %d has load_id %d; want %d", i+1, id, wantID)
			}
		}
	})
}

// loadIDsOf reads the load_id of each row of a stored table for year y.
func loadIDsOf(t *testing.T, s *Store, k *kind, name returns.TableName, y calendar.Year) []int64 {
	t.Helper()
	la, err := s.authority(context.Background(), s.read)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readRows(context.Background(), s.read, k.tableOf(name), la, y)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.loadID)
	}
	return ids
}

// TestCINInterruptedLoad fails a load of two years after some tables are
// written: nothing changes.
func TestCINInterruptedLoad(t *testing.T) {
	errBroken := errors.New("the disk is on fire")
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		if _, err := s.CIN().Load(ctx, []*returns.Return{census(2025, 4)}, LoadSource{}); err != nil {
			t.Fatal(err)
		}
		before := dumpKind(t, s, cinKind)
		s.afterTable = func(y calendar.Year, name returns.TableName) error {
			if y == 2026 && name == cin.Section47 {
				return errBroken
			}
			return nil
		}
		changed := census(2025, 5)
		if _, err := s.CIN().Load(ctx, []*returns.Return{changed, census(2026, 3)}, LoadSource{}); !errors.Is(err, errBroken) {
			t.Fatalf("Load = %v; want %v", err, errBroken)
		}
		if after := dumpKind(t, s, cinKind); !slices.Equal(before, after) {
			t.Errorf("the failed load changed the tables:\n%s", firstDifference(before, after))
		}
		if loads, err := s.CIN().Loads(ctx); err != nil || len(loads) != 1 {
			t.Errorf("history after the failed load: %d loads, %v; want 1", len(loads), err)
		}
	})
}

// TestCINLoadRefuses checks that what cannot be stored as a CIN census is
// refused whole.
func TestCINLoadRefuses(t *testing.T) {
	s := engines()[0].open(t)
	ctx := context.Background()
	with903 := census(2026, 2)
	with903.Tables[ssda903.Episodes] = &returns.Table{Schema: ssda903.Collection.Schema(ssda903.Episodes)}
	short := census(2026, 2)
	short.Table(cin.CINdetails).Rows[0].Values = []string{"CIN0001"}
	tests := []struct {
		name   string
		rs     []*returns.Return
		source LoadSource
		want   string
	}{
		{"a 903 table", []*returns.Return{with903}, LoadSource{}, `"Episodes" is not a table of the CIN census`},
		{"a short row", []*returns.Return{short}, LoadSource{}, "CINdetails row 1 (line"},
		{"two of a year", []*returns.Return{census(2026, 1), census(2026, 2)}, LoadSource{}, "two returns are for 2025/26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.CIN().Load(ctx, tt.rs, tt.source); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load = %v; want an error saying %q", err, tt.want)
			}
		})
	}
	if loads, err := s.CIN().Loads(ctx); err != nil || len(loads) != 0 {
		t.Errorf("history after refused loads: %d, %v; want none", len(loads), err)
	}
}

// TestCINConcurrentLoads loads two CIN years and a 903 year at once
// through three stores on one database: the loads wait for each other and
// all are stored.
func TestCINConcurrentLoads(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		u := e.newURL(t)
		stores := []*Store{openURL(t, u), openURL(t, u), openURL(t, u)}
		want := []*returns.Return{census(2025, 40), census(2026, 50)}
		failures := cinFailures(want[1].Year)
		errs := make(chan error, 3)
		for i, s := range stores[:2] {
			go func() {
				// Each load stores its year's failures with it.
				y := want[i].Year
				_, err := s.CIN().Load(ctx, []*returns.Return{want[i]}, LoadSource{
					Failures: map[calendar.Year][]Failure{y: failures[:i+1]}, Skipped: map[calendar.Year][]Skipped{y: {{"8500", "test"}}}})
				errs <- err
			}()
		}
		go func() {
			_, err := stores[2].Load(ctx, []*ssda903.Return{awkward()}, LoadSource{})
			errs <- err
		}()
		for range 3 {
			if err := <-errs; err != nil {
				t.Errorf("Load: %v", err)
			}
		}
		for _, w := range want {
			got, err := stores[2].CIN().Return(ctx, w.Year)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffReturns(w, got); d != "" {
				t.Errorf("%s read back differs:\n%s", w.Year, d)
			}
		}
		for i, w := range want {
			if got, err := stores[2].CIN().Failures(ctx, w.Year); err != nil || len(got) != i+1 {
				t.Errorf("%s: %d failures stored, %v; want %d", w.Year, len(got), err, i+1)
			}
		}
		if years, err := stores[0].Years(ctx); err != nil || len(years) != 1 {
			t.Errorf("903 years %v, %v; want one", years, err)
		}
	})
}

// cinFailures are failures of a CIN census of year y as validation might
// report them: an error with a file and line, a query, and one that
// names no child.
func cinFailures(y calendar.Year) []Failure {
	return []Failure{
		{Rule: "8500", Origin: "DfE", Table: cin.ChildIdentifiers, Row: 2, File: y.String() + "/cin-census.xml", Line: 41, Child: "CIN0002",
			Fields: map[string]string{"LAchildID": "CIN0002"}, Explanation: "the LAchildID is \"CIN0002\", ünïcödé"},
		{Rule: "8869Q", Origin: "DfE", Table: cin.CINdetails, Row: 5, Child: "CIN0003", Fields: map[string]string{}, Explanation: "a query"},
		{Rule: "100", Origin: "DfE", Table: cin.Header, Row: 1, Fields: map[string]string{}, Explanation: "no child"},
	}
}

// TestCINFailuresStoredWithTheCensus checks that a CIN load keeps its
// failures and skipped rules, apart from the 903's of the same year: a
// load of the same census with the same failures changes nothing, an
// amended year's replace the old, a load without them leaves them, and a
// failed load leaves them as they were.
func TestCINFailuresStoredWithTheCensus(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		a := census(2026, 6)
		failures := cinFailures(a.Year)
		skipped := []Skipped{{"8590", "needs last year's return"}, {"8600", "needs last year's return"}}
		with := func(f []Failure, sk []Skipped) LoadSource {
			return LoadSource{Failures: map[calendar.Year][]Failure{a.Year: f}, Skipped: map[calendar.Year][]Skipped{a.Year: sk}}
		}
		check := func(when string, wantFailures []Failure, wantSkipped []Skipped) {
			t.Helper()
			got, err := s.CIN().Failures(ctx, a.Year)
			if err != nil || !reflect.DeepEqual(got, wantFailures) {
				t.Errorf("%s: failures %+v, %v; want %+v", when, got, err, wantFailures)
			}
			sk, err := s.CIN().Skipped(ctx, a.Year)
			if err != nil || !reflect.DeepEqual(sk, wantSkipped) {
				t.Errorf("%s: skipped %+v, %v; want %+v", when, sk, err, wantSkipped)
			}
		}
		if _, err := s.CIN().Load(ctx, []*returns.Return{a}, with(failures, skipped)); err != nil {
			t.Fatal(err)
		}
		check("first load", failures, skipped)
		for y, want := range map[calendar.Year]bool{2026: true, 2025: false} {
			if got, err := s.CIN().Validated(ctx, y); err != nil || got != want {
				t.Errorf("Validated(%s) = %v, %v; want %v", y, got, err, want)
			}
		}
		// The 903's failures of the same year are another table's.
		if got, err := s.Failures(ctx, a.Year); err != nil || len(got) != 0 {
			t.Errorf("903 failures after a CIN load: %d, %v; want none", len(got), err)
		}

		before, beforeIDs := dumpKind(t, s, cinKind), failureLoadIDs(t, s)
		sum, err := s.CIN().Load(ctx, []*returns.Return{cloneCensus(a)}, with(failures, skipped))
		if err != nil {
			t.Fatal(err)
		}
		if after := dumpKind(t, s, cinKind); sum.Changed() || !slices.Equal(before, after) {
			t.Errorf("loading the same census twice changed it")
		}
		if after := failureLoadIDs(t, s); !slices.Equal(beforeIDs, after) {
			t.Errorf("loading the same census twice rewrote its failures: load ids %v, then %v", beforeIDs, after)
		}
		check("second load", failures, skipped)

		if _, err := s.CIN().Load(ctx, []*returns.Return{a}, LoadSource{}); err != nil {
			t.Fatal(err)
		}
		check("a load without failures", failures, skipped)

		s.afterTable = func(y calendar.Year, name returns.TableName) error {
			if name == cin.Reviews {
				return errors.New("the disk is full")
			}
			return nil
		}
		if _, err := s.CIN().Load(ctx, []*returns.Return{census(2026, 7)}, with(failures[:1], nil)); err == nil {
			t.Fatal("a load that fails part way stored")
		}
		check("a failed load", failures, skipped)
		s.afterTable = nil

		amended := census(2026, 7)
		if _, err := s.CIN().Load(ctx, []*returns.Return{amended}, with(failures[1:2], nil)); err != nil {
			t.Fatal(err)
		}
		check("the amended year", failures[1:2], nil)
	})
}

// failureLoadIDs reads the load id of every stored CIN failure and
// skipped rule, in order.
func failureLoadIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	var ids []int64
	for _, table := range []string{"cin_failures", "cin_skipped_rules"} {
		rows, err := s.read.QueryContext(context.Background(), "SELECT load_id FROM "+table+" ORDER BY year, position")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}
