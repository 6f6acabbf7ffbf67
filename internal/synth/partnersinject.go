package synth

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// partnerMistake is a data-entry mistake in an early help or HAF file,
// which the reader reports (Rule "reader").
type partnerMistake struct {
	table  ssda903.TableName
	column int
	field  string
	kind   string
	apply  func(row []string) (string, bool) // the new value; false when the row cannot have this mistake
}

var partnerMistakes = []partnerMistake{
	{"EarlyHelp", 3, "EndDate", "end before start", func(row []string) (string, bool) {
		start, ok := calendar.ParseDate(row[2])
		if !ok || row[3] == "" {
			return "", false
		}
		return (start - 7).String(), true
	}},
	{"EarlyHelp", 6, "Outcome", "outcome written in words", func(row []string) (string, bool) {
		return "Needs met", row[6] != ""
	}},
	{"HAF", 5, "FSM", "flag written in words", func(row []string) (string, bool) { return "Yes", row[5] == "Y" }},
	{"HAF", 3, "SessionDate", "ISO date", func(row []string) (string, bool) {
		d, ok := calendar.ParseDate(row[3])
		return d.Time().Format("2006-01-02"), ok
	}},
	{"HAF", 7, "YearGroup", "year group with a prefix", func(row []string) (string, bool) { return "Y" + row[7], row[7] != "R" }},
}

// injectPartners puts mistakes into a share rate of the rows of the
// partners' files and lists them.
func injectPartners(years []PartnerYear, rate float64, seed uint64) []InjectedError {
	if rate <= 0 {
		return nil
	}
	var out []InjectedError
	for i := range years {
		y := &years[i]
		r := newRNG(seed, streamPartnersInject, uint64(i))
		for _, m := range partnerMistakes {
			n, rowOf := len(y.EarlyHelp), func(j int) []string { return y.EarlyHelp[j] }
			if m.table == "HAF" {
				n, rowOf = y.HAFLen(), y.editHAF
			}
			for j := range n {
				if !r.chance(rate / float64(len(partnerMistakes))) {
					continue
				}
				row := rowOf(j)
				now, ok := m.apply(row)
				if !ok {
					continue
				}
				out = append(out, InjectedError{Year: y.Year, Table: m.table, Row: j + 1, Field: m.field, Was: row[m.column], Now: now, Kind: m.kind, Rule: "reader"})
				row[m.column] = now
			}
		}
	}
	return out
}

// editHAF returns row n of the year's HAF file to change: kept with the
// year's edits, so that HAFRow gives it changed.
func (y *PartnerYear) editHAF(n int) []string {
	if y.hafEdits == nil {
		y.hafEdits = map[int][]string{}
	}
	row, ok := y.hafEdits[n]
	if !ok {
		row = y.HAFRow(n)
		y.hafEdits[n] = row
	}
	return row
}
