package synth

import (
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// The pre-proceedings module of the CIN census (PreProceedingsandFGDM,
// from 2026/27): under the Public Law Outline an authority considering
// care proceedings for a child on a child protection plan holds a legal
// planning meeting, sends the family a letter before proceedings offering
// a family group decision making (FGDM) meeting, meets them, reviews, and
// decides to step up to a court application or step down. Every figure
// here is an assumption, not a published national figure (PARAMETERS.md).
const (
	ppBeforeCareChance = 0.70 // of children on a plan who then come into care: through pre-proceedings (the rest in an emergency)
	ppDuringPlanChance = 0.18 // of other plans: pre-proceedings started during the plan
	ppMedianDays       = 112  // initial meeting to the decision to step up or down (the PLO's 16 weeks)
	ppSigma            = 0.4  // its log-normal spread
	fgdmOfferChance    = 0.80 // the letter before proceedings offers an FGDM meeting
	fgdmHeldChance     = 0.60 // of offers: a meeting is held
)

// ppOutcomes are the outcomes of pre-proceedings that do not end in care:
// PPOutcome A is taken to be a court application (the peer's 2026 sample
// gives A with a court application), B a step down, C any other end. The
// meanings of A, B and C are assumptions: the DfE's wording was not found.
var ppOutcomes = codeChoices("A", 15, "B", 70, "C", 15)

// preProceeding is one block of pre-proceedings of a case.
type preProceeding struct {
	start, letter, initial, step, courtApp, letterToParents calendar.Date // 0 when it did not happen
	offered, held                                           bool
	reviewEvery                                             int // days between review meetings
	outcome                                                 string
}

// preProceed gives the child's cases with a child protection plan their
// pre-proceedings, if any, from r, a stream of their own: drawing them
// changes nothing else of the simulation.
func (s *sim) preProceed(k *cinChild, r *rng) {
	if k == nil {
		return
	}
	for _, cs := range k.cases {
		if cs.cpp == nil {
			continue
		}
		var p *preProceeding
		if care := k.careStartAfter(cs); care != 0 {
			p = beforeCare(cs, care, r)
		} else {
			p = duringPlan(cs, r)
		}
		if p != nil {
			cs.pre = append(cs.pre, p)
		}
	}
}

// careStartAfter returns the start of the child's period of care that
// follows the case's child protection plan while the case is open, or 0.
func (k *cinChild) careStartAfter(cs *cinCase) calendar.Date {
	if k.lac == nil {
		return 0
	}
	for _, p := range k.lac.periods {
		if p.start > cs.cpp.start && (cs.closure == 0 || p.start <= cs.closure) {
			return p.start
		}
	}
	return 0
}

// beforeCare makes the pre-proceedings of a child who comes into care on
// day care: stepped up to a court application shortly before it.
func beforeCare(cs *cinCase, care calendar.Date, r *rng) *preProceeding {
	if !r.chance(ppBeforeCareChance) {
		return nil
	}
	step := care - calendar.Date(r.between(5, 20))
	p := opening(r, step-calendar.Date(r.logNormal(ppMedianDays, ppSigma, 40, 240))-24)
	p.start = max(p.start, cs.cpp.start+7, cs.referral)
	if p.start+40 > step {
		return nil // too quick for pre-proceedings: an emergency
	}
	p.letter = p.start + calendar.Date(r.between(3, 10))
	p.initial = min(p.letter+calendar.Date(r.between(7, 14)), step)
	p.step, p.outcome = step, "A"
	p.courtApp = min(step+calendar.Date(r.between(1, 10)), care)
	p.letterToParents = p.courtApp + calendar.Date(r.between(0, 3))
	return p
}

// duringPlan makes, for some children on a plan who do not come into
// care, pre-proceedings that start during the plan; most step down.
func duringPlan(cs *cinCase, r *rng) *preProceeding {
	if !r.chance(ppDuringPlanChance) {
		return nil
	}
	p := opening(r, cs.cpp.start+calendar.Date(r.between(30, 240)))
	if cs.cpp.end != 0 && p.start >= cs.cpp.end-30 {
		return nil // the plan ended first
	}
	p.letter = p.start + calendar.Date(r.between(3, 10))
	p.initial = p.letter + calendar.Date(r.between(7, 21))
	p.step = p.initial + calendar.Date(r.logNormal(ppMedianDays, ppSigma, 28, 300))
	if cs.closure != 0 && p.step > cs.closure {
		p.step = cs.closure
	}
	if p.step < p.initial {
		return nil // the case closed before the first meeting
	}
	p.outcome = ppOutcomes.draw(r)
	if p.outcome == "A" {
		p.courtApp = p.step + calendar.Date(r.between(1, 21))
		p.letterToParents = p.courtApp + calendar.Date(r.between(0, 3))
	}
	return p
}

// opening starts pre-proceedings on day start, with the FGDM offer and
// meeting drawn.
func opening(r *rng, start calendar.Date) *preProceeding {
	p := &preProceeding{start: start, offered: r.chance(fgdmOfferChance), reviewEvery: r.between(35, 56)}
	p.held = p.offered && r.chance(fgdmHeldChance)
	return p
}

// ppXML is a PreProceedingsandFGDM block as the XML holds it.
type ppXML struct {
	PPStartDate          string
	LBPSentDate          string
	FGDMMeetingOffer     string
	FGDMMeetingFac       string
	InitialPPMeetingDate string
	ReviewMeetingsCount  string
	StepDecisionDate     string
	PPOutcome            string
	CourtAppDate         string
	LetterInitCPDate     string
}

// preProceedingsIn reports whether the year's census carries the module.
func preProceedingsIn(year calendar.Year) bool { return year >= cin.PreProceedingsFrom }

// preProceedingsOf writes the case's pre-proceedings that started in the
// year (rule 9005 has their start in the census year), as known at its
// end: later events are blank, the review meetings counted so far.
func (y cinYear) preProceedingsOf(cs *cinCase) []ppXML {
	var out []ppXML
	for _, p := range cs.pre {
		if !y.in(p.start) {
			continue
		}
		x := ppXML{PPStartDate: isoDate(p.start), LBPSentDate: y.date(p.letter), InitialPPMeetingDate: y.date(p.initial),
			StepDecisionDate: y.date(p.step), CourtAppDate: y.date(p.courtApp), LetterInitCPDate: y.date(p.letterToParents)}
		if x.LBPSentDate != "" {
			x.FGDMMeetingOffer = yesNo(p.offered)
			if p.offered {
				x.FGDMMeetingFac = yesNo(p.held)
			}
		}
		if x.InitialPPMeetingDate != "" {
			x.ReviewMeetingsCount = strconv.Itoa(int(min(p.step, y.to)-p.initial) / p.reviewEvery)
		}
		if x.StepDecisionDate != "" {
			x.PPOutcome = p.outcome
		}
		out = append(out, x)
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// preProceedings writes a case's PreProceedingsandFGDM blocks, after its
// child protection plans as the peer's 2026 sample has them.
func (x *xmlWriter) preProceedings(blocks []ppXML) {
	for _, p := range blocks {
		x.open(4, "PreProceedingsandFGDM")
		x.leaf(5, "PPStartDate", p.PPStartDate)
		x.leaf(5, "LBPSentDate", p.LBPSentDate)
		x.leaf(5, "FGDMMeetingOffer", p.FGDMMeetingOffer)
		x.leaf(5, "FGDMMeetingFac", p.FGDMMeetingFac)
		x.leaf(5, "InitialPPMeetingDate", p.InitialPPMeetingDate)
		x.leaf(5, "ReviewMeetingsCount", p.ReviewMeetingsCount)
		x.leaf(5, "StepDecisionDate", p.StepDecisionDate)
		x.leaf(5, "PPOutcome", p.PPOutcome)
		x.leaf(5, "CourtAppDate", p.CourtAppDate)
		x.leaf(5, "LetterInitCPDate", p.LetterInitCPDate)
		x.close(4, "PreProceedingsandFGDM")
	}
}

// preProceedingsMistakes are the data-entry errors --errors makes in the
// module, each with the rule that reports it on the changed row.
var preProceedingsMistakes = []cinMistake{
	{cin.PreProceedings, "PPOutcome", "invalid PPOutcome", "9011",
		func(s *cinSpot) bool { return s.pre.PPOutcome != "" },
		func(r *rng, s *cinSpot) (string, string) { return swap(&s.pre.PPOutcome, r, "D", "AB", "1", "a") }},
	{cin.PreProceedings, "LBPSentDate", "letter before proceedings before they began", "9006",
		func(s *cinSpot) bool { return s.pre.LBPSentDate != "" },
		func(r *rng, s *cinSpot) (string, string) {
			was := s.pre.LBPSentDate
			s.pre.LBPSentDate = daysBefore(s.pre.PPStartDate, r.between(1, 20))
			return was, s.pre.LBPSentDate
		}},
	{cin.PreProceedings, "FGDMMeetingOffer", "FGDM offer not recorded after a letter", "9007",
		func(s *cinSpot) bool { return s.pre.LBPSentDate != "" && s.pre.FGDMMeetingOffer != "" },
		func(r *rng, s *cinSpot) (string, string) { return swap(&s.pre.FGDMMeetingOffer, r, "") }},
}
