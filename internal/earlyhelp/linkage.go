package earlyhelp

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// The sources a match rate is given for.
const (
	SourceEarlyHelp = "early help"
	SourceHAF       = "HAF"
	SourceCIN       = "CIN census"
	SourceSSDA903   = "SSDA903"
)

// Match says, for one source's children in one year, how many are found
// in each other source: in the CIN census and the 903 in any stored year,
// in early help and HAF in the same year.
type Match struct {
	Source   string
	Children int
	In       map[string]int // by other source
}

// Linkage is the match rates of one collection year.
type Linkage struct {
	Year    calendar.Year
	Matches []Match
}

// Link works out the match rates of every year of early help and HAF in
// rs, through the links.
func Link(links []store.Link, rs []*returns.Return) []Linkage {
	people := NewPeople(links, rs)
	// Each year's children of the CIN census and the 903, in one pass over
	// the links rather than one a year.
	type linked struct{ cin, ssda903 map[string]bool }
	byYear := map[calendar.Year]linked{}
	for _, r := range rs {
		byYear[r.Year] = linked{map[string]bool{}, map[string]bool{}}
	}
	for _, l := range links {
		y, ok := byYear[l.Year]
		if !ok {
			continue
		}
		switch l.Source {
		case store.LinkCIN:
			y.cin[people.Find(l.Pseudonym)] = true
		case store.LinkSSDA903:
			y.ssda903[people.Find(l.Pseudonym)] = true
		}
	}
	var out []Linkage
	for _, r := range rs {
		ehKids := children(people, r.Table(eh.EarlyHelp))
		hafKids := children(people, r.Table(eh.HAF))
		cinKids, kids903 := byYear[r.Year].cin, byYear[r.Year].ssda903
		inSource := func(source string) func(string) bool {
			return func(person string) bool { return people.KnownTo(person, source) }
		}
		in := func(set map[string]bool) func(string) bool { return func(p string) bool { return set[p] } }
		lk := Linkage{Year: r.Year}
		lk.Matches = append(lk.Matches,
			match(SourceEarlyHelp, ehKids, map[string]func(string) bool{SourceCIN: inSource(store.LinkCIN), SourceSSDA903: inSource(store.LinkSSDA903), SourceHAF: in(hafKids)}),
			match(SourceHAF, hafKids, map[string]func(string) bool{SourceCIN: inSource(store.LinkCIN), SourceSSDA903: inSource(store.LinkSSDA903), SourceEarlyHelp: in(ehKids)}),
			match(SourceCIN, cinKids, map[string]func(string) bool{SourceEarlyHelp: in(ehKids), SourceHAF: in(hafKids)}),
			match(SourceSSDA903, kids903, map[string]func(string) bool{SourceEarlyHelp: in(ehKids), SourceHAF: in(hafKids)}),
		)
		out = append(out, lk)
	}
	return out
}

// children returns the people of a table's child column.
func children(people *People, t *returns.Table) map[string]bool {
	out := map[string]bool{}
	if t == nil {
		return out
	}
	c := t.Schema.Index(eh.ChildColumn)
	for _, row := range t.Rows {
		if v := row.Values[c]; v != "" {
			out[people.Find(v)] = true
		}
	}
	return out
}

// match counts the children of kids found by each test.
func match(source string, kids map[string]bool, tests map[string]func(string) bool) Match {
	m := Match{Source: source, Children: len(kids), In: map[string]int{}}
	for name, test := range tests {
		n := 0
		for k := range kids {
			if test(k) {
				n++
			}
		}
		m.In[name] = n
	}
	return m
}

// Matches are the year's match rates of early help and HAF with each
// other and with the CIN census (any year), from the reconciled data: as
// Link gives them, without the 903.
func (d *Data) Matches(y calendar.Year) []Match {
	ehKids, hafKids := map[string]bool{}, map[string]bool{}
	for _, e := range d.Episodes {
		if e.Start <= y.End() && (e.Open || e.End >= y.Start()) {
			ehKids[e.Person] = true
		}
	}
	for _, s := range d.Sessions {
		if s.Year == y.Start().Year() {
			hafKids[s.Person] = true
		}
	}
	inCIN := func(p string) bool { return len(d.cin[p]) > 0 }
	in := func(set map[string]bool) func(string) bool { return func(p string) bool { return set[p] } }
	return []Match{
		match(SourceEarlyHelp, ehKids, map[string]func(string) bool{SourceCIN: inCIN, SourceHAF: in(hafKids)}),
		match(SourceHAF, hafKids, map[string]func(string) bool{SourceCIN: inCIN, SourceEarlyHelp: in(ehKids)}),
	}
}
