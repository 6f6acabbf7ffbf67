package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// regionAdmin names who changed the test groups.
var regionAdmin = store.By{Who: "region.admin", From: "test"}

// regionCode is the GSS code of the i'th test member; the server's
// authority is the first.
func regionCode(i int) string { return fmt.Sprintf("E06%06d", 100+i) }

// regionStoreWith opens a SQLite store for the first member, names a
// group of the members and stores figures for it, and a second group the
// authority is not in.
func regionStoreWith(tb testing.TB, members int, figures []store.RegionFigure) *store.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.WithAuthority(filepath.Join(tb.TempDir(), "region.db"), regionCode(0)))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	var add []store.RegionMember
	for i := range members {
		add = append(add, store.RegionMember{Code: regionCode(i), Name: "Member " + strconv.Itoa(i)})
	}
	if err := s.AddRegionMembers(ctx, "North", add, regionAdmin); err != nil {
		tb.Fatal(err)
	}
	if err := s.AddRegionMembers(ctx, "Elsewhere", []store.RegionMember{{Code: "E06000900"}}, regionAdmin); err != nil {
		tb.Fatal(err)
	}
	if err := s.ReplaceRegionFigures(ctx, "North", figures, time.Date(2026, 4, 20, 9, 30, 0, 0, time.UTC), regionAdmin); err != nil {
		tb.Fatal(err)
	}
	return s
}

// syntheticRegionFigures are the figures of three members holding the
// synthetic authority's children, as village region refresh computes
// them.
func syntheticRegionFigures(t *testing.T, a authority) []store.RegionFigure {
	var members []app.RegionMemberData
	for i := range 3 {
		members = append(members, app.RegionMemberData{Code: regionCode(i), Set: a.set, Population: a.pop})
	}
	return app.RegionFigures(members)
}

// TestRegionPage checks /region and /api/region: the groups of the
// server's authority alone, the latest year's figures of each member side
// by side with the group's, as published, the children counted once, and
// the refresh time; a server whose store keeps no groups says so.
func TestRegionPage(t *testing.T) {
	a := synthetic(t)
	figures := syntheticRegionFigures(t, a)
	st := regionStoreWith(t, 3, figures)
	h := newServer(t, a, Options{Store: st}).Handler()

	var api struct {
		Mode   string           `json:"mode"`
		Groups []app.RegionView `json:"groups"`
	}
	body := regionGet(t, h, "/api/region")
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatalf("/api/region: %v\n%s", err, body)
	}
	if len(api.Groups) != 1 || api.Groups[0].Group != "North" || len(api.Groups[0].Periods) != 1 || api.Groups[0].Periods[0].Period != "2025/26" ||
		api.Groups[0].Refreshed != "2026-04-20T09:30:00Z" || !strings.HasPrefix(api.Mode, "publishable") {
		t.Fatalf("/api/region: %s", body)
	}
	want := map[string]string{}
	for _, f := range figures {
		if f.Period == "2025/26" {
			want[f.Member+" "+f.Indicator] = f.Shown
		}
	}
	cla := indicators.Find("cla_end").Compute(a.set, calendar.Year(2026).Period(), nil).Numerator
	if want[" cla_end"] != strconv.Itoa(3*cla) {
		t.Fatalf("the group's cla_end is %s, want 3 × %d", want[" cla_end"], cla)
	}
	for _, row := range api.Groups[0].Periods[0].Rows {
		for i, shown := range row.Members {
			w, ok := want[regionCode(i)+" "+row.ID]
			if !ok {
				w = "x" // a figure of the group's alone
			}
			if shown != w {
				t.Errorf("/api/region %s of %s: %q, published %q", row.ID, regionCode(i), shown, w)
			}
		}
		if row.Group != want[" "+row.ID] {
			t.Errorf("/api/region %s of the group: %q, published %q", row.ID, row.Group, want[" "+row.ID])
		}
	}

	page := regionGet(t, h, "/region")
	for _, text := range []string{"<h2 class=\"govuk-heading-l\" id=\"group-0\">North</h2>", "refreshed 2026-04-20T09:30:00Z",
		want[" "+app.RegionCountedOnce] + " counted once", "Member 2</th>", `href="/region" aria-current="true">Region</a>`} {
		if !strings.Contains(page, text) {
			t.Errorf("/region lacks %q", text)
		}
	}
	if strings.Contains(page, "Elsewhere") {
		t.Error("/region shows a group the authority is not in")
	}

	bare := newServer(t, a, Options{Store: fakeStore()}).Handler()
	if page := regionGet(t, bare, "/region"); !strings.Contains(page, "keeps no store of regional groups") || strings.Contains(page, `href="/region"`) {
		t.Errorf("/region with no store of groups:\n%s", page)
	}
	if permissionFor("GET /region") != people.PublishableFigures || permissionFor("GET /api/region") != people.PublishableFigures {
		t.Error("/region is not open to every role that sees published figures")
	}
}

// regionGet fetches the path from h; anything but 200 fails.
func regionGet(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != http.StatusOK {
		t.Fatalf("%s: %d\n%s", path, code, body)
	}
	return body
}

// BenchmarkRegionPage draws /region for a group of many members and
// years (VILLAGE_REGION_MEMBERS, default 30, and VILLAGE_REGION_YEARS,
// default 10) stored in SQLite: what the page costs is reading and
// arranging the stored figures.
func BenchmarkRegionPage(b *testing.B) {
	members, years := envInt(b, "VILLAGE_REGION_MEMBERS", 30), envInt(b, "VILLAGE_REGION_YEARS", 10)
	var figures []store.RegionFigure
	for y := range years {
		period := calendar.Year(2026 - y).Period().Label
		for i := range members + 1 {
			member := ""
			if i < members {
				member = regionCode(i)
			}
			for k, ind := range indicators.All() {
				n := 6 + i + k + y
				figures = append(figures, store.RegionFigure{Member: member, Period: period, Indicator: ind.ID, Known: true,
					Numerator: n, Value: float64(n), Shown: strconv.Itoa(n)})
			}
		}
	}
	a := synthetic(b)
	st := regionStoreWith(b, members, figures)
	h := newServer(b, a, Options{Store: st}).Handler()
	b.ReportMetric(float64(len(figures)), "figures")
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/region", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("/region: %d", rec.Code)
		}
	}
}

// envInt reads a whole number from the environment variable, or def.
func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: expected a whole number of 1 or more", name, v)
	}
	return n
}
