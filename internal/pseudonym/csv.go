package pseudonym

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/returns"
)

// Column names a column of a CSV file to pseudonymise and the kind of
// identifier it holds.
type Column struct {
	Name string
	Kind Kind
}

// ParseColumns reads --columns: names separated by commas, each with
// ":kind" after it unless InferKind can tell its kind from the name.
func ParseColumns(spec string) ([]Column, error) {
	var out []Column
	for _, part := range strings.Split(spec, ",") {
		name, kindName, hasKind := strings.Cut(strings.TrimSpace(part), ":")
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("--columns %q: a column with no name; expected COLUMN[:KIND],... with KIND %s", spec, Kinds())
		}
		var k Kind
		var ok bool
		if hasKind {
			k, ok = ParseKind(kindName)
			if !ok {
				return nil, fmt.Errorf("--columns: column %s: kind %q; expected %s", name, kindName, Kinds())
			}
		} else if k, ok = InferKind(name); !ok {
			return nil, fmt.Errorf("--columns: column %s: the kind of identifier it holds cannot be told from its name; write %s:KIND with KIND %s", name, name, Kinds())
		}
		out = append(out, Column{Name: name, Kind: k})
	}
	return out, nil
}

// Summary is what pseudonymising a file did.
type Summary struct {
	Rows      int              // data rows written
	Done      int              // identifiers replaced by their pseudonyms
	Blank     int              // blank identifiers, left blank
	Invalid   int              // identifiers not of their kind's form, left blank
	Problems  returns.Problems // the first MaxProblems invalid identifiers, located
	Truncated bool             // more invalid identifiers were found than Problems holds
}

// MaxProblems is how many invalid identifiers a Summary locates.
const MaxProblems = 100

// CSV copies a CSV file from in to out, each of columns' values replaced
// by its pseudonym under key and every other column as it was. It reads
// and writes a row at a time, so files of any size pass through. An
// identifier not of its kind's form is left blank and located in the
// summary's problems by file, line and column, without its value. The
// error is for a file that cannot be read as CSV or lacks a column.
func (key Key) CSV(file string, in io.Reader, out io.Writer, columns []Column) (*Summary, error) {
	cr := csv.NewReader(skipBOM(in))
	cr.FieldsPerRecord = -1
	w := csv.NewWriter(out)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &returns.Problem{Severity: returns.Fatal, File: file, Message: "the file is empty", Expected: "a header row naming the columns"}
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	at, err := positions(file, header, columns)
	if err != nil {
		return nil, err
	}
	if err := w.Write(header); err != nil {
		return nil, fmt.Errorf("pseudonym: writing the header: %w", err)
	}
	sum := &Summary{}
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		for i, c := range columns {
			p := at[i]
			if p >= len(record) {
				continue // a short row: csv.Writer writes it as it came
			}
			key.replace(file, line, p, c, record, sum)
		}
		if err := w.Write(record); err != nil {
			return nil, fmt.Errorf("pseudonym: writing line %d: %w", line, err)
		}
		sum.Rows++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("pseudonym: writing: %w", err)
	}
	return sum, nil
}

// replace puts the pseudonym of record[p], of kind c.Kind, in its place,
// or blanks it and notes why.
func (key Key) replace(file string, line, p int, c Column, record []string, sum *Summary) {
	if strings.TrimSpace(record[p]) == "" {
		record[p] = ""
		sum.Blank++
		return
	}
	ps, err := key.Of(c.Kind, record[p])
	record[p] = ps
	if err == nil {
		sum.Done++
		return
	}
	sum.Invalid++
	if len(sum.Problems) == MaxProblems {
		sum.Truncated = true
		return
	}
	var inv *InvalidError
	expected := err.Error()
	message := "not pseudonymised and left blank"
	if errors.As(err, &inv) {
		expected = inv.Expected
		message = "not a valid " + inv.Kind.name() + ": left blank"
	}
	sum.Problems = append(sum.Problems, &returns.Problem{Severity: returns.Invalid, File: file, Line: line,
		Column: p + 1, Field: c.Name, Message: message, Expected: expected})
}

// positions finds each column in the header, by name with case and
// surrounding spaces ignored.
func positions(file string, header []string, columns []Column) ([]int, error) {
	at := make([]int, len(columns))
	for i, c := range columns {
		at[i] = -1
		for j, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), c.Name) {
				at[i] = j
				break
			}
		}
		if at[i] < 0 {
			return nil, &returns.Problem{Severity: returns.Fatal, File: file, Line: 1, Field: c.Name,
				Message: "the header has no such column", Expected: "one of the header's columns: " + strings.Join(header, ", ")}
		}
	}
	return at, nil
}

// csvError locates malformed CSV.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &returns.Problem{Severity: returns.Fatal, File: file, Line: pe.Line, Column: pe.Column,
			Message: "malformed CSV: " + pe.Err.Error(), Expected: "comma-separated values, quoted fields closed and quotes inside them doubled"}
	}
	return fmt.Errorf("pseudonym: reading %s: %w", file, err)
}

// skipBOM drops a UTF-8 byte-order mark, as Excel writes one.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	return br
}
