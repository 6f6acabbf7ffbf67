package indicators

import "strings"

// Family is a group of indicators that pages and packs show together.
type Family struct {
	Name       string
	Indicators []*Indicator // in the order All gives
}

// families names each family and says which indicators are in it: by
// whole ID, or by an ID prefix ending in "_". Every indicator is in
// exactly one (TestFamilies).
var families = []struct {
	name string
	ids  []string
}{
	{"Headlines", []string{"cla_end", "cla_rate_per_10k", "starts", "starts_rate_per_10k", "ceased"}},
	{"Coming back and leaving care", []string{"reentries_12m", "reentries_12m_share", "ceased_adopted", "ceased_sgo", "ceased_home"}},
	{"Placements and stability", []string{"placements_3plus", "long_term_stability", "placed_"}},
	{"Permanence", []string{"days_to_", "adoption_", "ceased_permanence_share"}},
	{"Missing and away from placement", []string{"missing_", "away_"}},
	{"Care leavers", []string{"care_leavers_"}},
	{"Health", []string{"health_check_share", "development_check_share", "dental_check_share", "immunisations_share", "sdq_"}},
	{"Mothers", []string{"mothers_in_care", "births_to_looked_after_mothers"}},
	{"The child's voice", []string{"review_", "reviews_on_time_share"}},
	{"Placements needing attention", []string{"under16_unregistered_now", "moves_3plus_12m_now"}},
}

// Families returns every indicator grouped by family, in the families'
// order; an indicator no family names would come last, under "Other".
func Families() []Family {
	out := make([]Family, len(families))
	for i, f := range families {
		out[i].Name = f.name
	}
	var other []*Indicator
	for _, ind := range all {
		if i := familyOf(ind.ID); i >= 0 {
			out[i].Indicators = append(out[i].Indicators, ind)
		} else {
			other = append(other, ind)
		}
	}
	if len(other) > 0 {
		out = append(out, Family{Name: "Other", Indicators: other})
	}
	return out
}

// familyOf returns the index of the first family that names id, or -1.
func familyOf(id string) int {
	for i, f := range families {
		for _, name := range f.ids {
			if name == id || strings.HasSuffix(name, "_") && strings.HasPrefix(id, name) {
				return i
			}
		}
	}
	return -1
}
