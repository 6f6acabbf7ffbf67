package ssda903

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"sync"

	"github.com/village-uk/village/calendar"
)

//go:embed codes.csv
var codesCSV []byte

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

var (
	codesOnce sync.Once
	codeTable map[string][]CodeInfo // by field
)

func loadCodes() {
	codeTable = map[string][]CodeInfo{}
	records, err := csv.NewReader(bytes.NewReader(codesCSV)).ReadAll()
	if err != nil {
		panic(fmt.Sprintf("ssda903: embedded codes.csv: %v", err)) // a build defect, caught by tests
	}
	for i, r := range records[1:] {
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
				panic(fmt.Sprintf("ssda903: embedded codes.csv line %d: %v", i+2, err))
			}
			*part.year = y
		}
		codeTable[c.Field] = append(codeTable[c.Field], c)
	}
}

// Codes returns the codes valid for field in collection year y, in the
// order the DfE lists them. It returns nil for a field with no code list.
func Codes(field string, y calendar.Year) []string {
	codesOnce.Do(loadCodes)
	var out []string
	for _, c := range codeTable[field] {
		if c.ValidIn(y) {
			out = append(out, c.Code)
		}
	}
	return out
}

// ValidCode reports whether code is in field's code list for year y. The
// comparison is exact: "wbri" is not WBRI, because the DfE's portal does
// not accept it either.
func ValidCode(field, code string, y calendar.Year) bool {
	codesOnce.Do(loadCodes)
	for _, c := range codeTable[field] {
		if c.Code == code && c.ValidIn(y) {
			return true
		}
	}
	return false
}

// CodeMeaning returns what a code means, in any year it has been used.
func CodeMeaning(field, code string) (string, bool) {
	codesOnce.Do(loadCodes)
	for _, c := range codeTable[field] {
		if c.Code == code {
			return c.Meaning, true
		}
	}
	return "", false
}

// CodeFields lists the fields that have code lists, sorted.
func CodeFields() []string {
	codesOnce.Do(loadCodes)
	fields := make([]string, 0, len(codeTable))
	for f := range codeTable {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	return fields
}
