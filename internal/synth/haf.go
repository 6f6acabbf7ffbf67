package synth

import (
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/pseudonym"
)

// The HAF parameters (PARAMETERS.md gives their sources).
const (
	// fsmShareOfPupils is the share of pupils eligible for benefits-related
	// free school meals.
	fsmShareOfPupils = 0.24
	// hafSummerFSMReach is the share of them at the summer programme.
	hafSummerFSMReach = 0.23
	// hafNonFSMShare is the share of the summer's children not eligible
	// for free school meals.
	hafNonFSMShare = 0.32
	// fsmShareInNeed is the share of school-age children in need
	// eligible for free school meals (an assumption: far above pupils'
	// share).
	fsmShareInNeed = 0.5
	// sendShare is the share of pupils with special educational needs.
	sendShare = 0.18
	// hafInNeedKeenness scales the keenness of children of the CIN
	// census (an assumption: the synthetic area has more children in
	// need for its population than England, and this keeps about one HAF
	// child in six known to the census).
	hafInNeedKeenness = 0.5
)

// hafFirstYear is the first year HAF ran in every authority: the DfE
// extended it to all of them from Easter 2021.
const hafFirstYear = 2021

// hafProgrammeFactor is how many children each programme reaches against
// the summer's (an assumption: Easter and Christmas run four days, summer
// sixteen).
var hafProgrammeFactor = map[string]float64{"easter": 0.45, "summer": 1, "christmas": 0.35}

// hafProviders are the synthetic area's HAF providers.
var hafProviders = []string{"Park Lane Holiday Club", "Riverside Sports Camp", "St Mary's Community Kitchen", "Northfield Youth Centre",
	"Arts on the Green", "Eastgate Football Foundation", "Hillside Forest School", "Town Library Makers"}

// hafChild is one child who may attend HAF.
type hafChild struct {
	upn        string
	dob        calendar.Date
	fsm, send  bool
	propensity float64 // how keen, against the average child of the same eligibility
	pseudonym  string  // the UPN's pseudonym, once a row has needed it
}

// hafProgrammes are the programmes, in the order each year runs them.
var hafProgrammes = []string{"easter", "summer", "christmas"}

// hafSession is one child's attendance at one session, kept small: an
// area has millions, and their rows are made only as they are written.
type hafSession struct {
	child     *hafChild
	date      calendar.Date
	programme uint8 // index into hafProgrammes
	provider  uint8 // index into hafProviders
}

// hafTexts holds the text of the values many rows share, so that making
// a row allocates only the row.
type hafTexts struct {
	key   pseudonym.Key
	dates map[calendar.Date][2]string // the date and its calendar year
}

// row is the session as a row of haf.csv.
func (h hafSession) row(t *hafTexts) []string {
	// A child has many sessions: the keyed hash is worked out once.
	if h.child.pseudonym == "" {
		h.child.pseudonym, _ = t.key.Of(pseudonym.UPN, h.child.upn)
	}
	date, ok := t.dates[h.date]
	if !ok {
		date = [2]string{h.date.String(), strconv.Itoa(h.date.Year())}
		t.dates[h.date] = date
	}
	yes := func(b bool) string {
		if b {
			return "Y"
		}
		return "N"
	}
	return []string{h.child.pseudonym, hafProgrammes[h.programme], date[1], date[0], hafProviders[h.provider],
		yes(h.child.fsm), yes(h.child.send), yearGroupText(yearGroup(h.child.dob, h.date))}
}

// yearGroup is the school year group of a child born dob on day d:
// 0 for reception, the year in which the child turns 5.
func yearGroup(dob, d calendar.Date) int {
	cohort := dob.Year()
	if dob.Month() >= 9 {
		cohort++
	}
	academic := d.Year()
	if d.Month() < 9 {
		academic--
	}
	return academic - cohort - 4
}

func yearGroupText(g int) string {
	if g == 0 {
		return "R"
	}
	return strconv.Itoa(g)
}

// hafSessions simulates the HAF programmes of every emitted year: the
// school-age children of the CIN census, and a pool of other children,
// eligible for free school meals or not, each attending each programme
// at a rate set by the published reach and their own keenness, for a
// number of sessions.
func (s *sim) hafSessions(kids []*cinChild, episodes []*ehEpisode) []hafSession {
	r := newRNG(s.seed, streamHAF, 0)
	pool := s.hafPool(kids, episodes, r)
	var out []hafSession
	for y := s.first; y <= s.last; y++ {
		for pi, prog := range hafProgrammes {
			days := hafDays(prog, y.Start().Year())
			if days[0] >= s.horizon || y.Start().Year() < hafFirstYear {
				continue
			}
			for _, c := range pool {
				if g := yearGroup(c.dob, days[0]); g < 0 || g > 11 {
					continue
				}
				// The pool's non-FSM children are as many as give
				// hafNonFSMShare at the same rate.
				chance := hafSummerFSMReach * hafProgrammeFactor[prog] * c.propensity
				if !r.chance(min(chance, 0.95)) {
					continue
				}
				provider := uint8(r.IntN(len(hafProviders)))
				n := r.logNormal(5, 0.7, 1, len(days))
				first := r.IntN(len(days) - n + 1)
				for _, d := range days[first : first+n] {
					out = append(out, hafSession{child: c, programme: uint8(pi), date: d, provider: provider})
				}
			}
		}
	}
	return out
}

// hafPool makes the children who may attend: the CIN census's children
// with a UPN, the children known only to early help, and enough others born over the years that any year's
// pupils eligible for free school meals are fsmShareOfPupils of the
// area's, with non-FSM children at hafNonFSMShare of attendance.
func (s *sim) hafPool(kids []*cinChild, episodes []*ehEpisode, r *rng) []*hafChild {
	var pool []*hafChild
	keen := func() float64 { return min(r.gamma(1.5, 1), 4) }
	for _, k := range kids {
		if k.upn == "" {
			continue
		}
		send := len(k.disabilities) > 0 && k.disabilities[0] != "NONE"
		pool = append(pool, &hafChild{upn: k.upn, dob: k.dob, fsm: r.chance(fsmShareInNeed), send: send || r.chance(sendShare), propensity: keen() * hafInNeedKeenness})
	}
	seen := map[string]bool{}
	for _, e := range episodes {
		if strings.HasPrefix(e.upn[1:], "939") && !seen[e.upn] {
			seen[e.upn] = true
			pool = append(pool, &hafChild{upn: e.upn, dob: e.dob, fsm: r.chance(fsmShareInNeed), send: r.chance(sendShare), propensity: keen() * hafInNeedKeenness})
		}
	}
	// Twelve school years of pupils of a flat age structure are 12/18 of
	// the 0-17 population; children born over the years emitted and the
	// twelve before cover every pupil of every year.
	mid := s.last.Start()
	pupils := s.pop.total(mid) * 12 / 18
	births := int(s.last-s.first) + 13
	fsm := int(pupils*fsmShareOfPupils) * births / 12
	other := int(float64(fsm) * hafNonFSMShare / (1 - hafNonFSMShare))
	from := s.first.Start().AddYears(-17)
	span := int(s.last.End()-from) - 4*365
	for n := range fsm + other {
		dob := from + calendar.Date(r.IntN(span))
		pool = append(pool, &hafChild{upn: partnerUPN("936", n+1, dob), dob: dob, fsm: n < fsm, send: r.chance(sendShare), propensity: keen()})
	}
	return pool
}

// hafDays are the days a programme runs in the calendar year: Monday to
// Thursday of the second week of April at Easter, of the four weeks from
// the last Monday of July in the summer, and of the week whose Monday is
// on or before 20 December at Christmas.
func hafDays(prog string, year int) []calendar.Date {
	var monday calendar.Date
	weeks := 1
	switch prog {
	case "easter":
		monday = mondayOnOrAfter(calendar.NewDate(year, 4, 8))
	case "summer":
		monday = mondayOnOrAfter(calendar.NewDate(year, 7, 25))
		weeks = 4
	default:
		monday = mondayOnOrAfter(calendar.NewDate(year, 12, 14))
	}
	var out []calendar.Date
	for w := range weeks {
		for d := range 4 {
			out = append(out, monday+calendar.Date(7*w+d))
		}
	}
	return out
}

// mondayOnOrAfter is the first Monday on or after d.
func mondayOnOrAfter(d calendar.Date) calendar.Date {
	for d.Weekday() != 1 {
		d++
	}
	return d
}
