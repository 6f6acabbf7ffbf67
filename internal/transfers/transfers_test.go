package transfers

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// The members of the tests.
const (
	la1 = "E06000001"
	la2 = "E06000002"
	la3 = "E06000003"
)

// day parses a date of the tests, DD/MM/YYYY.
func day(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, ok := calendar.ParseDate(s)
	if !ok {
		t.Fatalf("bad date %q in the test", s)
	}
	return d
}

// spell is a period of care written for a test: "01/04/2023-10/06/2024 E3"
// is closed, "10/06/2024-" is open.
type spell struct {
	start, end, rec string
	censored        bool
	shortBreak      bool
}

// kid is a member's child written for a test: its ID, its UPN pseudonym
// ("" for none) and its periods.
type kid struct {
	id, upn string
	spells  []spell
}

// member makes a member from its children, its returns covering 2022/23
// to 2025/26.
func member(t *testing.T, la string, kids ...kid) Member {
	t.Helper()
	m := Member{LA: la, Set: &journey.Set{First: 2023, Last: 2026}, UPN: map[string]string{}}
	for _, k := range kids {
		c := &journey.Child{ID: k.id}
		for _, s := range k.spells {
			p := journey.Period{Start: day(t, s.start), EndReason: s.rec, LeftCensored: s.censored, ShortBreak: s.shortBreak}
			if s.end == "" {
				p.Open = true
			} else {
				p.End = day(t, s.end)
			}
			c.Periods = append(c.Periods, p)
		}
		m.Set.Children = append(m.Set.Children, c)
		if k.upn != "" {
			m.UPN[k.id] = k.upn
		}
	}
	slices.SortFunc(m.Set.Children, func(a, b *journey.Child) int { return cmp.Compare(a.ID, b.ID) })
	return m
}

// transfersOf writes the transfers as "FROM>TO ceased started pseudonym".
func transfersOf(r *Result) []string {
	var out []string
	for _, x := range r.Transfers {
		out = append(out, fmt.Sprintf("%s>%s %s %s %s %s", x.From, x.To, x.Ceased, x.Started, x.Pseudonym, x.Year))
	}
	return out
}

// journeysOf writes the journeys as "pseudonym: LA,LA,... days[+censored]".
func journeysOf(r *Result) []string {
	var out []string
	for _, j := range r.Journeys {
		s := j.Pseudonym + ":"
		for i, st := range j.Stays {
			if i > 0 {
				s += ","
			}
			s += st.LA
		}
		s += fmt.Sprintf(" %d", j.Days)
		if !j.DaysKnown {
			s += " unknown"
		}
		if j.LeftCensored {
			s += " censored"
		}
		out = append(out, s)
	}
	return out
}

func TestFind(t *testing.T) {
	// Days from 01/04/2023 to 10/06/2024 (436) and from 10/06/2024 to the
	// end of the returns, 31/03/2026 counted (660).
	const (
		firstDays = 436
		openDays  = 660
	)
	tests := []struct {
		name       string
		members    func(t *testing.T) []Member
		transfers  []string
		journeys   []string
		unfollowed Unfollowed
		year       calendar.Year
		count      YearCount
	}{
		{
			name: "E3 then arrival the same day",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
				}
			},
			transfers: []string{la1 + ">" + la2 + " 10/06/2024 10/06/2024 P1 2024/25"},
			journeys:  []string{fmt.Sprintf("P1:%s,%s %d", la1, la2, firstDays+openDays)},
			year:      2025,
			count:     YearCount{Year: 2025, Members: 2, Once: 1, Shared: 1},
		},
		{
			name: "arrival 3 days later: the days between are in no member's care",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"13/06/2024", "", "", false, false}}}),
				}
			},
			transfers: []string{la1 + ">" + la2 + " 10/06/2024 13/06/2024 P1 2024/25"},
			journeys:  []string{fmt.Sprintf("P1:%s,%s %d", la1, la2, firstDays+openDays-3)},
			year:      2025,
			count:     YearCount{Year: 2025, Members: 2, Once: 1, Shared: 1},
		},
		{
			name: "no arrival within the window: counted, the children kept apart",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"18/06/2024", "", "", false, false}}}),
				}
			},
			unfollowed: Unfollowed{NoArrival: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 2, Once: 2},
		},
		{
			name: "arrival before the E3: in two members' care at once",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"09/06/2024", "", "", false, false}}}),
				}
			},
			unfollowed: Unfollowed{NoArrival: 1, Overlaps: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 2, Once: 2},
		},
		{
			name: "two candidate arrivals: neither taken",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
					member(t, la3, kid{"C4", "P1", []spell{{"11/06/2024", "", "", false, false}}}),
				}
			},
			unfollowed: Unfollowed{ManyArrivals: 1, Overlaps: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 3, Once: 3},
		},
		{
			name: "an arrival two E3s could explain: not taken",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"12/06/2024", "", "", false, false}}}),
					member(t, la3, kid{"C4", "P1", []spell{{"01/05/2024", "11/06/2024", "E3", false, false}}}),
				}
			},
			unfollowed: Unfollowed{ManyDepartures: 1, Overlaps: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 3, Once: 3},
		},
		{
			name: "a chain of three",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "20/08/2024", "E3", false, false}}}),
					member(t, la3, kid{"C4", "P1", []spell{{"21/08/2024", "01/09/2025", "E11", false, false}}}),
				}
			},
			transfers: []string{
				la1 + ">" + la2 + " 10/06/2024 10/06/2024 P1 2024/25",
				la2 + ">" + la3 + " 20/08/2024 21/08/2024 P1 2024/25",
			},
			// 436 + 71 (10/06 to 20/08/2024) + 376 (21/08/2024 to 01/09/2025).
			journeys: []string{fmt.Sprintf("P1:%s,%s,%s %d", la1, la2, la3, firstDays+71+376)},
			year:     2025,
			count:    YearCount{Year: 2025, Members: 3, Once: 1, Shared: 1},
		},
		{
			name: "a child whose UPN is absent cannot be followed",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
				}
			},
			unfollowed: Unfollowed{NoUPN: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 2, Once: 2},
		},
		{
			name: "a UPN two children of one member share: not followed",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}},
						kid{"A2", "P1", []spell{{"01/04/2023", "", "", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
				}
			},
			unfollowed: Unfollowed{SharedUPN: 1},
			year:       2025,
			count:      YearCount{Year: 2025, Members: 3, Once: 3},
		},
		{
			name: "left-censored first stay, and an arrival the same member's",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2022", "10/06/2024", "E3", true, false}, {"11/06/2024", "", "", false, false}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
				}
			},
			// A1 back in its own member's care the next day: not an
			// arrival, but in two members' care at once.
			transfers:  []string{la1 + ">" + la2 + " 10/06/2024 10/06/2024 P1 2024/25"},
			journeys:   []string{fmt.Sprintf("P1:%s,%s %d censored", la1, la2, firstDays+365+openDays)},
			unfollowed: Unfollowed{Overlaps: 1},
			year:       2024,
			count:      YearCount{Year: 2024, Members: 1, Once: 1},
		},
		{
			name: "short breaks are not care taken over",
			members: func(t *testing.T) []Member {
				return []Member{
					member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, true}}}),
					member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}}),
				}
			},
			year:  2025,
			count: YearCount{Year: 2025, Members: 1, Once: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Find(tt.members(t))
			if got := transfersOf(r); !slices.Equal(got, tt.transfers) {
				t.Errorf("transfers:\n got %q\nwant %q", got, tt.transfers)
			}
			if got := journeysOf(r); !slices.Equal(got, tt.journeys) {
				t.Errorf("journeys:\n got %q\nwant %q", got, tt.journeys)
			}
			if r.Unfollowed != tt.unfollowed {
				t.Errorf("unfollowed = %+v; want %+v", r.Unfollowed, tt.unfollowed)
			}
			if got := r.Count(tt.year); got != tt.count {
				t.Errorf("Count(%s) = %+v; want %+v", tt.year, got, tt.count)
			}
		})
	}
}

// A member whose returns' span is unknown (a set made by hand) gives no
// days for an open stay, rather than a wrong number.
func TestDaysUnknown(t *testing.T) {
	a := member(t, la1, kid{"A1", "P1", []spell{{"01/04/2023", "10/06/2024", "E3", false, false}}})
	b := member(t, la2, kid{"B9", "P1", []spell{{"10/06/2024", "", "", false, false}}})
	b.Set.First, b.Set.Last = 0, 0
	r := Find([]Member{a, b})
	if len(r.Journeys) != 1 || r.Journeys[0].DaysKnown {
		t.Errorf("journeys = %+v; want one whose days are not known", r.Journeys)
	}
}

func TestYears(t *testing.T) {
	a := member(t, la1)
	b := member(t, la2)
	b.Set.First, b.Set.Last = 2021, 2024
	got := Find([]Member{a, b}).Years()
	want := []calendar.Year{2021, 2022, 2023, 2024, 2025, 2026}
	if !slices.Equal(got, want) {
		t.Errorf("Years = %v; want %v", got, want)
	}
}
