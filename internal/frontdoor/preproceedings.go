package frontdoor

import (
	"cmp"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// PreProceeding is one block of pre-proceedings under the Public Law
// Outline (the census's PreProceedingsandFGDM, from 2026/27): the
// decision to start them, the letter before proceedings, any family group
// decision making (FGDM) meeting, the first pre-proceedings meeting, the
// decision to step up or down and any court application. A date not given,
// or not a valid date, is zero; the coded fields are as submitted.
type PreProceeding struct {
	Start            calendar.Date // PPStartDate
	LetterSent       calendar.Date // LBPSentDate
	FirstMeeting     calendar.Date // InitialPPMeetingDate
	StepDecision     calendar.Date // StepDecisionDate
	CourtApplication calendar.Date // CourtAppDate
	LetterToParents  calendar.Date // LetterInitCPDate
	FGDMOffered      string        // FGDMMeetingOffer: 1 offered, 0 not
	FGDMHeld         string        // FGDMMeetingFac: 1 held, 0 not
	ReviewMeetings   string        // ReviewMeetingsCount
	Outcome          string        // PPOutcome
	Year             calendar.Year // the census that last gave it
}

// readPreProceedings adds each referral's pre-proceedings. A block
// without a valid PPStartDate cannot be placed in time and is left out.
func readPreProceedings(r *returns.Return, at finder) {
	t := r.Table(cin.PreProceedings)
	if t == nil {
		return
	}
	col := columns(t.Schema, "LAchildID", "CINdetailsID", "PPStartDate", "LBPSentDate", "FGDMMeetingOffer",
		"FGDMMeetingFac", "InitialPPMeetingDate", "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome",
		"CourtAppDate", "LetterInitCPDate")
	optional := func(row returns.Row, c int) calendar.Date {
		d, _ := date(value(row, c))
		return d
	}
	for _, row := range t.Rows {
		ref := at(row, col[0], col[1])
		start, ok := date(value(row, col[2]))
		if ref == nil || !ok {
			continue
		}
		ref.PreProceedings = append(ref.PreProceedings, PreProceeding{Start: start, LetterSent: optional(row, col[3]),
			FGDMOffered: value(row, col[4]), FGDMHeld: value(row, col[5]), FirstMeeting: optional(row, col[6]),
			ReviewMeetings: value(row, col[7]), StepDecision: optional(row, col[8]), Outcome: value(row, col[9]),
			CourtApplication: optional(row, col[10]), LetterToParents: optional(row, col[11]), Year: r.Year})
	}
}

// mergePreProceedings keeps a referral's pre-proceedings across the
// censuses that restate it. Unlike the rest of a referral, a census gives
// only the pre-proceedings that started in its year (rule 9005), so a
// later census's silence about an earlier block is no amendment: the
// blocks of the later version are added to the earlier's, a later block
// replacing an earlier one that started on the same day. The result is in
// order of start.
func mergePreProceedings(earlier, later []PreProceeding) []PreProceeding {
	if len(earlier) == 0 {
		return later
	}
	out := slices.Clone(earlier)
	for _, p := range later {
		if i := slices.IndexFunc(out, func(q PreProceeding) bool { return q.Start == p.Start }); i >= 0 {
			out[i] = p
		} else {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b PreProceeding) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// samePreProceedings reports whether two lists of blocks say the same,
// apart from which census said it.
func samePreProceedings(a, b []PreProceeding) bool {
	return slices.EqualFunc(a, b, func(p, q PreProceeding) bool {
		p.Year, q.Year = 0, 0
		return p == q
	})
}

// fgdm says in words what the block records of the family group decision
// making meeting.
func (p PreProceeding) fgdm() string {
	switch strings.TrimSpace(p.FGDMOffered) {
	case "":
		return "FGDM offer not recorded"
	case "0":
		return "no FGDM meeting offered"
	case "1":
	default:
		return "FGDM offer " + p.FGDMOffered
	}
	switch strings.TrimSpace(p.FGDMHeld) {
	case "1":
		return "FGDM meeting offered and held"
	case "0":
		return "FGDM meeting offered, not held"
	}
	return "FGDM meeting offered, whether held not recorded"
}

// Describe says what the block records, in one line of words, codes as
// submitted: the dates known, the FGDM meeting, the review meetings and
// the outcome.
func (p PreProceeding) Describe() string {
	parts := []string{"from " + p.Start.Long()}
	if p.LetterSent != 0 {
		parts = append(parts, "letter before proceedings "+p.LetterSent.Long())
	}
	parts = append(parts, p.fgdm())
	if p.FirstMeeting != 0 {
		parts = append(parts, "first meeting "+p.FirstMeeting.Long())
	}
	if p.ReviewMeetings != "" {
		parts = append(parts, "review meetings "+p.ReviewMeetings)
	}
	if p.StepDecision != 0 {
		parts = append(parts, "decision to step up or down "+p.StepDecision.Long())
	}
	if p.Outcome != "" {
		parts = append(parts, "outcome "+p.Outcome)
	}
	if p.CourtApplication != 0 {
		parts = append(parts, "court application "+p.CourtApplication.Long())
	}
	if p.LetterToParents != 0 {
		parts = append(parts, "letter to parents starting care proceedings "+p.LetterToParents.Long())
	}
	return strings.Join(parts, ", ")
}

// steps adds the block's events to a referral's steps.
func (p PreProceeding) steps(add func(d calendar.Date, format string, args ...any)) {
	add(p.Start, "pre-proceedings began (the decision to start them)")
	if p.LetterSent != 0 {
		add(p.LetterSent, "letter before proceedings sent, %s", p.fgdm())
	}
	if p.FirstMeeting != 0 {
		add(p.FirstMeeting, "first pre-proceedings meeting")
	}
	if p.StepDecision != 0 {
		add(p.StepDecision, "decision to step up or down, outcome %s", orUnknown(p.Outcome))
	}
	if p.CourtApplication != 0 {
		add(p.CourtApplication, "court application to start care proceedings")
	}
	if p.LetterToParents != 0 {
		add(p.LetterToParents, "letter to parents starting care proceedings")
	}
}
