package ssda903

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/village-uk/village/calendar"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadCSV reads one table from a CSV file. The table is recognised by its
// set of column headers, in any order, with case and surrounding spaces
// ignored; its name plays no part. The text may be UTF-8 with or without a
// byte-order mark, UTF-16 with a mark, or Windows-1252 as Excel saves it.
//
// The returned problems hold warnings (unknown extra columns, blank rows)
// and invalid values (a date that is not DD/MM/YYYY); the rows still keep
// the submitted text. The error, when not nil, is a Problems list of
// fatal problems and the table is nil: nothing of the file is used.
func ReadCSV(file string, r io.Reader) (*Table, Problems, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: "cannot read: " + err.Error()}}
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: err.Error()}}
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // each row's values are copied out in schema order
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: "the file is empty", Expected: "a header row naming the columns"}}
	}
	if err != nil {
		return nil, nil, Problems{csvProblem(file, err)}
	}
	m, problems, err := matchHeader(file, header)
	if err != nil {
		return nil, nil, err
	}
	t := &Table{Schema: m.schema, File: file, Absent: m.absent}
	var arena stringArena
	var fatal Problems
	blank := 0
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fatal = append(fatal, csvProblem(file, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if isBlank(record) {
			blank++
			continue
		}
		if len(record) != len(header) {
			fatal = append(fatal, &Problem{Severity: Fatal, File: file, Line: line,
				Value: fmt.Sprint(len(record)), Message: "fields in this row",
				Expected: fmt.Sprintf("%d fields, one per column of the header", len(header))})
			if len(fatal) >= 100 {
				break
			}
			continue
		}
		values := arena.take(len(m.positions))
		for i, p := range m.positions {
			if p >= 0 {
				values[i] = record[p]
			}
		}
		t.Rows = append(t.Rows, Row{Line: line, Values: values})
		problems = append(problems, checkValues(file, line, m, values)...)
	}
	if len(fatal) > 0 {
		return nil, nil, fatal
	}
	if blank > 0 {
		problems = append(problems, &Problem{Severity: Warning, File: file,
			Message: plural(blank, "blank row") + " ignored"})
	}
	return t, problems, nil
}

// decodeText turns the file's bytes into UTF-8 text.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(unicode.BOMOverride(dec), data)
		if err != nil {
			return nil, fmt.Errorf("the file starts with a UTF-16 byte-order mark but is not valid UTF-16: %v", err)
		}
		return out, nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	// Not UTF-8: Excel on Windows saves CSV in Windows-1252, in which every
	// byte is a character, so this cannot fail.
	out, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), data)
	if err != nil {
		return nil, fmt.Errorf("the text is neither UTF-8 nor Windows-1252: %v", err)
	}
	return out, nil
}

func csvProblem(file string, err error) *Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Problem{Severity: Fatal, File: file, Line: pe.Line,
			Message:  fmt.Sprintf("malformed CSV at character %d of the line: %v", pe.Column, pe.Err),
			Expected: "fields separated by commas, with any quotes doubled inside a quoted field"}
	}
	return &Problem{Severity: Fatal, File: file, Message: "malformed CSV: " + err.Error()}
}

func isBlank(record []string) bool {
	for _, v := range record {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// headerMatch says which table a header row is and where its columns are.
type headerMatch struct {
	schema    *Schema
	positions []int // for each schema column, its index in the file's rows; -1 if absent
	fileCols  []int // for each schema column, its 1-based column in the file
	absent    []string
}

// identifying are the columns every table shares, which say nothing of
// which table a file is.
var identifying = map[string]bool{"CHILD": true, "DOB": true, "SEX": true}

// matchHeader recognises the table from its header row. A file matches a
// table when it has all of the table's columns; if several tables match,
// the one with the most columns wins (Header's columns include UASC's
// CHILD, SEX and DOB but not DUC, so the two never tie).
func matchHeader(file string, header []string) (*headerMatch, Problems, error) {
	at := map[string]int{}
	var problems Problems
	for i, h := range header {
		name := strings.ToUpper(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		if name == "" {
			continue
		}
		if j, dup := at[name]; dup {
			return nil, nil, Problems{{Severity: Fatal, File: file, Line: 1, Column: i + 1, Field: name,
				Message:  fmt.Sprintf("column heading appears twice (also column %d)", j+1),
				Expected: "each column once"}}
		}
		at[name] = i
	}
	var best *Schema
	for _, s := range Schemas {
		if hasAll(at, s) && (best == nil || len(s.Columns) > len(best.Columns)) {
			best = s
		}
	}
	if best == nil {
		return nil, nil, Problems{unmatched(file, at)}
	}
	m := &headerMatch{schema: best}
	known := map[int]bool{}
	for _, c := range best.Columns {
		i, ok := at[c.Name]
		if !ok {
			m.positions = append(m.positions, -1)
			m.fileCols = append(m.fileCols, 0)
			m.absent = append(m.absent, c.Name)
			continue
		}
		m.positions = append(m.positions, i)
		m.fileCols = append(m.fileCols, i+1)
		known[i] = true
	}
	for i, h := range header {
		if !known[i] {
			problems = append(problems, &Problem{Severity: Warning, File: file, Line: 1, Column: i + 1,
				Value: h, Message: "unknown column ignored",
				Expected: fmt.Sprintf("only the %s columns %s", best.Name, strings.Join(best.ColumnNames(), ", "))})
		}
	}
	return m, problems, nil
}

func hasAll(at map[string]int, s *Schema) bool {
	for _, c := range s.Columns {
		if _, ok := at[c.Name]; !ok && !c.Optional {
			return false
		}
	}
	return true
}

// unmatched explains a header that is no table: the nearest table and what
// it lacks, or, when nothing is near, the tables there are.
func unmatched(file string, at map[string]int) *Problem {
	var best *Schema
	bestScore := 0
	for _, s := range Schemas {
		score := 0
		for _, c := range s.Columns {
			if _, ok := at[c.Name]; ok && !identifying[c.Name] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	if best != nil {
		var missing []string
		for _, c := range best.Columns {
			if _, ok := at[c.Name]; !ok && !c.Optional {
				missing = append(missing, c.Name)
			}
		}
		return &Problem{Severity: Fatal, File: file, Line: 1,
			Message:  fmt.Sprintf("looks like the %s table but lacks the column(s) %s", best.Name, strings.Join(missing, ", ")),
			Expected: "the columns " + strings.Join(best.ColumnNames(), ", ")}
	}
	got := make([]string, 0, len(at))
	for name := range at {
		got = append(got, name)
	}
	sort.Strings(got)
	names := make([]string, len(Schemas))
	for i, s := range Schemas {
		names[i] = string(s.Name)
	}
	return &Problem{Severity: Fatal, File: file, Line: 1, Value: strings.Join(got, ","),
		Message:  "these column headings match no SSDA903 table; if " + baseName(file) + " is not part of the return, move it out of the folder",
		Expected: "the headings of one of " + strings.Join(names, ", ")}
}

// checkValues reports values that are not of the form their column needs.
// Code lists are not checked here: which codes are valid depends on the
// collection year, and judging that is the validation rules' work.
func checkValues(file string, line int, m *headerMatch, values []string) Problems {
	var out Problems
	for i, c := range m.schema.Columns {
		v := values[i]
		if v == "" {
			continue
		}
		if expected := formatError(c.Kind, v); expected != "" {
			out = append(out, &Problem{Severity: Invalid, File: file, Line: line, Column: m.fileCols[i],
				Field: c.Name, Value: v, Expected: expected})
		}
	}
	return out
}

// formatError returns what was expected when v is not of the form kind
// needs, or "" when it is.
func formatError(kind Kind, v string) string {
	switch kind {
	case DateValue:
		if _, ok := calendar.ParseDate(v); !ok {
			return "a date written " + calendar.DateLayout
		}
	case PartialDay:
		if _, ok := calendar.ParsePartialDate(v); !ok {
			return "a date written " + calendar.PartialDateLayout
		}
	case Number:
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return "a whole number"
			}
		}
	}
	return ""
}

// plural formats a count with a noun, adding "s" unless the count is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// stringArena hands out the value slices of a table's rows from larger
// blocks, so that a table of a hundred thousand rows is a few hundred
// allocations rather than a hundred thousand.
type stringArena struct {
	block []string
}

// take returns a zeroed slice of n strings.
func (a *stringArena) take(n int) []string {
	if len(a.block) < n {
		a.block = make([]string, max(n, 4096))
	}
	out := a.block[:n:n]
	a.block = a.block[n:]
	return out
}

// baseName is a file's name without its folders, on any system: the
// reader takes names, not files, so it does not use path/filepath.
func baseName(file string) string {
	return file[strings.LastIndexAny(file, `/\`)+1:]
}
