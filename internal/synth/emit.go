package synth

import (
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// emitter builds one collection year's return from the simulated lives.
type emitter struct {
	s        *sim
	year     calendar.Year
	from, to calendar.Date // the first and last day the return covers
	ret      *ssda903.Return
	fromYear int // calendar years of from and to
	toYear   int
	letters  bool // SEX is coded M/F/U rather than 1/2
	reasons  bool // REASON_PLACE_CHANGE is collected
	tables   map[ssda903.TableName]*ssda903.Table
	r        *rng // reseeded for each use
	// per child, reused
	episodes []held
	periods  []*period
}

// held is an episode in the year with its period.
type held struct {
	ep *episode
	p  *period
}

// emit builds the return for year y.
func (s *sim) emit(children []*child, y calendar.Year) *ssda903.Return {
	e := &emitter{s: s, year: y, from: y.Start(), to: min(y.End(), s.until),
		ret:     ssda903.NewReturn(y, s.la),
		letters: ssda903.ValidCode("SEX", "M", y),
		reasons: y >= 2016,
		tables:  map[ssda903.TableName]*ssda903.Table{},
		r:       newRNG(s.seed, streamReview, 0),
	}
	e.fromYear, e.toYear = yearOf(e.from), yearOf(e.to)
	for _, schema := range ssda903.Schemas {
		if schema.InYear(y) {
			e.tables[schema.Name] = e.ret.Ensure(schema.Name)
		}
	}
	e.reserve(children)
	for _, c := range children {
		e.child(c)
	}
	return e.ret
}

// reserve sizes the largest tables before they are filled, counting the
// children and episodes in the year, as growing them row by row costs
// more than the rows themselves.
func (e *emitter) reserve(children []*child) {
	kids, episodes := 0, 0
	for _, c := range children {
		n := 0
		for _, p := range c.periods {
			if p.start > e.to || p.end < e.from {
				continue
			}
			for i := range p.episodes {
				if ep := &p.episodes[i]; ep.start <= e.to && ep.end >= e.from {
					n++
				}
			}
		}
		if n > 0 {
			kids++
			episodes += n
		}
	}
	for name, rows := range map[ssda903.TableName]int{
		ssda903.Header: kids + kids/8, ssda903.Episodes: episodes,
		ssda903.Reviews: kids * 3 / 2, ssda903.SWEpisodes: kids * 3 / 2,
	} {
		if t := e.tables[name]; t != nil {
			t.Rows = make([]ssda903.Row, 0, rows)
		}
	}
}

// date formats a date as the return writes it.
func (e *emitter) date(d calendar.Date) string { return e.s.date(d) }

// dateIf formats a date that has happened by the end of the return, and
// leaves later ones blank.
func (e *emitter) dateIf(d calendar.Date) string {
	if d == 0 || d > e.to {
		return ""
	}
	return e.date(d)
}

// add appends a row to a table if the table belongs to the year.
func (e *emitter) add(name ssda903.TableName, values ...string) {
	if t := e.tables[name]; t != nil {
		t.Add(values...)
	}
}

// child writes everything about one child that belongs in the year.
func (e *emitter) child(c *child) {
	e.episodes, e.periods = e.episodes[:0], e.periods[:0]
	lookedAfter := false // had an episode other than a short break
	for _, p := range c.periods {
		if p.start > e.to {
			break
		}
		if p.end < e.from {
			continue
		}
		e.periods = append(e.periods, p)
		for i := range p.episodes {
			ep := &p.episodes[i]
			if ep.start <= e.to && ep.end >= e.from {
				e.episodes = append(e.episodes, held{ep, p})
				lookedAfter = lookedAfter || !p.shortBreak
			}
		}
	}
	leaverAge := e.careLeaverAge(c)
	if len(e.episodes) == 0 && leaverAge == 0 {
		return
	}
	dob := e.date(c.dob)
	e.header(c, dob, lookedAfter)
	e.episodeRows(c)
	if c.uasc && lookedAfter {
		e.add(ssda903.UASC, c.id, e.sex(c), dob, e.date(addYears(c.dob, 18))) // DUC is the 18th birthday, even ahead (rule 205B)
	}
	e.reviews(c, dob)
	e.outcomes(c, dob)
	if leaverAge > 0 {
		e.careLeaver(c, dob, leaverAge)
	}
	e.adoptions(c, dob)
	e.permanence(c, dob)
	e.missing(c, dob)
	e.socialWorkers(c, dob)
	e.deprivation(dob, c)
}

// sex codes the child's sex as the year's code list does.
func (e *emitter) sex(c *child) string {
	switch {
	case e.letters && c.unknownSex:
		return "U"
	case e.letters && c.male:
		return "M"
	case e.letters:
		return "F"
	case c.male:
		return "1"
	}
	return "2"
}

// header writes the child's Header row.
func (e *emitter) header(c *child, dob string, lookedAfter bool) {
	upn := c.upn
	switch {
	case ageOn(c.dob, e.to) < 5 && !c.earlyUPN:
		upn = "UN1"
	case c.noUPN != "":
		upn = c.noUPN
	}
	mother, baby := "", ""
	if c.babyDOB != 0 && c.babyDOB <= e.to {
		baby = e.date(c.babyDOB)
	}
	if !c.male && !(e.letters && c.unknownSex) && lookedAfter {
		mother = "0"
		if baby != "" {
			mother = "1"
		}
	} else {
		baby = "" // care leavers not looked after leave motherhood blank (rule 628)
	}
	uasc := "0" // the XML layout's flag; it says what the UASC table says
	if c.uasc && lookedAfter {
		uasc = "1"
	}
	e.add(ssda903.Header, c.id, e.sex(c), dob, c.ethnic, upn, mother, baby, uasc)
}

// episodeRows writes the episodes open at any time in the year. An
// episode that ends after the year is open: no DEC, REC or reason.
func (e *emitter) episodeRows(c *child) {
	dir := e.s.dir
	for _, h := range e.episodes {
		ep := h.ep
		dec, rec, reason := "", "", ""
		if ep.end <= e.to {
			dec, rec = e.date(ep.end), ep.rec
			if e.reasons {
				reason = ep.reason
			}
		}
		urn := ep.carer.urn
		if h.p.shortBreak {
			urn = "" // no placement location for short breaks (rule 214)
		}
		place := ep.place
		if ep.recode != "" && !e.s.placeValid(place, e.from) {
			place = ep.recode // the year's code list replaced it (rule 503D)
		}
		e.add(ssda903.Episodes, c.id, e.date(ep.start), ep.rne, ep.ls, h.p.cin, place, ep.provider(),
			dec, rec, reason, dir.code(h.p.home), dir.code(ep.placePost()), urn)
	}
}

// reviews writes the looked-after reviews held in the year: the first
// within 20 working days of starting, the second within three months,
// then every six months.
func (e *emitter) reviews(c *child, dob string) {
	for i, p := range c.periods {
		if p.shortBreak || p.start > e.to || p.end < e.from {
			continue
		}
		r := e.r
		r.reseed(e.s.seed, streamReview, uint64(c.index)<<8|uint64(i&0xff))
		t := p.start + calendar.Date(r.between(10, 28))
		for n := 0; t < p.end && t <= e.to; n++ {
			code := participation.draw(r)
			if ageOn(c.dob, t) < 4 {
				code = "PN0"
			}
			if t >= e.from {
				e.add(ssda903.Reviews, c.id, dob, e.date(t), code)
			}
			if n == 0 {
				t += calendar.Date(r.between(60, 91))
			} else {
				t += calendar.Date(r.between(150, 182))
			}
		}
	}
}

// lookedAfterAtEnd reports whether the child is looked after, other than
// on a short break, on the last day of the year.
func (e *emitter) lookedAfterAtEnd() bool {
	for _, p := range e.periods {
		if !p.shortBreak && p.start <= e.to && p.end >= e.to { // leaving on 31 March counts, as in the rules
			return true
		}
	}
	return false
}

// continuing returns the period of care that has lasted all year and goes
// on past its end, or nil.
func (e *emitter) continuing(c *child) *period {
	for _, p := range e.periods {
		if !p.shortBreak && p.start <= e.from && p.end >= e.to { // leaving on 31 March still counts (DfE definition)
			return p
		}
	}
	return nil
}

// outcomes writes the OC2 row of a child looked after continuously for
// twelve months at 31 March. Which items apply depends on age: an SDQ for
// ages 4 to 16, conviction from 10, development checks under 5.
func (e *emitter) outcomes(c *child, dob string) {
	if e.continuing(c) == nil {
		return
	}
	r := e.r
	r.reseed(e.s.seed, streamOutcome, uint64(c.index)<<8|uint64(int(e.year)&0xff))
	age := ageOn(c.dob, e.to)
	score, reason := "", ""
	if addYears(c.dob, 4) <= e.to && addYears(c.dob, 17) >= e.from { // rules 188, 189, 197B
		if r.chance(sdqScoreShare) {
			score = strconv.Itoa(max(0, min(40, int(r.normal(sdqMean, sdqSD)+0.5))))
		} else {
			reason = sdqReasons.draw(r)
		}
	}
	flag := func(p float64) string {
		if r.chance(p) {
			return "1"
		}
		return "0"
	}
	convicted, check := "", ""
	if age >= 10 {
		p := convictedShare / 2
		if age >= 14 {
			p = convictedShare * 1.8
		}
		convicted = flag(p)
	}
	if age < 5 {
		check = flag(healthCheckShare)
	}
	substance := "0"
	if age >= 11 {
		substance = flag(substanceShare * 1.6)
	}
	received, offered := "", ""
	if substance == "1" {
		received = flag(interventionShare)
		if received == "0" {
			offered = flag(interventionOffer)
		}
	}
	e.add(ssda903.OC2, c.id, dob, score, reason, convicted, check, flag(immunisedShare),
		flag(teethShare), flag(healthAssessShare), substance, received, offered)
}

// careLeaverAge returns the birthday (17 to 21) in the year on which the
// child is a care leaver the return must follow up, or 0.
func (e *emitter) careLeaverAge(c *child) int {
	born := yearOf(c.dob)
	for age := 17; age <= 21; age++ {
		if y := born + age; y < e.fromYear || y > e.toYear {
			continue
		}
		bd := addYears(c.dob, age)
		if bd < e.from || bd > e.to {
			continue
		}
		if e.s.careLeaver(c, age, bd) {
			return age
		}
		return 0
	}
	return 0
}

// careLeaver reports whether the child, on their birthday bd, is a care
// leaver: looked after for at least 13 weeks after turning 14, left care
// aged 16 or over, and not adopted, transferred or dead. At 17 and 18 it
// applies only to those who left before that birthday.
func (s *sim) careLeaver(c *child, age int, bd calendar.Date) bool {
	var last *period
	days14, days16 := 0, 0
	from14, from16 := addYears(c.dob, 14), addYears(c.dob, 16)
	for _, p := range c.periods {
		if p.shortBreak || p.start >= bd {
			continue
		}
		if p.end > bd || (age <= 18 && p.end == bd) {
			return false // looked after on the birthday
		}
		last = p
		days14 += max(0, int(p.end-max(p.start, from14)))
		days16 += max(0, int(p.end-max(p.start, from16)))
	}
	if last == nil || ageOn(c.dob, last.end) < 16 {
		return false
	}
	switch last.rec {
	case "E11", "E12", "E3", "E2":
		return false
	}
	return days14 >= 91 && days16 >= 1
}

// careLeaver writes the OC3 row.
func (e *emitter) careLeaver(c *child, dob string, age int) {
	r := e.r
	r.reseed(e.s.seed, streamLeaver, uint64(c.index)<<8|uint64(age))
	touch := inTouch.draw(r)
	activity, accommodation := "0", "0"
	if touch == "YES" {
		if age <= 18 {
			activity = activityYoung.draw(r)
		} else {
			activity = activityOlder.draw(r)
		}
		switch {
		case age == 17:
			accommodation = accommodationYoung.draw(r)
		case e.stayedPut(c) && r.chance(stayingPutAt19-stayingPutFall*float64(age-19)):
			accommodation = "Z1"
		default:
			accommodation = accommodationOlder.draw(r)
			for (accommodation == "Z1" && !e.stayedPut(c)) || (age <= 18 && foyer(accommodation)) {
				accommodation = accommodationOlder.draw(r) // no foyer for under-18s (rule 347)
			}
		}
	}
	e.add(ssda903.OC3, c.id, dob, touch, activity, accommodation)
}

// stayedPut reports whether the child left care staying with their foster
// carers.
func (e *emitter) stayedPut(c *child) bool {
	for i := len(c.periods) - 1; i >= 0; i-- {
		if !c.periods[i].shortBreak {
			return c.periods[i].rec == "E17"
		}
	}
	return false
}

// adoptions writes AD1 for a child adopted in the year and the decisions
// that the child should be placed for adoption in effect during it.
func (e *emitter) adoptions(c *child, dob string) {
	for _, p := range e.periods {
		a := p.adoption
		if a == nil {
			continue
		}
		if (p.rec == "E11" || p.rec == "E12") && p.end >= e.from && p.end <= e.to {
			foster := "0"
			if a.current {
				foster = "1"
			}
			e.add(ssda903.AD1, c.id, dob, e.date(a.decision), e.date(a.match), foster,
				strconv.Itoa(a.adopters), a.adopterSex, a.adopterLS)
		}
		until := p.end
		if a.reversed != 0 {
			until = a.reversed
		}
		if a.decision > e.to || until < e.from {
			continue
		}
		ceased, reason := "", ""
		if a.reversed != 0 && a.reversed <= e.to {
			ceased, reason = e.date(a.reversed), a.reversal
		}
		e.add(ssda903.PlacedAdoption, c.id, dob, e.date(a.decision), ceased, reason)
	}
}

// permanence writes PrevPerm for a child who started a period of care in
// the year.
func (e *emitter) permanence(c *child, dob string) {
	for _, p := range e.periods {
		if p.start >= e.from && p.start <= e.to {
			e.add(ssda903.PrevPerm, c.id, dob, p.prevPerm, p.laPerm, p.datePerm)
			return
		}
	}
}

// missing writes missing and away-from-placement episodes in the year.
func (e *emitter) missing(c *child, dob string) {
	for _, p := range e.periods {
		for _, m := range p.missing {
			if m.start <= p.start || m.start >= p.end {
				continue // only spells while looked after (rules 578, 581)
			}
			m.end = min(m.end, p.end-1)
			if m.start <= e.to && m.end >= e.from {
				e.add(ssda903.Missing, c.id, dob, m.code, e.date(m.start), e.dateIf(m.end))
			}
		}
	}
}

// socialWorkers writes the social worker episodes in the year of a child
// looked after on 31 March: the return reports them for those children
// only, over the whole year (SW12STG2, SW17STG2).
func (e *emitter) socialWorkers(c *child, dob string) {
	if e.tables[ssda903.SWEpisodes] == nil || !e.lookedAfterAtEnd() {
		return
	}
	for _, w := range c.social {
		if w.start <= e.to && w.end >= e.from {
			e.add(ssda903.SWEpisodes, c.id, dob, w.id, e.date(w.start), e.dateIf(w.end), w.reason)
		}
	}
}

// deprivation writes deprivation of liberty orders in the year.
func (e *emitter) deprivation(dob string, c *child) {
	if e.tables[ssda903.DoLo] == nil {
		return
	}
	for _, p := range e.periods {
		for _, d := range p.dolo {
			if d.start <= e.to && d.end >= e.from {
				e.add(ssda903.DoLo, c.id, dob, e.date(d.start), e.dateIf(d.end))
			}
		}
	}
}

// foyer reports whether an OC3 accommodation code is a foyer.
func foyer(code string) bool { return code == "T1" || code == "T2" }
