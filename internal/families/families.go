// Package families finds recurrent care: birth mothers who have had a
// second or later child enter care, the time between one removal and the
// next, and the share of babies entering care whose mother had an earlier
// child in care, so that leaders can size a programme for parents after a
// first removal.
//
// It joins the journeys to a family-link file (ReadLinks): the child and
// the birth mother, both pseudonymised with the council's key, as
// `village pseudonymise` makes them (issue 16). The 903's child IDs are
// pseudonymised with the same key through a Pseudonymiser, so that no
// identifier is kept in the clear beside the links. A mother's pseudonym
// is never in a Result: only counts and the children counted.
package families

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ident"
)

// Pseudonymiser makes the pseudonym of an identifier of a kind ("child"),
// keyed with the council's key, as the family-link file's are made.
type Pseudonymiser interface {
	Pseudonym(kind, id string) (string, error)
}

// ChildKind is the kind the 903's child IDs are pseudonymised as: the
// council's own ID for a child, as `village pseudonymise` names it.
const ChildKind = "la_child_id"

// Known is a Pseudonymiser of the children whose pseudonyms were made
// when the returns were loaded with the council's key (the store's links,
// store.ChildPseudonyms), by the 903's CHILD: the key is not needed to
// read them. A child not in it has no pseudonym, so no family link.
type Known map[string]string

// Pseudonym returns the child's pseudonym, or "" when none was made.
func (k Known) Pseudonym(kind, id string) (string, error) {
	if kind != ChildKind {
		return "", fmt.Errorf("families: no pseudonyms of the kind %s are known; expected %s", kind, ChildKind)
	}
	return k[id], nil
}

// CheckPseudonymised refuses a family-link file whose child or mother is
// not a pseudonym, so that no identifier of a mother or a child is ever
// stored: each such value is given by line and column, never quoted.
func CheckPseudonymised(name string, links []Link) error {
	var problems []error
	for _, l := range links {
		for i, v := range []string{l.Child, l.Mother} {
			if !ident.IsPseudonym(v) {
				problems = append(problems, fmt.Errorf("%s:%d: the %s is not a pseudonym: expected 32 capital letters and digits 2 to 7, as village pseudonymise writes; pseudonymise the file first",
					name, l.Line, LinkColumns[i]))
			}
		}
		if len(problems) >= 20 {
			break
		}
	}
	return errors.Join(problems...)
}

// Link is one line of the family-link file: a child and their birth
// mother, both pseudonyms.
type Link struct {
	Child, Mother string
	Line          int
}

// LinkColumns are the family-link file's columns.
var LinkColumns = []string{"child", "mother"}

// ReadLinks reads a family-link file: CSV with a header naming child and
// mother (further columns ignored), one child a line. A child on two
// lines with different mothers is a mistake; every mistake is given with
// the file's name, line and column, and a file with any is refused.
func ReadLinks(name string, r io.Reader) ([]Link, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty; expected a header line naming child, mother", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range LinkColumns {
		if _, ok := at[c]; !ok {
			return nil, fmt.Errorf("%s:1: no column %s; expected a header naming child, mother", name, c)
		}
	}
	var links []Link
	var problems []error
	mothers := map[string]int{} // the index of each child's link
	for len(problems) < 20 {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		field := func(col string) string {
			if i := at[col]; i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		l := Link{Child: field("child"), Mother: field("mother"), Line: line}
		for _, col := range LinkColumns {
			if field(col) == "" {
				problems = append(problems, fmt.Errorf("%s:%d:%d: %s is blank: expected a pseudonym", name, line, at[col]+1, col))
			}
		}
		if i, seen := mothers[l.Child]; seen && l.Child != "" && links[i].Mother != l.Mother {
			// The pseudonyms are not shown: they are personal data too.
			problems = append(problems, fmt.Errorf("%s:%d:%d: the child on line %d is given another mother here: expected one birth mother a child",
				name, line, at["mother"]+1, links[i].Line))
		}
		if _, seen := mothers[l.Child]; !seen {
			mothers[l.Child] = len(links)
		}
		links = append(links, l)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return links, nil
}

// Result is recurrent care in a period: counts, and the children counted,
// for the analyst's drill-down; never a mother's pseudonym.
type Result struct {
	// Mothers are the birth mothers with a child who first entered care in
	// the period after an earlier child of theirs had (recurrent_care_mothers).
	Mothers int
	// Children are those children: each a second or later child to enter care.
	Children []string
	// StartsUnder1 are the children who first entered care in the period
	// aged under 1, whether or not the family-link file has them;
	// WithSibling those of them whose mother had an earlier child enter
	// care (starts_under1_previous_sibling_share).
	StartsUnder1, WithSibling int
	// Intervals are the days from the earlier child's entry to the next,
	// for each child in Children whose earlier sibling's entry is known;
	// LeftOut counts those whose earlier sibling's care began before the
	// first loaded return, so that the day is not known.
	Intervals []int
	LeftOut   int
	// Unlinked counts the children entering care in the period with no
	// line in the family-link file.
	Unlinked int
}

// entry is a child's first entry to care, as the journeys have it.
type entry struct {
	id       string
	day      calendar.Date
	censored bool // care began before the first return: day is the first seen
	under1   bool
}

// Recurrent finds recurrent care in the period p. A child's entry is the
// start of their first period of care other than short breaks; a child
// whose first period began before the first loaded return entered care
// before the period, on a day not known.
func Recurrent(set *journey.Set, links []Link, ps Pseudonymiser, p calendar.Period) (Result, error) {
	motherOf := make(map[string]string, len(links))
	for _, l := range links {
		motherOf[l.Child] = l.Mother
	}
	byMother := map[string][]entry{}
	var res Result
	for _, c := range set.Children {
		e, ok := firstEntry(c)
		if !ok {
			continue
		}
		pseudonym, err := ps.Pseudonym(ChildKind, c.ID)
		if err != nil {
			return Result{}, fmt.Errorf("pseudonymising a child's ID: %w", err)
		}
		mother, linked := motherOf[pseudonym]
		if !linked {
			if p.Contains(e.day) && !e.censored {
				res.Unlinked++
				if e.under1 {
					res.StartsUnder1++ // with no earlier child known
				}
			}
			continue
		}
		byMother[mother] = append(byMother[mother], e)
	}
	for _, es := range byMother {
		res.count(es, p)
	}
	slices.Sort(res.Children)
	return res, nil
}

// firstEntry returns the child's first entry to care.
func firstEntry(c *journey.Child) (entry, bool) {
	for i := range c.Periods {
		if q := &c.Periods[i]; !q.ShortBreak {
			age := c.AgeOn(q.Start)
			return entry{id: c.ID, day: q.Start, censored: q.LeftCensored, under1: age == 0}, true
		}
	}
	return entry{}, false
}

// count adds one mother's children: those entering in the period, and
// whether an earlier child of hers had entered before each.
func (r *Result) count(es []entry, p calendar.Period) {
	slices.SortFunc(es, func(a, b entry) int { return int(a.day - b.day) })
	counted := false
	for i, e := range es {
		if e.censored || !p.Contains(e.day) {
			continue
		}
		earlier := -1
		for j := i - 1; j >= 0; j-- {
			if es[j].day < e.day {
				earlier = j
				break
			}
		}
		if e.under1 {
			r.StartsUnder1++
			if earlier >= 0 {
				r.WithSibling++
			}
		}
		if earlier < 0 {
			continue
		}
		if !counted {
			r.Mothers++
			counted = true
		}
		r.Children = append(r.Children, e.id)
		if es[earlier].censored {
			r.LeftOut++
		} else {
			r.Intervals = append(r.Intervals, int(e.day-es[earlier].day))
		}
	}
}

// MedianInterval is the median of Intervals in days; ok is false when
// there are none.
func (r Result) MedianInterval() (float64, bool) {
	n := len(r.Intervals)
	if n == 0 {
		return 0, false
	}
	s := slices.Clone(r.Intervals)
	slices.Sort(s)
	if n%2 == 1 {
		return float64(s[n/2]), true
	}
	return float64(s[n/2-1]+s[n/2]) / 2, true
}
