package returns

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"sync"

	"github.com/village-uk/village/calendar"
)

// CodeInfo is one code of a code list with the collection years in which it
// is valid. From and Until are inclusive; zero means unbounded.
type CodeInfo struct {
	Field   string
	Code    string
	From    calendar.Year
	Until   calendar.Year
	Meaning string
}

// ValidIn reports whether the code is valid in collection year y.
func (c CodeInfo) ValidIn(y calendar.Year) bool {
	return (c.From == 0 || y >= c.From) && (c.Until == 0 || y <= c.Until)
}

// CodeLists holds a return's code lists by field, read from the CSV a
// return embeds: a header row, then field,code,from,until,meaning with
// from and until collection years ("2025-26") or blank for unbounded. The
// text is parsed on first use.
type CodeLists struct {
	name    string // the embedded file, for messages
	csv     []byte
	once    sync.Once
	byField map[string][]CodeInfo
}

// NewCodeLists returns the code lists in text, which was read from the
// file called name. Malformed text makes the first lookup panic: an
// embedded file is part of the build, and a test that looks up any code
// finds the defect.
func NewCodeLists(name string, text []byte) *CodeLists {
	return &CodeLists{name: name, csv: text}
}

func (l *CodeLists) load() {
	byField, err := parseCodes(l.csv)
	if err != nil {
		panic(fmt.Sprintf("returns: embedded %s: %v", l.name, err))
	}
	l.byField = byField
}

// parseCodes reads code lists from CSV text.
func parseCodes(text []byte) (map[string][]CodeInfo, error) {
	records, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("no header row")
	}
	byField := map[string][]CodeInfo{}
	for i, r := range records[1:] {
		if len(r) != 5 {
			return nil, fmt.Errorf("line %d has %d fields, want field,code,from,until,meaning", i+2, len(r))
		}
		c := CodeInfo{Field: r[0], Code: r[1], Meaning: r[4]}
		for _, part := range []struct {
			text string
			year *calendar.Year
		}{{r[2], &c.From}, {r[3], &c.Until}} {
			if part.text == "" {
				continue
			}
			y, err := calendar.ParseYear(part.text)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+2, err)
			}
			*part.year = y
		}
		byField[c.Field] = append(byField[c.Field], c)
	}
	return byField, nil
}

// Codes returns the codes valid for field in collection year y, in the
// order the DfE lists them. It returns nil for a field with no code list.
func (l *CodeLists) Codes(field string, y calendar.Year) []string {
	l.once.Do(l.load)
	var out []string
	for _, c := range l.byField[field] {
		if c.ValidIn(y) {
			out = append(out, c.Code)
		}
	}
	return out
}

// Valid reports whether code is in field's code list for year y. The
// comparison is exact: "wbri" is not WBRI, because the DfE's portal does
// not accept it either.
func (l *CodeLists) Valid(field, code string, y calendar.Year) bool {
	l.once.Do(l.load)
	for _, c := range l.byField[field] {
		if c.Code == code && c.ValidIn(y) {
			return true
		}
	}
	return false
}

// Meaning returns what a code means, in any year it has been used.
func (l *CodeLists) Meaning(field, code string) (string, bool) {
	l.once.Do(l.load)
	for _, c := range l.byField[field] {
		if c.Code == code {
			return c.Meaning, true
		}
	}
	return "", false
}

// Fields lists the fields that have code lists, sorted.
func (l *CodeLists) Fields() []string {
	l.once.Do(l.load)
	fields := make([]string, 0, len(l.byField))
	for f := range l.byField {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	return fields
}
