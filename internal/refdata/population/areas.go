package population

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// AreaColumn is the column of the ONS mid-year estimates that gives each
// row's area (its GSS code).
const AreaColumn = "ladcode"

// ByArea splits data, the estimates of several areas in the long layout
// Read reads, into each of codes' own file: the header, and the area's
// rows at their own lines (the other areas' lines left blank, which CSV
// skips), so that an error reading one names the line of the file as it
// is. An area with no rows has no file. name is used in errors.
func ByArea(name string, data []byte, codes []string) (map[string][]byte, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	area := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")), AreaColumn) {
			area = i
		}
	}
	if area < 0 {
		return nil, fmt.Errorf("%s:1: expected a %s column giving each row's area, as the ONS mid-year estimates have, for a population of several authorities", name, AreaColumn)
	}
	files := map[string]*areaFile{}
	for _, c := range codes {
		files[c] = newAreaFile(header)
	}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if area >= len(record) {
			return nil, fmt.Errorf("%s:%d: %d columns, expected at least %d (%s)", name, line, len(record), area+1, AreaColumn)
		}
		if f := files[strings.TrimSpace(record[area])]; f != nil {
			f.add(line, record)
		}
	}
	out := map[string][]byte{}
	for code, f := range files {
		if f.rows > 0 {
			out[code] = f.buf.Bytes()
		}
	}
	return out, nil
}

// areaFile is one area's rows, written as a CSV file whose lines are the
// lines of the file they came from.
type areaFile struct {
	buf  bytes.Buffer
	w    *csv.Writer
	line int // the lines written
	rows int
}

func newAreaFile(header []string) *areaFile {
	f := &areaFile{}
	f.w = csv.NewWriter(&f.buf)
	f.w.Write(header)
	f.w.Flush()
	f.line = 1
	return f
}

// add writes the record at the line it was read from.
func (f *areaFile) add(line int, record []string) {
	for ; f.line < line-1; f.line++ {
		f.buf.WriteByte('\n')
	}
	f.w.Write(record)
	f.w.Flush()
	f.line, f.rows = line, f.rows+1
}
