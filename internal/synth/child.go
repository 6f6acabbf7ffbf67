package synth

import (
	"strconv"

	"github.com/village-uk/village/calendar"
)

// live simulates one child from their first entry to care: each period of
// care and any return to care after going home. It returns nil for a child
// who left care too long before the first emitted year to appear in any
// return.
func (s *sim) live(index int, e entry, r *rng) *child {
	r.reseed(s.seed, streamChild, uint64(index))
	c := &child{index: index, dob: e.date - calendar.Date(e.ageDays), male: e.male, uasc: e.uasc}
	home := int32(-1)
	if !c.uasc {
		home = s.dir.home(r)
	}
	start := e.date
	var before *period
	for {
		p := s.period(c, r, start, home, before)
		c.periods = append(c.periods, p)
		if p.end >= s.horizon || c.uasc || !r.chance(reentryChance[p.rec]) {
			break
		}
		next := p.end + calendar.Date(r.logNormal(reentryMedianDays, reentrySigma, 14, 3650))
		if permanenceExit(p.rec) && calendar.YearOf(next) == calendar.YearOf(p.end) {
			// The return's DATE_PERM must precede the child's first episode
			// in the year (rule 632), so a child who left on an order comes
			// back in a later year.
			next = calendar.YearOf(p.end).End() + calendar.Date(r.between(1, 120))
		}
		if next >= s.horizon || ageOn(c.dob, next) >= earliestReentryAge {
			break
		}
		if r.chance(homeMoveOnReentry) {
			home = s.dir.home(r)
		}
		before, start = p, next
	}
	if c.lastEnd() < s.keepFrom {
		return nil
	}
	s.describe(c, r)
	s.motherhood(c, r)
	s.socialWorkers(c, r)
	return c
}

// describe gives a child the Header items: ID, ethnicity, UPN.
func (s *sim) describe(c *child, r *rng) {
	// IDs are spread out but unique: each index owns seven numbers.
	c.id = strconv.Itoa(1000000 + c.index*7 + r.IntN(7))
	if c.uasc {
		c.ethnic = ethnicityUASC.draw(r)
	} else {
		c.ethnic = ethnicityOther.draw(r)
	}
	c.unknownSex = r.chance(unknownSexShare) && c.periods[0].start >= calendar.NewDate(2024, 4, 1)
	c.upn = makeUPN(c.index, c.dob)
	c.earlyUPN = r.chance(earlyUPNShare)
	switch {
	case c.uasc && r.chance(uascNoUPN):
		c.noUPN = "UN2"
	case r.chance(otherNoUPN):
		c.noUPN = "UN3"
	}
}

// makeUPN makes a unique pupil number with a correct check letter: the
// letter, then a three-digit authority number, a four-digit school
// number, the two-digit year of allocation and a three-digit serial. The
// school and serial come from the child's index, so no two children share
// a UPN (rule 444).
func makeUPN(index int, dob calendar.Date) string {
	year := (yearOf(dob) + 4) % 100 // allocated on starting school
	school, serial := 1000+(index/900)%9000, 100+index%900
	digits := "937" + strconv.Itoa(school) + twoDigits(year) + strconv.Itoa(serial)
	return upnCheckLetter(digits) + digits
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// upnCheckLetter returns the DfE check letter for the twelve digits of a
// UPN: the digits weighted 2 to 13, summed, modulo 23.
func upnCheckLetter(digits string) string {
	const letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[i]-'0') * (i + 2)
	}
	return string(letters[sum%23])
}

// motherhood decides whether a girl in care has a baby while looked
// after, from age 14.
func (s *sim) motherhood(c *child, r *rng) {
	if c.male {
		return
	}
	for _, p := range c.periods {
		from := max(p.start, addYears(c.dob, 14))
		to := min(p.end, s.horizon)
		if p.shortBreak || to <= from {
			continue
		}
		years := float64(to-from) / 365.25
		if r.chance(motherChance * years) {
			c.babyDOB = from + calendar.Date(r.IntN(int(to-from)))
			return
		}
	}
}

// socialWorkers allocates social workers to a child from a little before
// each period of care (the child was known to children's services) until
// a little after it, changing every 6 to 18 months. A new social worker
// episode starts on the day care starts, as the DfE's rules expect a
// social worker episode to begin with each period of care (SW12STG2).
func (s *sim) socialWorkers(c *child, r *rng) {
	var prevEnd calendar.Date
	for i, p := range c.periods {
		if p.shortBreak || p.end < s.keepFrom {
			continue
		}
		reason := "FCONTA"
		if i > 0 {
			reason = "CHCHAN"
		}
		c.social = truncateSocial(c.social, p.start) // a quick return to care: the worker carries on
		from := max(p.start-calendar.Date(r.between(0, 240)), prevEnd+1)
		if i == 0 && c.uasc {
			from = p.start // UASC are unknown until they arrive
		}
		if from < p.start {
			c.social = append(c.social, swEpisode{start: from, end: p.start, id: s.workers[r.IntN(len(s.workers))], reason: reason})
			reason = "CHCHAN"
		}
		to := p.end + calendar.Date(r.between(1, 90)) // the worker stays on after care ends
		for t := p.start; t < to && t < s.horizon; {
			end := min(t+calendar.Date(r.between(socialWorkerMin, socialWorkerMax)), to)
			c.social = append(c.social, swEpisode{start: t, end: end, id: s.workers[r.IntN(len(s.workers))], reason: reason})
			t = end
			reason = socialWorkerReasons.draw(r)
		}
		prevEnd = to
	}
}

// permanenceExit reports whether a period ended with a permanence order:
// adoption, a child arrangements order or special guardianship.
func permanenceExit(rec string) bool {
	switch rec {
	case "E11", "E12", "E41", "E45", "E46", "E47", "E48":
		return true
	}
	return false
}

// truncateSocial ends the social worker episodes at day t: those starting
// on or after it are dropped and one running past it ends on it.
func truncateSocial(social []swEpisode, t calendar.Date) []swEpisode {
	for len(social) > 0 && social[len(social)-1].start >= t {
		social = social[:len(social)-1]
	}
	if n := len(social); n > 0 && social[n-1].end > t {
		social[n-1].end = t
	}
	return social
}
