package journey

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// FuzzBuild builds journeys from arbitrary Episodes rows, one per line
// with comma-separated values (Header rows when the line starts "H,"),
// shared between two returns: nothing may panic, and the journeys must
// hold together.
func FuzzBuild(f *testing.F) {
	f.Add("1,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n1,01/04/2023,P,C2,N1,T1,,01/05/2023,X1")
	f.Add("1,01/05/2023,S,V3,N1,K2,PR1,03/05/2023,E4A\n1,02/05/2023,L,C2,N1,K2,PR1,01/01/2023,X1\n1,01/05/2023,S,C2")
	f.Add(",,,\n\n1,31/12/9999,S\n1,1/1/0001,S,,,,,01/01/0001,X1")
	f.Add("H,1,M,01/06/2006\n1,01/01/2021,S,C2,N1,U4,PR1,01/12/2022,E4A\nH,1,M,01/06/2007")
	f.Fuzz(func(t *testing.T, text string) {
		returns := []*ssda903.Return{ssda903.NewReturn(2024, ""), ssda903.NewReturn(2025, "")}
		for i, l := range strings.Split(text, "\n") {
			table, values := ssda903.Episodes, strings.Split(l, ",")
			if values[0] == "H" {
				table, values = ssda903.Header, values[1:]
			}
			returns[i%2].Ensure(table).Add(values...)
		}
		s, err := Build(returns)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, s)
		for _, c := range s.Children {
			c.CareLeaver(calendar.NewDate(2025, 3, 31))
		}
	})
}
