package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/store"
)

// TestImpactLookedAfter counts the looked-after cohort of a synthetic
// authority: the count is the children looked after on the returns' last
// day, each breakdown adds up to it, an age band counts its children, and
// published to a partner no count of 1 to 5 is shown.
func TestImpactLookedAfter(t *testing.T) {
	set := synthetic(t).set
	h := Holdings{Care: set}
	span, _ := set.Span()
	want := 0
	for _, c := range set.Children {
		if c.LookedAfterOn(span.End) {
			want++
		}
	}
	im := h.Impact(decisions.Cohort{Base: "looked_after"}, nil, disclose.Exact)
	if !im.Count.Known || int(im.Count.Value) != want || im.On != span.End || want == 0 {
		t.Fatalf("looked_after = %+v on %s; want %d on %s", im.Count, im.On, want, span.End)
	}
	if len(im.Breakdowns) != 3 {
		t.Fatalf("breakdowns = %d, want placement, age and area", len(im.Breakdowns))
	}
	for _, b := range im.Breakdowns {
		sum := 0
		for _, g := range b.Groups {
			sum += int(g.Count.Value)
		}
		if sum != want {
			t.Errorf("%s adds up to %d, want %d", b.Name, sum, want)
		}
	}
	for _, g := range im.Breakdowns[1].Groups {
		if g.Label == "Not known" || g.Label == "18+" {
			continue
		}
		band := h.Impact(decisions.Cohort{Base: "looked_after", Age: g.Label}, nil, disclose.Exact)
		if band.Count.Value != g.Count.Value {
			t.Errorf("looked_after:age=%s = %v, want the breakdown's %v", g.Label, band.Count.Value, g.Count.Value)
		}
	}
	pub := h.Impact(decisions.Cohort{Base: "looked_after"}, nil, disclose.Publishable)
	hidden := 0
	for _, b := range pub.Breakdowns {
		for _, g := range b.Groups {
			if v := g.Count.Value; !g.Count.Suppressed() && v >= 1 && v <= 5 {
				t.Errorf("a partner sees %s %s = %v", b.Name, g.Label, v)
			}
			if g.Count.Suppressed() {
				hidden++
			}
		}
	}
	if hidden == 0 {
		t.Error("nothing was suppressed for a partner; the test shows nothing")
	}
}

// TestImpactFrontDoor counts children in need and on protection plans
// from a front door built by hand, and takes entered counts for cohorts
// Village cannot count.
func TestImpactFrontDoor(t *testing.T) {
	end := calendar.Year(2026).End()
	d := func(y, m, day int) calendar.Date { return calendar.NewDate(y, m, day) }
	plan := frontdoor.ProtectionPlan{Span: frontdoor.Span{Start: d(2026, 1, 5), Open: true}, LatestCategory: "NEG"}
	front := &frontdoor.Set{Last: 2026, Children: []*frontdoor.Child{
		{ID: "A", DOB: d(2023, 6, 1), HasDOB: true, Referrals: []frontdoor.Referral{{Start: d(2025, 12, 1), Open: true, Plans: []frontdoor.ProtectionPlan{plan}}}},
		{ID: "B", DOB: d(2012, 6, 1), HasDOB: true, Referrals: []frontdoor.Referral{{Start: d(2025, 12, 1), Open: true}}},
		{ID: "C", DOB: d(2012, 6, 1), HasDOB: true, Referrals: []frontdoor.Referral{{Start: d(2025, 12, 1), End: d(2026, 2, 1)}}},
		{ID: "D", DOB: d(2014, 6, 1), HasDOB: true, Referrals: []frontdoor.Referral{{Start: d(2026, 3, 1), Open: true, NFA: true}}},
	}}
	h := Holdings{Front: front}
	tests := []struct {
		cohort  string
		entered map[string]int
		want    float64
		known   bool
		isEntry bool
	}{
		{cohort: "child_in_need", want: 2, known: true},
		{cohort: "child_in_need:age=10-15", want: 1, known: true},
		{cohort: "cp_plan", want: 1, known: true},
		{cohort: "under_fives", want: 1, known: true},
		{cohort: "looked_after", known: false},
		{cohort: "send", entered: map[string]int{"send": 212}, want: 212, known: true, isEntry: true},
		{cohort: "early_help", known: false},
	}
	for _, tt := range tests {
		c, err := decisions.ParseCohort(tt.cohort)
		if err != nil {
			t.Fatal(err)
		}
		im := h.Impact(c, tt.entered, disclose.Exact)
		if im.Count.Known != tt.known || im.Count.Value != tt.want || im.Entered != tt.isEntry {
			t.Errorf("%s = %+v (entered %v), want %v known %v", tt.cohort, im.Count, im.Entered, tt.want, tt.known)
		}
		if tt.known && !tt.isEntry && im.On != end {
			t.Errorf("%s counted on %s, want %s", tt.cohort, im.On, end)
		}
	}
	if im := h.Impact(decisions.Cohort{Base: "cp_plan"}, nil, disclose.Publishable); !im.Count.Suppressed() {
		t.Errorf("a partner sees cp_plan = %+v, want it suppressed", im.Count)
	}
}

// TestRegister records a decision, tells its leads, refuses an auditor
// and someone who was not told, and lists the register by its filters.
func TestRegister(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	told := &tellRecorder{}
	r := &Register{Store: s.Decisions(), Notifier: told, Now: newClock().now}
	root := Actor{Name: "it.admin", IdentifiedBy: ByFlag, Role: "administrator"}
	for _, a := range decisions.DefaultAgencies {
		if err := r.AddAgency(ctx, root, FromCommandLine, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.AddAgency(ctx, Actor{Name: "m", Role: "manager"}, "", decisions.Agency{ID: "x", Name: "X"}); !errors.Is(err, ErrMayNotRecord) {
		t.Errorf("a manager adding an agency: %v, want ErrMayNotRecord", err)
	}
	for _, l := range []decisions.Lead{
		{User: "b.vsh", Agency: "education", Cohorts: []string{"looked_after"}},
		{User: "d.send", Agency: "education", Cohorts: []string{"send"}},
	} {
		if err := r.AddLead(ctx, root, FromCommandLine, l); err != nil {
			t.Fatal(err)
		}
	}
	cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
	d0 := calendar.NewDate(2026, 11, 30)
	d := decisions.Decision{Title: "Fewer CAMHS slots", Agency: "health", Decided: d0, Effective: d0, Cohorts: cohorts}
	if _, err := r.Record(ctx, Actor{Name: "aud", Role: "auditor"}, "", d, Holdings{}); !errors.Is(err, ErrMayNotRecord) {
		t.Errorf("an auditor recording: %v, want ErrMayNotRecord", err)
	}
	partner := Actor{Name: "p.health", Role: "partner", Agency: "health"}
	rec, err := r.Record(ctx, partner, "127.0.0.1", d, Holdings{Care: synthetic(t).set})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ToNotify) != 1 || rec.ToNotify[0].User != "b.vsh" || len(told.notices) != 1 || told.notices[0].Decision != rec.Decision.ID {
		t.Errorf("told %+v (notices %+v), want b.vsh", rec.ToNotify, told.notices)
	}
	if rec.Decision.Status != decisions.Decided || len(rec.Impacts) != 1 || !rec.Impacts[0].Count.Known {
		t.Errorf("recorded %+v with %+v", rec.Decision, rec.Impacts)
	}
	if err := r.Acknowledge(ctx, Actor{Name: "d.send", Role: "partner"}, "", rec.Decision.ID, decisions.Supports, ""); !errors.Is(err, ErrNotALead) {
		t.Errorf("a lead not told acknowledging: %v, want ErrNotALead", err)
	}
	unack, err := r.List(ctx, Filter{Unacknowledged: true})
	if err != nil || len(unack) != 1 {
		t.Fatalf("unacknowledged = %+v, %v", unack, err)
	}
	if err := r.Acknowledge(ctx, Actor{Name: "b.vsh", Role: "partner"}, "", rec.Decision.ID, decisions.NeedsDiscussion, "PEPs"); err != nil {
		t.Fatal(err)
	}
	filters := []struct {
		f    Filter
		want int
	}{
		{Filter{}, 1},
		{Filter{Unacknowledged: true}, 0},
		{Filter{Agency: "health"}, 1},
		{Filter{Agency: "police"}, 0},
		{Filter{Cohort: "looked_after"}, 1},
		{Filter{Cohort: "send"}, 0},
		{Filter{Status: decisions.Decided}, 1},
		{Filter{Status: decisions.InEffect}, 0},
	}
	for _, tt := range filters {
		got, err := r.List(ctx, tt.f)
		if err != nil || len(got) != tt.want {
			t.Errorf("List(%+v) = %d entries, %v; want %d", tt.f, len(got), err, tt.want)
		}
	}
	v, err := r.Decision(ctx, Actor{Name: "m", Role: "manager"}, rec.Decision.ID, Holdings{})
	if err != nil || len(v.Acknowledgements) != 1 || len(v.Timeline) != 2 || !strings.Contains(v.Timeline[1].What, "Needs discussion") {
		t.Errorf("View = %+v, %v", v, err)
	}
}

// tellRecorder is a Notifier that keeps what it was asked to send.
type tellRecorder struct{ notices []decisions.Notice }

func (n *tellRecorder) Notify(_ context.Context, notice decisions.Notice) error {
	n.notices = append(n.notices, notice)
	return nil
}
