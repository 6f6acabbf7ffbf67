package earlyhelp

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ident"
)

// ReadCSV reads one of the two files from its bytes with the shared CSV
// reader, then checks what that reader leaves to the return: the child is
// a pseudonym, codes are in their lists, required values are given and an
// episode does not end before it starts. A child column holding what
// looks like a UPN or an NHS number makes the whole file fatal, with the
// advice to pseudonymise it; no problem ever quotes a child's value.
func ReadCSV(file string, data []byte) (*returns.Table, returns.Problems, error) {
	t, problems, err := Collection.ReadCSV(file, bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	cols := fileColumns(data, t.Schema)
	checked, fatal := check(t, cols)
	if fatal != nil {
		return nil, nil, returns.Problems{fatal}
	}
	return t, append(problems, checked...), nil
}

// fileColumns finds the 1-based column of each of the schema's columns
// in the file's header, as the shared reader matched them (case and
// surrounding spaces ignored), or 0 where it cannot tell.
func fileColumns(data []byte, s *returns.Schema) []int {
	cols := make([]int, len(s.Columns))
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))).Read()
	if err != nil {
		return cols
	}
	for i, c := range s.Columns {
		for j, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), c.Name) {
				cols[i] = j + 1
				break
			}
		}
	}
	return cols
}

// checker gathers a table's problems.
type checker struct {
	t         *returns.Table
	cols      []int
	problems  returns.Problems
	raw       []int // lines whose child looks like a raw identifier
	rawColumn int   // the schema column of the last
}

// check checks a table read by the shared reader; fatal, when not nil,
// refuses the whole file.
func check(t *returns.Table, cols []int) (returns.Problems, *returns.Problem) {
	c := &checker{t: t, cols: cols}
	for _, row := range t.Rows {
		c.child(row)
		switch t.Schema.Name {
		case EarlyHelp:
			c.episode(row)
		case HAF:
			c.session(row)
		}
	}
	if len(c.raw) > 0 {
		return nil, c.rawProblem()
	}
	return c.problems, nil
}

// value returns row's value of column, and the column's index.
func (c *checker) value(row returns.Row, column string) (string, int) {
	i := c.t.Schema.Index(column)
	return row.Values[i], i
}

// add reports an invalid value. quote says whether the value may be
// shown: a child's never is.
func (c *checker) add(row returns.Row, i int, quote bool, message, expected string) {
	p := &returns.Problem{Severity: returns.Invalid, File: c.t.File, Line: row.Line, Column: c.cols[i],
		Field: c.t.Schema.Columns[i].Name, Message: message, Expected: expected}
	if quote {
		p.Value = row.Values[i]
	}
	c.problems = append(c.problems, p)
}

// pseudonymExpected is what the child column should hold.
const pseudonymExpected = "the child's pseudonym, as village pseudonymise writes it: 32 capital letters and digits 2 to 7"

func (c *checker) child(row returns.Row) {
	c.pseudonym(row, ChildColumn, true)
	if c.t.Has(ChildUPNColumn) {
		c.pseudonym(row, ChildUPNColumn, false)
	}
}

// pseudonym checks that a column holds a pseudonym, blank allowed unless
// required.
func (c *checker) pseudonym(row returns.Row, column string, required bool) {
	v, i := c.value(row, column)
	switch {
	case !required && v == "":
	case ident.LooksRaw(v):
		c.raw = append(c.raw, row.Line)
		c.rawColumn = i
	case strings.TrimSpace(v) == "":
		c.add(row, i, false, "no child given", pseudonymExpected)
	case !ident.IsPseudonym(v):
		c.add(row, i, false, "not a pseudonym", pseudonymExpected)
	}
}

// rawProblem refuses a file whose child column holds raw identifiers,
// naming the lines and never the values.
func (c *checker) rawProblem() *returns.Problem {
	lines := make([]string, 0, 5)
	for i, l := range c.raw {
		if i == 5 {
			lines = append(lines, fmt.Sprintf("and %d more", len(c.raw)-5))
			break
		}
		lines = append(lines, fmt.Sprint(l))
	}
	return &returns.Problem{Severity: returns.Fatal, File: c.t.File, Line: c.raw[0], Column: c.cols[c.rawColumn],
		Field: c.t.Schema.Columns[c.rawColumn].Name,
		Message: fmt.Sprintf("holds what looks like a child's UPN or NHS number, not a pseudonym, on %d lines (%s); nothing of the file is used. "+
			"Pseudonymise it first, with the council's key: village pseudonymise --key FILE --columns %s:upn (or :nhs_number, :la_child_id) IN.csv > OUT.csv",
			len(c.raw), strings.Join(lines, ", "), c.t.Schema.Columns[c.rawColumn].Name),
		Expected: pseudonymExpected}
}

// code checks a value against its column's list; blank is allowed unless
// required.
func (c *checker) code(row returns.Row, column string, required bool) string {
	v, i := c.value(row, column)
	if v == "" {
		if required {
			c.add(row, i, false, "no value given", "one of "+codesText(column))
		}
		return v
	}
	if _, ok := Meaning(column, v); !ok {
		c.add(row, i, true, "not in the code list", "one of "+codesText(column))
	}
	return v
}

// date reads a date column, reporting it missing when required; the
// shared reader has reported any in the wrong form.
func (c *checker) date(row returns.Row, column string, required bool) (calendar.Date, bool) {
	v, i := c.value(row, column)
	if v == "" {
		if required {
			c.add(row, i, false, "no date given", "a date written "+calendar.DateLayout)
		}
		return 0, false
	}
	return calendar.ParseDate(v)
}

func (c *checker) episode(row returns.Row) {
	start, okStart := c.date(row, "StartDate", true)
	end, okEnd := c.date(row, "EndDate", false)
	if okStart && okEnd && end < start {
		_, i := c.value(row, "EndDate")
		c.add(row, i, true, "is before the episode's StartDate", "a date on or after the start")
	}
	c.code(row, "Reason", true)
	outcome, i := c.value(row, "Outcome")
	endText, _ := c.value(row, "EndDate")
	switch {
	case endText != "" && outcome == "":
		c.add(row, i, false, "the episode has ended but no outcome is given", "one of "+codesText("Outcome"))
	case endText == "" && outcome != "":
		c.add(row, i, true, "an outcome is given but the episode has no EndDate", "no outcome while the episode is open")
	default:
		c.code(row, "Outcome", false)
	}
}

func (c *checker) session(row returns.Row) {
	c.code(row, "Programme", true)
	c.date(row, "SessionDate", true)
	if y, i := c.value(row, "ProgrammeYear"); len(y) != 4 || y < "2021" || y > "2100" {
		c.add(row, i, true, "", "the calendar year the programme ran in, such as 2025 (HAF began in 2021)")
	}
	if v, i := c.value(row, "Provider"); strings.TrimSpace(v) == "" {
		c.add(row, i, false, "no provider given", "the provider's name")
	}
	c.code(row, "FSM", true)
	c.code(row, "SEND", true)
	c.code(row, "YearGroup", true)
}
