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

// noteOf is what the figure now of ind for p says beside it: the
// collection year a yearly indicator is computed for, and the children a
// duration leaves out.
func (s *Server) noteOf(ind *indicators.Indicator, p calendar.Period, now indicators.Value) string {
	_, yearly := s.periodFor(ind, p)
	return indicators.JoinNotes(yearly, now.Note(s.policy()))
}

// reading is one indicator for a period as its page and its JSON show
// it: the figure, its breakdowns, its trend and what it is compared with.
type reading struct {
	Before    calendar.Period
	Covered   bool // the returns cover Before, so there is a comparison
	Now       indicators.Value
	Published indicators.Figure // Now as it may be shown
	Tables    []indicators.Table
	Trend     trendOf
	Note      string
}

func (s *Server) read(ind *indicators.Indicator, p calendar.Period) reading {
	r := reading{Now: s.value(ind, p), Trend: s.trendOf(ind, p)}
	r.Before, r.Covered = s.compared(p)
	computed, _ := s.periodFor(ind, p)
	r.Published, r.Tables = indicators.Breakdowns(ind, s.Set, computed, r.Now, s.policy())
	r.Note = s.noteOf(ind, p, r.Now)
	return r
}
