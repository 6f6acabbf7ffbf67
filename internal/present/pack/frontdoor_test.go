package pack

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
)

// packFront is a front door of 2024/25 and 2025/26: 30 children referred
// in 2025/26 and 3 in 2024/25, each with its own referral, none on a plan.
func packFront() *frontdoor.Set {
	s := &frontdoor.Set{First: 2025, Last: 2026}
	add := func(n int, year calendar.Year) {
		for i := range n {
			start := year.Start().AddDays(10 + i)
			s.Children = append(s.Children, &frontdoor.Child{ID: fmt.Sprintf("P%d-%02d", year, i),
				DOB: calendar.NewDate(2015, 1, 1), HasDOB: true,
				Referrals: []frontdoor.Referral{{Start: start, End: start.AddDays(20), Source: "1A", Year: year}}})
		}
	}
	add(3, 2025)
	add(30, 2026)
	return s
}

// TestFrontDoorInPack checks the pack's front door: the CIN indicators
// for the collection year the quarter ends in against the year before,
// in the HTML pack and in the workbook (its own sheet and the Data
// sheet), exact for analysts, the small year suppressed when
// publishable, and a figure the returns cannot give shown as not known
// with its reason.
func TestFrontDoorInPack(t *testing.T) {
	set, pop := authority(t, 300, 2)
	q := quarter(t, "2025/26 Q4")
	for _, c := range []struct {
		publishable  bool
		before       string // cin_referrals in 2024/25
		change       string
		beforeStatus string
	}{
		{false, "3", "up", statusShown},
		{true, "c", "not shown", statusSuppressed},
	} {
		m := Pack{Set: set, Population: pop, Quarter: q, Publishable: c.publishable, Front: packFront()}.Model()
		fd := m.FrontDoor
		if fd == nil || fd.Year.Label != "2025/26" || fd.Before.Label != "2024/25" || !strings.Contains(fd.Note, "collection year 2025/26") {
			t.Fatalf("publishable %v: front door %+v", c.publishable, fd)
		}
		rows := map[string]FrontDoorRow{}
		for _, r := range fd.Rows {
			rows[r.Indicator.ID] = r
		}
		if r := rows["cin_referrals"]; r.NowText != "30" || r.BeforeText != c.before || r.Change != c.change {
			t.Errorf("publishable %v: cin_referrals %q against %q (%s)", c.publishable, r.NowText, r.BeforeText, r.Change)
		}
		// No 903 return for 2026/27, so no 12 months after the year.
		if r := rows["referral_to_care_12m"]; r.NowText != "x" || !strings.Contains(r.Note, "needs SSDA903 returns") {
			t.Errorf("publishable %v: referral_to_care_12m %q, note %q", c.publishable, r.NowText, r.Note)
		}

		var page bytes.Buffer
		if err := m.WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		want := `<tr id="front-door-cin_referrals"><th scope="row">Referrals to children&#39;s social care</th><td>referrals</td>` +
			`<td class="number">30</td><td class="number">` + c.before + `</td>`
		if !strings.Contains(page.String(), want) || !strings.Contains(page.String(), `<a href="#front-door">`) {
			t.Errorf("publishable %v: the HTML pack has no %q, or no contents entry", c.publishable, want)
		}

		f, _ := book(t, m)
		if !slices.Contains(f.GetSheetList(), frontDoorSheet) {
			t.Fatalf("publishable %v: sheets %v", c.publishable, f.GetSheetList())
		}
		data, err := f.GetRows(dataSheet)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string][]string{}
		for _, row := range data {
			if len(row) > 13 && row[0] == "cin_referrals" {
				found[row[3]] = row
			}
		}
		now, before := found["2025/26"], found["2024/25"]
		if now == nil || now[2] != frontDoorFamily || now[9] != "30" || now[13] != statusShown {
			t.Errorf("publishable %v: Data row for 2025/26 %q", c.publishable, now)
		}
		if before == nil || before[13] != c.beforeStatus || (c.publishable && (before[9] != "" || before[10] != "")) {
			t.Errorf("publishable %v: Data row for 2024/25 %q", c.publishable, before)
		}
	}
	if m := (Pack{Set: set, Population: pop, Quarter: q}).Model(); m.FrontDoor != nil {
		t.Error("a pack with no CIN census has a front door")
	}
}
