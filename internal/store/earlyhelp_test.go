package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/pseudonym"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
)

// partners is a year's early help and HAF files made by hand, their
// children pseudonymised under key from the LA child IDs ids.
func partners(t *testing.T, key pseudonym.Key, y calendar.Year, ids ...string) *returns.Return {
	t.Helper()
	r := returns.NewReturn(earlyhelp.Collection, y, "")
	eh, haf := r.Ensure(earlyhelp.EarlyHelp), r.Ensure(earlyhelp.HAF)
	for i, id := range ids {
		p, err := key.Of(pseudonym.LAChildID, id)
		if err != nil {
			t.Fatal(err)
		}
		start := y.Start().AddDays(10 * i)
		eh.Rows = append(eh.Rows, returns.Row{Line: i + 2, Values: []string{fmt.Sprint("E", i), p, start.String(), "", "education", "School", "", ""}})
		haf.Rows = append(haf.Rows, returns.Row{Line: i + 2, Values: []string{p, "summer", fmt.Sprint(int(y) - 1), start.AddDays(100).String(), "Club", "Y", "N", "5"}})
	}
	return r
}

func TestEarlyHelpLoadAndLinks(t *testing.T) {
	key, err := pseudonym.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		c := census(2026, 4) // children CIN0001 to CIN0004
		if _, err := s.CIN().Load(ctx, []*returns.Return{c}, LoadSource{}); err != nil {
			t.Fatal(err)
		}
		r := partners(t, key, 2026, "CIN0002", "cin 0003", "EH-ONLY-1")
		sum, err := s.EarlyHelp().Load(ctx, []*returns.Return{r}, LoadSource{Files: []string{"early-help.csv", "haf.csv"}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Children != 3 || sum.Inserted != 6 {
			t.Errorf("summary %+v; want 3 children, 6 rows", sum)
		}
		before := dumpKind(t, s, earlyHelpKind)
		again, err := s.EarlyHelp().Load(ctx, []*returns.Return{r}, LoadSource{})
		if err != nil || again.Changed() || !reflect.DeepEqual(before, dumpKind(t, s, earlyHelpKind)) {
			t.Errorf("loading the same files again changed the store: %+v, %v", again, err)
		}
		got, err := s.EarlyHelp().Return(ctx, 2026)
		if err != nil || got.Table(earlyhelp.HAF).Len() != 3 {
			t.Fatalf("read back %v, %v", got, err)
		}

		counts, err := s.MakeLinks(ctx, func(kind, id string) (string, bool) {
			k, _ := pseudonym.ParseKind(kind)
			p, err := key.Of(k, id)
			return p, err == nil
		})
		if err != nil {
			t.Fatal(err)
		}
		links, err := s.Links(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Links != len(links) || len(links) != 7 {
			t.Errorf("made %d links, read %d; want 7 (the census's four LA child IDs and three valid UPNs)", counts.Links, len(links))
		}
		linked := map[string]int{}
		for _, l := range links {
			linked[l.Pseudonym] = l.Row
		}
		for _, row := range got.Table(earlyhelp.EarlyHelp).Rows[:2] {
			if linked[row.Values[1]] == 0 {
				t.Errorf("the early help child of line %d did not link to the census", row.Line)
			}
		}
		if linked[got.Table(earlyhelp.EarlyHelp).Rows[2].Values[1]] != 0 {
			t.Error("a child known only to early help linked")
		}

		// Loading the census again leaves its links stale until made again.
		c2 := census(2026, 5)
		if _, err := s.CIN().Load(ctx, []*returns.Return{c2}, LoadSource{}); err != nil {
			t.Fatal(err)
		}
		if links, _ := s.Links(ctx); len(links) != 0 {
			t.Errorf("%d links of a census since replaced are still given", len(links))
		}

		raw := []string{"CIN0001", "CIN0002", "CIN0003", "CIN0004", "EH-ONLY-1", "A123456789012"}
		scanFor(t, s, func(table string) bool { return strings.HasPrefix(table, "eh_") || strings.HasPrefix(table, "haf_") }, raw...)
	})
}

// scanFor fails the test when any text column of any table of s that
// only selects holds any of the values, in any case.
func scanFor(t *testing.T, s *Store, only func(table string) bool, values ...string) {
	t.Helper()
	q := "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND upper(p.type) = 'TEXT'"
	if s.dialect.name() == "PostgreSQL" {
		q = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text'"
	}
	rows, err := s.read.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		rows.Scan(&c[0], &c[1])
		if only(c[0]) {
			cols = append(cols, c)
		}
	}
	rows.Close()
	if len(cols) == 0 {
		t.Fatal("no text columns to scan")
	}
	for _, c := range cols {
		for _, v := range values {
			var n int
			err := s.read.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE upper(%s) LIKE $1", c[0], c[1]), "%"+strings.ToUpper(v)+"%").Scan(&n)
			if err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%s.%s holds an identifier (%d rows)", c[0], c[1], n)
			}
		}
	}
}
