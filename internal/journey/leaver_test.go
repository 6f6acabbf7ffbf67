package journey

import "testing"

// TestCareLeaver judges one child, born 01/06/2006 (14 on 01/06/2020, 16
// on 01/06/2022, 18 on 01/06/2024, 22 on 01/06/2028), on one day.
func TestCareLeaver(t *testing.T) {
	tests := []struct {
		name     string
		noHeader bool // no Header row, so no date of birth
		episodes []line
		on       string
		want     bool
	}{
		// Looked after from 14½ to 17½: a relevant child at 17.
		{name: "left care at 17", on: "01/01/2024", want: true,
			episodes: []line{ep("1", "01/01/2021", "01/12/2023", "S", "C2", "U4/a", "E8")}},
		// The same child is followed up to their 21st birthday ...
		{name: "aged 21", on: "01/06/2027", want: true,
			episodes: []line{ep("1", "01/01/2021", "01/12/2023", "S", "C2", "U4/a", "E8")}},
		// ... but not at 22.
		{name: "aged 22", on: "01/06/2028", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/12/2023", "S", "C2", "U4/a", "E8")}},
		// Still looked after: not yet a care leaver.
		{name: "still looked after", on: "01/01/2024", want: false,
			episodes: []line{ep("1", "01/01/2021", "", "S", "C2", "U4/a", "")}},
		// Adopted at 16 (E11): no longer the authority's care leaver.
		{name: "adopted", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/09/2022", "S", "E1", "A5/a", "E11")}},
		// Died (E2).
		{name: "died", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/09/2022", "S", "C2", "U4/a", "E2")}},
		// Care taken over by another authority (E3), which owes the duties.
		{name: "transferred", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/09/2022", "S", "C2", "U4/a", "E3")}},
		// 80 days since 14, though some after 16: under 13 weeks.
		{name: "under 13 weeks", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/05/2022", "20/07/2022", "S", "V2", "U4/a", "E8")}},
		// Exactly 91 days since 14, some after 16: eligible.
		{name: "13 weeks", on: "01/01/2023", want: true,
			episodes: []line{ep("1", "01/05/2022", "31/07/2022", "S", "V2", "U4/a", "E8")}},
		// Two periods of care add up to 13 weeks since 14.
		{name: "two periods add up", on: "01/01/2023", want: true,
			episodes: []line{
				ep("1", "01/07/2020", "01/09/2020", "S", "V2", "U4/a", "E4A"),
				ep("1", "01/05/2022", "01/07/2022", "S", "V2", "U4/a", "E8")}},
		// Left care on the 16th birthday: no day looked after at 16.
		{name: "left on the 16th birthday", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/06/2022", "S", "C2", "U4/a", "E8")}},
		// Left the day after: one day at 16 is enough.
		{name: "left the day after the 16th birthday", on: "01/01/2023", want: true,
			episodes: []line{ep("1", "01/01/2021", "02/06/2022", "S", "C2", "U4/a", "E8")}},
		// Went home at 16½; three months on, still a relevant child.
		{name: "home three months", on: "01/03/2023", want: true,
			episodes: []line{ep("1", "01/01/2021", "01/12/2022", "S", "C2", "U4/a", "E4A")}},
		// Six months at home before 18: no longer a relevant child.
		{name: "home six months", on: "01/06/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/12/2022", "S", "C2", "U4/a", "E4A")}},
		// Went home at 17¾ and turned 18 before six months had passed:
		// a former relevant child.
		{name: "home, 18 within six months", on: "01/12/2024", want: true,
			episodes: []line{ep("1", "01/01/2021", "01/03/2024", "S", "C2", "U4/a", "E4A")}},
		// Left care on the 18th birthday, to go home: former relevant.
		{name: "home at 18", on: "01/06/2025", want: true,
			episodes: []line{ep("1", "01/01/2021", "01/06/2024", "S", "C2", "U4/a", "E4A")}},
		// Placed with parents (P1) from 01/08/2022, home for good on
		// 01/11/2022: the six months run from the placement.
		{name: "placed with parents, under six months", on: "31/01/2023", want: true,
			episodes: []line{
				ep("1", "01/01/2021", "01/08/2022", "S", "C2", "U4/a", "X1"),
				ep("1", "01/08/2022", "01/11/2022", "P", "C2", "P1/p", "E4A")}},
		{name: "placed with parents, six months", on: "01/02/2023", want: false,
			episodes: []line{
				ep("1", "01/01/2021", "01/08/2022", "S", "C2", "U4/a", "X1"),
				ep("1", "01/08/2022", "01/11/2022", "P", "C2", "P1/p", "E4A")}},
		// Short breaks (V3) do not make an eligible child.
		{name: "short breaks only", on: "01/01/2023", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/12/2022", "S", "V3", "K2/r", "E4A")}},
		// Without a date of birth nothing can be judged.
		{name: "no date of birth", noHeader: true, on: "01/01/2024", want: false,
			episodes: []line{ep("1", "01/01/2021", "01/12/2023", "S", "C2", "U4/a", "E8")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := tt.episodes
			if !tt.noHeader {
				lines = append(lines, header("1", "F", "01/06/2006", "WBRI"))
			}
			c := mustBuild(t, ret(2025, lines...)).Child("1")
			if got := c.CareLeaver(day(tt.on)); got != tt.want {
				t.Errorf("care leaver on %s = %v, want %v (journey %s)", tt.on, got, tt.want, describe(c))
			}
		})
	}
}
