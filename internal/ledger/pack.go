package ledger

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/present/pack"
)

// PackSection is the ledger as the quarterly pack's savings section.
func (l *Ledger) PackSection() *pack.Savings {
	s := &pack.Savings{Split: l.splitWords(), DataEnd: longDate(l.DataEnd), Gross: l.Total.Gross, Combined: l.Total.Combined.Pounds,
		Overlap: l.Total.Overlap, Net: l.Total.Net.Pounds, NetP5: l.Total.Net.P5, NetP95: l.Total.Net.P95, Target: l.Total.Target, Notes: l.Notes}
	for _, p := range l.Programmes {
		s.Programmes = append(s.Programmes, pack.SavingsProgramme{Name: p.Name, Gross: p.Gross.Pounds, Net: p.Net.Pounds,
			NetP5: p.Net.P5, NetP95: p.Net.P95, Target: p.Target, Basis: p.Basis})
	}
	for _, q := range l.Quarters {
		s.Quarters = append(s.Quarters, pack.SavingsQuarter{Quarter: q.Quarter, Months: q.Months, Net: q.Bookable, NetP5: q.NetP5, NetP95: q.NetP95,
			Target: q.TargetTotal, CumulativeNet: q.CumulativeNet, CumulativeTarget: q.CumulativeTarget})
	}
	return s
}

// splitWords names the ledger's split in words.
func (l *Ledger) splitWords() string {
	if l.Split == Even {
		return "an even split of the overlap"
	}
	return "the order of precedence"
}

// longDate writes an ISO date as 31 March 2026.
func longDate(iso string) string {
	if d, ok := calendar.ParseISODate(iso); ok {
		return d.Long()
	}
	return iso
}
