package returns

import (
	"fmt"

	"github.com/village-uk/village/calendar"
)

// DateField is a date column's submitted text and, when the text is a
// valid date in its return's form, the date. The rules of every return
// read their date columns as DateFields.
type DateField struct {
	Text string
	Day  calendar.Date
	OK   bool // Text is a valid date
}

// Blank reports whether nothing was submitted.
func (d DateField) Blank() bool { return d.Text == "" }

// Shown shows the submitted date in an explanation: as written, "blank",
// or quoted and said not to be a valid date.
func (d DateField) Shown() string {
	switch {
	case d.Blank():
		return "blank"
	case !d.OK:
		return fmt.Sprintf("%q (not a valid date)", d.Text)
	}
	return d.Text
}

// NotDate explains that the field, blank or not a valid date, gives no
// date.
func (d DateField) NotDate(field string) string {
	if d.Blank() {
		return field + " is blank"
	}
	return fmt.Sprintf("%s %q is not a valid date", field, d.Text)
}
