package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/store"
)

// TestInterventionsRoles checks who may record in and read the register:
// analysts, managers and the one person at a machine; not partners,
// auditors, administrators or no one.
func TestInterventionsRoles(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := &Interventions{Store: s.Interventions()}
	iv := interventions.Intervention{Name: "Panel", Start: calendar.NewDate(2026, 7, 1), Series: []string{"starts"}}
	cases := []struct {
		who Actor
		ok  bool
	}{
		{Actor{Name: "a", Role: "analyst"}, true},
		{Actor{Name: "m", Role: "manager"}, true},
		{Actor{Name: "local"}, true},
		{Actor{Name: "p", Role: "partner"}, false},
		{Actor{Name: "au", Role: "auditor"}, false},
		{Actor{Name: "ad", Role: "administrator"}, false},
		{Actor{}, false},
	}
	for i, c := range cases {
		iv.Name = "Panel " + string(rune('A'+i))
		_, err := r.Add(ctx, c.who, FromCommandLine, iv)
		if (err == nil) != c.ok {
			t.Errorf("%+v adding: %v; expected allowed %v", c.who, err, c.ok)
		}
		if _, err := r.List(ctx, c.who); (err == nil) != c.ok {
			t.Errorf("%+v listing: %v; expected allowed %v", c.who, err, c.ok)
		}
	}
	bad := iv
	bad.Series = nil
	var invalid InvalidError
	if _, err := r.Add(ctx, Actor{Name: "a", Role: "analyst"}, FromCommandLine, bad); !errors.As(err, &invalid) {
		t.Errorf("an intervention with no series: %v; expected an InvalidError", err)
	}
}
