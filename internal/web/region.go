package web

import (
	"context"
	"net/http"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// regionStore is what /region needs of the store: the groups the
// server's authority belongs to and their stored figures, never a row of
// another authority's children. *store.Store has it.
type regionStore interface {
	RegionGroupsOfAuthority(ctx context.Context) ([]store.RegionGroup, error)
	RegionFiguresOf(ctx context.Context, group string, latest bool) (store.RegionFigures, error)
}

// regionRoutes are the regional overview and its JSON.
func (s *Server) regionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /region", s.regionHTML)
	mux.HandleFunc("GET /api/region", s.apiRegion)
}

// regionPage is /region: each group the authority belongs to, its latest
// period's figures for each member side by side with the group's.
type regionPage struct {
	Stored bool // the server's store keeps regional groups
	Groups []regionGroupView
}

// regionGroupView is one group as the page shows it.
type regionGroupView struct {
	app.RegionView
	Period string          // the latest period stored; "" before the first refresh
	Rows   []app.RegionRow // that period's rows
	// During, Once and Twice are the children looked after in the period
	// summed over the members, counted once, and the difference, as
	// published; "" when not stored.
	During, Once, Twice string
}

// regionViews reads the groups of the server's authority and their
// latest figures; ok is false when the store keeps no groups.
func (s *Server) regionViews(ctx context.Context) ([]app.RegionView, bool, error) {
	st, ok := s.Store.(regionStore)
	if !ok {
		return nil, false, nil
	}
	groups, err := st.RegionGroupsOfAuthority(ctx)
	if err != nil {
		return nil, true, err
	}
	views := []app.RegionView{}
	for _, g := range groups {
		figures, err := st.RegionFiguresOf(ctx, g.Name, true)
		if err != nil {
			return nil, true, err
		}
		views = append(views, app.NewRegionView(g, figures, true))
	}
	return views, true, nil
}

// regionHTML is GET /region.
func (s *Server) regionHTML(w http.ResponseWriter, r *http.Request) {
	views, stored, err := s.regionViews(r.Context())
	if err != nil {
		s.Log.Error("reading the regional groups", "err", err)
		s.problem(w, http.StatusInternalServerError, "The regional figures could not be read", "Try again later; if it goes on, tell the region's administrator.")
		return
	}
	c := regionPage{Stored: stored}
	for _, v := range views {
		c.Groups = append(c.Groups, groupView(v))
	}
	s.render(w, http.StatusOK, "region.html", page{Title: "Your region", Nav: "region", JSON: "/api/region", Content: c})
}

// groupView picks out the latest period and the counted-once figures.
func groupView(v app.RegionView) regionGroupView {
	g := regionGroupView{RegionView: v}
	if len(v.Periods) == 0 {
		return g
	}
	g.Period = v.Periods[0].Period
	for _, row := range v.Periods[0].Rows {
		switch row.ID {
		case app.RegionDuring:
			g.During = row.Group
		case app.RegionCountedOnce:
			g.Once = row.Group
			continue
		case app.RegionCountedTwice:
			g.Twice = row.Group
			continue
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// apiRegion is GET /api/region: the groups of the server's authority with
// their latest figures, as published to every member.
func (s *Server) apiRegion(w http.ResponseWriter, r *http.Request) {
	views, stored, err := s.regionViews(r.Context())
	if err != nil {
		s.Log.Error("reading the regional groups", "err", err)
		s.jsonError(w, http.StatusInternalServerError, "the regional figures could not be read")
		return
	}
	if !stored {
		s.jsonError(w, http.StatusServiceUnavailable, "this server keeps no store of regional groups")
		return
	}
	s.writeJSON(w, http.StatusOK, struct {
		Mode   string           `json:"mode"`
		Groups []app.RegionView `json:"groups"`
	}{app.PublishedMode, views})
}
