package synth

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/pseudonym"
	"github.com/village-uk/village/returns"
	ehschema "github.com/village-uk/village/returns/earlyhelp"
)

// The random streams of the partners' files, apart from the returns' so
// that generating them changes nothing else (random.go numbers the
// returns' own from 0).
const (
	streamEarlyHelp = 1000 + iota
	streamHAF
	streamPartnersInject
)

// The early help parameters (PARAMETERS.md gives their sources).
const (
	// earlyHelpToCINRatio is children in early help in a year for each
	// child in need in it: Action for Children's "prevention ratio" of
	// two children in early help for every three in social care.
	earlyHelpToCINRatio = 2.0 / 3
	// stepUpBeforeReferral is the chance that a referral (not the first
	// entry to care of a baby) follows an episode of early help that
	// closed stepped up.
	stepUpBeforeReferral = 0.1
	// stepDownAfterClosure is the chance that a case of need closed (not
	// by care, adoption or a move) is followed by early help: RC9 cases
	// always, others at this rate.
	stepDownAfterClosure = 0.15
	// signpostedAfterNFA is the chance that a referral closed with no
	// further action is signposted to early help: Action for Children's
	// "just a quarter".
	signpostedAfterNFA = 0.25
)

// earlyHelpOutcomes are the outcomes of episodes of children never
// referred to social care.
var earlyHelpOutcomes = codeChoices("needs_met", 60, "stepped_down", 18, "disengaged", 14, "moved_away", 8)

// earlyHelpReasons are why the episodes of children never referred
// began.
var earlyHelpReasons = codeChoices("education", 20, "early_years", 12, "health", 12, "family_relationships", 22,
	"domestic_abuse", 10, "financial", 8, "housing", 5, "substance_use", 3, "crime", 3, "safeguarding", 3, "other", 2)

// leadAgencies are the lead professionals' agencies.
var leadAgencies = codeChoices("Early help service", 45, "School", 30, "Health visiting", 12, "Children's centre", 8, "Voluntary sector", 5)

// Partners is a synthetic area's early help and HAF files, one of each a
// collection year, their children pseudonymised under Key.
type Partners struct {
	// Key is derived from the seed, so that the same configuration
	// always gives the same files. A council's key is random
	// (village pseudonymise --new-key); this one is for synthetic data
	// only.
	Key      pseudonym.Key
	KeyText  string // Key as the key file holds it
	Years    []PartnerYear
	Injected []InjectedError // the mistakes Config.ErrorRate put in
	// Raw are the identifiers the files' pseudonyms were made from of
	// children known only to early help or HAF (synthetic, never in any
	// return), so that tests can check that none reaches the store.
	Raw []string
}

// PartnerYear is one collection year's files: rows in the column order of
// returns/earlyhelp's schemas (early help with ChildUPN last). The HAF
// file's rows, millions in an area, are kept as sessions and made one at
// a time (HAFRow).
type PartnerYear struct {
	Year      calendar.Year
	EarlyHelp [][]string
	haf       []hafSession
	hafEdits  map[int][]string // rows changed by the injected mistakes, by index
	texts     *hafTexts
}

// HAFLen is how many rows the year's HAF file has.
func (y *PartnerYear) HAFLen() int { return len(y.haf) }

// HAFRow is row n (0-based) of the year's HAF file.
func (y *PartnerYear) HAFRow(n int) []string {
	if row, ok := y.hafEdits[n]; ok {
		return row
	}
	return y.haf[n].row(y.texts)
}

// ehEpisode is one simulated episode of early help.
type ehEpisode struct {
	id, upn    string // the child's LA child ID and UPN ("" without one)
	dob        calendar.Date
	start, end calendar.Date // end 0 while open
	reason     string
	agency     string
	outcome    string
}

// Partners simulates the early help and HAF of the same area as the
// returns: children of the CIN census stepped up from and down to early
// help, children signposted after a referral closed with no further
// action, children known only to early help, and the children at the HAF
// programmes (haf.go).
func (r *Result) Partners() (*Partners, error) {
	r.CIN()
	s, kids := r.cin.s, r.cin.censuses[0].children
	keyText := partnersKey(s.seed)
	key, err := pseudonym.ParseKey(keyText)
	if err != nil {
		return nil, fmt.Errorf("synth: the partners' key: %w", err)
	}
	p := &Partners{Key: key, KeyText: keyText}
	episodes := s.socialCareEarlyHelp(kids)
	episodes = append(episodes, s.earlyHelpOnly(kids, len(episodes))...)
	sessions := s.hafSessions(kids, episodes)
	texts := &hafTexts{key: key, dates: map[calendar.Date][2]string{}}
	for y := s.first; y <= s.last; y++ {
		py := PartnerYear{Year: y, texts: texts}
		for _, e := range episodes {
			if e.start <= y.End() && (e.end == 0 || e.end >= y.Start()) && e.start < s.horizon {
				py.EarlyHelp = append(py.EarlyHelp, s.episodeRow(key, e, y))
			}
		}
		py.haf = sessionsIn(sessions, y)
		p.Years = append(p.Years, py)
	}
	p.Injected = injectPartners(p.Years, r.cin.rate, s.seed)
	for _, e := range episodes {
		if strings.HasPrefix(e.id, "7") {
			p.Raw = append(p.Raw, e.id, e.upn)
		}
	}
	listed := map[*hafChild]bool{} // a child has many sessions
	for _, h := range sessions {
		if h.child.upn[1:4] == "936" && !listed[h.child] {
			listed[h.child] = true
			p.Raw = append(p.Raw, h.child.upn)
		}
	}
	slices.Sort(p.Raw)
	p.Raw = slices.Compact(p.Raw)
	return p, nil
}

// sessionsIn returns the sessions held in year y, in order: a part of
// sessions when they are all together, as hafSessions makes them, else a
// copy.
func sessionsIn(sessions []hafSession, y calendar.Year) []hafSession {
	first, last, n := -1, -1, 0
	for i, h := range sessions {
		if calendar.YearOf(h.date) == y {
			if first < 0 {
				first = i
			}
			last = i
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if n == last-first+1 {
		return sessions[first : last+1 : last+1]
	}
	out := make([]hafSession, 0, n)
	for _, h := range sessions[first : last+1] {
		if calendar.YearOf(h.date) == y {
			out = append(out, h)
		}
	}
	return out
}

// partnersKey is the synthetic key for seed, as hexadecimal text.
func partnersKey(seed uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	sum := sha256.Sum256(append([]byte("village synthetic pseudonym key "), b[:]...))
	return hex.EncodeToString(sum[:])
}

// episodeRow is an episode as a row of early-help.csv in year y: an
// episode still open at the year's end (or at the end of the simulation)
// is written open.
func (s *sim) episodeRow(key pseudonym.Key, e *ehEpisode, y calendar.Year) []string {
	child, _ := key.Of(pseudonym.LAChildID, e.id)
	upn := ""
	if e.upn != "" && ageOn(e.dob, e.start) >= 4 {
		upn, _ = key.Of(pseudonym.UPN, e.upn)
	}
	end, outcome := "", ""
	if e.end != 0 && e.end <= y.End() && e.end < s.horizon {
		end, outcome = e.end.String(), e.outcome
	}
	return []string{"EH" + strconv.Itoa(int(e.start)) + e.id[len(e.id)-3:], child, e.start.String(), end, e.reason, e.agency, outcome, upn}
}

// socialCareEarlyHelp simulates the early help of children of the CIN
// census: before a referral, stepped up; after a case closed, stepped
// down; after a referral with no further action, signposted.
func (s *sim) socialCareEarlyHelp(kids []*cinChild) []*ehEpisode {
	var out []*ehEpisode
	for i, k := range kids {
		r := newRNG(s.seed, streamEarlyHelp, uint64(i)+1)
		for _, cs := range k.cases {
			if cs.referral-k.dob > 365 && r.chance(stepUpBeforeReferral) {
				end := cs.referral - calendar.Date(r.between(0, 21))
				start := end - calendar.Date(r.logNormal(150, 0.5, 30, 700))
				out = append(out, &ehEpisode{id: k.id, upn: k.upn, dob: k.dob, start: max(start, k.dob), end: end,
					reason: earlyHelpReasons.draw(r), agency: leadAgencies.draw(r), outcome: "stepped_up"})
			}
			if cs.closure == 0 || ageOn(k.dob, cs.closure) >= 17 {
				continue
			}
			chance := stepDownAfterClosure
			switch {
			case cs.nfa:
				chance = signpostedAfterNFA
			case cs.reason == "RC9":
				chance = 1
			case cs.reason != "RC7" && cs.reason != "RC8":
				chance = 0 // adopted, died, moved, an order: no early help
			}
			if !r.chance(chance) {
				continue
			}
			start := cs.closure + calendar.Date(r.between(1, 28))
			reason := "step_down"
			if cs.nfa {
				reason = earlyHelpReasons.draw(r)
			}
			out = append(out, &ehEpisode{id: k.id, upn: k.upn, dob: k.dob, start: start,
				end: start + calendar.Date(r.logNormal(180, 0.5, 30, 900)), reason: reason, agency: leadAgencies.draw(r), outcome: earlyHelpOutcomes.draw(r)})
		}
	}
	return out
}

// earlyHelpOnly simulates children known to early help only, enough that
// each year's children in early help are earlyHelpToCINRatio of its
// children in need.
func (s *sim) earlyHelpOnly(kids []*cinChild, have int) []*ehEpisode {
	var out []*ehEpisode
	r := newRNG(s.seed, streamEarlyHelp, 0)
	n := 0
	for y := s.first; y <= s.last; y++ {
		inNeed := 0
		for _, k := range kids {
			if k.inNeedDuring(y) {
				inNeed++
			}
		}
		// Episodes last about six months, so about six in ten of a
		// year's children began in it: start that many a year, less
		// those of children known to social care.
		starts := int(float64(inNeed)*earlyHelpToCINRatio*0.6) - have/int(s.last-s.first+1)/3
		for range max(starts, 0) {
			n++
			start := y.Start() + calendar.Date(r.IntN(365))
			dob := start - calendar.Date(r.IntN(17*365))
			id := strconv.Itoa(700000000 + n)
			out = append(out, &ehEpisode{id: id, upn: partnerUPN("939", n, dob), dob: dob, start: start,
				end: start + calendar.Date(r.logNormal(180, 0.5, 30, 900)), reason: earlyHelpReasons.draw(r),
				agency: leadAgencies.draw(r), outcome: earlyHelpOutcomes.draw(r)})
		}
	}
	return out
}

// inNeedDuring reports whether the child had a case open at any time in
// year y.
func (k *cinChild) inNeedDuring(y calendar.Year) bool {
	for _, cs := range k.cases {
		if cs.referral <= y.End() && (cs.closure == 0 || cs.closure >= y.Start()) {
			return true
		}
	}
	return false
}

// partnerUPN makes a UPN for a child known only to early help or HAF:
// as makeUPN, with authority digits la (939 for early help, 936 for
// HAF), so it meets no other child's.
func partnerUPN(la string, n int, dob calendar.Date) string {
	year := (yearOf(dob) + 4) % 100
	school, serial := 1000+(n/900)%9000, 100+n%900
	digits := la + strconv.Itoa(school) + twoDigits(year) + strconv.Itoa(serial)
	return upnCheckLetter(digits) + digits
}

// WriteCSV writes year i's early help file (table "EarlyHelp") or HAF
// file ("HAF") as returns/earlyhelp's layout has it.
func (p *Partners) WriteCSV(w io.Writer, i int, table string) error {
	s := ehschema.Collection.Schema(returns.TableName(table))
	header := make([]string, len(s.Columns))
	for j, c := range s.Columns {
		header[j] = c.Name
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	y := &p.Years[i]
	if table != string(ehschema.HAF) {
		cw.WriteAll(y.EarlyHelp)
		return cw.Error()
	}
	for n := range y.HAFLen() {
		cw.Write(y.HAFRow(n))
	}
	cw.Flush()
	return cw.Error()
}

// WriteInjectedCSV writes the mistakes put into the partners' files.
func (p *Partners) WriteInjectedCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"year", "table", "row", "field", "was", "now", "kind", "caught_by"})
	for _, e := range p.Injected {
		cw.Write([]string{e.Year.String(), string(e.Table), strconv.Itoa(e.Row), e.Field, e.Was, e.Now, e.Kind, e.Rule})
	}
	cw.Flush()
	return cw.Error()
}
