package synth

import "github.com/village-uk/village/ssda903"

// Short names for the calendar arithmetic the simulation does millions of
// times; ssda903 does it on the day count, without time.Time.

func civil(d ssda903.Date) (year, month, day int) { return d.Civil() }

func addYears(d ssda903.Date, n int) ssda903.Date { return d.AddYears(n) }

func ageOn(dob, d ssda903.Date) int { return ssda903.AgeOn(dob, d) }

func yearOf(d ssda903.Date) int { return d.Year() }
