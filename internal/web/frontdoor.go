package web

import (
	"net/http"
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
)

// frontDoorPage is /front-door: for each census year loaded, what came
// through the front door, counted as the mode publishes counts.
type frontDoorPage struct {
	First, Last string // the oldest and the latest census year; "" when none is loaded
	Years       []frontDoorYear
	// NotCarried counts the referrals open in an earlier census and
	// missing from the later ones, which are counted as still open.
	NotCarried string
	// Indicators are the CIN indicators of the collection year asked for
	// beside the year before; nil when no census is loaded.
	Indicators *cinOverview
	Period     string // the chooser's value
}

// frontDoorYear is one census year's row: the referrals, assessments,
// section 47 enquiries and child protection plans that began in it, and
// the plans open at its end (31 March).
type frontDoorYear struct {
	Year                                           string
	Referrals, Assessments, Section47s, PlansBegun string
	PlansOpen                                      string
}

// frontDoorCounts are frontDoorYear's counts before disclosure control.
type frontDoorCounts struct {
	referrals, assessments, section47s, plansBegun, plansOpen int
}

// countFrontDoor counts, for each year from fronts.First to fronts.Last,
// the referrals, assessments, enquiries and plans that began in it and
// the plans open on its last day, from every child's reconciled history
// (a referral restated in a later census is counted once).
func countFrontDoor(fronts *frontdoor.Set) map[calendar.Year]*frontDoorCounts {
	out := map[calendar.Year]*frontDoorCounts{}
	if fronts == nil || fronts.First == 0 {
		return out
	}
	for y := fronts.First; y <= fronts.Last; y++ {
		out[y] = &frontDoorCounts{}
	}
	began := func(d calendar.Date) *frontDoorCounts { return out[calendar.YearOf(d)] }
	for _, c := range fronts.Children {
		for _, ref := range c.Referrals {
			if n := began(ref.Start); n != nil {
				n.referrals++
			}
			for _, a := range ref.Assessments {
				if n := began(a.Start); n != nil {
					n.assessments++
				}
			}
			for _, s := range ref.Section47s {
				if n := began(s.Start); n != nil {
					n.section47s++
				}
			}
			for _, p := range ref.Plans {
				if n := began(p.Start); n != nil {
					n.plansBegun++
				}
				for y, n := range out {
					if end := y.End(); p.Start <= end && (p.Open || p.End > end) {
						n.plansOpen++
					}
				}
			}
		}
	}
	return out
}

// frontDoor is GET /front-door: the CIN indicators of the collection
// year the period asked for ends in, then the counts of every year.
func (s *Server) frontDoor(w http.ResponseWriter, r *http.Request) {
	y, asked, note, ok := s.cinYearAsked(w, r, false)
	if !ok {
		return
	}
	p := frontDoorPage{Period: code(asked)}
	json := ""
	if s.frontDoorLoaded() {
		p.Indicators = s.cinOverviewOf(y, asked, note)
		json = "/api/front-door" + s.query(asked)
		p.First, p.Last = s.Front.First.String(), s.Front.Last.String()
		counts := countFrontDoor(s.Front)
		for y := s.Front.Last; y >= s.Front.First; y-- { // the latest first
			n := counts[y]
			p.Years = append(p.Years, frontDoorYear{Year: y.String(), Referrals: s.count(n.referrals),
				Assessments: s.count(n.assessments), Section47s: s.count(n.section47s),
				PlansBegun: s.count(n.plansBegun), PlansOpen: s.count(n.plansOpen)})
		}
		p.NotCarried = strconv.Itoa(s.Front.Counts.NotCarried)
	}
	s.render(w, http.StatusOK, "frontdoor.html", page{Title: "The front door", Nav: "front-door",
		Crumbs: []crumb{{"Overview", "/" + s.query(asked)}}, JSON: json, Content: p})
}

// frontDoorChild is a child's front door on the child's page, as "village
// child" prints it: each referral with what followed it, then everything
// from both returns in date order.
type frontDoorChild struct {
	Loaded       bool   // a CIN census is loaded
	Years        string // the census years loaded: "2024/25 to 2025/26"
	LeftCensored string // the day before which the child's history is not in the data, or ""
	Referrals    []frontDoorReferral
	Mismatch     string // what the two returns say differently of the child, or ""
	Steps        []journeyRow
}

// frontDoorReferral is one referral and its events, each a row.
type frontDoorReferral struct {
	Title  string // "Referral 1: 3 May 2024 to 1 June 2024"
	About  string // its source, need and closure, in words
	Events []journeyRow
}

// frontDoorOf puts the joined child's front door on the page.
func frontDoorOf(j *frontdoor.Joined, fronts *frontdoor.Set) *frontDoorChild {
	out := &frontDoorChild{Mismatch: j.Mismatch}
	if fronts == nil || fronts.First == 0 {
		return out
	}
	out.Loaded, out.Years = true, fronts.First.String()
	if fronts.Last != fronts.First {
		out.Years += " to " + fronts.Last.String()
	}
	if j.Front == nil {
		return out
	}
	if j.Front.LeftCensored {
		out.LeftCensored = fronts.First.Start().Long()
	}
	for i, r := range j.Front.Referrals {
		out.Referrals = append(out.Referrals, referralOf(i, r))
	}
	if j.Care != nil {
		for _, s := range j.Steps {
			out.Steps = append(out.Steps, journeyRow{Code: s.Date.Long(), Span: s.What})
		}
	}
	return out
}

// referralOf is the i'th referral with its assessments, plans and
// enquiries; Code holds what each event is, Span when it was.
func referralOf(i int, r frontdoor.Referral) frontDoorReferral {
	fr := frontDoorReferral{Title: "Referral " + strconv.Itoa(i+1) + ": " + span(r.Start, r.End, r.Open),
		About: "Source " + orNotRecorded(r.Source) + ", primary need " + orNotRecorded(r.Need)}
	if !r.Open {
		fr.About += ", closed with reason " + orNotRecorded(r.ClosureReason)
	}
	if r.NFA {
		fr.About += ", no further action"
	}
	if r.NotCarried {
		fr.About += "; open in an earlier census but missing from the later ones, so closed on a date not recorded"
	}
	for _, a := range r.Assessments {
		fr.Events = append(fr.Events, journeyRow{Code: "Assessment", Span: span(a.Start, a.Authorised, !a.Done)})
	}
	for _, p := range r.CINPlans {
		fr.Events = append(fr.Events, journeyRow{Code: "Child in need plan", Span: span(p.Start, p.End, p.Open)})
	}
	for _, s := range r.Section47s {
		when := s.Start.Long()
		switch {
		case s.HeldICPC:
			when += ", initial conference " + s.Conference.Long()
		case s.NotRequired:
			when += ", initial conference not required"
		}
		fr.Events = append(fr.Events, journeyRow{Code: "Section 47 enquiry", Span: when})
	}
	for _, p := range r.Plans {
		fr.Events = append(fr.Events, journeyRow{Code: "Child protection plan, category " + orNotRecorded(p.InitialCategory),
			Span: span(p.Start, p.End, p.Open)})
	}
	for _, p := range r.PreProceedings {
		fr.Events = append(fr.Events, journeyRow{Code: "Pre-proceedings", Span: p.Describe()})
	}
	return fr
}
