package web

import (
	"net/http"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// periodFor returns the period the indicator's figures for p are computed
// over: for a yearly indicator the collection year p ends in, with a note
// saying so; for the others the days of p the returns cover (the whole of
// p when they cover it all).
func (s *Server) periodFor(ind *indicators.Indicator, p calendar.Period) (calendar.Period, string) {
	if q, note := ind.PeriodFor(p); note != "" {
		return q, note
	}
	return s.Set.Cover(p).Covered(), ""
}

// noDataPage is the page for a period the returns do not cover.
type noDataPage struct {
	Message     string // "No data for 2026/27: the returns cover 2020/21 to 2025/26."
	First, Last link   // the first and last collection years covered
}

type link struct{ Text, Href string }

// noData answers a request for a period the returns do not cover: 404 Not
// Found, since there are no figures for it, as a page linking to the
// years there are, or as JSON saying the same.
func (s *Server) noData(w http.ResponseWriter, asJSON bool, cover journey.Coverage) {
	msg := cover.Err().Error()
	if asJSON {
		s.jsonError(w, http.StatusNotFound, msg)
		return
	}
	yearLink := func(y calendar.Year) link { return link{y.String(), "/" + s.query(y.Period())} }
	s.render(w, http.StatusNotFound, "nodata.html", page{Title: "No data for this period", Nav: "overview",
		Content: noDataPage{Message: strings.ToUpper(msg[:1]) + msg[1:] + ".", First: yearLink(cover.First), Last: yearLink(cover.Last)}})
}

// compared is the period a figure for p is set beside, and whether there is
// one: none when the returns do not cover all of it.
func (s *Server) compared(p calendar.Period) (calendar.Period, bool) {
	before := previous(p)
	return before, indicators.Comparable(s.Set, before)
}
