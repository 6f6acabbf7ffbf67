package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/ssda903"
)

// TestChildPreProceedings prints the front door of a child of the 2026/27
// census whose child protection plan led to pre-proceedings: the letter
// offering a family group decision making meeting, the meetings, the
// decision to step up and the court application, before care began.
func TestChildPreProceedings(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	care := ssda903.NewReturn(2027, "E06000999")
	care.Ensure(ssda903.Header).Add("P1", "1", "20/01/2019", "WBRI", "", "", "")
	care.Ensure(ssda903.Episodes).Add("P1", "08/01/2027", "S", "C1", "N1", "U1", "PR1", "", "", "", "AB1 2CD", "AB1 3CD", "")
	if _, err := s.Load(ctx, []*ssda903.Return{care}, store.LoadSource{LA: "E06000999"}); err != nil {
		t.Fatal(err)
	}
	r := returns.NewReturn(cin.Collection, 2027, "E06000999")
	add := func(name returns.TableName, values ...string) { r.Ensure(name).Add(values...) }
	add(cin.ChildIdentifiers, "P1", "", "", "", "2019-01-20", "", "", "M")
	add(cin.CINdetails, "P1", "1", "2026-05-04", "6", "N1", "", "", "", "0")
	add(cin.ChildProtectionPlans, "P1", "1", "1", "2026-06-01", "", "NEG", "NEG", "0")
	add(cin.PreProceedings, "P1", "1", "2026-09-09", "2026-09-16", "1", "0", "2026-09-28", "3", "2026-12-01", "A",
		"2026-12-18", "2026-12-21")
	add(cin.PreProceedings, "P1", "1", "2027-02-01", "", "", "", "", "", "", "", "", "")
	if _, err := s.CIN().Load(ctx, []*returns.Return{r}, store.LoadSource{LA: "E06000999"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := run(t, "child", "--db", db, "--reason", "testing pre-proceedings", "P1")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	golden(t, "child-pre-proceedings.golden", out)
}
