package indicators

import (
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// reviewMethod is one of the DfE's REVIEW_CODE participation codes, in
// its wording.
type reviewMethod struct {
	code, wording string
}

// reviewMethods are the codes PN0 to PN7 as the DfE's 903 guidance words
// them.
var reviewMethods = []reviewMethod{
	{"PN0", "Child aged under 4 at the time of the review"},
	{"PN1", "Child physically attends and speaks for him or herself"},
	{"PN2", "Child physically attends and an advocate speaks on his or her behalf"},
	{"PN3", "Child attends and conveys his or her view symbolically (non-verbally)"},
	{"PN4", "Child physically attends but does not speak for him or herself, does not convey his or her view " +
		"symbolically (non-verbally) and does not ask an advocate to speak for him or her"},
	{"PN5", "Child does not attend physically but briefs an advocate to speak for him or her"},
	{"PN6", "Child does not attend but conveys his or her feelings to the review by a facilitative medium"},
	{"PN7", "Child does not attend nor are his or her views conveyed to the review"},
}

// Participation codes: those of a child of 4 or over, and those where the
// child's views reached the review, as the DfE's participation measure
// (formerly PAF C63) counts them.
var (
	ageFourCodes  = []string{"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"}
	heardCodes    = []string{"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}
	allReviewCode = append([]string{"PN0"}, ageFourCodes...)
)

// reviewsText says which reviews the participation indicators count, for
// definitions.
const reviewsText = "Reviews rows (REVIEW, REVIEW_CODE) dated in the period, of children looked after at any time in " +
	"it; the same review submitted again in a later year's return is counted once, and a row whose REVIEW is not a " +
	"date or whose REVIEW_CODE is not PN0-PN7 is not counted. The value is a share of reviews; the children counted " +
	"are those with a review in the numerator, out of those with one in the denominator, so that small numbers of " +
	"children are what is suppressed."

// reviewIndicators are the child's voice: how children took part in their
// reviews, and whether the reviews were held on time.
var reviewIndicators = append([]*Indicator{
	{
		ID:    "review_participation_share",
		Title: "Share of reviews where the child's views were heard",
		Definition: "Reviews coded PN1-PN6 (the child attended, or their views were conveyed by an advocate or a " +
			"facilitative medium) ÷ reviews coded PN1-PN7 × 100. Reviews of children under 4 (PN0) are left out, and " +
			"given apart in review_participation_by_method_pn0. PN4 (attends without contributing) counts as taking " +
			"part, as the DfE's participation measure counted it. " + reviewsText,
		Unit: Percent, Direction: HigherIsBetter,
		Compute: reviewShare(ageFourCodes, heardCodes),
	},
	{
		ID:    "reviews_on_time_share",
		Title: "Share of children looked after whose reviews were on time",
		Definition: "Of the children looked after on the period's last day whose first review had fallen due by then, " +
			"the share whose every review due by that day was held on time, as the Care Planning, Placement and Case " +
			"Review (England) Regulations 2010 (regulation 33) set: the first within 20 working days of the start of " +
			"the current period of care (bank holidays in England and Wales not counted), the second within 3 months " +
			"of the first, and each later one within 6 months of the one before. A review due before the last day and " +
			"not yet held makes the child late; one due on the last day does not. Reviews are the Reviews rows dated " +
			"from the start of the period of care to the last day, whatever their code. A child whose period of care " +
			"began before the first loaded return is left out, since the day it began, from which the reviews are " +
			"timed, is not in the data; the figure says how many were left out, and is marked incomplete when they " +
			"are 5% or more.",
		Unit: Percent, Direction: HigherIsBetter,
		Compute: reviewsOnTime,
	},
}, methodIndicators()...)

// methodIndicators are review_participation_by_method: the share of
// reviews in each participation code, PN0 of every review, the others of
// the reviews of children aged 4 or over.
func methodIndicators() []*Indicator {
	out := make([]*Indicator, 0, len(reviewMethods))
	for _, m := range reviewMethods {
		of, ofText := ageFourCodes, "reviews coded PN1-PN7 (children aged 4 or over), so that PN1-PN7 add up to 100"
		if m.code == "PN0" {
			of, ofText = allReviewCode, "reviews coded PN0-PN7: the reviews of children under 4, kept apart"
		}
		out = append(out, &Indicator{
			ID:    "review_participation_by_method_" + strings.ToLower(m.code),
			Title: "Share of reviews coded " + m.code + ": " + m.wording,
			Definition: "Reviews coded " + m.code + " (the DfE's wording: \"" + m.wording + "\") ÷ " + ofText + " × 100. " +
				reviewsText,
			Unit: Percent, Direction: Neither,
			Compute: reviewShare(of, []string{m.code}),
		})
	}
	return out
}

// reviewsIn counts the child's reviews dated in the period with one of
// the codes.
func reviewsIn(c *journey.Child, p calendar.Period, codes []string) int {
	n := 0
	for i := range c.Reviews {
		r := &c.Reviews[i]
		if r.HasDate && p.Contains(r.Date) && slices.Contains(codes, r.Code) {
			n++
		}
	}
	return n
}

// reviewShare is the percentage of the reviews in the period coded one of
// of that are coded one of num, over the children looked after during the
// period; Numerator and Denominator count the children with such reviews.
func reviewShare(of, num []string) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		var ids []string
		reviews, heard, children := 0, 0, 0
		for _, c := range set.Children {
			n := reviewsIn(c, p, of)
			if n == 0 || !lookedAfterDuring(c, p) {
				continue
			}
			children++
			reviews += n
			if k := reviewsIn(c, p, num); k > 0 {
				heard += k
				ids = append(ids, c.ID)
			}
		}
		v := Value{Numerator: len(ids), Denominator: children, Children: ids}
		if reviews > 0 {
			v.Value, v.Known = 100*float64(heard)/float64(reviews), true
		}
		return v
	}
}

// Review intervals set by the Care Planning Regulations, regulation 33.
const (
	firstReviewWorkingDays = 20
	secondReviewMonths     = 3
	laterReviewMonths      = 6
)

// reviewsOnTime is the share of the children looked after on the
// period's last day, with a review due by then, whose reviews were all
// on time; children whose period of care began before the first return
// are left out.
func reviewsOnTime(set *journey.Set, p calendar.Period, _ Population) Value {
	var ids []string
	denom, leftOut := 0, 0
	for _, c := range set.Children {
		q := c.PeriodOn(p.End)
		if q == nil || calendar.AddWorkingDays(q.Start, firstReviewWorkingDays) > p.End {
			continue
		}
		if q.LeftCensored {
			leftOut++
			continue
		}
		denom++
		if onTime(c, q.Start, p.End) {
			ids = append(ids, c.ID)
		}
	}
	v := share(ids, denom)
	v.LeftOut = leftOut
	return v
}

// onTime reports whether every review of a period of care that began on
// day start, due by day last, was held by its due day.
func onTime(c *journey.Child, start, last calendar.Date) bool {
	due := calendar.AddWorkingDays(start, firstReviewWorkingDays)
	held := 0
	for i := range c.Reviews {
		r := &c.Reviews[i]
		if !r.HasDate || r.Date < start || r.Date > last {
			continue
		}
		if r.Date > due {
			return false
		}
		held++
		due = r.Date.AddMonths(laterReviewMonths)
		if held == 1 {
			due = r.Date.AddMonths(secondReviewMonths)
		}
	}
	return due >= last
}
