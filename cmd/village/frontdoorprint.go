package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
)

// printChild prints a child's front door, then the journey through care,
// then both in date order. fronts is every child's front door, for the
// years the censuses cover.
func printChild(w io.Writer, j *frontdoor.Joined, fronts *frontdoor.Set) {
	if j.Care != nil {
		printJourney(w, j.Care)
	} else {
		printFrontChild(w, j.Front)
	}
	fmt.Fprintln(w)
	printFrontDoor(w, j.Front, fronts)
	if j.Mismatch != "" {
		fmt.Fprintf(w, "\nCheck the ID: %s.\n", j.Mismatch)
	}
	if j.Care == nil {
		fmt.Fprintln(w, "\nNot looked after in the SSDA903 returns loaded.")
		return
	}
	if j.Front == nil {
		return
	}
	fmt.Fprintln(w, "\nFrom referral to care:")
	for _, e := range j.Entries {
		p := j.Care.Periods[e.Period]
		kind := "Period of care"
		if p.ShortBreak {
			kind = "Short breaks"
		}
		fmt.Fprintf(w, "  %s %d began %s, ", kind, e.Period+1, p.Start.Long())
		switch {
		case e.Referral < 0:
			fmt.Fprintln(w, "with no referral before it in the CIN censuses loaded")
		case e.Open:
			fmt.Fprintf(w, "%s after referral %d, which was open then\n", days(e.Days), e.Referral+1)
		default:
			fmt.Fprintf(w, "%s after referral %d, which had closed\n", days(e.Days), e.Referral+1)
		}
	}
	fmt.Fprintln(w, "\nIn date order:")
	for _, s := range j.Steps {
		fmt.Fprintf(w, "  %-17s %s\n", s.Date.Long(), terminal(s.What))
	}
}

// printFrontChild prints the line about a child the 903 does not have.
func printFrontChild(w io.Writer, c *frontdoor.Child) {
	dob := "not known"
	if c.HasDOB {
		dob = c.DOB.Long()
	}
	fmt.Fprintf(w, "Child %s: born %s, sex %s\n", terminal(c.ID), dob, terminal(orBlank(c.Sex)))
}

// printFrontDoor prints a child's referrals and what followed each.
func printFrontDoor(w io.Writer, c *frontdoor.Child, fronts *frontdoor.Set) {
	if fronts.First == 0 {
		fmt.Fprintln(w, "Front door: no CIN census is loaded.")
		return
	}
	years := fronts.First.String()
	if fronts.Last != fronts.First {
		years += " to " + fronts.Last.String()
	}
	if c == nil {
		fmt.Fprintf(w, "Front door: no referral for this ID in the CIN censuses loaded (%s).\n", years)
		return
	}
	fmt.Fprintf(w, "Front door (CIN census %s): %s.\n", years, plural(len(c.Referrals), "referral"))
	if c.LeftCensored {
		fmt.Fprintf(w, "A referral was open before the first census began: what happened before %s is not in the data.\n", fronts.First.Start().Long())
	}
	for i, r := range c.Referrals {
		fmt.Fprintf(w, "\nReferral %d: %s, source %s, primary need %s", i+1, span(r.Start, r.End, r.Open), terminal(orBlank(r.Source)), terminal(orBlank(r.Need)))
		if !r.Open {
			fmt.Fprintf(w, ", closed %s", terminal(orBlank(r.ClosureReason)))
		}
		if r.NFA {
			fmt.Fprint(w, ", no further action")
		}
		fmt.Fprintln(w)
		for _, a := range r.Assessments {
			if a.Done {
				fmt.Fprintf(w, "  assessment       %s (%s)", span(a.Start, a.Authorised, false), days(int(a.Authorised-a.Start)))
			} else {
				fmt.Fprintf(w, "  assessment       %s", span(a.Start, 0, true))
			}
			if len(a.Factors) > 0 {
				fmt.Fprintf(w, ", factors %s", terminal(strings.Join(a.Factors, " ")))
			}
			fmt.Fprintln(w)
		}
		for _, p := range r.CINPlans {
			fmt.Fprintf(w, "  CIN plan         %s\n", span(p.Start, p.End, p.Open))
		}
		for _, s := range r.Section47s {
			fmt.Fprintf(w, "  section 47       %s", s.Start.Long())
			switch {
			case s.HeldICPC:
				fmt.Fprintf(w, ", initial conference %s\n", s.Conference.Long())
			case s.NotRequired:
				fmt.Fprintln(w, ", initial conference not required")
			default:
				fmt.Fprintln(w, ", no initial conference recorded")
			}
		}
		for _, p := range r.Plans {
			fmt.Fprintf(w, "  protection plan  %s, category %s", span(p.Start, p.End, p.Open), terminal(orBlank(p.InitialCategory)))
			if p.LatestCategory != "" && p.LatestCategory != p.InitialCategory {
				fmt.Fprintf(w, " (latest %s)", terminal(p.LatestCategory))
			}
			fmt.Fprintf(w, ", %s\n", plural(len(p.Reviews), "review"))
		}
		for _, p := range r.PreProceedings {
			fmt.Fprintf(w, "  pre-proceedings  %s\n", terminal(p.Describe()))
		}
		fmt.Fprintf(w, "  in the census for %s", yearList(r.Years))
		if r.NotCarried {
			fmt.Fprint(w, "; open there but missing from later censuses, so closed on a date not recorded")
		}
		fmt.Fprintln(w)
	}
}

func yearList(ys []calendar.Year) string {
	names := make([]string, len(ys))
	for i, y := range ys {
		names[i] = y.String()
	}
	return strings.Join(names, ", ")
}

func days(n int) string { return plural(n, "day") }
