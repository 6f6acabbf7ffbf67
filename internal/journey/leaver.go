package journey

import "github.com/village-uk/village/calendar"

// CareLeaver reports whether the child is a care leaver on day on: a
// relevant child (16 or 17) or former relevant child (18 to 21) in the
// sense of the Children Act 1989, ss. 23A and 23C, judged from the
// episodes loaded. All of these must hold:
//
//   - the date of birth is known and the child is aged 16 to 21 on the
//     day (21 included, as the DfE follows care leavers up around their
//     21st birthday in OC3 and counts them in its statistics);
//   - the child is not looked after on the day (short breaks aside);
//   - the child was an eligible child: looked after, other than on short
//     breaks (LS V3 or V4), for at least 13 weeks (91 days) in all since
//     their 14th birthday, including at least one day since their 16th,
//     days counted from the later of DECOM and the birthday to DEC, as
//     DfE rule 1001 counts them. A day looked after at 16 or over, before
//     the day, means the last period of care ended at 16 or over;
//   - the last period of care did not end in adoption (REC E11 or E12,
//     rule 1001), death (E2, rule 1000) or care taken over by another
//     authority (E3, rule 1011), which then owes the duties;
//   - the child did not leave care before 18 to live with a parent or a
//     person with parental responsibility for six months in a row before
//     turning 18 and before the day, which ends relevant-child status
//     (Care Leavers (England) Regulations 2010, regulation 3): leaving with
//     REC E4A or E4B (returned home), E41 (child arrangements order) or E45
//     to E48 (special guardianship). E13 (to live with someone without
//     parental responsibility) does not count, as it may not be a parent.
//     The six months count from the start of the final run of placements
//     with parents (PLACE P1), as time at home before leaving care counts
//     too, or else from leaving. The 903 cannot show a return home that
//     broke down without the child coming back into care, so a child
//     who went home counts as having stayed there.
//
// Episodes before the first loaded year are unknown, so a child whose
// time in care at 14 or over predates the loaded years may be missed.
func (c *Child) CareLeaver(on calendar.Date) bool {
	last, ok := c.eligibleLeaver(on)
	return ok && !c.settledAtHome(last, on)
}

// eligibleLeaver reports whether the child had left care by day on, aged
// 16 to 21, after being an eligible child, and did not leave through
// adoption, death or a transfer; it returns the last period of care.
func (c *Child) eligibleLeaver(on calendar.Date) (*Period, bool) {
	if age := c.AgeOn(on); age < 16 || age > 21 || c.LookedAfterOn(on) {
		return nil, false
	}
	at14, at16 := c.DOB.AddYears(14), c.DOB.AddYears(16)
	var last *Period
	since14, since16 := 0, 0
	for i := range c.Periods {
		p := &c.Periods[i]
		if p.Start > on {
			break
		}
		if p.ShortBreak {
			continue
		}
		// Not looked after on the day, so the period ended by then.
		last = p
		since14 += daysFrom(p.Start, at14, p.End)
		since16 += daysFrom(p.Start, at16, p.End)
	}
	if last == nil || since14 < 91 || since16 < 1 {
		return nil, false
	}
	switch last.EndReason {
	case "E11", "E12", "E2", "E3":
		return nil, false
	}
	return last, true
}

// daysFrom counts the days from the later of start and from to end.
func daysFrom(start, from, end calendar.Date) int {
	return max(0, int(end-max(start, from)))
}

// settledAtHome reports whether the child, having left care in period
// last, lived with a parent or person with parental responsibility for six
// months in a row, complete before turning 18 and by day on.
func (c *Child) settledAtHome(last *Period, on calendar.Date) bool {
	switch last.EndReason {
	case "E4A", "E4B", "E41", "E45", "E46", "E47", "E48":
	default:
		return false
	}
	home := last.End
	// Placed with parents at the end of care: the months at home began
	// with that placement.
	for i := len(last.Placements) - 1; i >= 0 && last.Placements[i].Place == "P1"; i-- {
		home = last.Placements[i].Start
	}
	settled := sixMonthsAfter(home)
	return settled <= on && settled < c.DOB.AddYears(18)
}

// sixMonthsAfter returns the same day six calendar months later; a day
// the month lacks rolls into the next month, as time.Date normalises it.
func sixMonthsAfter(d calendar.Date) calendar.Date {
	y, m, day := d.Civil()
	return calendar.NewDate(y, m+6, day)
}
