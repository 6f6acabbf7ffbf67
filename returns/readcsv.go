package returns

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadCSV reads one of the collection's tables from a CSV file, of at
// most MaxFileSize bytes. The table is recognised by its
// set of column headers, in any order, with case and surrounding spaces
// ignored; its name plays no part. The text may be UTF-8 with or without a
// byte-order mark, UTF-16 with a mark, or Windows-1252 as Excel saves it.
//
// The returned problems hold warnings (unknown extra columns, blank rows)
// and invalid values (a date that is not DD/MM/YYYY); the rows still keep
// the submitted text. The error, when not nil, is a Problems list of
// fatal problems and the table is nil: nothing of the file is used.
func (c *Collection) ReadCSV(file string, r io.Reader) (*Table, Problems, error) {
	return c.ReadCSVKeeping(file, r, nil)
}

// ReadCSVKeeping is ReadCSV reading the rows only of a table keep accepts,
// or of any table when keep is nil. Another table is recognised by its
// header and returned without rows: its values are neither read nor
// checked. Validation reads last year's return this way, since its rules
// read only some of last year's tables: leaving the others' rows unread
// took a national validation's peak memory from 420 to 385 MB.
func (c *Collection) ReadCSVKeeping(file string, r io.Reader, keep func(TableName) bool) (*Table, Problems, error) {
	data, err := ReadAll(r)
	if err != nil {
		return nil, nil, Problems{readProblem(file, err)}
	}
	text, err := decodeText(data)
	if err == errNoByteOrderMark {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: err.Error(),
			Expected: "UTF-8 text (Excel saves it as CSV UTF-8), or UTF-16 starting with a byte-order mark"}}
	}
	if err != nil {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: err.Error()}}
	}
	cr := newRecordReader(text)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, Problems{{Severity: Fatal, File: file, Message: "the file is empty", Expected: "a header row naming the columns"}}
	}
	if err != nil {
		return nil, nil, Problems{csvProblem(file, err, cr.InputOffset() == int64(len(text)))}
	}
	m, problems, err := c.matchHeader(file, header)
	if err != nil {
		return nil, nil, err
	}
	if keep != nil && !keep(m.schema.Name) {
		return &Table{Schema: m.schema, File: file, Absent: m.absent}, problems, nil
	}
	// Each line is a row at most (a quoted value may hold a line break):
	// sizing the rows and their values from the count once spares growing
	// them, which for a national table is most of reading it.
	lines := bytes.Count(text, []byte{'\n'}) + 1
	t := &Table{Schema: m.schema, File: file, Absent: m.absent, Rows: make([]Row, 0, lines)}
	arena := ValueArena{block: make([]string, lines*len(m.positions))}
	var fatal Problems
	blank := 0
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fatal = append(fatal, csvProblem(file, err, cr.InputOffset() == int64(len(text))))
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
		values := arena.Take(len(m.positions))
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

// newRecordReader reads the records of text: with encoding/csv when it
// holds a quote, and without when it does not, which is faster and reads
// the same records.
func newRecordReader(text []byte) recordReader {
	if bytes.IndexByte(text, '"') < 0 {
		return newPlainCSV(text)
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // each row's values are copied out in schema order
	return cr
}

// decodeText turns the file's bytes into UTF-8 text.
func decodeText(data []byte) ([]byte, error) {
	if looksLikeUTF16(data) {
		return nil, errNoByteOrderMark
	}
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

// csvProblem is the fatal problem for malformed CSV; atEnd says whether
// the reader had reached the end of the text when it failed.
func csvProblem(file string, err error, atEnd bool) *Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && atEnd && pe.StartLine < pe.Line {
		// A quote left open swallows the rest of the file: say where
		// the row holding it begins, not where the file ends.
		return &Problem{Severity: Fatal, File: file, Line: pe.StartLine,
			Message:  fmt.Sprintf("malformed CSV: a quoted field in the row that begins on this line is never closed, so the rest of the file, to line %d, would be inside it", pe.Line),
			Expected: "a closing quote at the end of each quoted field, with any quotes inside it doubled"}
	}
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

// sharedColumns returns the columns that more than one of the
// collection's tables has (the 903's CHILD, DOB and SEX), which say nothing
// of which table a file is.
func (c *Collection) sharedColumns() map[string]bool {
	seen := map[string]int{}
	for _, s := range c.Schemas {
		for _, col := range s.Columns {
			seen[col.Name]++
		}
	}
	shared := map[string]bool{}
	for name, n := range seen {
		if n > 1 {
			shared[name] = true
		}
	}
	return shared
}

// matchHeader recognises the table from its header row. A file matches a
// table when it has all of the table's columns; if several tables match,
// the one with the most columns wins (Header's columns include UASC's
// CHILD, SEX and DOB but not DUC, so the two never tie).
func (c *Collection) matchHeader(file string, header []string) (*headerMatch, Problems, error) {
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
	for _, s := range c.Schemas {
		if hasAll(at, s) && (best == nil || len(s.Columns) > len(best.Columns)) {
			best = s
		}
	}
	if best == nil {
		return nil, nil, Problems{c.unmatched(file, at)}
	}
	m := &headerMatch{schema: best}
	known := map[int]bool{}
	for _, c := range best.Columns {
		i, ok := at[strings.ToUpper(c.Name)]
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

// hasAll reports whether the header, its names upper-cased in at, has
// every column of s but the optional ones. The CIN census's column names
// are mixed case, so they are upper-cased too.
func hasAll(at map[string]int, s *Schema) bool {
	for _, c := range s.Columns {
		if _, ok := at[strings.ToUpper(c.Name)]; !ok && !c.Optional {
			return false
		}
	}
	return true
}

// unmatched explains a header that is no table: the nearest table and what
// it lacks, or, when nothing is near, the tables there are.
func (c *Collection) unmatched(file string, at map[string]int) *Problem {
	identifying := c.sharedColumns()
	var best *Schema
	bestScore := 0
	for _, s := range c.Schemas {
		score := 0
		for _, col := range s.Columns {
			if _, ok := at[strings.ToUpper(col.Name)]; ok && !identifying[col.Name] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	if best != nil {
		var missing []string
		for _, col := range best.Columns {
			if _, ok := at[strings.ToUpper(col.Name)]; !ok && !col.Optional {
				missing = append(missing, col.Name)
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
	return &Problem{Severity: Fatal, File: file, Line: 1, Value: strings.Join(got, ","),
		Message:  "these column headings match no " + c.Name + " table; if " + baseName(file) + " is not part of the return, move it out of the folder",
		Expected: "the headings of one of " + tableNames(c.Schemas)}
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
		if expected := c.Kind.Check(v); expected != "" {
			out = append(out, &Problem{Severity: Invalid, File: file, Line: line, Column: m.fileCols[i],
				Field: c.Name, Value: v, Expected: expected})
		}
	}
	return out
}

// plural formats a count with a noun, adding "s" unless the count is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ValueArena hands out the value slices of a table's rows from larger
// blocks, so that a table of a hundred thousand rows is a few hundred
// allocations rather than a hundred thousand. The zero value is ready.
type ValueArena struct {
	block []string
}

// Take returns a zeroed slice of n strings.
func (a *ValueArena) Take(n int) []string {
	if len(a.block) < n {
		a.block = make([]string, max(n, 4096))
	}
	out := a.block[:n:n]
	a.block = a.block[n:]
	return out
}

// MaxFileSize is the most bytes a reader reads of one file: ten times
// a national return's largest file, and under the 2 GB the XML scanner's
// offsets allow.
const MaxFileSize = 1 << 30

// errTooLarge is the error ReadAll returns for a file over MaxFileSize.
var errTooLarge = errors.New("the file is larger than 1 GB")

// WholeReader is a reader that holds all its bytes already and hands them
// to ReadAll to use in place, unread and uncopied: returns/folder's, which
// has read a file whole and uses the bytes for nothing else. The readers
// never change the bytes they read, and whoever hands them over must not
// change them afterwards either: the values of a table read from CSV are
// cut from them in place. Copying a national census of 500 MB would double
// what reading it holds.
type WholeReader interface {
	io.Reader
	WholeBytes() []byte
}

// ReadAll reads r whole, up to MaxFileSize bytes, sizing the buffer from
// the reader when it can tell its length, or taking a WholeReader's bytes
// as they are.
func ReadAll(r io.Reader) ([]byte, error) {
	if w, ok := r.(WholeReader); ok {
		data := w.WholeBytes()
		if len(data) > MaxFileSize {
			return nil, errTooLarge
		}
		return data, nil
	}
	size := 0
	if v, ok := r.(interface{ Len() int }); ok {
		size = v.Len()
	}
	if size > MaxFileSize {
		return nil, errTooLarge
	}
	var b bytes.Buffer
	if size > 0 {
		b.Grow(size + bytes.MinRead)
	}
	n, err := b.ReadFrom(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if n > MaxFileSize {
		return nil, errTooLarge
	}
	return b.Bytes(), nil
}

// readProblem is the fatal problem for a file that could not be read.
func readProblem(file string, err error) *Problem {
	if err == errTooLarge {
		return &Problem{Severity: Fatal, File: file, Message: err.Error(),
			Expected: "a file of at most 1 GB"}
	}
	return &Problem{Severity: Fatal, File: file, Message: "cannot read: " + err.Error()}
}

// errNoByteOrderMark is the error for text that looks like UTF-16 but
// does not say so.
var errNoByteOrderMark = errors.New("the text looks like UTF-16 (a zero byte beside each letter) but does not start with a byte-order mark")

// looksLikeUTF16 reports whether data without a byte-order mark looks like
// UTF-16 text: in its first pairs of bytes, one byte of nearly every pair
// is zero and the other is not. Text in UTF-8 or Windows-1252 has no zero
// bytes.
func looksLikeUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return false
	}
	pairs, halfZero := 0, 0
	for i := 0; i+1 < len(data) && pairs < 64; i += 2 {
		pairs++
		if (data[i] == 0) != (data[i+1] == 0) {
			halfZero++
		}
	}
	return pairs >= 2 && halfZero*10 >= pairs*9
}

// baseName is a file's name without its folders, on any system: the
// reader takes names, not files, so it does not use path/filepath.
func baseName(file string) string {
	return file[strings.LastIndexAny(file, `/\`)+1:]
}
