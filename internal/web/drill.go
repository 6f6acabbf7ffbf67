package web

// This file's three functions are the same, word for word, as those
// branch frontdrill put in frontdoorchildren.go: at the merge, keep that
// file's and delete this one.

import (
	"net/http"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
)

// mayDrill reports whether the request's person may follow a count to the
// IDs of the children behind it, so whether the pages link counts to the
// drill-down: not in publishable mode, and only for a role that may see
// children's identifiers (analysts; not managers, partners or anyone not
// known). Every page that links a count to its children asks this, the
// 903's and the front door's alike, so the links and the routes' own
// refusals (routePermissions) agree.
func (s *Server) mayDrill(r *http.Request) bool {
	if s.Publishable {
		return false
	}
	who, known := app.ActorFrom(r.Context())
	return known && people.Role(who.Role).May(people.ChildIdentifiers)
}

// keepOverviewDrills removes the drill-down links from the overview's
// figures when the request's person may not follow them.
func (s *Server) keepOverviewDrills(r *http.Request, tables []headlineTable) {
	if s.mayDrill(r) {
		return
	}
	for i := range tables {
		for j := range tables[i].Rows {
			tables[i].Rows[j].Now.Link, tables[i].Rows[j].Before.Link = "", ""
		}
	}
}

// keepIndicatorDrills removes the drill-down links from an indicator's
// page when the request's person may not follow them.
func (s *Server) keepIndicatorDrills(r *http.Request, p *indicatorPage) {
	if s.mayDrill(r) {
		return
	}
	p.Now.Link, p.Before.Link = "", ""
	for i := range p.Breakdowns {
		for j := range p.Breakdowns[i].Groups {
			p.Breakdowns[i].Groups[j].Figure.Link = ""
		}
	}
}
