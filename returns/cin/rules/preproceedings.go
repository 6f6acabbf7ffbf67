package rules

import (
	"strings"

	"github.com/village-uk/village/returns/cin"
)

// preProceedingsRules are the rules on the pre-proceedings and family
// group decision making module (module 5, the PreProceedings table),
// which the census carries from 2026/27. Their codes, messages and the
// DfE's own wording of each check ("If N00827 is present, then ...") were
// read in the peer validator's 2026/27 rules
// (data-to-insight/csc-validator-be-cin, cin_validator/rules/cin2026_27);
// the DfE's 2026-27 validation rules document itself was not found.
// DISAGREEMENTS.md says where Village reads a check differently from
// the peer's code. The DfE's data item numbers: N00826 PPStartDate,
// N00827 LBPSentDate, N00828 FGDMMeetingOffer, N00829 FGDMMeetingFac,
// N00830 InitialPPMeetingDate, N00831 ReviewMeetingsCount, N00833
// PPOutcome, N00834 CourtAppDate.
var preProceedingsRules = []*Rule{
	rule8995Q, rule9000Q, rule9005, rule9006, rule9007, rule9008, rule9009, rule9010Q, rule9011, rule9012,
	rule9013, rule9015Q,
}

var ppTables = []Table{cin.PreProceedings}

// PreProceeding is a row of PreProceedings: one block of pre-proceedings
// under an episode of need, from the decision to start them to their
// outcome.
type PreProceeding struct {
	Ref
	LAchildID, CINdetailsID                                          string
	PPStartDate, LBPSentDate, InitialPPMeetingDate, StepDecisionDate DateField
	CourtAppDate, LetterInitCPDate                                   DateField
	FGDMMeetingOffer, FGDMMeetingFac, ReviewMeetingsCount, PPOutcome string
}

// preProceedings types the census's PreProceedings rows. The module's
// rules type it for themselves, as it is small (a few children in a
// hundred) and read by them alone.
func (in *Input) preProceedings() []*PreProceeding {
	t := rows(in.Return, cin.PreProceedings)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "PPStartDate", "LBPSentDate", "FGDMMeetingOffer",
		"FGDMMeetingFac", "InitialPPMeetingDate", "ReviewMeetingsCount", "StepDecisionDate", "PPOutcome",
		"CourtAppDate", "LetterInitCPDate")
	out := make([]*PreProceeding, len(t.Rows))
	for i := range t.Rows {
		out[i] = &PreProceeding{Ref: Ref{Table: cin.PreProceedings, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), PPStartDate: c.date(i, 2), LBPSentDate: c.date(i, 3),
			FGDMMeetingOffer: c.get(i, 4), FGDMMeetingFac: c.get(i, 5), InitialPPMeetingDate: c.date(i, 6),
			ReviewMeetingsCount: c.get(i, 7), StepDecisionDate: c.date(i, 8), PPOutcome: c.get(i, 9),
			CourtAppDate: c.date(i, 10), LetterInitCPDate: c.date(i, 11)}
	}
	return out
}

// datedInYear fails each block whose date (picked by date), when given,
// is not a date in the census period, or is before the block's earlier
// date (picked by earlier) when that is a date: the shape of 9005, 9006,
// 9008, 9009, 9012 and 9013.
func datedInYear(c *Context, field string, date func(*PreProceeding) DateField,
	earlierField string, earlier func(*PreProceeding) DateField) {
	for _, p := range c.preProceedings() {
		d := date(p)
		switch {
		case d.Blank():
		case !d.OK || !c.InCensus(d.Day):
			c.Failf(p.Ref, nil, "%s %s is not in %s", field, d.Shown(), c.period())
		case earlier != nil:
			if e := earlier(p); e.OK && d.Day < e.Day {
				c.Failf(p.Ref, nil, "%s %s is before %s %s", field, d.Text, earlierField, e.Text)
			}
		}
	}
}

// rule8995Q: at least one child has the module: an authority that sends
// none is asked why.
var rule8995Q = &Rule{
	Code: "8995Q", Message: "Please check and provide a reason why no module 5 (pre-proceedings and FGM) data has been provided for any child.",
	Tables: ppTables, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		if rows(c.Return, cin.PreProceedings).Len() == 0 {
			c.Fail(laLevel, "the census has no PreProceedingsandFGDM block for any child")
		}
	},
}

// rule9000Q: a block says when pre-proceedings started; one that does
// not is asked for a reason (the authority may not collect it yet).
var rule9000Q = &Rule{
	Code: "9000Q", Message: "Please check: If you do not yet collect this data, please leave this field blank and provide a reason.",
	Tables: ppTables, Fields: []string{"PPStartDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		for _, p := range c.preProceedings() {
			if p.PPStartDate.Blank() {
				c.Fail(p.Ref, "PPStartDate is blank")
			}
		}
	},
}

// rule9005: the decision to start pre-proceedings, when given, is in the
// census period.
var rule9005 = &Rule{
	Code: "9005", Message: "The date of the legal planning meeting or other decision making forum where the LA made the decision to commence pre-proceedings cannot fall outside the reporting year.",
	Tables: ppTables, Fields: []string{"PPStartDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "PPStartDate", func(p *PreProceeding) DateField { return p.PPStartDate }, "", nil)
	},
}

// rule9006: the letter before proceedings, when given, was sent in the
// census period, on or after pre-proceedings started.
var rule9006 = &Rule{
	Code: "9006", Message: "The date the letter before proceedings was sent must be within the reporting year and after the date pre-proceedings began.",
	Tables: ppTables, Fields: []string{"LBPSentDate", "PPStartDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "LBPSentDate", func(p *PreProceeding) DateField { return p.LBPSentDate },
			"PPStartDate", func(p *PreProceeding) DateField { return p.PPStartDate })
	},
}

// rule9007: a block with a letter before proceedings says whether the
// letter offered a family group decision making meeting.
var rule9007 = &Rule{
	Code: "9007", Message: "You have confirmed that a letter before proceedings was sent. Please confirm whether or not a FGDM meeting was offered in the letter.",
	Tables: ppTables, Fields: []string{"LBPSentDate", "FGDMMeetingOffer"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		for _, p := range c.preProceedings() {
			if !p.LBPSentDate.Blank() && blank(p.FGDMMeetingOffer) {
				c.Failf(p.Ref, nil, "LBPSentDate is %s and FGDMMeetingOffer is blank", p.LBPSentDate.Text)
			}
		}
	},
}

// rule9008: the first effective pre-proceedings meeting, when given, is
// in the census period.
var rule9008 = &Rule{
	Code: "9008", Message: "The date of the first effective pre-proceedings meeting must be within the reporting year.",
	Tables: ppTables, Fields: []string{"InitialPPMeetingDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "InitialPPMeetingDate", func(p *PreProceeding) DateField { return p.InitialPPMeetingDate }, "", nil)
	},
}

// rule9009: the decision to step up or down, when given, is in the census
// period, on or after pre-proceedings started.
var rule9009 = &Rule{
	Code: "9009", Message: "The date when the decision was made to step up or down must be on or after the date of the decision to begin pre-proceedings and must fall within the reporting year",
	Tables: ppTables, Fields: []string{"StepDecisionDate", "PPStartDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "StepDecisionDate", func(p *PreProceeding) DateField { return p.StepDecisionDate },
			"PPStartDate", func(p *PreProceeding) DateField { return p.PPStartDate })
	},
}

// rule9010Q: when the letter offered a family group decision making
// meeting (FGDMMeetingOffer 1), the block says whether one was held.
var rule9010Q = &Rule{
	Code: "9010Q", Message: "Please check: You have reported that a FGDM meeting was offered in the letter before proceedings. Please confirm whether or not a FGDM meeting was facilitated in the pre-proceedings period following this offer.",
	Tables: ppTables, Fields: []string{"FGDMMeetingOffer", "FGDMMeetingFac"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		for _, p := range c.preProceedings() {
			if strings.TrimSpace(p.FGDMMeetingOffer) == "1" && blank(p.FGDMMeetingFac) {
				c.Fail(p.Ref, "FGDMMeetingOffer is 1 (offered) and FGDMMeetingFac is blank")
			}
		}
	},
}

// rule9011: the outcome, when given, is one of the codes of the year's
// list (A, B or C).
var rule9011 = &Rule{
	Code: "9011", Message: "The outcome of the pre-proceedings must be reported using a valid value",
	Tables: ppTables, Fields: []string{"PPOutcome"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		codes := cin.Codes("PPOutcome", c.Year)
		for _, p := range c.preProceedings() {
			if p.PPOutcome != "" && !validCode(codes, p.PPOutcome) {
				c.Failf(p.Ref, nil, "PPOutcome %q is not one of %s", p.PPOutcome, strings.Join(codes, ", "))
			}
		}
	},
}

// rule9012: the court application, when given, was made in the census
// period, on or after the decision to step up.
var rule9012 = &Rule{
	Code: "9012", Message: "The date that the local authority submitted the court application to commence care proceedings must fall within the reporting year and be on or after the date of the decision to initiate care proceedings.",
	Tables: ppTables, Fields: []string{"CourtAppDate", "StepDecisionDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "CourtAppDate", func(p *PreProceeding) DateField { return p.CourtAppDate },
			"StepDecisionDate", func(p *PreProceeding) DateField { return p.StepDecisionDate })
	},
}

// rule9013: the letter to parents initiating care proceedings, when
// given, was sent in the census period, on or after the court application.
var rule9013 = &Rule{
	Code: "9013", Message: "The date on which the letter to initiate care proceedings was sent to parents/guardians must fall within the reporting year and be on or after the date when the local authority submitted the court application to commence care proceedings.",
	Tables: ppTables, Fields: []string{"LetterInitCPDate", "CourtAppDate"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		datedInYear(c, "LetterInitCPDate", func(p *PreProceeding) DateField { return p.LetterInitCPDate },
			"CourtAppDate", func(p *PreProceeding) DateField { return p.CourtAppDate })
	},
}

// rule9015Q: a block with a first pre-proceedings meeting says how many
// review meetings followed it (0 when none).
var rule9015Q = &Rule{
	Code: "9015Q", Message: "Please check: if review meetings were held  following the initial pre-proceedings meeting, the total number held should be reported.",
	Tables: ppTables, Fields: []string{"InitialPPMeetingDate", "ReviewMeetingsCount"}, From: cin.PreProceedingsFrom,
	Check: func(c *Context) {
		for _, p := range c.preProceedings() {
			if !p.InitialPPMeetingDate.Blank() && blank(p.ReviewMeetingsCount) {
				c.Failf(p.Ref, nil, "InitialPPMeetingDate is %s and ReviewMeetingsCount is blank", p.InitialPPMeetingDate.Text)
			}
		}
	},
}
