package earlyhelp

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// Episode is one episode of early help, as the latest year's file that
// has it gives it.
type Episode struct {
	Person     string // the child, as People.Find gives it
	Start, End calendar.Date
	Open       bool // no EndDate by the latest year's file
	Reason     string
	Agency     string
	Outcome    string // blank while open
}

// Session is one child's attendance at one HAF session.
type Session struct {
	Person    string
	Programme string // easter, summer or christmas
	Year      int    // the calendar year it ran in
	Date      calendar.Date
	FSM, SEND bool
}

// Data is every stored year of early help and HAF, reconciled, with the
// children of the CIN census each child of them is linked to.
type Data struct {
	Episodes []Episode // by start
	Sessions []Session // by date
	// First and Last are the first and last collection years of early
	// help and HAF files loaded; zero when none are.
	First, Last calendar.Year
	// Front is the CIN censuses, as frontdoor builds them; its First
	// and Last say which years they cover.
	Front *frontdoor.Set
	// Linked is true once links are stored: without them, nothing in
	// early help or HAF can be seen in the CIN census.
	Linked   bool
	people   *People
	cin      map[string][]*frontdoor.Child // by person
	episodes map[string][]int              // by person, indexes into Episodes
	sessions map[string][]int              // by person, indexes into Sessions
}

// Build reconciles the stored years of early help and HAF (an episode is
// in every year's file while open: the latest year's row is kept, matched
// on the child and the start date; a session is counted once), and ties
// each child to the CIN census's children through the links.
func Build(partners []*returns.Return, links []store.Link, censuses []*returns.Return, front *frontdoor.Set) *Data {
	people := NewPeople(links, partners)
	d := &Data{Front: front, Linked: len(links) > 0, people: people, cin: map[string][]*frontdoor.Child{}}
	type key struct {
		child string
		start calendar.Date
	}
	episodes := map[key]Episode{}
	sessions := map[key]Session{}
	for _, r := range partners {
		if d.First == 0 || r.Year < d.First {
			d.First = r.Year
		}
		d.Last = max(d.Last, r.Year)
		if t := r.Table(eh.EarlyHelp); t != nil {
			col := columnsOf(t.Schema, eh.ChildColumn, "StartDate", "EndDate", "Reason", "LeadAgency", "Outcome")
			for _, row := range t.Rows {
				start, ok := calendar.ParseDate(row.Values[col[1]])
				child := row.Values[col[0]]
				if !ok || child == "" {
					continue
				}
				e := Episode{Person: people.Find(child), Start: start, Reason: row.Values[col[3]], Agency: row.Values[col[4]], Outcome: row.Values[col[5]]}
				e.End, ok = calendar.ParseDate(row.Values[col[2]])
				e.Open = !ok
				// The files are read oldest first: a later year's row
				// replaces an earlier one's.
				episodes[key{child, start}] = e
			}
		}
		if t := r.Table(eh.HAF); t != nil {
			col := columnsOf(t.Schema, eh.ChildColumn, "Programme", "ProgrammeYear", "SessionDate", "FSM", "SEND")
			for _, row := range t.Rows {
				date, ok := calendar.ParseDate(row.Values[col[3]])
				child := row.Values[col[0]]
				if !ok || child == "" {
					continue
				}
				y, _ := strconv.Atoi(row.Values[col[2]])
				sessions[key{child, date}] = Session{Person: people.Find(child), Programme: row.Values[col[1]], Year: y, Date: date,
					FSM: row.Values[col[4]] == "Y", SEND: row.Values[col[5]] == "Y"}
			}
		}
	}
	for _, e := range episodes {
		d.Episodes = append(d.Episodes, e)
	}
	slices.SortFunc(d.Episodes, func(a, b Episode) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Person, b.Person))
	})
	for _, s := range sessions {
		d.Sessions = append(d.Sessions, s)
	}
	slices.SortFunc(d.Sessions, func(a, b Session) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Person, b.Person))
	})
	d.index()
	d.linkCIN(links, censuses)
	return d
}

// Assemble makes Data from what Build would have found: episodes by
// start, sessions by date, the years of the files, the CIN censuses and
// each person's CIN census children (linked is true when any are). It is
// for tests that check figures by hand.
func Assemble(episodes []Episode, sessions []Session, first, last calendar.Year, front *frontdoor.Set, cin map[string][]*frontdoor.Child) *Data {
	d := &Data{Episodes: episodes, Sessions: sessions, First: first, Last: last, Front: front, Linked: len(cin) > 0, cin: cin}
	d.index()
	return d
}

// index makes the indexes by person.
func (d *Data) index() {
	d.episodes, d.sessions = map[string][]int{}, map[string][]int{}
	for i, e := range d.Episodes {
		d.episodes[e.Person] = append(d.episodes[e.Person], i)
	}
	for i, s := range d.Sessions {
		d.sessions[s.Person] = append(d.sessions[s.Person], i)
	}
}

// EpisodesOf returns the person's episodes of early help, by start.
func (d *Data) EpisodesOf(person string) []Episode {
	out := make([]Episode, len(d.episodes[person]))
	for i, j := range d.episodes[person] {
		out[i] = d.Episodes[j]
	}
	return out
}

// SessionsOf returns the person's HAF sessions, by date.
func (d *Data) SessionsOf(person string) []Session {
	out := make([]Session, len(d.sessions[person]))
	for i, j := range d.sessions[person] {
		out[i] = d.Sessions[j]
	}
	return out
}

// linkCIN ties each person linked to a CIN census child to the child's
// front door.
func (d *Data) linkCIN(links []store.Link, censuses []*returns.Return) {
	if d.Front == nil {
		return
	}
	byYear := map[calendar.Year]*returns.Table{}
	for _, c := range censuses {
		byYear[c.Year] = c.Table(cin.ChildIdentifiers)
	}
	seen := map[[2]string]bool{}
	for _, l := range links {
		t := byYear[l.Year]
		if l.Source != store.LinkCIN || t == nil || l.Row < 1 || l.Row > t.Len() {
			continue
		}
		id := t.Rows[l.Row-1].Values[t.Schema.Index("LAchildID")]
		person := d.people.Find(l.Pseudonym)
		if c := d.Front.Child(id); c != nil && !seen[[2]string{person, id}] {
			seen[[2]string{person, id}] = true
			d.cin[person] = append(d.cin[person], c)
		}
	}
}

// CIN returns the CIN census children the person is linked to.
func (d *Data) CIN(person string) []*frontdoor.Child { return d.cin[person] }

// columnsOf returns the indexes of the named columns of s.
func columnsOf(s *returns.Schema, names ...string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = s.Index(n)
	}
	return out
}
