package app

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/store/pgtest"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// The members of the test region: A and B are the same synthetic
// children under two codes (every child with a UPN in both, as if each
// had been taken over by the other), C others, with a year fewer.
const (
	memberA = "E06000011"
	memberB = "E06000012"
	memberC = "E06000013"
)

// regionMemberSpec is how each test member's returns are generated.
var regionMemberSpec = map[string]synth.Config{
	memberA: {Children: 90, Years: 3, Seed: 11},
	memberB: {Children: 90, Years: 3, Seed: 11},
	memberC: {Children: 60, Years: 2, Seed: 13},
}

var (
	regionReturnsOnce sync.Once
	regionReturns     map[string]*synth.Result
	regionReturnsErr  error
)

// memberReturns returns the synthetic returns of a test member, made once.
func memberReturns(t testing.TB, code string) *synth.Result {
	t.Helper()
	regionReturnsOnce.Do(func() {
		regionReturns = map[string]*synth.Result{}
		for la, cfg := range regionMemberSpec {
			cfg.LA, cfg.Until = la, calendar.NewDate(2026, 3, 31)
			res, err := synth.Generate(cfg)
			if err != nil {
				regionReturnsErr = err
				return
			}
			regionReturns[la] = res
		}
	})
	if regionReturnsErr != nil {
		t.Fatal(regionReturnsErr)
	}
	return regionReturns[code]
}

// regionAdmin is the region's administrator, at the command line.
var regionAdmin = Actor{Name: "region.admin", IdentifiedBy: ByFlag}

// regionGroups are the groups of the PostgreSQL tests: two members,
// three, and two holding the same children.
var regionGroups = map[string][]string{
	"two members":             {memberA, memberC},
	"three members":           {memberA, memberB, memberC},
	"the same children twice": {memberA, memberB},
}

// regionStore loads the members A, B and C into a new PostgreSQL store,
// links each member's children's UPNs (the pseudonym here is the UPN
// itself, as a shared key would make one pseudonym of one UPN), names the
// groups of regionGroups and returns the store, unscoped, and its URL.
func regionStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	if why := pgtest.Skip(); why != "" {
		t.Skip(why)
	}
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	s, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, la := range []string{memberA, memberB, memberC} {
		if _, err := s.Load(ctx, memberReturns(t, la).Returns, store.LoadSource{LA: la}); err != nil {
			t.Fatalf("loading %s: %v", la, err)
		}
		m, err := s.For(la)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.MakeLinks(ctx, func(kind, id string) (string, bool) { return kind + ":" + id, id != "" }); err != nil {
			t.Fatalf("linking %s: %v", la, err)
		}
	}
	for group, codes := range regionGroups {
		var add []store.RegionMember
		for _, la := range codes {
			add = append(add, store.RegionMember{Code: la, Name: "Member " + la[len(la)-2:]})
		}
		if err := s.AddRegionMembers(ctx, group, add, by(regionAdmin, FromCommandLine)); err != nil {
			t.Fatal(err)
		}
	}
	return s, url
}

// TestRegionOnPostgreSQL loads three members into one PostgreSQL store
// (made once: it is the slow part) and runs the regional tests on it.
func TestRegionOnPostgreSQL(t *testing.T) {
	s, url := regionStore(t)
	t.Run("counts are the members' sums", func(t *testing.T) { testRegionCountsAreMembersSums(t, s) })
	t.Run("counted once", func(t *testing.T) { testRegionCountedOnce(t, s) })
	t.Run("an authority's reader", func(t *testing.T) { testRegionScopedReader(t, url) })
}

// figureIndex finds the stored figures by member, period and indicator.
func figureIndex(figures []store.RegionFigure) map[figureKey]store.RegionFigure {
	out := map[figureKey]store.RegionFigure{}
	for _, f := range figures {
		out[figureKey{f.Member, f.Period, f.Indicator}] = f
	}
	return out
}

// testRegionCountsAreMembersSums refreshes groups of two and three
// members and checks, for every year every member
// covers, that each count of the group is the sum of its members', that
// each share's numerator and denominator are the sums too and give the
// share of the pooled journeys, and that the figures stored are those
// computed; in a year one member does not cover, the group's figures are
// not known.
func testRegionCountsAreMembersSums(t *testing.T, s *store.Store) {
	for _, tc := range []struct {
		name    string
		years   []string // every member covers
		partial []string // some member does not
	}{
		{"two members", []string{"2024/25", "2025/26"}, []string{"2023/24"}},
		{"three members", []string{"2024/25", "2025/26"}, []string{"2023/24"}},
		{"the same children twice", []string{"2023/24", "2024/25", "2025/26"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			computed, err := RefreshRegion(ctx, s, regionAdmin, FromCommandLine, tc.name, nil, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.RegionFiguresOf(ctx, tc.name, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored.Figures) != len(computed) || stored.Refreshed.IsZero() {
				t.Fatalf("stored %d figures refreshed %v, computed %d", len(stored.Figures), stored.Refreshed, len(computed))
			}
			// Stored as computed, but a suppressed figure's exact
			// numbers are not stored at all: every member may read them.
			stores := figureIndex(stored.Figures)
			for k, f := range figureIndex(computed) {
				g := stores[k]
				if f.Reason != "" {
					f.Numerator, f.Denominator, f.Value = 0, 0, 0
				}
				if math.Abs(g.Value-f.Value) > 1e-9 || g.Numerator != f.Numerator || g.Denominator != f.Denominator || g.Shown != f.Shown {
					t.Errorf("%v: stored %+v, computed %+v", k, g, f)
				}
			}
			got := figureIndex(computed)
			members, err := ReadRegionMembers(ctx, s, store.RegionGroup{Name: tc.name, Members: membersOf(regionGroups[tc.name])}, nil)
			if err != nil {
				t.Fatal(err)
			}
			pooled := poolJourneys(members)
			for _, year := range tc.years {
				checkSums(t, got, regionGroups[tc.name], pooled, year)
			}
			for _, year := range tc.partial {
				if f, ok := got[figureKey{"", year, "cla_end"}]; !ok || f.Known || f.Shown != "x" {
					t.Errorf("%s, a year not every member covers: the group's cla_end is %+v, want not known", year, f)
				}
			}
		})
	}
}

// membersOf is the group's members with their codes alone.
func membersOf(codes []string) []store.RegionMember {
	var out []store.RegionMember
	for _, c := range codes {
		out = append(out, store.RegionMember{Code: c})
	}
	return out
}

// checkSums checks one year's group figures against the members'.
func checkSums(t *testing.T, got map[figureKey]store.RegionFigure, members []string, pooled *journey.Set, year string) {
	t.Helper()
	p, err := calendar.ParsePeriod(year)
	if err != nil {
		t.Fatal(err)
	}
	counts := 0
	for _, ind := range indicators.All() {
		group, ok := got[figureKey{"", year, ind.ID}]
		if !ok {
			t.Errorf("%s %s: no group figure", year, ind.ID)
			continue
		}
		var num, den int
		var sum float64
		for _, m := range members {
			f, ok := got[figureKey{m, year, ind.ID}]
			if !ok {
				t.Fatalf("%s %s: no figure of %s", year, ind.ID, m)
			}
			num, den, sum = num+f.Numerator, den+f.Denominator, sum+f.Value
		}
		switch ind.Unit {
		case indicators.Children, indicators.Episodes:
			counts++
			if group.Numerator != num || group.Value != sum {
				t.Errorf("%s %s: the group's count is %v (%d children), the members' sum %v (%d)", year, ind.ID, group.Value, group.Numerator, sum, num)
			}
		case indicators.Percent:
			if group.Numerator != num || group.Denominator != den {
				t.Errorf("%s %s: the group's share is %d of %d, the members' sums %d of %d", year, ind.ID, group.Numerator, group.Denominator, num, den)
			}
			// The summed share is the share of the children pooled.
			want := ind.Compute(pooled, p, nil)
			if want.Known != group.Known || math.Abs(want.Value-group.Value) > 1e-9 {
				t.Errorf("%s %s: the group's share %v (known %v), of the pooled journeys %v (known %v)", year, ind.ID, group.Value, group.Known, want.Value, want.Known)
			}
		}
	}
	if counts < 10 {
		t.Errorf("%s: only %d counts checked", year, counts)
	}
	once := got[figureKey{"", year, RegionCountedOnce}]
	summed := got[figureKey{"", year, RegionDuring}]
	twice := got[figureKey{"", year, RegionCountedTwice}]
	if summed.Numerator-once.Numerator != twice.Numerator || once.Numerator > summed.Numerator || once.Numerator == 0 {
		t.Errorf("%s: summed %d, counted once %d, counted by more than one %d", year, summed.Numerator, once.Numerator, twice.Numerator)
	}
}

// testRegionCountedOnce checks the count of children looked after in the
// region counted once against the distinct UPNs of the members' returns
// themselves (and, for a child with no UPN, the member and child ID):
// A and B hold the same children, so each child with a UPN is one child.
func testRegionCountedOnce(t *testing.T, s *store.Store) {
	ctx := context.Background()
	members := regionGroups["three members"]
	computed, err := RefreshRegion(ctx, s, regionAdmin, FromCommandLine, "three members", nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := figureIndex(computed)
	for _, year := range []string{"2024/25", "2025/26"} {
		p, _ := calendar.ParsePeriod(year)
		distinct := map[string]bool{}
		summed := 0
		for _, la := range members {
			res := memberReturns(t, la)
			upns := headerUPNs(res.Returns)
			set, err := journey.Build(res.Returns)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range set.Children {
				if !indicators.LookedAfterDuring(c, p) {
					continue
				}
				summed++
				if u := upns[c.ID]; u != "" {
					distinct["upn:"+u] = true
				} else {
					distinct[la+"/"+c.ID] = true
				}
			}
		}
		once := got[figureKey{"", year, RegionCountedOnce}]
		if once.Numerator != len(distinct) || got[figureKey{"", year, RegionDuring}].Numerator != summed {
			t.Errorf("%s: counted once %d, want %d; summed %d, want %d", year, once.Numerator, len(distinct),
				got[figureKey{"", year, RegionDuring}].Numerator, summed)
		}
		if twice := got[figureKey{"", year, RegionCountedTwice}]; twice.Numerator != summed-len(distinct) || twice.Numerator == 0 ||
			!strings.Contains(twice.Note, "care taken over by another member") {
			t.Errorf("%s: counted by more than one member %+v, want %d", year, twice, summed-len(distinct))
		}
	}
}

// headerUPNs is each child's UPN as the latest Header giving one has it.
func headerUPNs(returns []*ssda903.Return) map[string]string {
	out := map[string]string{}
	for _, r := range returns {
		h := r.Table(ssda903.Header)
		if h == nil {
			continue
		}
		child, upn := h.Schema.Index("CHILD"), h.Schema.Index("UPN")
		for _, row := range h.Rows {
			if u := strings.TrimSpace(row.Values[upn]); u != "" {
				out[row.Values[child]] = u
			}
		}
	}
	return out
}

// testRegionScopedReader checks that an authority's server, on a
// connection row-level security binds to its authority, finds its groups
// and reads the group's figures, though not another member's children.
func testRegionScopedReader(t *testing.T, url string) {
	ctx := context.Background()
	s, err := store.Open(ctx, store.WithAuthority(pgtest.NewRole(t, url), memberC))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Isolated() {
		t.Fatal("the role's store is not isolated")
	}
	groups, err := s.RegionGroupsOfAuthority(ctx)
	if err != nil || len(groups) != 2 || groups[0].Name != "three members" || groups[1].Name != "two members" {
		t.Fatalf("the groups of %s: %v, %v", memberC, groups, err)
	}
	view, err := ShowRegion(ctx, s, "two members", true)
	if err != nil || len(view.Periods) != 1 || view.Periods[0].Period != "2025/26" || len(view.Members) != 2 || len(view.Periods[0].Rows) < 40 {
		t.Fatalf("the region as %s sees it: %+v, %v", memberC, view, err)
	}
	if _, err := s.For(memberA); err == nil {
		t.Errorf("the store of %s chose %s", memberC, memberA)
	}
	if _, err := RefreshRegion(ctx, s, regionAdmin, FromCommandLine, "two members", nil, time.Now()); err == nil {
		t.Error("an authority's store refreshed a group of another authority")
	}
}

// TestRegionSQLiteOneAuthority checks that a SQLite store refuses a
// region's second member, so that a group of two cannot be refreshed on
// it; a group of its one authority can.
func TestRegionSQLiteOneAuthority(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "one.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Load(ctx, memberReturns(t, memberC).Returns, store.LoadSource{LA: memberC}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, memberReturns(t, memberA).Returns, store.LoadSource{LA: memberA}); err == nil ||
		!strings.Contains(err.Error(), "PostgreSQL") {
		t.Errorf("loading a second authority into SQLite: %v, want refused", err)
	}
	admin := by(regionAdmin, FromCommandLine)
	if err := s.AddRegionMembers(ctx, "pair", membersOf([]string{memberA, memberC}), admin); err != nil {
		t.Fatal(err)
	}
	if _, err := RefreshRegion(ctx, s, regionAdmin, FromCommandLine, "pair", nil, time.Now()); err == nil ||
		!strings.Contains(err.Error(), "no 903 returns of its member "+memberA) {
		t.Errorf("refreshing a group of two on SQLite: %v", err)
	}
	if err := s.RemoveRegionMember(ctx, "pair", memberA, admin); err != nil {
		t.Fatal(err)
	}
	if _, err := RefreshRegion(ctx, s, regionAdmin, FromCommandLine, "pair", nil, time.Now()); err != nil {
		t.Errorf("refreshing a group of SQLite's one authority: %v", err)
	}
	for _, tc := range []struct {
		what    string
		members []store.RegionMember
		kept    bool
	}{
		{"renaming the member", []store.RegionMember{{Code: memberC, Name: "Renamed"}}, true},
		{"adding a member", []store.RegionMember{{Code: memberB}}, false},
	} {
		if err := s.AddRegionMembers(ctx, "pair", tc.members, admin); err != nil {
			t.Fatal(err)
		}
		stored, err := s.RegionFiguresOf(ctx, "pair", true)
		if err != nil || (len(stored.Figures) > 0) != tc.kept {
			t.Errorf("%s: %d figures stored (%v), want kept %v", tc.what, len(stored.Figures), err, tc.kept)
		}
	}
	if err := s.RemoveRegionMember(ctx, "pair", memberB, admin); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveRegionMember(ctx, "pair", memberC, admin); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegionGroup(ctx, "pair"); !errors.Is(err, store.ErrNoRegionGroup) {
		t.Errorf("a group with no member left: %v, want it removed", err)
	}
}

// TestRegionSuppression checks that a small member's counts of 1 to 5
// are published as c, with the exact figure kept beside it, and that the
// view of the group holds only what is published.
func TestRegionSuppression(t *testing.T) {
	res, err := synth.Generate(synth.Config{Children: 8, Years: 2, Until: calendar.NewDate(2026, 3, 31), Seed: 4, LA: memberC})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	big := memberReturns(t, memberA)
	bigSet, err := journey.Build(big.Returns)
	if err != nil {
		t.Fatal(err)
	}
	figures := RegionFigures([]RegionMemberData{{Code: memberA, Set: bigSet}, {Code: memberC, Set: set}})
	small := 0
	for _, f := range figures {
		ind := indicators.Find(f.Indicator)
		isCount := ind == nil || ind.Unit == indicators.Children
		if !isCount || !f.Known {
			continue
		}
		if f.Numerator >= 1 && f.Numerator <= 5 {
			small++
			if f.Shown != "c" || f.Reason == "" {
				t.Errorf("%s %s %s: %d children shown as %q (%q), want c", f.Member, f.Period, f.Indicator, f.Numerator, f.Shown, f.Reason)
			}
		} else if f.Numerator > 5 && f.Shown == "c" && ind == nil {
			t.Errorf("%s %s %s: %d children suppressed", f.Member, f.Period, f.Indicator, f.Numerator)
		}
	}
	if small == 0 {
		t.Fatal("no count of 1 to 5 to suppress: the test shows nothing")
	}
	// With the group's count published, one member's suppressed count
	// alone would be the group's less the others'.
	alone := map[figureKey]int{}
	for _, f := range figures {
		ind := indicators.Find(f.Indicator)
		if f.Member != "" && f.Shown == "c" && (ind == nil || ind.Unit == indicators.Children) {
			alone[figureKey{"", f.Period, f.Indicator}]++
		}
	}
	byKey := figureIndex(figures)
	for k, n := range alone {
		if group := byKey[k]; n == 1 && group.Shown != "c" && group.Shown != "x" {
			t.Errorf("%s %s: one member's count suppressed, the group's published as %s: it can be worked out", k.period, k.id, group.Shown)
		}
	}
	view := NewRegionView(store.RegionGroup{Name: "g", Members: membersOf([]string{memberA, memberC})}, store.RegionFigures{Figures: figures}, false)
	for _, p := range view.Periods {
		for _, r := range p.Rows {
			for i, shown := range r.Members {
				if f, ok := byKey[figureKey{view.Members[i].Code, p.Period, r.ID}]; ok && shown != f.Shown {
					t.Errorf("%s %s of %s: the view shows %q, published %q", p.Period, r.ID, view.Members[i].Code, shown, f.Shown)
				}
			}
		}
	}
}
