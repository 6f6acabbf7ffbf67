package decisions

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestParseCohort(t *testing.T) {
	tests := []struct {
		id      string
		want    Cohort
		wantErr string
	}{
		{id: "looked_after", want: Cohort{Base: "looked_after"}},
		{id: " send ", want: Cohort{Base: "send"}},
		{id: "looked_after:age=10-15", want: Cohort{Base: "looked_after", Age: "10-15"}},
		{id: "cp_plan:age=0-4", want: Cohort{Base: "cp_plan", Age: "0-4"}},
		{id: "looked_after:placement=K2", want: Cohort{Base: "looked_after", Placement: "K2"}},
		{id: "looked_after:placement=U1", want: Cohort{Base: "looked_after", Placement: "U1"}},
		{id: "children", wantErr: "expected one of looked_after"},
		{id: "", wantErr: "expected one of"},
		{id: "looked_after:age=11-15", wantErr: `age band "11-15"`},
		{id: "looked_after:placement=k2", wantErr: `placement "k2"`},
		{id: "cp_plan:placement=K2", wantErr: "cannot be narrowed"},
		{id: "send:age=0-4", wantErr: "cannot be narrowed"},
		{id: "looked_after:colour=red", wantErr: "cannot be narrowed"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := ParseCohort(tt.id)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseCohort(%q) = %v, %v; want an error with %q", tt.id, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseCohort(%q) = %+v, %v; want %+v", tt.id, got, err, tt.want)
			}
			if again, err := ParseCohort(got.ID()); err != nil || again != got {
				t.Errorf("ParseCohort(%q.ID()) = %+v, %v; want it back", tt.id, again, err)
			}
		})
	}
}

func TestParseCohortsRefusesRepeats(t *testing.T) {
	if _, err := ParseCohorts([]string{"looked_after", "send", "looked_after"}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a repeated cohort: %v, want an error saying twice", err)
	}
}

func TestToNotify(t *testing.T) {
	dcs := Lead{User: "a.dcs", Agency: "childrens_services", Title: "DCS", Cohorts: []string{"looked_after", "cp_plan", "child_in_need"}}
	vsh := Lead{User: "b.vsh", Agency: "education", Title: "Virtual School Head", Cohorts: []string{"looked_after"}}
	nurse := Lead{User: "c.nurse", Agency: "health", Title: "Designated nurse", Cohorts: []string{"looked_after", "care_leavers"}}
	send := Lead{User: "d.send", Agency: "education", Title: "SEND lead", Cohorts: []string{"send"}}
	leads := []Lead{send, nurse, vsh, dcs}
	tests := []struct {
		name    string
		cohorts []string
		want    []string
	}{
		{"looked after: three leads, by name", []string{"looked_after"}, []string{"a.dcs", "b.vsh", "c.nurse"}},
		{"a qualified cohort reaches its base's leads", []string{"looked_after:age=10-15"}, []string{"a.dcs", "b.vsh", "c.nurse"}},
		{"send only", []string{"send"}, []string{"d.send"}},
		{"each lead once", []string{"looked_after", "care_leavers", "send"}, []string{"a.dcs", "b.vsh", "c.nurse", "d.send"}},
		{"no lead for early help", []string{"early_help"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cohorts, err := ParseCohorts(tt.cohorts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range ToNotify(cohorts, leads) {
				got = append(got, l.User)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("ToNotify(%v) = %v, want %v", tt.cohorts, got, tt.want)
			}
		})
	}
}

func TestStatusMoves(t *testing.T) {
	tests := []struct {
		from, to Status
		ok       bool
	}{
		{Proposed, Decided, true},
		{Decided, InEffect, true},
		{InEffect, Reviewed, true},
		{Decided, Reviewed, true},
		{Proposed, InEffect, false},
		{InEffect, Decided, false},
		{Reviewed, Proposed, false},
		{Decided, Decided, false},
	}
	for _, tt := range tests {
		if got := tt.from.CanMove(tt.to); got != tt.ok {
			t.Errorf("%s.CanMove(%s) = %v, want %v", tt.from, tt.to, got, tt.ok)
		}
	}
	if s, err := ParseStatus("In effect"); err != nil || s != InEffect {
		t.Errorf(`ParseStatus("In effect") = %q, %v`, s, err)
	}
	if _, err := ParseStatus("cancelled"); err == nil {
		t.Error(`ParseStatus("cancelled") gave no error`)
	}
}

func TestDecisionCheck(t *testing.T) {
	d0 := calendar.NewDate(2026, 11, 2)
	good := func() Decision {
		return Decision{Title: "Close the Eastside clinic", Agency: "health", Decided: d0, Effective: d0.AddDays(30),
			Status: Decided, Cohorts: []Cohort{{Base: "looked_after"}, {Base: "send"}}, Entered: map[string]int{"send": 140},
			Links: []string{"https://example.org/minutes"}}
	}
	tests := []struct {
		name    string
		change  func(*Decision)
		wantErr []string
	}{
		{"good", func(*Decision) {}, nil},
		{"blank title", func(d *Decision) { d.Title = " " }, []string{"title"}},
		{"long title", func(d *Decision) { d.Title = strings.Repeat("x", MaxTitle+1) }, []string{"title"}},
		{"bad agency", func(d *Decision) { d.Agency = "NHS England" }, []string{`agency "NHS England"`}},
		{"effective before decided", func(d *Decision) { d.Effective = d0.AddDays(-1) }, []string{"effective"}},
		{"review before decided", func(d *Decision) { d.Review, d.HasReview = d0.AddDays(-1), true }, []string{"review"}},
		{"no cohorts", func(d *Decision) { d.Cohorts, d.Entered = nil, nil }, []string{"cohorts: none"}},
		{"unknown status", func(d *Decision) { d.Status = "done" }, []string{`status "done"`}},
		{"link not an address", func(d *Decision) { d.Links = []string{"minutes.doc"} }, []string{`link "minutes.doc"`}},
		{"count for a countable cohort", func(d *Decision) { d.Entered["looked_after"] = 3 }, []string{"counts this cohort itself"}},
		{"count for a cohort not named", func(d *Decision) { d.Entered["early_help"] = 3 }, []string{"no such cohort"}},
		{"negative count", func(d *Decision) { d.Entered["send"] = -1 }, []string{"expected 0 or more"}},
		{"every mistake at once", func(d *Decision) { d.Title, d.Agency = "", "" }, []string{"title", "agency"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good()
			tt.change(&d)
			err := d.Check()
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check = nil, want errors with %v", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check = %v; want it to say %q", err, w)
				}
			}
		})
	}
}

func TestLeadAndAgencyCheck(t *testing.T) {
	if err := (Lead{User: "b.vsh", Agency: "education", Cohorts: []string{"looked_after"}}).Check(); err != nil {
		t.Errorf("a good lead: %v", err)
	}
	for _, l := range []Lead{
		{Agency: "education", Cohorts: []string{"looked_after"}},
		{User: "b.vsh", Agency: "Education", Cohorts: []string{"looked_after"}},
		{User: "b.vsh", Agency: "education"},
		{User: "b.vsh", Agency: "education", Cohorts: []string{"looked_after:age=0-4"}},
	} {
		if err := l.Check(); err == nil {
			t.Errorf("Lead %+v passed its check", l)
		}
	}
	for _, a := range DefaultAgencies {
		if err := a.Check(); err != nil {
			t.Errorf("default agency: %v", err)
		}
	}
	if err := (Agency{ID: "health board", Name: ""}).Check(); err == nil || !strings.Contains(err.Error(), "blank") {
		t.Errorf("a bad agency: %v", err)
	}
}

func TestAcknowledgementCheck(t *testing.T) {
	if err := (Acknowledgement{Lead: "b.vsh", Response: Concerns}).Check(); err != nil {
		t.Errorf("a good acknowledgement: %v", err)
	}
	if err := (Acknowledgement{Lead: "b.vsh", Response: "maybe"}).Check(); err == nil {
		t.Error("an unknown response passed")
	}
	if err := (Acknowledgement{Lead: "b.vsh", Response: Supports, Comment: strings.Repeat("x", MaxComment+1)}).Check(); err == nil {
		t.Error("a long comment passed")
	}
}

func TestDueOn(t *testing.T) {
	// Monday 2 November 2026 + 10 working days is Monday 16 November.
	if got, want := DueOn(calendar.NewDate(2026, 11, 2)), calendar.NewDate(2026, 11, 16); got != want {
		t.Errorf("DueOn = %s, want %s", got, want)
	}
}

// FuzzParseCohort: any text is read as a cohort or refused with an error,
// never a panic, and a cohort read gives back an id that reads the same.
func FuzzParseCohort(f *testing.F) {
	for _, seed := range []string{"looked_after", "looked_after:age=10-15", "looked_after:placement=K2", "cp_plan:age=", ":", "send:age=0-4", "looked_after:placement=Z99=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		c, err := ParseCohort(id)
		if err != nil {
			return
		}
		again, err := ParseCohort(c.ID())
		if err != nil || again != c {
			t.Errorf("ParseCohort(%q) = %+v, whose ID %q reads as %+v, %v", id, c, c.ID(), again, err)
		}
		if c.Name() == "" {
			t.Errorf("ParseCohort(%q) has no name", id)
		}
	})
}
