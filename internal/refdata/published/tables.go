// Package published reads the DfE's published local-authority tables in
// the open data layout of explore-education-statistics (EES): one CSV
// per table, each row one geography (England, a region or a local
// authority) for one year, its filter columns saying which figure the
// row holds and its indicator columns the figures. It reads the tables of
// the releases "Children looked after in England including adoptions"
// and "Children in need" that have a Village indicator beside them
// (tables below), and the statistical neighbours list (neighbours.go).
//
// Every cell is read as the DfE wrote it: a number, or one of the DfE's
// symbols (c, x, z, k, u, low, or blank), which is read as not available
// with the reason, never as a number. A column the tables below do not
// name is reported with its file, not guessed at; a bad cell is reported
// with its file, line, column, value and what was expected; and a folder
// with any bad file gives nothing at all.
package published

// Unit is what a published figure measures.
type Unit int

const (
	Rate  Unit = iota // per 10,000 children aged 0-17; the denominator is the population
	Share             // a percentage of the denominator
)

func (u Unit) String() string {
	if u == Share {
		return "%"
	}
	return "per 10,000 children aged 0-17"
}

// table is one of the DfE's published tables: its columns beyond the
// geography, and the Village indicators it gives.
type table struct {
	name       string   // the DfE's file name, without .csv
	release    string   // the statistical release it belongs to
	url        string   // where the release is published
	filters    []string // filter columns, which say what a row holds
	indicators []string // every indicator column, used or not
	measures   []measure
}

// measure maps one published figure to a Village indicator.
type measure struct {
	id   string            // the Village indicator
	unit Unit              // a rate per 10,000 or a share
	row  map[string]string // filter values of the row holding the value and numerator
	// denomRow is the filter values of the row holding the denominator,
	// when it is another row; nil when it is the same row.
	denomRow                      map[string]string
	value, numerator, denominator string // indicator columns
	// differs says where Village's indicator and the published one differ.
	differs string
}

const (
	claRelease = "Children looked after in England including adoptions"
	claURL     = "https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions"
	cinRelease = "Children in need"
	cinURL     = "https://explore-education-statistics.service.gov.uk/find-statistics/children-in-need"
)

// Filter values of the DfE's tables, as published.
const (
	claAt31March       = "Children looked after at 31 March each year"
	claStarting        = "Children starting to be looked after each year"
	claCeasing         = "Children ceasing to be looked after each year"
	stabilityOn31March = "CLA on 31 March"
	stabilityLongTerm  = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
	stabilityTotal     = "Total children"
	referralsCategory  = "Referrals and Re-referrals"
)

// tables is every table Village reads, and the one place that maps the
// DfE's indicator columns to Village's indicators.
var tables = []table{
	{
		name: "cla_number_and_rate_per_10k_children", release: claRelease, url: claURL,
		filters:    []string{"population_count"},
		indicators: []string{"population_estimate", "number", "rate_per_10000"},
		measures: []measure{
			{id: "cla_rate_per_10k", unit: Rate, row: map[string]string{"population_count": claAt31March},
				value: "rate_per_10000", numerator: "number", denominator: "population_estimate",
				differs: "The DfE leaves out children on a series of short-term placements (V3, V4), as Village does; " +
					"its local-authority figures are unrounded, its rate rounded to a whole number. Village divides by the ONS mid-year " +
					"estimate it is given (--population); the DfE by the estimate in population_estimate."},
			{id: "starts_rate_per_10k", unit: Rate, row: map[string]string{"population_count": claStarting},
				value: "rate_per_10000", numerator: "number", denominator: "population_estimate",
				differs: "Both count a child once, on the first occasion they started in the year; a child moved between authorities " +
					"starts in each, so the DfE's England total counts some twice."},
		},
	},
	{
		name: "la_cla_placement_stability", release: claRelease, url: claURL,
		filters:    []string{"cla_group", "placement_stability"},
		indicators: []string{"children_count", "children_percent"},
		measures: []measure{
			{id: "placements_3plus", unit: Share,
				row:      map[string]string{"cla_group": stabilityOn31March, "placement_stability": "With 3 or more placements during the year"},
				denomRow: map[string]string{"cla_group": stabilityOn31March, "placement_stability": stabilityTotal},
				value:    "children_percent", numerator: "children_count", denominator: "children_count",
				differs: "Village counts a placement where an episode begins with a change of carer (RNE S, P or B); the DfE's own " +
					"rule for counting placements is not confirmed against its methodology."},
			{id: "long_term_stability", unit: Share,
				row:      map[string]string{"cla_group": stabilityLongTerm, "placement_stability": "Living with the same carer for at least 2 years"},
				denomRow: map[string]string{"cla_group": stabilityLongTerm, "placement_stability": stabilityTotal},
				value:    "children_percent", numerator: "children_count", denominator: "children_count",
				differs: "The same definition (NI 63): under 16 at 31 March, looked after 2.5 years or more, with the same carer for 2 years, " +
					"adoptive placements counted with the placement before them."},
		},
	},
	{
		name: "c1_children_in_need_referrals_and_rereferrals", release: cinRelease, url: cinURL,
		filters: []string{"category"},
		indicators: []string{"referral_count", "rereferral_count", "rereferral_percent", "no_further_action_count",
			"no_further_action_percent", "not_in_need_count", "not_in_need_percent", "referral_child_count",
			"rereferral_child_count", "rereferral_child_percent"},
		measures: []measure{
			{id: "re_referrals_12m_share", unit: Share, row: map[string]string{"category": referralsCategory},
				value: "rereferral_percent", numerator: "rereferral_count", denominator: "referral_count",
				differs: "Village leaves out a referral whose 12 months before reach back before the first census loaded " +
					"(it may or may not be a re-referral); the DfE reads the censuses of earlier years."},
		},
	},
}

// Measured is a Village indicator with a published counterpart.
type Measured struct {
	ID       string // the Village indicator
	Unit     Unit
	Table    string // the DfE's table
	Release  string // the statistical release
	URL      string // where it is published
	Columns  string // the indicator columns read: value (numerator / denominator)
	Differs  string // where Village's definition and the DfE's differ
	Filter   string // the filter values of the row read
	Download string // what to download, in words
}

// Indicators returns every Village indicator the tables give, in the
// order of the tables above.
func Indicators() []Measured {
	var out []Measured
	for _, t := range tables {
		for _, m := range t.measures {
			out = append(out, Measured{ID: m.id, Unit: m.unit, Table: t.name, Release: t.release, URL: t.url,
				Columns: m.value + " (" + m.numerator + " / " + m.denominator + ")", Differs: m.differs,
				Filter: filterText(m.row), Download: t.name + ".csv from " + t.release})
		}
	}
	return out
}

// Find returns the indicator's published counterpart, and whether it has one.
func Find(id string) (Measured, bool) {
	for _, m := range Indicators() {
		if m.ID == id {
			return m, true
		}
	}
	return Measured{}, false
}

// filterText writes filter values as col = "value", in the table's order.
func filterText(row map[string]string) string {
	text := ""
	for _, t := range tables {
		for _, f := range t.filters {
			if v, ok := row[f]; ok {
				if text != "" {
					text += ", "
				}
				text += f + " = " + v
			}
		}
	}
	return text
}
