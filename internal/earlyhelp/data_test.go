package earlyhelp

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

const (
	pA  = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" // a child's LA ID pseudonym
	pAU = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" // the same child's UPN pseudonym
	pC  = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC" // another child
)

// An episode open in one year's file and closed in the next is one
// episode, closed; a child's two pseudonyms are one person through an
// early help row or a CIN census child's link; the match rates count
// people.
func TestBuildAndLink(t *testing.T) {
	year := func(y int, eps [][]string, haf [][]string) *returns.Return {
		r := returns.NewReturn(eh.Collection, calendar.Year(y), "")
		e, h := r.Ensure(eh.EarlyHelp), r.Ensure(eh.HAF)
		for _, v := range eps {
			e.Rows = append(e.Rows, returns.Row{Values: v})
		}
		for _, v := range haf {
			h.Rows = append(h.Rows, returns.Row{Values: v})
		}
		return r
	}
	y1 := year(2025, [][]string{{"E1", pA, "01/02/2025", "", "health", "School", "", pAU}}, nil)
	y2 := year(2026, [][]string{{"E1", pA, "01/02/2025", "30/06/2025", "health", "School", "needs_met", pAU}},
		[][]string{{pAU, "summer", "2025", "28/07/2025", "Club", "Y", "N", "5"}, {pC, "summer", "2025", "28/07/2025", "Club", "N", "N", "5"}})
	links := []store.Link{{Source: store.LinkCIN, Year: 2026, Row: 1, Kind: "la_child_id", Pseudonym: "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD"},
		{Source: store.LinkCIN, Year: 2026, Row: 1, Kind: "upn", Pseudonym: pC}}
	d := Build([]*returns.Return{y1, y2}, links, nil, nil)
	if len(d.Episodes) != 1 || d.Episodes[0].Open || d.Episodes[0].Outcome != "needs_met" {
		t.Fatalf("episodes %+v; want one, closed needs_met", d.Episodes)
	}
	if d.Sessions[0].Person != d.Episodes[0].Person && d.Sessions[1].Person != d.Episodes[0].Person {
		t.Error("the child's HAF session (by UPN) is not the early help child's (by LA ID)")
	}
	ls := Link(links, []*returns.Return{y1, y2})
	m := ls[1].Matches
	if m[0].Source != SourceEarlyHelp || m[0].Children != 1 || m[0].In[SourceHAF] != 1 || m[0].In[SourceCIN] != 0 {
		t.Errorf("early help's matches %+v; want 1 child, at HAF, not in the CIN census", m[0])
	}
	if m[1].Source != SourceHAF || m[1].Children != 2 || m[1].In[SourceCIN] != 1 || m[1].In[SourceEarlyHelp] != 1 {
		t.Errorf("HAF's matches %+v; want 2 children, 1 in the CIN census, 1 in early help", m[1])
	}
	if m[2].Source != SourceCIN || m[2].Children != 1 || m[2].In[SourceHAF] != 1 {
		t.Errorf("the CIN census's matches %+v; want 1 child, at HAF", m[2])
	}
}
