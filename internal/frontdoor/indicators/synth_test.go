package indicators

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// TestSynthetic writes a synthetic authority's censuses, reads them back
// as a user's would be read, and checks the last year's figures against
// the calibration internal/synth/PARAMETERS.md reports for its CIN census,
// within tolerances for the chance variation of an area this size.
func TestSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("four years of a synthetic authority's CIN censuses")
	}
	front, care, pop := synthetic(t, 1500, 7)
	in := Input{Year: front.Last, Front: front, Care: care, Population: pop}
	per10k := func(id string) float64 {
		v := ByID(id).Compute(in).Value
		n, _ := pop.Aged0to17(in.Year.End())
		return float64(v.Numerator) / float64(n) * 10000
	}
	value := func(id string) float64 { return ByID(id).Compute(in).Value.Value }
	tests := []struct {
		name      string
		got, want float64 // want is the middle of PARAMETERS.md's "achieved"
		tolerance float64 // relative
	}{
		{"cin_referral_rate_per_10k", value("cin_referral_rate_per_10k"), 515, 0.12},
		{"re_referrals_12m_share", value("re_referrals_12m_share"), 24, 0.2},
		// The generator's 82.8% is from AssessmentActualStartDate; from the
		// referral, as Working Together sets the 45 days, the days before
		// the assessment began put some over: about 77%.
		{"assessments_45wd_share", value("assessments_45wd_share"), 82.8, 0.12},
		{"s47_enquiries per 10,000", per10k("s47_enquiries"), 167, 0.2},
		{"s47_icpc_15wd_share", value("s47_icpc_15wd_share"), 78, 0.1},
		{"cin_rate_per_10k", value("cin_rate_per_10k"), 335, 0.15},
		{"cp_rate_per_10k", value("cp_rate_per_10k"), 41.3, 0.25},
		{"cp_second_or_later_share", value("cp_second_or_later_share"), 24, 0.3},
	}
	for _, tt := range tests {
		t.Logf("%s %.1f (calibration %.1f)", tt.name, tt.got, tt.want)
		if math.Abs(tt.got-tt.want) > tt.tolerance*tt.want {
			t.Errorf("%s: %.1f, the calibration %.1f (tolerance %.0f%%)", tt.name, tt.got, tt.want, 100*tt.tolerance)
		}
	}
	// No calibration for these: they must be known and plausible.
	for _, tt := range []struct {
		id       string
		year     calendar.Year
		low, top float64
	}{
		{"cp_ended_2y_plus_share", in.Year, 0, 10},
		{"referral_to_care_12m", in.Year - 1, 0.5, 15},
	} {
		f := ByID(tt.id).Compute(Input{Year: tt.year, Front: front, Care: care, Population: pop})
		t.Logf("%s %s %.1f (%d/%d)", tt.id, tt.year, f.Value.Value, f.Value.Numerator, f.Value.Denominator)
		if !f.Value.Known || f.Value.Value < tt.low || f.Value.Value > tt.top {
			t.Errorf("%s %s = %.1f (known %v), want %.1f to %.1f", tt.id, tt.year, f.Value.Value, f.Value.Known, tt.low, tt.top)
		}
	}
	if f := ByID("referral_to_care_12m").Compute(in); f.Value.Known {
		t.Errorf("referral_to_care_12m %s known without the next year's 903", in.Year)
	}
}

// synthetic writes a synthetic authority's four years of CIN censuses and
// 903 returns, and reads them back as a user's would be read.
func synthetic(t *testing.T, children int, seed uint64) (*frontdoor.Set, *journey.Set, lac.MidYear) {
	t.Helper()
	res, err := synth.Generate(synth.Config{Children: children, Years: 4, Until: calendar.NewDate(2026, 3, 31), Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	var censuses []*returns.Return
	for _, c := range res.CIN() {
		var b bytes.Buffer
		if err := c.WriteXML(&b); err != nil {
			t.Fatal(err)
		}
		tables, problems, err := cin.ReadXML("cin.xml", &b)
		if err != nil {
			t.Fatal(err)
		}
		r := returns.NewReturn(cin.Collection, c.Year, "E06000999")
		r.Tables, r.Problems = tables, problems
		censuses = append(censuses, r)
	}
	care, err := journey.BuildWith(res.Returns, journey.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pop := lac.MidYear{}
	for _, row := range res.Population {
		if row.Age <= 17 {
			pop.Add(row.Year, row.Count)
		}
	}
	return frontdoor.Build(censuses), care, pop
}

// TestChildrenAreTheCount checks, for every indicator and every year of a
// synthetic authority, that the list of children behind a figure has one
// entry for each thing its numerator counts, and that its IDs are the
// figure's children.
func TestChildrenAreTheCount(t *testing.T) {
	front, care, pop := synthetic(t, 400, 11)
	listed := 0
	for y := front.First - 1; y <= front.Last; y++ {
		in := Input{Year: y, Front: front, Care: care, Population: pop}
		for _, ind := range All() {
			f := ind.Compute(in)
			list := ind.Children(in)
			if len(list) != f.Value.Numerator {
				t.Errorf("%s %s: %d children listed, numerator %d", ind.ID, y, len(list), f.Value.Numerator)
			}
			if once := slices.Compact(slices.Clone(list)); !slices.Equal(once, f.Value.Children) {
				t.Errorf("%s %s: %d children once each in the list, %d in the figure", ind.ID, y, len(once), len(f.Value.Children))
			}
			listed += len(list)
		}
	}
	if listed == 0 {
		t.Fatal("no children listed for any indicator: the synthetic censuses were not read")
	}
}
