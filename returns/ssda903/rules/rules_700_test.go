package rules

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

const doloYear calendar.Year = 2027

func TestRule700(t *testing.T) {
	runRuleCases(t, "700", []ruleCase{
		{name: "start", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_START",
			"1,01/01/2020", "2,", "3,2000/12/10"}},
			want: failing{ssda903.DoLo: {2, 3}}},
	})
}

func TestRule701(t *testing.T) {
	runRuleCases(t, "701", []ruleCase{
		{name: "end", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_END",
			"1,01/01/2020", "2,", "3,2000/12/10"}},
			want: failing{ssda903.DoLo: {3}}},
	})
}

func TestRule702(t *testing.T) {
	runRuleCases(t, "702", []ruleCase{
		{name: "order", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_START,DOLO_END",
			"1,01/01/2000,01/01/2000", // same day
			"2,01/01/2000,",
			"3,,2000/12/10",
			"4,02/01/2000,01/01/2000", // before
			"5,01/01/2000,02/10/2000",
		}}, want: failing{ssda903.DoLo: {1, 4}}},
	})
}

func TestRule703(t *testing.T) {
	runRuleCases(t, "703", []ruleCase{
		{name: "start in year", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_START",
			"1,01/01/2027", "2,31/03/2027", "3,01/04/2027", "4,", "5,bad", "6,01/01/2000"}},
			want: failing{ssda903.DoLo: {3}}},
	})
}

func TestRule704(t *testing.T) {
	runRuleCases(t, "704", []ruleCase{
		{name: "end in year", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_END",
			"1,31/03/2026", "2,01/04/2026", "3,31/03/2027", "4,01/04/2027", "5,", "6,bad"}},
			want: failing{ssda903.DoLo: {1, 4}}},
	})
}

func TestRule705(t *testing.T) {
	runRuleCases(t, "705", []ruleCase{
		{name: "open before the next", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_START,DOLO_END",
			"1,01/01/2000,02/01/2000",
			"1,04/01/2000,04/01/2000",
			"1,03/01/2000,06/01/2000", // starts before the previous (by end date) ended
			"2,01/01/2000,",
			"2,02/01/2000,02/01/2000", // the previous is open
			"3,01/01/2000,02/01/2000",
			"4,01/04/2025,o2/04/2025",
			"4,04/04/2025,",           // the previous end is not a date
			"4,08/04/2025,10/04/2025", // the previous is open
		}}, want: failing{ssda903.DoLo: {3, 5, 8, 9}}},
	})
}

func TestRule706(t *testing.T) {
	runRuleCases(t, "706", []ruleCase{
		{name: "carried over", year: doloYear,
			data: tables{ssda903.DoLo: {"CHILD,DOLO_START",
				"1,01/01/2026", "1,04/01/2026", "1,06/01/2026", "2,01/01/2026", "2,02/01/2026", "3,01/01/2026",
				"4,01/06/2025"}},
			last: tables{ssda903.DoLo: {"CHILD,DOLO_START,DOLO_END",
				"1,01/01/2025,02/01/2025",
				"1,04/01/2025,05/01/2025",
				"1,03/01/2025,", // open, not in this year's return
				"2,01/01/2026,01/02/2025",
				"2,02/01/2026,03/01/2025",
				"3,01/01/2026,02/01/2026",
				"4,1/6/2025,", // open, and this year's starts the same day
			}},
			want: failing{"DoLo_last": {3}}},
	})
	// Last year's return (2025/26) has no DoLo table: the rule cannot run
	// and says so rather than passing.
	r := buildReturn(t, doloYear, tables{ssda903.DoLo: {"CHILD,DOLO_START", "1,01/01/2026"}})
	r.Last = buildReturn(t, doloYear-1, tables{ssda903.Episodes: {"CHILD,DECOM", "1,01/01/2025"}})
	rep := Run(NewInput(r, nil, nil), []*Rule{Rules().Find("706", doloYear)})
	if len(rep.Skipped) != 1 || rep.Skipped[0].Reason != "needs the DoLo table in last year's return" {
		t.Errorf("706 without last year's DoLo: skipped %+v", rep.Skipped)
	}
}

func TestRule707(t *testing.T) {
	runRuleCases(t, "707", []ruleCase{
		{name: "periods of care", year: doloYear, data: tables{
			ssda903.DoLo: {"CHILD,DOLO_START,DOLO_END",
				"1,01/01/1981,",           // open after care ended
				"2,01/01/1981,02/06/2020", // ends after care ended
				"3,01/01/1981,03/06/2022", // ends after each period
				"3,01/01/1981,03/06/2020", // ends after the first period, within the second
				"4,01/01/1981,04/06/2020",
				"5,01/01/1981,01/01/1982",
				"5,01/01/1981,01/01/2000",
				"6,01/01/1981,01/01/1981", // ends before care began
				"7,,01/01/1981",           // no start
				"8,01/01/1981,",           // open after care ended
				"9,01/01/2020,",           // open, but began before the open period
				"9,01/01/2021,",           // open in the open period
				"9,04/06/2020,04/06/2021", // ends in the open period
				"10,01/01/2020,",          // no episodes
			},
			ssda903.Episodes: {"CHILD,DECOM,DEC,LS,REC",
				"1,01/04/1977,31/03/1981,C1,X1",
				"2,01/04/1979,30/03/1981,C1,",
				"88,01/05/1980,01/01/1981,C1,E8",
				"3,01/04/1980,01/01/1981,V3,E8",
				"3,01/04/2020,01/01/2021,V3,E8",
				"3,01/01/2021,05/10/2021,V3,E8",
				"4,01/04/1981,,C1,",
				"5,01/04/1978,01/01/1981,C1,E8",
				"5,01/01/1981,01/01/1990,C1,E8",
				"5,01/04/1983,04/06/2020,C1,E8",
				"6,01/04/1983,04/06/2020,C1,E8",
				"7,01/04/1983,04/06/2020,C1,E8",
				"8,01/04/1983,04/06/2020,C1,E8",
				"9,01/01/2020,04/06/2020,C1,X1",
				"9,04/06/2020,11/08/2020,C1,X1",
				"9,11/08/2020,01/12/2020,C1,E8",
				"9,22/12/2020,25/12/2020,C1,E8",
				"9,01/01/2021,22/02/2021,C1,X1",
				"9,22/02/2021,08/08/2021,V3,X1",
				"9,08/08/2021,,C1,",
			},
		}, want: failing{ssda903.DoLo: {1, 2, 3, 8, 10, 11}}},
	})
}

func TestRule708(t *testing.T) {
	runRuleCases(t, "708", []ruleCase{
		{name: "after birth", year: doloYear, data: tables{ssda903.DoLo: {"CHILD,DOLO_START,DOB",
			"1,01/01/2000,01/01/2000", "2,,01/01/2000", "3,01/01/2000,", "4,01/01/2000,01/01/1999", "5,01/01/1999,01/01/2000"}},
			want: failing{ssda903.DoLo: {1, 5}}},
	})
}

// placementData is the return rules 709 and 710 are tested on, with
// the first episode's placement given.
func placementData(place string) tables {
	return tables{
		ssda903.DoLo: {"CHILD,DOLO_START,DOLO_END",
			"1,02/01/2000,03/01/2000", // inside the episode
			"1,02/01/2000,05/01/2000", // starts inside, ends after
			"1,31/01/1999,03/01/2000", // starts before
			"1,31/01/1999,05/01/2000", // starts before, ends after
			"1,25/12/1999,31/12/1999", // before the episode
			"1,06/01/2000,07/01/2000", // after it
			"1,02/01/2000,",           // no end
			"1,,07/01/2000",           // no start
			"3,01/06/2021,01/07/2021", // during an open episode
			"4,01/06/2021,01/07/2021", // during an episode with no valid DEC
		},
		ssda903.Episodes: {"CHILD,DECOM,DEC,PLACE",
			"1,01/01/2000,04/01/2000," + place,
			"1,01/01/2000,04/01/2000,K2",
			"2,01/01/2000,03/01/2000," + place, // no DoLO
			"3,01/01/2020,," + place,
			"4,01/01/2020,bad," + place,
		},
	}
}

func TestRule709(t *testing.T) {
	runRuleCases(t, "709", []ruleCase{
		{name: "overlapping placements", year: doloYear, data: placementData("U1"),
			want: failing{ssda903.DoLo: {1, 2, 3, 4, 9, 10}, ssda903.Episodes: {1, 4, 5}}},
		{name: "allowed placements", year: doloYear, data: placementData("Z13")},
	})
}

func TestRule710(t *testing.T) {
	runRuleCases(t, "710", []ruleCase{
		{name: "overlapping placements", year: doloYear, data: placementData("P1"),
			want: failing{ssda903.DoLo: {1, 2, 3, 4, 9, 10}, ssda903.Episodes: {1, 4, 5}}},
		{name: "allowed placements", year: doloYear, data: placementData("U1")},
	})
}
