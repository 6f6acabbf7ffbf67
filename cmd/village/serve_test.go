package main

import (
	"strings"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/web"
)

// TestServeIdentity checks how --user and --user-header say who makes
// each request.
func TestServeIdentity(t *testing.T) {
	tests := []struct {
		name, user, header string
		want               web.Identity
		wantErr            string
	}{
		{"a named local user", "m.smith", "", web.Identity{Local: app.Actor{Name: "m.smith", IdentifiedBy: app.ByFlag}}, ""},
		{"a proxy's header", "", "X-Remote-User", web.Identity{Header: "X-Remote-User"}, ""},
		{"both", "m.smith", "X-Remote-User", web.Identity{}, "give --user or --user-header, not both"},
		{"not a header name", "", "X Remote: User", web.Identity{}, `--user-header "X Remote: User" is not a header name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pagesOptions{user: tt.user, userHeader: tt.header}.identity()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("identity: %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("identity = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	if id, err := (pagesOptions{}).identity(); err != nil || id.Local.IdentifiedBy != app.ByOperatingSystem || id.Local.Name == "" {
		t.Errorf("identity without flags = %+v, %v; want the operating-system user", id, err)
	}
}
