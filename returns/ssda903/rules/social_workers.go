package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// socialWorkerRules are the rules on the child's social workers
// (SWEpisodes).
var socialWorkerRules = []*Rule{
	ruleSW01aSTG1,
	ruleSW01bSTG1,
	ruleSW02STG1,
	ruleSW04STG1,
	ruleSW05STG1,
	ruleSW06STG2,
	ruleSW07STG2,
	ruleSW08STG2,
	ruleSW09STG2,
	ruleSW10STG2,
	ruleSW11bSTG2,
	ruleSW12STG2,
	ruleSW13STG1,
	ruleSW17STG2,
}

// ruleSW01aSTG1: every social worker episode must have a valid SW_DECOM,
// and one that began before 1 April 2023 must have an SW_ID.
var ruleSW01aSTG1 = &Rule{
	Code:    "SW01aSTG1",
	Message: "For each social worker episode, information should be complete",
	Description: "If <SW_DECOM> < 01 April 2023 then at least one instance of each of the following items " +
		"should be provided: <SW_ID>, <SW_DECOM>. Note: <SW_REASON> may or may not have been provided.",
	Tables: []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM", "SW_ID"},
	From: 2025,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			switch {
			case !r.SW_DECOM.OK:
				c.Fail(r.Ref, r.SW_DECOM.NotDate("SW_DECOM"))
			case r.SW_DECOM.Day < reasonsRequiredFrom && r.SW_ID == "":
				c.Fail(r.Ref, fmt.Sprintf("SW_ID is blank for an episode that began %s", r.SW_DECOM.Text))
			}
		}
	},
}

// ruleSW01bSTG1: every social worker episode must have a valid SW_DECOM,
// and one that began on or after 1 April 2023 must have an SW_ID and an
// SW_REASON.
var ruleSW01bSTG1 = &Rule{
	Code:    "SW01bSTG1",
	Message: "For each social worker episode, information should be complete",
	Description: "If <SW_DECOM> >= 1 April 2023 then at least one instance of each of the following items " +
		"should be provided: <SW_ID>, <SW_DECOM>, <SW_REASON>.",
	Tables: []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM", "SW_ID", "SW_REASON"},
	From: 2025,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			if !r.SW_DECOM.OK {
				c.Fail(r.Ref, r.SW_DECOM.NotDate("SW_DECOM"))
				continue
			}
			if r.SW_DECOM.Day < reasonsRequiredFrom {
				continue
			}
			var blank []string
			if r.SW_ID == "" {
				blank = append(blank, "SW_ID")
			}
			if r.SW_REASON == "" {
				blank = append(blank, "SW_REASON")
			}
			if len(blank) > 0 {
				verb := "is"
				if len(blank) > 1 {
					verb = "are"
				}
				c.Fail(r.Ref, fmt.Sprintf("%s %s blank for an episode that began %s, on or after 1 April 2023",
					strings.Join(blank, " and "), verb, r.SW_DECOM.Text))
			}
		}
	},
}

// ruleSW02STG1: <SW_ID> must begin with "SW" or "XX" (a blank SW_ID
// fails too).
var ruleSW02STG1 = &Rule{
	Code:    "SW02STG1",
	Message: "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_ID"},
	From: 2024,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			if !strings.HasPrefix(r.SW_ID, "SW") && !strings.HasPrefix(r.SW_ID, "XX") {
				if r.SW_ID == "" {
					c.Fail(r.Ref, "SW_ID is blank")
				} else {
					c.Fail(r.Ref, fmt.Sprintf("SW_ID %q does not begin with SW or XX", r.SW_ID))
				}
			}
		}
	},
}

// ruleSW04STG1: if provided, <SW_DECOM> must be a valid date.
var ruleSW04STG1 = &Rule{
	Code:    "SW04STG1",
	Message: "Date social worker episode began is not a valid date..",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM"},
	From: 2024,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			if !r.SW_DECOM.Blank() && !r.SW_DECOM.OK {
				c.Fail(r.Ref, r.SW_DECOM.NotDate("SW_DECOM"))
			}
		}
	},
}

// ruleSW05STG1: if provided, <SW_DEC> must be a valid date.
var ruleSW05STG1 = &Rule{
	Code:    "SW05STG1",
	Message: "Date social worker episode began is not a valid date.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DEC"},
	From: 2024,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			if !r.SW_DEC.Blank() && !r.SW_DEC.OK {
				c.Fail(r.Ref, r.SW_DEC.NotDate("SW_DEC"))
			}
		}
	},
}

// ruleSW06STG2: a valid <SW_DECOM> must be on or before the collection
// end date.
var ruleSW06STG2 = &Rule{
	Code:    "SW06STG2",
	Message: "Social worker episode data should be within the social worker data reporting year.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM"},
	From: 2024,
	Check: func(c *Context) {
		end := c.Year.End()
		for _, r := range c.This.SWEpisodes {
			if r.SW_DECOM.OK && r.SW_DECOM.Day > end {
				c.Fail(r.Ref, fmt.Sprintf("SW_DECOM %s is after the end of the collection year, %s", r.SW_DECOM.Text, end))
			}
		}
	},
}

// ruleSW07STG2: a valid <SW_DEC> must be on or after the start of the
// social worker reporting period (1 April of the year before the
// collection year) and on or before the collection end date.
var ruleSW07STG2 = &Rule{
	Code: "SW07STG2",
	Message: "Social worker episode end date should be on or after the start of the social worker reporting " +
		"period, and should be on or before the collection end date.",
	Tables: []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DEC"},
	From: 2025,
	Check: func(c *Context) {
		first, end := c.Year.Start().AddYears(-1), c.Year.End()
		for _, r := range c.This.SWEpisodes {
			switch {
			case !r.SW_DEC.OK:
			case r.SW_DEC.Day < first:
				c.Fail(r.Ref, fmt.Sprintf("SW_DEC %s is before %s, the start of the social worker reporting period",
					r.SW_DEC.Text, first))
			case r.SW_DEC.Day > end:
				c.Fail(r.Ref, fmt.Sprintf("SW_DEC %s is after the collection end date, %s", r.SW_DEC.Text, end))
			}
		}
	},
}

// ruleSW08STG2: every social worker episode of a child but the last (by
// <SW_DECOM>) must have ended: its <SW_DEC> must be a valid date.
var ruleSW08STG2 = &Rule{
	Code:    "SW08STG2",
	Message: "A new social worker episode has started, but the previous episode has not ended.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DEC"},
	From: 2024,
	Check: func(c *Context) {
		children, groups := sharedSWGroups(c)
		for g, eps := range groups {
			if children[g] == "" {
				continue
			}
			for i, r := range eps[:len(eps)-1] {
				if !r.SW_DECOM.OK || r.SW_DEC.OK {
					continue
				}
				next := eps[i+1]
				later := "a later social worker episode follows it"
				if next.SW_DECOM.OK {
					later = "a later social worker episode began " + next.SW_DECOM.Text
				}
				c.Fail(r.Ref, fmt.Sprintf("the episode that began %s has not ended (%s), but %s",
					r.SW_DECOM.Text, r.SW_DEC.NotDate("SW_DEC"), later))
			}
		}
	},
}

// ruleSW09STG2: <SW_DEC> must not be the same day as <SW_DECOM>.
var ruleSW09STG2 = &Rule{
	Code:    "SW09STG2",
	Message: "Social worker episode appears to have lasted for less than 24 hours.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM", "SW_DEC"},
	From: 2024,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			same := r.SW_DECOM.OK && r.SW_DEC.OK && r.SW_DECOM.Day == r.SW_DEC.Day
			if !r.SW_DECOM.OK || !r.SW_DEC.OK {
				same = !r.SW_DEC.Blank() && r.SW_DEC.Text == r.SW_DECOM.Text
			}
			if same {
				c.Fail(r.Ref, fmt.Sprintf("SW_DECOM %s and SW_DEC %s are the same day", r.SW_DECOM.Text, r.SW_DEC.Text))
			}
		}
	},
}

// ruleSW10STG2: if the episode's <SW_REASON> is not FCONTA, its
// <SW_DECOM> must not be more than 7 days before the <SW_DEC> of the
// child's previous social worker episode (ordered by SW_DECOM then
// SW_DEC), and the previous episode must have ended.
var ruleSW10STG2 = &Rule{
	Code:    "SW10STG2",
	Message: "A new social worker episode has started before the end date of the previous social worker episode.",
	Description: "If the current social worker episode <SW_REASON> is not = 'FCONTA' then <SW_DECOM> of the " +
		"current episode must be >= (<SW_DEC> +/- 7 days) of the previous episode, if present.",
	Tables: []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DECOM"},
	From: 2025,
	Check: func(c *Context) {
		_, groups := childGroups(c.This.SWEpisodes, func(r *SWEpisodeRow) string { return r.CHILD })
		for _, eps := range groups {
			slices.SortStableFunc(eps, func(a, b *SWEpisodeRow) int {
				return cmp.Or(dateCmp(a.SW_DECOM, b.SW_DECOM), dateCmp(a.SW_DEC, b.SW_DEC))
			})
			for i := 1; i < len(eps); i++ {
				r, prev := eps[i], eps[i-1]
				if r.SW_REASON == "FCONTA" || !r.SW_DECOM.OK {
					continue
				}
				switch {
				case !prev.SW_DEC.OK:
					c.Fail(r.Ref, fmt.Sprintf("the episode begins %s but the previous episode, which began %s, has not ended (%s)",
						r.SW_DECOM.Text, showText(prev.SW_DECOM.Text), prev.SW_DEC.NotDate("SW_DEC")))
				case r.SW_DECOM.Day < prev.SW_DEC.Day.AddDays(-7):
					c.Fail(r.Ref, fmt.Sprintf("the episode begins %s, more than 7 days before the previous episode ended (SW_DEC %s)",
						r.SW_DECOM.Text, prev.SW_DEC.Text))
				}
			}
		}
	},
}

// ruleSW11bSTG2: a social worker episode that ended in the last days of
// the collection year (<SW_DEC> from 5 days before 31 March to 31 March)
// must be followed by another social worker episode.
var ruleSW11bSTG2 = &Rule{
	Code:    "SW11bSTG2",
	Message: "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DEC"},
	From: 2024,
	Check: func(c *Context) {
		end := c.Year.End()
		from := end.AddDays(-5)
		inWindow := func(d DateField) bool { return Between(d, from, end) }
		_, groups := sharedSWGroups(c)
		for _, eps := range groups {
			for i, r := range eps {
				if i > 0 && !r.SW_DECOM.OK && inWindow(eps[i-1].SW_DEC) {
					// The episode that follows one ending near 31 March has no start date.
					c.Fail(r.Ref, fmt.Sprintf("the previous episode ended %s, near 31 March, and this following episode has no start date (%s)",
						eps[i-1].SW_DEC.Text, r.SW_DECOM.NotDate("SW_DECOM")))
				}
			}
			// The latest episode with a start date, when nothing follows it.
			last := len(eps) - 1
			r := eps[last]
			if !r.SW_DECOM.OK || !inWindow(r.SW_DEC) {
				continue
			}
			if last > 0 && !(eps[last-1].SW_DECOM.OK && eps[last-1].SW_DECOM.Day < r.SW_DEC.Day) {
				continue // the dates are out of order; other rules report them
			}
			c.Fail(r.Ref, fmt.Sprintf("the episode ended %s, between %s and %s, and no later social worker episode follows it",
				r.SW_DEC.Text, from, end))
		}
	},
}

// ruleSW12STG2: for a child looked after on 31 March, each episode of
// care that starts care (<RNE> = S) or ends it (<REC> not X1) in the
// previous or the current collection year, other than short breaks (<LS>
// V3, V4), must have a corresponding social worker episode: one that began
// on or after the care began, or on or before it ended. The peer checks
// every child; the DfE's message limits the rule to children looked after
// on 31 March, and Village follows the message.
var ruleSW12STG2 = &Rule{
	Code: "SW12STG2",
	Message: "If a child is looked after on 31 March then all social worker episodes for the full previous " +
		"year should be reported, even those whilst they were not looked after",
	Tables: []ssda903.TableName{ssda903.SWEpisodes, ssda903.Episodes},
	Fields: []string{"SW_DECOM", "DECOM", "DEC", "RNE", "REC", "LS"},
	From:   2025,
	Check: func(c *Context) {
		type span struct{ min, max calendar.Date } // the child's earliest and latest valid SW_DECOM
		sw := make(map[string]*span, len(c.This.children))
		for _, r := range c.This.SWEpisodes {
			if !r.SW_DECOM.OK {
				continue
			}
			s := sw[r.CHILD]
			switch {
			case s == nil:
				sw[r.CHILD] = &span{r.SW_DECOM.Day, r.SW_DECOM.Day}
			case r.SW_DECOM.Day < s.min:
				s.min = r.SW_DECOM.Day
			case r.SW_DECOM.Day > s.max:
				s.max = r.SW_DECOM.Day
			}
		}
		first, end := c.Year.Start().AddYears(-1), c.Year.End()
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) || !c.This.LookedAfterOn(e.CHILD, end) {
				continue // the rule is about children looked after on 31 March
			}
			if e.DEC.OK && (e.DEC.Day < first || e.DEC.Day > end) {
				continue
			}
			starts := e.RNE == "S"
			ends := e.REC != "X1" && !(e.REC == "" && e.DEC.Blank())
			if !starts && !ends {
				continue
			}
			s := sw[e.CHILD]
			if s != nil {
				if ends && e.DEC.OK && s.min <= e.DEC.Day {
					continue
				}
				if starts && e.DECOM.OK && s.max >= e.DECOM.Day {
					continue
				}
			}
			var why string
			switch {
			case s == nil:
				why = "the child has no social worker episode with a valid SW_DECOM"
			case starts && ends:
				why = fmt.Sprintf("the episode starts care (RNE S, DECOM %s) and ends it (REC %s, DEC %s), but no social worker "+
					"episode began on or after DECOM or on or before DEC", showText(e.DECOM.Text), showText(e.REC),
					showText(e.DEC.Text))
			case starts:
				why = fmt.Sprintf("the episode starts care (RNE S, DECOM %s) but no social worker episode began on or after that day",
					showText(e.DECOM.Text))
			default:
				why = fmt.Sprintf("the episode ends care (REC %s, DEC %s) but no social worker episode began on or before that day",
					showText(e.REC), showText(e.DEC.Text))
			}
			c.Fail(e.Ref, why, "DECOM", "DEC", "RNE", "REC", "LS")
		}
	},
}

// ruleSW13STG1: if provided, <SW_REASON> must be a valid code; it must be
// provided for an episode that began on or after 1 April 2023.
var ruleSW13STG1 = &Rule{
	Code:    "SW13STG1",
	Message: "The reason for social worker change is not valid.",
	Tables:  []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_REASON"},
	From: 2025,
	Check: func(c *Context) {
		for _, r := range c.This.SWEpisodes {
			switch {
			case r.SW_REASON == "":
				if r.SW_DECOM.OK && r.SW_DECOM.Day >= reasonsRequiredFrom {
					c.Fail(r.Ref, fmt.Sprintf("SW_REASON is blank for an episode that began %s, on or after 1 April 2023",
						r.SW_DECOM.Text))
				}
			case !ssda903.ValidCode("SW_REASON", r.SW_REASON, c.Year):
				c.Fail(r.Ref, invalidCode("SW_REASON", r.SW_REASON, c.Year))
			}
		}
	},
}

// ruleSW17STG2: for each child, the social worker episode with the latest
// <SW_DECOM> must be open (<SW_DEC> blank).
var ruleSW17STG2 = &Rule{
	Code:        "SW17STG2",
	Message:     "There is no social worker episode open at 31 March",
	Description: "For the last social worker episode (the episode with the latest <SW_DECOM>), <SW_DEC> must be null.",
	Tables:      []ssda903.TableName{ssda903.SWEpisodes}, Fields: []string{"SW_DEC", "SW_DECOM"},
	From: 2026,
	Check: func(c *Context) {
		_, groups := sharedSWGroups(c)
		for _, eps := range groups {
			// The latest episodes: those sharing the latest valid SW_DECOM, or,
			// when none has a valid SW_DECOM, all of them.
			latest := eps
			if eps[0].SW_DECOM.OK {
				i := len(eps) - 1
				for !eps[i].SW_DECOM.OK {
					i--
				}
				j := i
				for j > 0 && eps[j-1].SW_DECOM.OK && eps[j-1].SW_DECOM.Day == eps[i].SW_DECOM.Day {
					j--
				}
				latest = eps[j : i+1]
			}
			open := false
			for _, r := range latest {
				open = open || r.SW_DEC.Blank()
			}
			if !open {
				r := latest[len(latest)-1]
				c.Fail(r.Ref, fmt.Sprintf("the child's latest social worker episode (SW_DECOM %s) has SW_DEC %s, so none is open at 31 March",
					showText(r.SW_DECOM.Text), r.SW_DEC.Text))
			}
		}
	},
}

// reasonsRequiredFrom is 1 April 2023, from which every social worker
// episode must carry a reason for the change of social worker.
var reasonsRequiredFrom = calendar.NewDate(2023, 4, 1)

// sharedSWGroups is orderedByChild of this year's social worker episodes,
// worked out once for the rules that read them so (they only read them).
func sharedSWGroups(c *Context) (children []string, groups [][]*SWEpisodeRow) {
	g := c.Memo("ordered SWEpisodes", func() any {
		children, groups := orderedByChild(c.This.SWEpisodes)
		return childGrouping[*SWEpisodeRow]{children, groups}
	}).(childGrouping[*SWEpisodeRow])
	return g.children, g.groups
}

// orderedByChild returns each child's social worker episodes ordered by
// SW_DECOM, those without a valid SW_DECOM last, ties in file order; the
// children are in order of first appearance.
func orderedByChild(rows []*SWEpisodeRow) (children []string, groups [][]*SWEpisodeRow) {
	children, groups = childGroups(rows, func(r *SWEpisodeRow) string { return r.CHILD })
	for _, eps := range groups {
		slices.SortStableFunc(eps, func(a, b *SWEpisodeRow) int { return dateCmp(a.SW_DECOM, b.SW_DECOM) })
	}
	return children, groups
}
