package synth

import (
	"runtime"
	"strconv"
	"sync"

	"github.com/village-uk/village/calendar"
)

// cinChild is a child in the CIN census: one of the children looked after
// (lac set), with the cases that brought them into care and went on while
// they were looked after, or a child who never came into care.
type cinChild struct {
	id           string
	dob          calendar.Date
	died         calendar.Date // 0 unless the child died
	male         bool
	unknownSex   bool
	ethnic       string
	upn          string
	earlyUPN     bool
	noUPN        string
	disabilities []string
	priorPlans   int // child protection plans before the simulation began
	cases        []*cinCase
	lac          *child
}

// cinCase is one episode of need: a referral and what followed it.
type cinCase struct {
	referral   calendar.Date
	source     string
	need       string // blank for a referral with no further action
	closure    calendar.Date
	reason     string
	nfa        bool
	assessment *assessment
	plans      []span // CIN plans
	s47        *enquiry
	cpp        *protection
	pre        []*preProceeding // from 2026/27 (cinpreproceedings.go)
}

// span is a time with a start and an end (0 for open).
type span struct{ start, end calendar.Date }

// assessment is a child and family assessment.
type assessment struct {
	start, authorised calendar.Date
	factors           []string
}

// enquiry is a section 47 enquiry, started at the strategy discussion.
type enquiry struct {
	start, target, icpc calendar.Date // icpc is 0 when no conference was held
}

// protection is a child protection plan.
type protection struct {
	start, end      calendar.Date
	initial, latest string
	previous        int
	reviews         []calendar.Date
}

// cinIndexBase numbers the children who never come into care: their IDs
// and random streams are apart from those of the children looked after.
const cinIndexBase = 1 << 31

// cinChildren simulates the CIN census's children: every child looked
// after, and a Poisson stream of children first referred who never come
// into care, from cinBurnIn years before the first emitted year.
func (s *sim) cinChildren(looked []*child) []*cinChild {
	type first struct {
		n int
		d calendar.Date
	}
	var firsts []first
	stream := newRNG(s.seed, streamCIN, cinIndexBase)
	for d := addYears(s.first.Start(), -cinBurnIn); d < s.horizon; d++ {
		perDay := s.pop.total(d) * cinFirstReferralsPer10k / 10000 / 365.25
		for range stream.poisson(perDay) {
			firsts = append(firsts, first{len(firsts) + 1, d})
		}
	}
	out := make([]*cinChild, len(looked)+len(firsts))
	workers := runtime.GOMAXPROCS(0)
	const chunk = 1024
	next := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			r, pre := newRNG(s.seed, streamCIN, 0), newRNG(s.seed, streamPreProceedings, 0)
			for from := range next {
				for i := from; i < min(from+chunk, len(out)); i++ {
					var index uint64
					if i < len(looked) {
						index = uint64(looked[i].index) + 1
						r.reseed(s.seed, streamCIN, index)
						out[i] = s.cinLookedAfter(looked[i], r)
					} else {
						f := firsts[i-len(looked)]
						index = uint64(cinIndexBase + f.n)
						r.reseed(s.seed, streamCIN, index)
						out[i] = s.cinOnly(f.n, f.d, r)
					}
					// The pre-proceedings draw from a stream of their own,
					// so that they change nothing else.
					pre.reseed(s.seed, streamPreProceedings, index)
					s.preProceed(out[i], pre)
				}
			}
		})
	}
	for from := 0; from < len(out); from += chunk {
		next <- from
	}
	close(next)
	wg.Wait()
	kept := out[:0]
	for _, k := range out {
		if k != nil {
			kept = append(kept, k)
		}
	}
	return kept
}

// cinOnly simulates a child first referred on day d who is never looked
// after: the referral, what followed it, and any re-referrals.
func (s *sim) cinOnly(n int, d calendar.Date, r *rng) *cinChild {
	age := referralAge.draw(r)
	k := &cinChild{male: r.chance(maleShareOfPopulation), ethnic: ethnicityOther.draw(r), earlyUPN: r.chance(earlyUPNShare)}
	k.dob = d - calendar.Date(age*365+r.IntN(365))
	if k.dob > d {
		k.dob = d
	}
	if age >= 3 && r.chance(priorPlanChance) {
		k.priorPlans = 1
	}
	adult := addYears(k.dob, 18)
	long := r.chance(longNeedChance)
	for referral := d; referral < s.horizon && referral < adult-7; {
		cs := s.cinCase(k, r, referral, long, 0)
		k.cases = append(k.cases, cs)
		long = false
		if cs.closure == 0 || !r.chance(reReferralChance) {
			break
		}
		referral = cs.closure + 1 + calendar.Date(r.logNormal(reReferralMedianDays, reReferralSigma, 1, 3650))
	}
	if len(k.cases) == 0 {
		return nil
	}
	if last := k.cases[len(k.cases)-1]; last.closure != 0 && last.closure < s.first.Start() {
		return nil
	}
	k.id = strconv.Itoa(500000000 + n*3 + r.IntN(3))
	k.upn = cinUPN(n, k.dob)
	if r.chance(otherNoUPN) {
		k.noUPN = "UN3"
	}
	k.disabilities = []string{"NONE"}
	for _, cs := range k.cases {
		if cs.need == "N2" {
			k.disabilities = s.disabled(r)
			break
		}
	}
	return k
}

// disabled draws one to three disabilities.
func (s *sim) disabled(r *rng) []string {
	out := []string{disabilityCodes.draw(r)}
	for range r.IntN(3) {
		d := disabilityCodes.draw(r)
		if !contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// cinUPN makes a unique pupil number for a child who is never looked
// after: as makeUPN, but with authority digits 938 where a looked-after
// child's have 937 (both codes the CIN rule 1530 recognises), so the two
// never meet.
func cinUPN(n int, dob calendar.Date) string {
	year := (yearOf(dob) + 4) % 100
	school, serial := 1000+(n/900)%9000, 100+n%900
	digits := "938" + strconv.Itoa(school) + twoDigits(year) + strconv.Itoa(serial)
	return upnCheckLetter(digits) + digits
}

// cinCase simulates one referral of a child who is not about to come into
// care: no further action, an assessment that finds no need, or a case of
// need, perhaps with a section 47 enquiry and a child protection plan.
// The case is never closed after the child's 18th birthday. careStart,
// when not 0, is the day the child will start to be looked after: the
// case is then left open.
func (s *sim) cinCase(k *cinChild, r *rng, referral calendar.Date, long bool, careStart calendar.Date) *cinCase {
	cs := &cinCase{referral: referral, source: referralSources.draw(r)}
	adult := addYears(k.dob, 18) - 1
	if careStart == 0 && !long && r.chance(nfaChance) {
		// Closed the day it came in. RC8 and RC9 say "after assessment",
		// and query 8825Q asks about them on a case with no assessment.
		cs.nfa, cs.closure, cs.reason = true, referral, "RC7"
		return cs
	}
	cs.assessment = s.assess(r, referral)
	cs.need = primaryNeeds.draw(r)
	if long {
		cs.need = "N2"
	}
	authorised := cs.assessment.authorised
	if careStart == 0 && !long && r.chance(notInNeedChance) {
		// Closed after the assessment; rule 2990 allows nothing more on
		// a case closed RC8 or RC9.
		cs.closure, cs.reason = authorised, "RC8"
		if r.chance(earlyHelpChance) {
			cs.reason = "RC9"
		}
		if r.chance(noFactorsChance) {
			cs.assessment.factors = []string{"21"}
		}
		return cs.closeBy(adult)
	}
	if r.chance(s47Chance) && !long {
		cs.s47 = s.enquire(r, referral)
		if cs.s47.icpc != 0 && (careStart == 0 || cs.s47.icpc < careStart-1) && r.chance(planAtICPCChance) {
			cs.cpp = s.protect(k, r, cs.s47.icpc, careStart)
		}
	}
	if careStart != 0 {
		if cs.cpp == nil && authorised < careStart-1 {
			cs.plans = []span{{authorised, careStart - 1}}
		}
		return cs
	}
	from := authorised
	if cs.cpp != nil {
		if cs.cpp.end == 0 {
			return cs
		}
		from = cs.cpp.end
		if !r.chance(stepDownChance) {
			cs.closure, cs.reason = cs.cpp.end, "RC7"
			return cs.closeBy(adult)
		}
		from++
	}
	days := r.logNormal(needMedianDays, needSigma, 14, 2000)
	if long {
		days = r.logNormal(longNeedMedian, 0.5, 365, 5000)
	}
	from = max(from, s47End(cs.s47)+1)
	end := from + calendar.Date(days)
	cs.plans = append(cs.plans, span{from, end})
	cs.closure, cs.reason = end, "RC7"
	if r.chance(0.06) {
		cs.reason = "RC5"
	}
	return cs.closeBy(adult)
}

// closeBy settles a closed case: closed on the child's 18th birthday at
// the latest (then, for some, transferred to adult services), but never
// before its assessment, enquiry and plans end; CIN plans cut at the
// closure.
func (cs *cinCase) closeBy(adult calendar.Date) *cinCase {
	if cs.closure == 0 {
		return cs
	}
	if cs.closure > adult {
		cs.closure = max(adult, cs.referral)
		if cs.reason != "RC8" && cs.reason != "RC9" {
			cs.reason = "RC6"
		}
		if cs.cpp != nil && cs.cpp.end > cs.closure {
			cs.cpp.end = max(cs.closure, cs.cpp.start+1)
			cs.cpp.reviews = before(cs.cpp.reviews, cs.cpp.end)
		}
	}
	if cs.assessment != nil {
		cs.closure = max(cs.closure, cs.assessment.authorised)
	}
	cs.closure = max(cs.closure, s47End(cs.s47))
	if cs.cpp != nil {
		cs.closure = max(cs.closure, cs.cpp.end)
	}
	kept := cs.plans[:0]
	for _, p := range cs.plans {
		if p.end == 0 || p.end > cs.closure {
			p.end = cs.closure
		}
		if p.end > p.start { // query 4012Q asks about a plan that starts and ends on one day
			kept = append(kept, p)
		}
	}
	cs.plans = kept
	return cs
}

// before keeps the dates before d.
func before(dates []calendar.Date, d calendar.Date) []calendar.Date {
	for i, v := range dates {
		if v >= d {
			return dates[:i]
		}
	}
	return dates
}

// s47End is when an enquiry ended: its conference or, without one, its
// start.
func s47End(e *enquiry) calendar.Date {
	if e == nil {
		return 0
	}
	return max(e.icpc, e.start)
}

// assess makes the assessment of a referral: it starts within a few
// working days and is authorised within 45 working days for most.
func (s *sim) assess(r *rng, referral calendar.Date) *assessment {
	a := &assessment{start: calendar.AddWorkingDays(referral, r.between(0, 3))}
	if !calendar.IsWorkingDay(referral) && a.start < referral {
		a.start = referral
	}
	days := r.logNormal(24, 0.45, 2, 45)
	if !r.chance(assessed45Chance) {
		days = r.between(46, 90)
	}
	a.authorised = calendar.AddWorkingDays(a.start, days)
	n := 1 + r.IntN(3)
	for range n {
		f := assessmentFactors.draw(r)
		if !contains(a.factors, f) {
			a.factors = append(a.factors, f)
		}
	}
	return a
}

// enquire makes a section 47 enquiry after a referral, with an initial
// conference for some, most within 15 working days of the strategy
// discussion.
func (s *sim) enquire(r *rng, referral calendar.Date) *enquiry {
	start := calendar.AddWorkingDays(referral, r.between(0, 5))
	if start < referral {
		start = referral
	}
	e := &enquiry{start: start, target: calendar.AddWorkingDays(start, 15)}
	if r.chance(icpcChance) {
		days := r.between(5, 15)
		if !r.chance(icpc15Chance) {
			days = r.between(16, 35)
		}
		e.icpc = calendar.AddWorkingDays(start, days)
	}
	return e
}

// protect makes a child protection plan starting at the conference, with
// reviews three months after it starts and then every six months. A plan
// for a child about to come into care ends a few weeks after.
func (s *sim) protect(k *cinChild, r *rng, start, careStart calendar.Date) *protection {
	p := &protection{start: start, initial: abuseCategories.draw(r), previous: k.plans()}
	p.latest = p.initial
	if !r.chance(latestSameChance) {
		p.latest = abuseCategories.draw(r)
	}
	p.end = start + calendar.Date(r.logNormal(planMedianDays, planSigma, 30, 2400))
	if careStart != 0 {
		p.end = max(careStart+calendar.Date(r.between(0, 45)), start+1)
	}
	review := nextWorkingDay(start + calendar.Date(r.between(50, 85)))
	for review < p.end {
		p.reviews = append(p.reviews, review)
		review = nextWorkingDay(review + calendar.Date(r.between(150, 178)))
	}
	return p
}

// nextWorkingDay returns d, or the first working day after it.
func nextWorkingDay(d calendar.Date) calendar.Date {
	if calendar.IsWorkingDay(d) {
		return d
	}
	return calendar.AddWorkingDays(d, 1)
}

// plans counts the child's child protection plans so far.
func (k *cinChild) plans() int {
	n := k.priorPlans
	for _, cs := range k.cases {
		if cs.cpp != nil {
			n++
		}
	}
	return n
}

// cinLookedAfter gives a looked-after child their cases: for most a
// referral shortly before each period of care (sometimes after an
// earlier case), which stays open while they are looked after and closes
// soon after they leave.
func (s *sim) cinLookedAfter(c *child, r *rng) *cinChild {
	k := &cinChild{id: c.id, dob: c.dob, male: c.male, unknownSex: c.unknownSex, ethnic: c.ethnic,
		upn: c.upn, earlyUPN: c.earlyUPN, noUPN: c.noUPN, lac: c, disabilities: []string{"NONE"}}
	if c.periods[0].shortBreak {
		s.shortBreakCase(k, c, r)
		return k
	}
	for _, p := range c.periods {
		s.careCase(k, p, r)
	}
	return k
}

// shortBreakCase is the one long case of a disabled child on short
// breaks, open from a little before the first break to a little after
// the last.
func (s *sim) shortBreakCase(k *cinChild, c *child, r *rng) {
	k.disabilities = s.disabled(r)
	first := c.periods[0].start
	referral := max(k.dob, first-calendar.Date(r.between(30, 200)))
	cs := &cinCase{referral: referral, source: codeChoices("3F", 3, "5A", 2, "1A", 3, "2A", 2).draw(r), need: "N2"}
	cs.assessment = s.assess(r, referral)
	end := max(c.lastEnd()+calendar.Date(r.between(7, 120)), cs.assessment.authorised+28)
	cs.plans = []span{{cs.assessment.authorised, end}}
	cs.closure, cs.reason = end, "RC7"
	k.cases = []*cinCase{cs.closeBy(addYears(k.dob, 18) - 1)}
}

// careCase gives one period of care its case: a referral before it (or on
// the day, for a child found in an emergency or arriving unaccompanied),
// kept open through the period and closed after it.
func (s *sim) careCase(k *cinChild, p *period, r *rng) {
	var last *cinCase
	if n := len(k.cases); n > 0 {
		last = k.cases[n-1]
	}
	if last != nil && (last.closure == 0 || last.closure >= p.start-1) {
		// The same case goes on through a quick return; its CIN plan
		// after the last period ends when the next begins (rule 4014).
		kept := last.plans[:0]
		for _, pl := range last.plans {
			if pl.start < p.start-1 {
				if pl.end == 0 || pl.end > p.start-1 {
					pl.end = p.start - 1
				}
				kept = append(kept, pl)
			}
		}
		last.plans = kept
		s.closeAfterCare(k, last, p, r)
		return
	}
	floor := k.dob
	if last != nil {
		floor = last.closure + 1
	}
	referral := p.start
	if !k.lac.uasc && r.chance(throughCINChance) {
		referral = p.start - calendar.Date(r.logNormal(preCareMedianDays, preCareSigma, 1, 540))
	}
	if referral < k.dob && p.start-k.dob < 30 && last == nil {
		floor = k.dob - calendar.Date(r.between(30, 120)) // referred before birth
	}
	referral = max(referral, floor)
	if last == nil && !k.lac.uasc && referral > k.dob && r.chance(earlierCaseChance) {
		earlier := referral - calendar.Date(r.between(180, 1100))
		if earlier > k.dob+30 {
			cs := s.cinCase(k, r, earlier, false, 0)
			if cs.closure != 0 && cs.closure < referral-1 {
				k.cases = append(k.cases, cs)
			}
		}
	}
	var cs *cinCase
	if referral >= p.start-20 || k.lac.uasc || referral < k.dob {
		cs = &cinCase{referral: referral, source: "6", need: p.cin}
		switch {
		case k.lac.uasc:
			cs.source = codeChoices("6", 6, "7", 2, "8", 2).draw(r)
		case referral < k.dob:
			cs.source = codeChoices("3B", 2, "3D", 3, "3F", 5, "5A", 1).draw(r)
		}
		cs.assessment = s.assess(r, referral)
	} else {
		cs = s.cinCase(k, r, referral, false, p.start)
		if cs.cpp == nil && r.chance(preCarePlanChance) && cs.s47 == nil {
			cs.s47 = s.enquire(r, referral)
			if cs.s47.icpc == 0 {
				cs.s47.icpc = calendar.AddWorkingDays(cs.s47.start, r.between(5, 15))
			}
			if cs.s47.icpc < p.start-1 {
				cs.cpp = s.protect(k, r, cs.s47.icpc, p.start)
				cs.plans = nil
			} else {
				cs.s47.icpc = 0
			}
		}
		if p.cin != "" {
			cs.need = p.cin
		}
	}
	k.cases = append(k.cases, cs)
	s.closeAfterCare(k, cs, p, r)
}

// closeAfterCare closes a case after its period of care: soon after an
// adoption or an order, after some months of support for a child gone
// home, on the 18th birthday for a care leaver.
func (s *sim) closeAfterCare(k *cinChild, cs *cinCase, p *period, r *rng) {
	if p.end >= s.horizon {
		cs.closure, cs.reason = 0, ""
		return
	}
	reason, lag := "RC7", r.between(0, 60)
	switch p.rec {
	case "E11", "E12":
		reason, lag = "RC1", r.between(0, 30)
	case "E2":
		reason, lag = "RC2", 0
		k.died = p.end
	case "E41":
		reason, lag = "RC3", r.between(0, 30)
	case "E45", "E46", "E47", "E48":
		reason, lag = "RC4", r.between(0, 30)
	case "E4A", "E4B", "E13":
		lag = r.between(30, 240)
	}
	adult := addYears(k.dob, 18) - 1
	closure := p.end + calendar.Date(lag)
	if closure >= adult {
		closure, reason = max(adult, p.end), "RC7"
		if r.chance(0.3) {
			reason = "RC6"
		}
	}
	from := p.end + 1
	if cs.cpp != nil {
		from = max(from, cs.cpp.end+1)
	}
	if lag >= 30 && reason == "RC7" && closure > from+7 {
		cs.plans = append(cs.plans, span{from, closure})
	}
	cs.closure, cs.reason = closure, reason
	cs.closeBy(adult)
}
