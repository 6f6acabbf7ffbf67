package placements

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
)

// CarerType is the kind of fostering a carer is approved for.
type CarerType int

const (
	Mainstream     CarerType = iota // foster carers for any looked-after child
	Connected                       // kinship or connected persons carers, approved for a child they know
	ShortBreak                      // short breaks only
	ParentAndChild                  // a parent and their baby or child together
	carerTypes
)

// carerTypeKeys are the types as the carers file writes them.
var carerTypeKeys = [carerTypes]string{"mainstream", "kinship", "short_break", "parent_and_child"}

// carerTypeLabels name the types in tables.
var carerTypeLabels = [carerTypes]string{"Mainstream", "Kinship or connected", "Short breaks", "Parent and child"}

// String returns the type as the carers file writes it.
func (t CarerType) String() string { return carerTypeKeys[t] }

// Label names the type in tables.
func (t CarerType) Label() string { return carerTypeLabels[t] }

// Carer is one household of the authority's own foster carers, as the
// carers file gives it.
type Carer struct {
	Ref            string        // the carer's pseudonymous reference, never a name
	Approved       calendar.Date // the day the carer was approved
	Places         int           // approved places: children at once
	AgeFrom, AgeTo int           // the ages approved for, inclusive
	Type           CarerType
	District       string // postcode district (outward code), such as "AB1"
	Line           int    // the line of the file it was read from
}

// CarerColumns are the carers file's columns, in the order Village
// writes them; a file may give them in any order, and further columns are
// ignored.
var CarerColumns = []string{"carer", "approved", "places", "age_from", "age_to", "type", "district"}

// maxPlaces is the most children a fostering household is approved for:
// the usual fostering limit is three, exceeded only under exemption, and
// ten leaves room for sibling groups and parent and child placements.
const maxPlaces = 10

// ReadCarers reads a carers file (CSV, a header line naming the
// CarerColumns, one line a household). Every mistake is given with the
// file's name, line and column, the value and what was expected; a file
// with any is refused whole.
func ReadCarers(name string, r io.Reader) ([]Carer, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty; expected a header line naming %s", name, strings.Join(CarerColumns, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	at, err := carerColumns(name, header)
	if err != nil {
		return nil, err
	}
	var carers []Carer
	var problems []error
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		c, errs := readCarer(name, line, row, at)
		problems = append(problems, errs...)
		carers = append(carers, c)
		if len(problems) >= 20 {
			problems = append(problems, fmt.Errorf("%s: stopped after 20 mistakes", name))
			break
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return carers, nil
}

// carerColumns finds each column of the header, or says which are missing.
func carerColumns(name string, header []string) (map[string]int, error) {
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range CarerColumns {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: no column %s; expected a header naming %s", name, strings.Join(missing, ", "), strings.Join(CarerColumns, ", "))
	}
	return at, nil
}

// readCarer reads one line, with every mistake in it.
func readCarer(name string, line int, row []string, at map[string]int) (Carer, []error) {
	c := Carer{Line: line}
	var errs []error
	field := func(col string) string {
		if i := at[col]; i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	fail := func(col, expected string) {
		errs = append(errs, fmt.Errorf("%s:%d:%d: %s %q: expected %s", name, line, at[col]+1, col, field(col), expected))
	}
	if c.Ref = field("carer"); c.Ref == "" {
		fail("carer", "the carer's reference")
	}
	var ok bool
	if c.Approved, ok = calendar.ParseDate(field("approved")); !ok {
		fail("approved", "the day of approval, DD/MM/YYYY")
	}
	number := func(col string, lo, hi int) int {
		n, err := strconv.Atoi(field(col))
		if err != nil || n < lo || n > hi {
			fail(col, fmt.Sprintf("a whole number from %d to %d", lo, hi))
		}
		return n
	}
	c.Places = number("places", 1, maxPlaces)
	c.AgeFrom, c.AgeTo = number("age_from", 0, 17), number("age_to", 0, 17)
	if c.AgeTo < c.AgeFrom && len(errs) == 0 {
		fail("age_to", fmt.Sprintf("an age no younger than age_from, %d", c.AgeFrom))
	}
	if c.Type, ok = carerTypeOf(field("type")); !ok {
		fail("type", strings.Join(carerTypeKeys[:], ", ")+" or kinship")
	}
	c.District = strings.ToUpper(field("district"))
	if !district(c.District) {
		fail("district", "a postcode district such as AB1 or SW1A")
	}
	return c, errs
}

// carerTypeOf reads a type; "connected" is kinship too.
func carerTypeOf(s string) (CarerType, bool) {
	s = strings.ToLower(s)
	if s == "connected" {
		return Connected, true
	}
	for t, key := range carerTypeKeys {
		if key == s {
			return CarerType(t), true
		}
	}
	return 0, false
}

// district reports whether s has the form of a postcode district: one or
// two letters, a digit, then an optional digit or letter.
func district(s string) bool {
	i := 0
	for i < len(s) && i < 2 && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(s) || s[i] < '0' || s[i] > '9' {
		return false
	}
	rest := s[i+1:]
	return rest == "" || len(rest) == 1 && (rest[0] >= '0' && rest[0] <= '9' || rest[0] >= 'A' && rest[0] <= 'Z')
}
