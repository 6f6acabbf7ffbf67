package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

func TestFamilyLinksLoad(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		first := []FamilyLink{{"C1", "M1", 2}, {"C2", "M1", 3}, {"C2", "M1", 4}, {"C3", "M2", 5}}
		tests := []struct {
			name  string
			links []FamilyLink
			want  FamilyLoad
		}{
			{"first", first, FamilyLoad{LoadID: 1, Added: 3}},
			{"the same again", first, FamilyLoad{Unchanged: 3}},
			{"C3 gone, C2 remapped, C4 new", []FamilyLink{{"C1", "M1", 2}, {"C2", "M3", 3}, {"C4", "M3", 4}},
				FamilyLoad{LoadID: 2, Added: 1, Removed: 1, Remapped: 1, Unchanged: 1}},
		}
		for _, tt := range tests {
			got, err := s.LoadFamilyLinks(ctx, tt.links, "family-links.csv", "tester")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s: %+v; want %+v", tt.name, got, tt.want)
			}
		}
		got, err := s.FamilyLinks(ctx)
		want := []FamilyLink{{"C1", "M1", 2}, {"C2", "M3", 3}, {"C4", "M3", 4}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("read back %v, %v; want %v", got, err, want)
		}
	})
}

func TestChildPseudonyms(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		r := synthetic(t, synth.Config{Children: 20, Years: 1, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
		load(t, s, LoadSource{}, r...)
		empty, err := s.ChildPseudonyms(ctx)
		if err != nil || len(empty) != 0 {
			t.Fatalf("before linking: %d pseudonyms, %v; want none", len(empty), err)
		}
		if _, err := s.MakeLinks(ctx, func(kind, id string) (string, bool) { return kind + ":" + id, true }); err != nil {
			t.Fatal(err)
		}
		got, err := s.ChildPseudonyms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		children := r[0].Table("Header")
		if len(got) != children.Len() {
			t.Errorf("%d pseudonyms; want one for each of the %d children", len(got), children.Len())
		}
		for i := range children.Len() {
			if id := children.Get(i, "CHILD"); got[id] != "la_child_id:"+id {
				t.Errorf("child of row %d: pseudonym %q", i+1, got[id])
			}
		}
		upns, err := s.UPNPseudonyms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		withUPN := 0
		for i := range children.Len() {
			id, upn := children.Get(i, "CHILD"), children.Get(i, "UPN")
			if upn == "" {
				if p, ok := upns[id]; ok {
					t.Errorf("child of row %d has no UPN, yet the pseudonym %q", i+1, p)
				}
				continue
			}
			withUPN++
			if upns[id] != "upn:"+upn {
				t.Errorf("child of row %d: UPN pseudonym %q; want the UPN's", i+1, upns[id])
			}
		}
		if withUPN == 0 {
			t.Errorf("no child has a UPN: the test checks nothing")
		}
	})
}
