package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
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

// cinDrills links each year's numerator on a front door indicator's page
// to the children it counts, when the request's person may see them and
// the numerator is shown and not nought.
func (s *Server) cinDrills(r *http.Request, ind *cinind.Indicator, rows []cinYearRow) {
	if !s.mayDrill(r) {
		return
	}
	for i, row := range rows {
		if row.Numerator != "" && s.cinFigure(ind, row.year).Value.Numerator > 0 {
			rows[i].Link = cinChildrenHref(ind, row.year)
		}
	}
}

// cinChildrenHref is the address of the drill-down to the children a
// front door indicator counts in year y.
func cinChildrenHref(ind *cinind.Indicator, y calendar.Year) string {
	return "/front-door/" + url.PathEscape(ind.ID) + "/children?" + url.Values{"year": {y.String()}}.Encode()
}

// cinChild is one child in the front door's drill-down, with how many of
// the things the numerator counts are theirs.
type cinChild struct {
	ID    string
	Times int // referrals, enquiries, assessments or plans counted; 1 for a count of children
}

// cinChildrenPage is the front door's drill-down: what is asked for, the
// form for the reason, and, once the reason is given and every access
// recorded, the IDs.
type cinChildrenPage struct {
	Indicator *cinind.Indicator
	Year      string
	Counted   string // what the numerator counts, in words
	Numerator int    // how many it counts
	Count     int    // the children counted, each once
	Children  []cinChild
	reasonForm
}

// Hint is the form's example of a reason.
func (cinChildrenPage) Hint() string { return "checking the rise in referrals against case records" }

// frontDoorChildren is the drill-down from a front door indicator's
// numerator for a collection year to the IDs of the children it counts,
// as /indicators/{id}/children is the 903's. GET shows only the form;
// POST with a reason writes one audit entry per child, all in one
// transaction, and only then shows the IDs.
func (s *Server) frontDoorChildren(w http.ResponseWriter, r *http.Request) {
	who, ok := s.drillAllowed(w, r)
	if !ok {
		return
	}
	ind := s.cinIndicatorAsked(w, r, false)
	if ind == nil {
		return
	}
	y, err := calendar.ParseYear(r.URL.Query().Get("year"))
	if err != nil {
		s.problem(w, http.StatusBadRequest, "Year not recognised", "Give the collection year as year=2025/26.")
		return
	}
	if !s.frontDoorLoaded() || y < s.Front.First || y > s.Front.Last {
		s.problem(w, http.StatusNotFound, "No CIN census for "+y.String(), "No children in need census for "+y.String()+" is loaded.")
		return
	}
	f := s.cinFigure(ind, y)
	c := cinChildrenPage{Indicator: ind, Year: y.String(), Counted: ind.Numerator(), Numerator: f.Value.Numerator,
		Count: len(f.Value.Children), reasonForm: reasonForm{Action: r.URL.Path + "?" + r.URL.RawQuery,
			Back: "/front-door/" + url.PathEscape(ind.ID) + "?" + url.Values{"period": {y.String()}}.Encode()}}
	title := "Children behind a figure"
	crumbs := []crumb{{"The front door", "/front-door"}, {ind.Title, c.Back}}
	if !s.reasonGiven(w, r, &c.reasonForm, missingReason, "frontdoorchildren.html", page{Title: title, Nav: "front-door", Crumbs: crumbs, Content: &c}) {
		return
	}
	action := fmt.Sprintf("view IDs behind CIN indicator %s %s", ind.ID, y)
	// The error names the children only by their number, so may be logged.
	if err := app.RecordAccess(r.Context(), s.Store, who, action, f.Value.Children, c.Reason); errors.Is(err, app.ErrTooManyChildren) {
		s.problem(w, http.StatusBadRequest, "Too many children to show at once",
			fmt.Sprintf("This figure counts %d children, more than the %d IDs one request shows.", c.Count, app.MaxChildrenPerRequest))
		return
	} else if err != nil {
		s.Log.Error("recording a front door drill-down in the audit log", "indicator", ind.ID, "year", y.String(), "err", err)
		s.problem(w, http.StatusInternalServerError, "The IDs cannot be shown",
			"Viewing these children's IDs could not be recorded in the audit log, so they are not shown. Try again, or ask whoever runs Village to check the store.")
		return
	}
	c.Children = timesEach(f.Counted)
	s.render(w, http.StatusOK, "frontdoorchildren.html", page{Title: title, Nav: "front-door", Crumbs: crumbs, Content: c})
}

// drillAllowed returns the person asking for children's IDs, or refuses
// the request: in publishable mode, from no one known, or from a role
// that may not see them (routePermissions refuses that first; this holds
// should the route's permission ever be changed).
func (s *Server) drillAllowed(w http.ResponseWriter, r *http.Request) (app.Actor, bool) {
	if s.Publishable {
		s.problem(w, http.StatusForbidden, "Not available in publishable mode",
			"The IDs of the children behind a figure are for analysts only, and this server shows publishable figures.")
		return app.Actor{}, false
	}
	who, known := app.ActorFrom(r.Context())
	if !known {
		s.problem(w, http.StatusUnauthorized, "Sign in to see children's IDs",
			"Seeing the IDs of the children behind a figure is written to the audit log with your name, and this request did not say who you are. Sign in through your organisation's login, or ask whoever runs Village.")
		return app.Actor{}, false
	}
	if !s.mayDrill(r) {
		s.forbid(w, r, people.Role(who.Role))
		return app.Actor{}, false
	}
	return who, true
}

// timesEach gathers a sorted list of IDs, an ID once for each thing
// counted, into each child once with how many are theirs.
func timesEach(counted []string) []cinChild {
	var out []cinChild
	for _, id := range counted {
		if n := len(out); n > 0 && out[n-1].ID == id {
			out[n-1].Times++
			continue
		}
		out = append(out, cinChild{ID: id, Times: 1})
	}
	return out
}
