package synth

import "github.com/village-uk/village/calendar"

// Short names for the calendar arithmetic the simulation does millions of
// times; ssda903 does it on the day count, without time.Time.

func civil(d calendar.Date) (year, month, day int) { return d.Civil() }

func addYears(d calendar.Date, n int) calendar.Date { return d.AddYears(n) }

func ageOn(dob, d calendar.Date) int { return calendar.AgeOn(dob, d) }

func yearOf(d calendar.Date) int { return d.Year() }
