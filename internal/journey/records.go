package journey

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Records are a child's rows in the tables other than Header, Episodes and
// UASC, as the journey keeps them: what happened to the child in care
// (missing, adoption), and the outcomes each year (health, leaving care,
// motherhood).
//
// They are read from every return Build is given, oldest first:
//
//   - A row that describes one event (MISSING by MIS_START, AD1 by
//     DATE_INT, PLACED_ADOPTION by DATE_PLACED, each with CHILD: the
//     store's natural keys) can be submitted again in a later year's
//     return; it is kept once, as the latest return has it. Two rows of
//     one return with the same key keep the later row of the file.
//   - OC2, OC3 and the Header's MOTHER and MC_DOB describe the child in one
//     collection year: one each a year, the later row of the file when a
//     return has two. Motherhood is kept only for Header rows that give
//     MOTHER or MC_DOB.
//   - Dates are read as the episodes' are (spaces around them ignored); a
//     date or code that cannot be read is kept as unknown (Has... false,
//     or the code as submitted), never guessed at.
//   - Rows of a child named in no Header, Episodes or UASC table of any
//     return belong to no journey and are not kept.
type Records struct {
	Missing           []Missing           // MISSING rows, by start (unknown starts last)
	Health            []Health            // OC2 rows, by collection year
	Leaving           []Leaving           // OC3 rows, by collection year
	Adoption          []Adoption          // AD1 rows, by collection year
	PlacedForAdoption []PlacedForAdoption // PLACED_ADOPTION rows, by date of decision (unknown dates last)
	Motherhood        []Motherhood        // Header MOTHER and MC_DOB, by collection year
	Reviews           []Review            // Reviews rows, by date (unknown dates last)
}

// Review is a Reviews row: a looked-after review and how the child took
// part in it.
type Review struct {
	Year    calendar.Year
	Date    calendar.Date // REVIEW; zero when not a date
	HasDate bool
	Code    string // REVIEW_CODE as submitted, trimmed: PN0 to PN7, or something else (unknown)
}

// Missing is one time missing from, or away from, placement.
type Missing struct {
	Start, End calendar.Date // MIS_START and MIS_END; End is zero while Open
	Open       bool          // MIS_END blank
	Away       bool          // MISSING A (away without authorisation); M is missing
	Year       calendar.Year // the return that supplied it
	Code       string        // MISSING as submitted, trimmed: M, A, or something else (unknown)
	HasStart   bool          // MIS_START is a date
	HasEnd     bool          // MIS_END is a date on or after MIS_START
}

// IsMissing reports whether the episode is coded M: missing, whereabouts
// unknown.
func (m *Missing) IsMissing() bool { return m.Code == "M" }

// Health is a child's OC2 row for one collection year: children looked
// after for 12 months or more at 31 March.
type Health struct {
	Year                                         calendar.Year
	SDQScore                                     int // 0-40
	HasSDQ                                       bool
	SDQReason                                    string
	Convicted, HealthCheck, Immunisations, Teeth string // codes as submitted, trimmed: "1" yes, "0" no
	HealthAssessment, SubstanceMisuse            string
	InterventionReceived, InterventionOffered    string
}

// Leaving is a care leaver's OC3 row for one collection year.
type Leaving struct {
	Year                             calendar.Year
	InTouch, Activity, Accommodation string // IN_TOUCH, ACTIV, ACCOM as submitted, trimmed
}

// Adoption is an AD1 row: the adoption decision and match.
type Adoption struct {
	Year                    calendar.Year
	DecisionDate, MatchDate calendar.Date // DATE_INT and DATE_MATCH; zero when blank
	HasDecision, HasMatch   bool
}

// PlacedForAdoption is a PLACED_ADOPTION row: the decision that the child
// should be placed for adoption, and whether it was reversed.
type PlacedForAdoption struct {
	Year                  calendar.Year
	Decided, Ceased       calendar.Date // DATE_PLACED and DATE_PLACED_CEASED; zero when blank
	HasDecided, HasCeased bool
	CeasedReason          string // REASON_PLACED_CEASED
}

// Motherhood is what one year's Header says of the child as a mother.
type Motherhood struct {
	Year        calendar.Year
	Mother      bool          // MOTHER 1
	HasMother   bool          // MOTHER is 0 or 1
	ChildBorn   calendar.Date // MC_DOB; zero when blank
	HasChildDOB bool
}

// eventKey identifies a row that records one event of a child: CHILD and
// the event's date, or the date's text when it is not a date.
type eventKey struct {
	child string
	day   calendar.Date
	text  string
}

// keyOf returns the key of the child's event dated in column i of the
// row, with the date when the column is one.
func keyOf(child string, row ssda903.Row, i int) (eventKey, calendar.Date, bool) {
	s, day, ok := dateOf(row, i)
	if ok {
		return eventKey{child: child, day: day}, day, true
	}
	return eventKey{child: child, text: s}, 0, false
}

// recordReader reads the other tables into the drafts of the children
// already named; where holds each event's place in its child's slice, so
// that a later copy replaces it.
type recordReader struct {
	b                                      *builder
	missing, adoption, placements, reviews map[eventKey]int
}

// readRecords fills each named child's Records from every return, oldest
// first, so that the latest copy of a row wins.
func (b *builder) readRecords(ordered []*ssda903.Return) {
	rows := func(name ssda903.TableName) int {
		n := 0
		for _, r := range ordered {
			n += r.Table(name).Len()
		}
		return n
	}
	// Sized at the start: growing a map row by row costs more than
	// filling it.
	rr := recordReader{b: b, missing: make(map[eventKey]int, rows(ssda903.Missing)),
		adoption: make(map[eventKey]int, rows(ssda903.AD1)), placements: make(map[eventKey]int, rows(ssda903.PlacedAdoption)),
		reviews: make(map[eventKey]int, rows(ssda903.Reviews))}
	for _, r := range ordered {
		rr.readMissing(r)
		rr.readHealth(r)
		rr.readLeaving(r)
		rr.readAdoption(r)
		rr.readPlacedForAdoption(r)
		rr.readMotherhood(r)
		rr.readReviews(r)
	}
	for _, d := range b.drafts {
		d.child.Records.sort()
	}
}

// eachRow calls read for every row of table t that names a child with a
// journey (one that a Header, Episodes or UASC table names), with the
// child's Records and ID.
func (rr *recordReader) eachRow(t *ssda903.Table, read func(rec *Records, id string, row ssda903.Row)) {
	child := index(t, "CHILD")
	if child < 0 {
		return
	}
	for _, row := range t.Rows {
		id := cell(row, child)
		if d := rr.b.drafts[id]; d != nil && id != "" {
			read(&d.child.Records, id, row)
		}
	}
}

// dateOf reads a date column: the trimmed text, the date and whether it is
// one.
func dateOf(row ssda903.Row, i int) (string, calendar.Date, bool) {
	s := strings.TrimSpace(cell(row, i))
	day, ok := calendar.ParseDate(s)
	return s, day, ok
}

// codeOf reads a code column, trimmed.
func codeOf(row ssda903.Row, i int) string { return strings.TrimSpace(cell(row, i)) }

func (rr *recordReader) readMissing(r *ssda903.Return) {
	t := r.Table(ssda903.Missing)
	code, start, end := index(t, "MISSING"), index(t, "MIS_START"), index(t, "MIS_END")
	rr.eachRow(t, func(rec *Records, id string, row ssda903.Row) {
		key, from, hasStart := keyOf(id, row, start)
		m := Missing{Start: from, HasStart: hasStart, Year: r.Year, Code: codeOf(row, code)}
		m.Away = m.Code == "A"
		text, to, ok := dateOf(row, end)
		switch {
		case text == "":
			m.Open = true
		case ok && (!hasStart || to >= from):
			m.End, m.HasEnd = to, true
		}
		put(&rec.Missing, rr.missing, key, m)
	})
}

func (rr *recordReader) readHealth(r *ssda903.Return) {
	t := r.Table(ssda903.OC2)
	col := func(name string) int { return index(t, name) }
	score, reason, convicted, check := col("SDQ_SCORE"), col("SDQ_REASON"), col("CONVICTED"), col("HEALTH_CHECK")
	immunisations, teeth, assessment := col("IMMUNISATIONS"), col("TEETH_CHECK"), col("HEALTH_ASSESSMENT")
	substance, received, offered := col("SUBSTANCE_MISUSE"), col("INTERVENTION_RECEIVED"), col("INTERVENTION_OFFERED")
	rr.eachRow(t, func(rec *Records, _ string, row ssda903.Row) {
		h := Health{Year: r.Year, SDQReason: codeOf(row, reason), Convicted: codeOf(row, convicted),
			HealthCheck: codeOf(row, check), Immunisations: codeOf(row, immunisations), Teeth: codeOf(row, teeth),
			HealthAssessment: codeOf(row, assessment), SubstanceMisuse: codeOf(row, substance),
			InterventionReceived: codeOf(row, received), InterventionOffered: codeOf(row, offered)}
		h.SDQScore, h.HasSDQ = sdqScore(codeOf(row, score))
		putYearly(&rec.Health, h, func(x Health) calendar.Year { return x.Year })
	})
}

// sdqScore reads SDQ_SCORE: a whole number from 0 to 40.
func sdqScore(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 40 {
		return 0, false
	}
	return n, true
}

func (rr *recordReader) readLeaving(r *ssda903.Return) {
	t := r.Table(ssda903.OC3)
	touch, activity, accommodation := index(t, "IN_TOUCH"), index(t, "ACTIV"), index(t, "ACCOM")
	rr.eachRow(t, func(rec *Records, _ string, row ssda903.Row) {
		l := Leaving{Year: r.Year, InTouch: codeOf(row, touch), Activity: codeOf(row, activity),
			Accommodation: codeOf(row, accommodation)}
		putYearly(&rec.Leaving, l, func(x Leaving) calendar.Year { return x.Year })
	})
}

func (rr *recordReader) readAdoption(r *ssda903.Return) {
	t := r.Table(ssda903.AD1)
	decision, match := index(t, "DATE_INT"), index(t, "DATE_MATCH")
	rr.eachRow(t, func(rec *Records, id string, row ssda903.Row) {
		key, decided, ok := keyOf(id, row, decision)
		a := Adoption{Year: r.Year, DecisionDate: decided, HasDecision: ok}
		_, a.MatchDate, a.HasMatch = dateOf(row, match)
		put(&rec.Adoption, rr.adoption, key, a)
	})
}

func (rr *recordReader) readPlacedForAdoption(r *ssda903.Return) {
	t := r.Table(ssda903.PlacedAdoption)
	placed, ceased, reason := index(t, "DATE_PLACED"), index(t, "DATE_PLACED_CEASED"), index(t, "REASON_PLACED_CEASED")
	rr.eachRow(t, func(rec *Records, id string, row ssda903.Row) {
		key, decided, ok := keyOf(id, row, placed)
		p := PlacedForAdoption{Year: r.Year, Decided: decided, HasDecided: ok, CeasedReason: codeOf(row, reason)}
		_, p.Ceased, p.HasCeased = dateOf(row, ceased)
		put(&rec.PlacedForAdoption, rr.placements, key, p)
	})
}

func (rr *recordReader) readMotherhood(r *ssda903.Return) {
	t := r.Table(ssda903.Header)
	mother, born := index(t, "MOTHER"), index(t, "MC_DOB")
	rr.eachRow(t, func(rec *Records, _ string, row ssda903.Row) {
		code := codeOf(row, mother)
		text, day, ok := dateOf(row, born)
		if code == "" && text == "" {
			return
		}
		m := Motherhood{Year: r.Year, Mother: code == "1", HasMother: code == "0" || code == "1",
			ChildBorn: day, HasChildDOB: ok}
		putYearly(&rec.Motherhood, m, func(x Motherhood) calendar.Year { return x.Year })
	})
}

func (rr *recordReader) readReviews(r *ssda903.Return) {
	t := r.Table(ssda903.Reviews)
	date, code := index(t, "REVIEW"), index(t, "REVIEW_CODE")
	rr.eachRow(t, func(rec *Records, id string, row ssda903.Row) {
		key, day, ok := keyOf(id, row, date)
		put(&rec.Reviews, rr.reviews, key, Review{Year: r.Year, Date: day, HasDate: ok, Code: codeOf(row, code)})
	})
}

// put adds x to *list, or replaces the earlier row with the same key: the
// later return, or the later row of the same return.
func put[T any](list *[]T, where map[eventKey]int, key eventKey, x T) {
	if i, ok := where[key]; ok {
		(*list)[i] = x
		return
	}
	where[key] = len(*list)
	*list = append(*list, x)
}

// putYearly adds x to *list, or replaces the last row when it is of the
// same year: returns are read one at a time, so a year's rows are
// together.
func putYearly[T any](list *[]T, x T, year func(T) calendar.Year) {
	if n := len(*list); n > 0 && year((*list)[n-1]) == year(x) {
		(*list)[n-1] = x
		return
	}
	*list = append(*list, x)
}

// sort puts the events in date order, unknown dates last, and AD1 rows
// in year order (a later copy keeps its first place in the list).
func (r *Records) sort() {
	slices.SortStableFunc(r.Missing, func(a, b Missing) int { return byDate(a.Start, a.HasStart, b.Start, b.HasStart) })
	slices.SortStableFunc(r.PlacedForAdoption, func(a, b PlacedForAdoption) int {
		return byDate(a.Decided, a.HasDecided, b.Decided, b.HasDecided)
	})
	slices.SortStableFunc(r.Adoption, func(a, b Adoption) int { return cmp.Compare(a.Year, b.Year) })
	slices.SortStableFunc(r.Reviews, func(a, b Review) int { return byDate(a.Date, a.HasDate, b.Date, b.HasDate) })
}

// byDate orders known dates before unknown ones, and known dates by day.
func byDate(a calendar.Date, aKnown bool, b calendar.Date, bKnown bool) int {
	switch {
	case aKnown && bKnown:
		return cmp.Compare(a, b)
	case aKnown:
		return -1
	case bKnown:
		return 1
	}
	return 0
}
