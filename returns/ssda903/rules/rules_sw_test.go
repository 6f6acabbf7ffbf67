package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestRuleSW01aSTG1(t *testing.T) {
	runRuleCases(t, "SW01aSTG1", []ruleCase{
		{name: "complete", data: tables{ssda903.SWEpisodes: {"CHILD,SW_ID,SW_DECOM,SW_REASON",
			"1,,01/01/2024,",    // after 1 April 2023: SW01b's business
			"2,SW1,,",           // no start
			"3,SW1,01/01/2024,", // complete
			"4,SW1,01/01/1999,", // before 2023, reason not needed
			"5,,01/01/1999,",    // before 2023 without an ID
			"6,SW1,31/02/2024,", // not a date
			"7,,31/03/2023,",    // the day before
			"8,,01/04/2023,",    // the day itself
		}}, want: failing{ssda903.SWEpisodes: {2, 5, 6, 7}}},
	})
}

func TestRuleSW01bSTG1(t *testing.T) {
	runRuleCases(t, "SW01bSTG1", []ruleCase{
		{name: "complete", data: tables{ssda903.SWEpisodes: {"CHILD,SW_ID,SW_DECOM,SW_REASON",
			"1,,01/01/2024,MANAGE",
			"2,SW1,,MANAGE",
			"3,SW1,01/01/2024,",
			"4,SW1,01/01/1999,",
			"5,,01/01/1999,",
			"6,SW1,01/04/2023,MANAGE",
			"7,SW1,xx,MANAGE",
			"8,,01/04/2023,",
		}}, want: failing{ssda903.SWEpisodes: {1, 2, 3, 7, 8}}},
	})
}

func TestRuleSW02STG1(t *testing.T) {
	runRuleCases(t, "SW02STG1", []ruleCase{
		{name: "prefix", data: tables{ssda903.SWEpisodes: {"CHILD,SW_ID",
			"1,SW000", "2,XX000", "3,aa00", "4,xx000", "5,", "6,S", "7,SWX"}},
			want: failing{ssda903.SWEpisodes: {3, 4, 5, 6}}},
	})
}

func TestRuleSW04STG1(t *testing.T) {
	runRuleCases(t, "SW04STG1", []ruleCase{
		{name: "dates", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM",
			"1,ZZ/ZZ/ZZZZ", "2,01/01/2001", "3,zz", "4,01/01/ZZZZ", "5,", "6,1/1/2001", "7,31/02/2001"}},
			want: failing{ssda903.SWEpisodes: {1, 3, 4, 7}}},
	})
}

func TestRuleSW05STG1(t *testing.T) {
	runRuleCases(t, "SW05STG1", []ruleCase{
		{name: "dates", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DEC",
			"1,ZZ/ZZ/ZZZZ", "2,01/01/2001", "3,zz", "4,01/01/ZZZZ", "5,", "6,1/1/2001", "7,31/02/2001"}},
			want: failing{ssda903.SWEpisodes: {1, 3, 4, 7}}},
	})
}

func TestRuleSW06STG2(t *testing.T) {
	runRuleCases(t, "SW06STG2", []ruleCase{
		{name: "2025/26", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM",
			"1,01/04/2026", "2,31/03/2026", "3,01/01/2000", "4,", "5,bad"}},
			want: failing{ssda903.SWEpisodes: {1}}},
	})
}

func TestRuleSW07STG2(t *testing.T) {
	runRuleCases(t, "SW07STG2", []ruleCase{
		{name: "2025/26", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DEC",
			"1,01/04/2026", "2,31/03/2024", "3,01/04/2024", "4,31/03/2026", "5,", "6,bad"}},
			want: failing{ssda903.SWEpisodes: {1, 2}}},
		{name: "2024/25", year: 2025, data: tables{ssda903.SWEpisodes: {"CHILD,SW_DEC",
			"1,31/03/2023", "2,01/04/2023", "3,31/03/2025", "4,01/04/2025"}},
			want: failing{ssda903.SWEpisodes: {1, 4}}},
	})
}

func TestRuleSW08STG2(t *testing.T) {
	runRuleCases(t, "SW08STG2", []ruleCase{
		{name: "open before the last", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM,SW_DEC",
			"111,01/06/2025,04/06/2025",
			"111,05/06/2025,06/06/2025",
			"111,06/06/2025,08/06/2025",
			"111,08/06/2025,05/06/2025",
			"222,05/06/2025,06/06/2025",
			"333,06/06/2025,", // another episode starts after it
			"333,07/06/2025,08/06/2025",
			"444,08/06/2025,09/06/2025",
			"444,09/06/2025,10/06/2025",
			"444,15/06/2025,",
			"6666,12/06/2025,13/06/2025",
			"6666,13/06/2025,14/06/2025",
			"6666,14/06/2025,", // another episode starts after it
			"6666,15/06/2025,16/06/2025",
			"999,31/06/2025,", // not a date
			"123,,",
			",,",
			"555,01/05/2025,bad", // an end that is not a date has not ended
			"555,02/05/2025,",
			"777,01/05/2025,", // the undated episode counts as the last
			"777,,",
		}}, want: failing{ssda903.SWEpisodes: {6, 13, 18, 20}}},
	})
}

func TestRuleSW09STG2(t *testing.T) {
	runRuleCases(t, "SW09STG2", []ruleCase{
		{name: "same day", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM,SW_DEC",
			"1,01/01/2025,01/01/2025",
			"1,02/01/2025,01/01/2025",
			"2,01/01/1901,01/01/1901",
			"2,,01/01/1901",
			"3,,",
			"4,1/1/2025,01/01/2025",
			"5,bad,bad",
		}}, want: failing{ssda903.SWEpisodes: {1, 3, 6, 7}}},
	})
}

func TestRuleSW10STG2(t *testing.T) {
	runRuleCases(t, "SW10STG2", []ruleCase{
		{name: "overlaps", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM,SW_DEC,SW_REASON",
			"1,01/01/2025,09/01/2025,MANAGE", // no previous episode
			"1,02/01/2025,03/01/2025,MANAGE", // 7 days before the previous end: allowed
			"2,01/01/2024,09/01/2025,MANAGE",
			"2,01/01/2025,10/01/2025,MANAGE", // 8 days before
			"3,10/01/2025,20/01/2025,MANAGE",
			"3,10/01/2025,11/01/2025,MANAGE", // sorts first, by SW_DEC
			"3,18/01/2025,20/01/2025,MANAGE",
			"3,30/01/2025,31/01/2025,MANAGE", // a gap after the previous end is not an overlap
			"6,01/01/2024,09/01/2025,MANAGE",
			"6,01/01/2025,10/01/2025,FCONTA", // first contact
			"7,01/02/2025,,MANAGE",
			"7,01/03/2025,,MANAGE", // the previous one is still open
			"7,,,MANAGE",           // no start date to compare
		}}, want: failing{ssda903.SWEpisodes: {4, 12}}},
	})
}

func TestRuleSW11bSTG2(t *testing.T) {
	runRuleCases(t, "SW11bSTG2", []ruleCase{
		{name: "ended near 31 March", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM,SW_DEC",
			"1,01/04/2026,26/03/2026",
			"1,01/05/2026,",
			"2,01/04/2026,25/03/2026",
			"2,02/04/2026,03/04/2026",
			"3,01/04/2026,1/04/2026",
			"3,02/04/2026,03/04/2026",
			"4,01/04/2026,30/03/2026",
			"4,30/03/2026,03/04/2026",
			"5,01/04/2026,30/03/2026", // the only episode
			"6,01/04/2026,26/03/2026",
			"6,,", // the following episode has no start
			"7,01/04/2026,25/03/2026",
			"7,,",
			"8,01/04/2026,26/03/2026",
			"8,27/03/2026,28/03/2026",
			"8,,", // follows an episode that ended 26/03
			"9,01/03/2026,25/03/2026",
			"9,26/03/2026,27/03/2026", // nothing follows
			"10,01/01/2026,20/03/2026",
			"10,21/03/2026,31/03/2026", // ends on 31 March, nothing follows
			"11,01/01/2026,29/03/2026",
			"11,30/03/2026,",
			"12,01/01/2026,26/03/2026",
			"12,26/03/2026,27/03/2026", // followed by the next one
			"12,28/03/2026,",
		}}, want: failing{ssda903.SWEpisodes: {9, 11, 16, 18, 20}}},
	})
}

func TestRuleSW12STG2(t *testing.T) {
	runRuleCases(t, "SW12STG2", []ruleCase{
		{name: "care starts and ends", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,DEC,REC,RNE,LS",
				"1,01/01/2025,,,S,C1",               // social worker from the start
				"2,01/01/2025,,,S,C1",               // none
				"3,01/01/2025,,,S,V4",               // short breaks
				"4,01/01/2025,10/04/2025,X1,P,C1",   // neither starts nor ends care
				"4,10/04/2025,,,P,C1",               // open, not a start
				"5,01/01/2025,10/04/2025,X1,S,C1",   // social worker from 01/02
				"5,10/04/2025,01/06/2025,E4A,P,C1",  // ends after a social worker began
				"7,01/04/2025,,X1,S,C1",             // social worker began before care
				"10,01/01/2024,10/04/2024,,S,C1",    // none, but not looked after on 31 March
				"11,01/01/2023,10/03/2024,,S,C1",    // ended before the previous year
				"12,01/01/2025,01/03/2025,E4A,P,C1", // social worker began the day care ended
				"13,01/01/2025,01/03/2025,E4A,P,C1", // began after care ended, but not looked after on 31 March
				"14,01/01/2025,,,S,C1",              // one of two social worker episodes began after
				"15,01/05/2024,01/08/2024,E4A,S,C1", // looked after again on 31 March: ended care with no social worker
				"15,01/09/2025,,,S,C1",              // started care with no social worker
			},
			ssda903.SWEpisodes: {"CHILD,SW_DECOM",
				"1,01/01/2025", "2,bad", "5,01/02/2025", "7,01/02/2025", "12,01/03/2025", "13,02/03/2025",
				"14,01/06/2024", "14,01/02/2025"},
		}, want: failing{ssda903.Episodes: {2, 8, 14, 15}}},
	})
}

func TestRuleSW13STG1(t *testing.T) {
	runRuleCases(t, "SW13STG1", []ruleCase{
		{name: "codes", data: tables{ssda903.SWEpisodes: {"CHILD,SW_REASON,SW_DECOM",
			"1,LAZINESS,01/01/2000",
			"2,SWDIED,01/01/2000",
			"3,SLEEPINESS,01/01/2000",
			"4,CHCHAN,01/01/2000",
			"5,,01/01/2000",
			"6,,01/04/2023",
			"7,swdied,01/01/2025",
			"8,,bad",
		}}, want: failing{ssda903.SWEpisodes: {1, 3, 6, 7}}},
	})
}

func TestRuleSW17STG2(t *testing.T) {
	runRuleCases(t, "SW17STG2", []ruleCase{
		{name: "latest open", data: tables{ssda903.SWEpisodes: {"CHILD,SW_DECOM,SW_DEC",
			"child1,01/01/2001,",
			"child2,01/01/2000,01/01/2001",
			"child2,02/01/2000,01/01/2001", // the latest has ended
			"child1,01/01/2000,01/01/2001",
			"c3,01/01/2025,05/01/2025",
			"c3,01/01/2025,", // a tie, and one is open
			"c4,01/01/2025,02/01/2025",
			"c4,01/01/2025,03/01/2025", // a tie, both ended
			"c5,,01/01/2025",
			"c5,bad,", // no valid start, but one is open
			"c6,05/01/2025,",
			"c6,,01/02/2025", // the dated one is the latest
		}}, want: failing{ssda903.SWEpisodes: {3, 8}}},
	})
}
