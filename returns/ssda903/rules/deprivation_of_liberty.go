package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// deprivationOfLibertyRules are the rules on deprivations of liberty (DoLo).
var deprivationOfLibertyRules = []*Rule{
	rule700,
	rule701,
	rule702,
	rule703,
	rule704,
	rule705,
	rule707,
	rule708,
	rule709,
	rule710,
}

// rule700: <DOLO_START> must be present and a valid date.
var rule700 = &Rule{
	Code: "700", Message: "The start date of the DoLO is not a valid date.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START"},
	From: 2027,
	Check: func(c *Context) {
		for _, r := range c.This.DoLo {
			if !r.DOLO_START.OK {
				c.Fail(r.Ref, r.DOLO_START.NotDate("DOLO_START"))
			}
		}
	},
}

// rule701: if provided, <DOLO_END> must be a valid date.
var rule701 = &Rule{
	Code: "701", Message: "The end date of the DoLO is not a valid date.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_END"},
	From: 2027,
	Check: func(c *Context) {
		for _, r := range c.This.DoLo {
			if !r.DOLO_END.Blank() && !r.DOLO_END.OK {
				c.Fail(r.Ref, r.DOLO_END.NotDate("DOLO_END"))
			}
		}
	},
}

// rule702: when both are valid dates, <DOLO_END> must be after
// <DOLO_START> (an order that ends the day it starts fails too).
var rule702 = &Rule{
	Code: "702", Message: "The date that the DoLO ended is before the date that it started.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START", "DOLO_END"},
	From: 2027,
	Check: func(c *Context) {
		for _, r := range c.This.DoLo {
			if !r.DOLO_START.OK || !r.DOLO_END.OK {
				continue
			}
			switch {
			case r.DOLO_END.Day < r.DOLO_START.Day:
				c.Fail(r.Ref, fmt.Sprintf("DOLO_END %s is before DOLO_START %s", r.DOLO_END.Text, r.DOLO_START.Text))
			case r.DOLO_END.Day == r.DOLO_START.Day:
				c.Fail(r.Ref, fmt.Sprintf("DOLO_END %s is the same day as DOLO_START %s", r.DOLO_END.Text, r.DOLO_START.Text))
			}
		}
	},
}

// rule703: a valid <DOLO_START> must be on or before the collection end
// date.
var rule703 = &Rule{
	Code: "703", Message: "The date that the DoLO started is after the end of the collection year.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START"},
	From: 2027,
	Check: func(c *Context) {
		end := c.Year.End()
		for _, r := range c.This.DoLo {
			if r.DOLO_START.OK && r.DOLO_START.Day > end {
				c.Fail(r.Ref, fmt.Sprintf("DOLO_START %s is after the end of the collection year, %s", r.DOLO_START.Text, end))
			}
		}
	},
}

// rule704: a valid <DOLO_END> must be within the collection year.
var rule704 = &Rule{
	Code: "704", Message: "The date that the DoLO ended is before the start or after the end of the collection year.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_END"},
	From: 2027,
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		for _, r := range c.This.DoLo {
			switch {
			case !r.DOLO_END.OK:
			case r.DOLO_END.Day < start:
				c.Fail(r.Ref, fmt.Sprintf("DOLO_END %s is before the start of the collection year, %s", r.DOLO_END.Text, start))
			case r.DOLO_END.Day > end:
				c.Fail(r.Ref, fmt.Sprintf("DOLO_END %s is after the end of the collection year, %s", r.DOLO_END.Text, end))
			}
		}
	},
}

// rule705: taking each child's DoLOs in order of end date (the start date
// for one without a valid end), a DoLO must not follow one that has no
// valid <DOLO_END>, nor start before the previous one ended.
var rule705 = &Rule{
	Code: "705", Message: "A DoLO cannot start when the previous DoLO is still open.",
	Description: "If provided <DOLO_START> from current DoLO occurrence must be >= previous DoLO occurrence " +
		"<DOLO_START> and previous DoLO occurrence <DOLO_END> cannot be Null.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START", "DOLO_END"},
	From: 2027,
	Check: func(c *Context) {
		// key orders by end date, or start date when the end is not valid.
		key := func(r *DoLoRow) DateField {
			if r.DOLO_END.OK {
				return r.DOLO_END
			}
			return r.DOLO_START
		}
		_, groups := childGroups(c.This.DoLo, func(r *DoLoRow) string { return r.CHILD })
		for _, rows := range groups {
			slices.SortStableFunc(rows, func(a, b *DoLoRow) int {
				return cmp.Or(dateCmp(key(a), key(b)), dateCmp(a.DOLO_START, b.DOLO_START))
			})
			for i := 1; i < len(rows); i++ {
				r, prev := rows[i], rows[i-1]
				switch {
				case !prev.DOLO_END.OK:
					c.Fail(r.Ref, fmt.Sprintf("the previous DoLO, which started %s, is still open (%s)",
						showText(prev.DOLO_START.Text), prev.DOLO_END.NotDate("DOLO_END")))
				case r.DOLO_START.OK && r.DOLO_START.Day < prev.DOLO_END.Day:
					c.Fail(r.Ref, fmt.Sprintf("DOLO_START %s is before the previous DoLO ended, %s",
						r.DOLO_START.Text, prev.DOLO_END.Text))
				}
			}
		}
	},
}

// rule707: a DoLO with a valid <DOLO_START> must fall within one of the
// child's periods of care: one without a valid <DOLO_END> must belong to
// a period of care still going on that began on or before it; one with an
// end date must end within a period of care.
var rule707 = &Rule{
	Code: "707", Message: "Child ceased to be looked after but there is a DoLO without an end date.",
	Tables: []ssda903.TableName{ssda903.DoLo, ssda903.Episodes}, Fields: []string{"DOLO_START", "DOLO_END"},
	From: 2027,
	Check: func(c *Context) {
		periods := map[string][]periodOfCare{} // for the children with DoLOs
		for _, r := range c.This.DoLo {
			pocs, done := periods[r.CHILD]
			if !done {
				pocs = periodsOfCare(c.This.EpisodesOf(r.CHILD))
				periods[r.CHILD] = pocs
			}
			if !r.DOLO_START.OK || len(pocs) == 0 {
				continue
			}
			within := false
			for _, p := range pocs {
				if p.fits(r.DOLO_START, r.DOLO_END) {
					within = true
					break
				}
			}
			if within {
				continue
			}
			last := pocs[len(pocs)-1]
			care := fmt.Sprintf("the child's last period of care ran from %s to %s", last.start.Text, showText(last.end.Text))
			if !last.end.OK {
				care = fmt.Sprintf("the child's last period of care began %s", last.start.Text)
			}
			if !r.DOLO_END.OK {
				c.Fail(r.Ref, fmt.Sprintf("the DoLO starting %s has no end date (%s), but the child has no period of care "+
					"still going on that began on or before it: %s", r.DOLO_START.Text, r.DOLO_END.NotDate("DOLO_END"), care))
			} else {
				c.Fail(r.Ref, fmt.Sprintf("the DoLO from %s to %s does not end within any of the child's periods of care: %s",
					r.DOLO_START.Text, r.DOLO_END.Text, care))
			}
		}
	},
}

// rule708: a valid <DOLO_START> must be after the child's <DOB>.
var rule708 = &Rule{
	Code: "708", Message: "Dates of DoLOs are before child’s date of birth.",
	Description: "If <DOLO_START> not Null, then <DOLO_START> must be > <DOB>.",
	Tables:      []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START", "DOB"},
	From: 2027,
	Check: func(c *Context) {
		for _, r := range c.This.DoLo {
			if r.DOLO_START.OK && r.DOB.OK && r.DOLO_START.Day <= r.DOB.Day {
				rel := "before"
				if r.DOLO_START.Day == r.DOB.Day {
					rel = "the same day as"
				}
				c.Fail(r.Ref, fmt.Sprintf("DOLO_START %s is %s DOB %s", r.DOLO_START.Text, rel, r.DOB.Text))
			}
		}
	},
}

// rule709: for each DoLO with a start and end date, every episode that
// overlaps it must have <PLACE> K2, Z12 or Z13.
var rule709 = &Rule{
	Code: "709", Message: "Child with a DoLO is in an unexpected placement type.",
	Description: "If <DOLO_START> and <DOLO_END> are present then <PLACEMENT> for any episode where <DECOM> " +
		"and <DEC> overlap the DoLO should be 'K2', 'Z12', or 'Z13'.",
	Tables: []ssda903.TableName{ssda903.DoLo, ssda903.Episodes}, Fields: []string{"DOLO_START", "DOLO_END", "PLACE", "DECOM", "DEC"},
	From: 2027,
	Check: func(c *Context) {
		failDoLoPlacements(c, func(place string) string {
			if place == "K2" || place == "Z12" || place == "Z13" {
				return ""
			}
			return fmt.Sprintf("%s is not K2, Z12 or Z13", showText(place))
		})
	},
}

// rule710: for each DoLO with a start and end date, no episode that
// overlaps it may have <PLACE> K1, P1, R5 or K3.
var rule710 = &Rule{
	Code: "710",
	Message: "Child with a DoLO can not be placed in secure children's homes, with parents, young offender " +
		"institutions, or supported accommodation.",
	Description: "If <DOLO_START> and <DOLO_END> are present then <PLACEMENT> for any episode where <DECOM> " +
		"and <DEC> overlap the DoLO must not be 'K1', 'P1', 'R5', 'K3'.",
	Tables: []ssda903.TableName{ssda903.DoLo, ssda903.Episodes}, Fields: []string{"DOLO_START", "DOLO_END", "PLACE", "DECOM", "DEC"},
	From: 2027,
	Check: func(c *Context) {
		failDoLoPlacements(c, func(place string) string {
			switch place {
			case "K1", "P1", "R5", "K3":
				return place + " is not allowed during a DoLO"
			}
			return ""
		})
	},
}

// failDoLoPlacements checks every pair of a DoLO with both dates and an
// episode of the same child that overlaps it (the DoLO starts on or
// before the episode's DEC, or the episode has no valid DEC, and ends on
// or after its DECOM). wrong says why an episode's PLACE breaks the rule,
// or "" when it does not. Each DoLO and each episode in a failing pair
// fails once.
func failDoLoPlacements(c *Context, wrong func(place string) string) {
	var order []Ref
	why := map[Ref]string{}
	others := map[Ref][]string{}
	add := func(ref Ref, reason, other string) {
		if _, seen := why[ref]; !seen {
			order = append(order, ref)
			why[ref] = reason
		}
		others[ref] = append(others[ref], other)
	}
	for _, d := range c.This.DoLo {
		if !d.DOLO_START.OK || !d.DOLO_END.OK {
			continue
		}
		for _, e := range c.This.EpisodesOf(d.CHILD) {
			if !e.DECOM.OK || d.DOLO_END.Day < e.DECOM.Day || (e.DEC.OK && d.DOLO_START.Day > e.DEC.Day) {
				continue
			}
			place := wrong(e.PLACE)
			if place == "" {
				continue
			}
			episode := "the episode from " + e.DECOM.Text
			switch {
			case e.DEC.Blank():
				episode += " (still open)"
			case !e.DEC.OK:
				episode += fmt.Sprintf(" (DEC %q is not a valid date)", e.DEC.Text)
			default:
				episode += " to " + e.DEC.Text
			}
			add(d.Ref, "the DoLO overlaps", fmt.Sprintf("%s, whose PLACE %s", episode, place))
			add(e.Ref, fmt.Sprintf("PLACE %s, and the episode overlaps", place),
				fmt.Sprintf("the DoLO from %s to %s", d.DOLO_START.Text, d.DOLO_END.Text))
		}
	}
	for _, ref := range order {
		text := why[ref] + " " + strings.Join(firstItems(others[ref], 3), ", ")
		if ref.Table == ssda903.DoLo {
			c.Fail(ref, text, "DOLO_START", "DOLO_END")
		} else {
			c.Fail(ref, text, "PLACE", "DECOM", "DEC")
		}
	}
}

// firstItems keeps the first n items and says how many more there were.
func firstItems(items []string, n int) []string {
	if len(items) <= n {
		return items
	}
	return append(items[:n:n], fmt.Sprintf("and %d more", len(items)-n))
}
