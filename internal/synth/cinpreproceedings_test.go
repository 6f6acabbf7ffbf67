package synth

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/cin/rules"
)

// TestPreProceedingsFrom2026To27 generates an area to 31 March 2027 and
// checks the pre-proceedings module: absent before 2026/27; in 2026/27
// written in its XSD place, read back without a problem, passing every
// rule of the module, and given to a modest share of the children on a
// child protection plan, most offered a family group decision making
// meeting, with court applications among the outcomes.
func TestPreProceedingsFrom2026To27(t *testing.T) {
	res := generate(t, Config{Children: 1500, Years: 2, Until: calendar.NewDate(2027, 3, 31), Seed: 7})
	for _, c := range res.CIN() {
		blocks, onPlan, withPP, offered, courtApps := 0, 0, 0, 0, 0
		for _, k := range c.message().Children {
			plan, pp := false, false
			for _, d := range k.Details {
				plan = plan || len(d.Plans) > 0
				pp = pp || len(d.PreProceedings) > 0
				for _, p := range d.PreProceedings {
					blocks++
					if p.FGDMMeetingOffer == "1" {
						offered++
					}
					if p.CourtAppDate != "" {
						courtApps++
					}
				}
			}
			if plan {
				onPlan++
			}
			if pp {
				withPP++
			}
		}
		if c.Year < cin.PreProceedingsFrom {
			if blocks > 0 {
				t.Errorf("%s: %d pre-proceedings blocks in a census without the module", c.Year, blocks)
			}
			continue
		}
		t.Logf("%s: %d blocks; %d of %d children on a plan in the year have pre-proceedings; %d offered FGDM; %d court applications",
			c.Year, blocks, withPP, onPlan, offered, courtApps)
		if share := float64(withPP) / float64(onPlan); share < 0.05 || share > 0.20 {
			t.Errorf("%s: %.1f%% of children on a plan have pre-proceedings; want 5%% to 20%%", c.Year, 100*share)
		}
		if offered*2 < blocks || courtApps == 0 || courtApps*2 > blocks {
			t.Errorf("%s: %d blocks, %d offered FGDM, %d court applications; want most offered, some applications, not most",
				c.Year, blocks, offered, courtApps)
		}
		data := writeCensus(t, c)
		checkXSDOrder(t, c.Year.String(), data)
		tables, problems, err := cin.ReadXML("census.xml", bytes.NewReader(data))
		if err != nil || len(problems) > 0 {
			t.Fatalf("%s read back: %v %v", c.Year, err, problems)
		}
		if n := tables[cin.PreProceedings].Len(); n != blocks {
			t.Errorf("%s: read back %d PreProceedings rows, wrote %d", c.Year, n, blocks)
		}
		ret := returns.NewReturn(cin.Collection, c.Year, "")
		ret.Tables = tables
		for _, f := range rules.Validate(ret).Failures {
			if f.Rule.Code == "8995Q" || strings.HasPrefix(f.Rule.Code, "90") {
				t.Errorf("%s: rule %s fails %s row %d: %s", c.Year, f.Rule.Code, f.Table, f.Row, f.Explanation)
			}
		}
	}
}

// TestPreProceedingsMistakes checks that --errors makes each kind of
// mistake in the module, and that the rule each names finds it on its row.
func TestPreProceedingsMistakes(t *testing.T) {
	res := generate(t, Config{Children: 1500, Years: 1, Until: calendar.NewDate(2027, 3, 31), Seed: 7, ErrorRate: 0.1})
	c := res.CIN()[0]
	tables, _, err := cin.ReadXML("census.xml", bytes.NewReader(writeCensus(t, c)))
	if err != nil {
		t.Fatal(err)
	}
	ret := returns.NewReturn(cin.Collection, c.Year, "")
	ret.Tables = tables
	found := map[[2]string]bool{}
	for _, f := range rules.Validate(ret).Failures {
		if f.Table == cin.PreProceedings {
			found[[2]string{f.Rule.Code, strconv.Itoa(f.Row)}] = true
		}
	}
	kinds := map[string]int{}
	for _, e := range res.CINInjected() {
		if e.Table != cin.PreProceedings {
			continue
		}
		kinds[e.Kind]++
		if !found[[2]string{e.Rule, strconv.Itoa(e.Row)}] {
			t.Errorf("%s row %d (%s, %q to %q): rule %s does not find it", e.Table, e.Row, e.Kind, e.Was, e.Now, e.Rule)
		}
	}
	for _, m := range preProceedingsMistakes {
		if kinds[m.kind] == 0 {
			t.Errorf("no %q mistakes were injected", m.kind)
		}
	}
}
