package returns

import (
	"encoding/csv"
	"io"
	"strings"
	"unsafe"
)

// recordReader reads a CSV file's records: encoding/csv's Reader, or
// plainCSV for text without quotes.
type recordReader interface {
	Read() ([]string, error)
	FieldPos(field int) (line, column int)
	InputOffset() int64
}

var _ recordReader = (*csv.Reader)(nil)

// plainCSV reads CSV text that holds no double quote, as encoding/csv
// reads it (its records, their lines, the empty lines it skips and the
// carriage returns it drops), from one string: each value is a substring
// of it, with no allocation per record and no copying of values. Without
// quotes a record is one line split at its commas and cannot be
// malformed; a national return's files are read this way in about half
// the time.
type plainCSV struct {
	text    string
	at      int // the offset of the next line
	line    int // the lines read so far
	recLine int // the line of the last record
	record  []string
}

// newPlainCSV reads text, which must hold no '"' and must not change
// afterwards: the values are cut from it in place, not from a copy. Every
// caller's text is the reader's own or a WholeReader's, handed over (see
// ReadCSV); copying a national return's files cost a fifth of reading them
// and as much memory again as their text while they were read.
func newPlainCSV(text []byte) *plainCSV {
	return &plainCSV{text: unsafe.String(unsafe.SliceData(text), len(text))}
}

// Read returns the next record, reusing the slice of the last, or io.EOF.
func (p *plainCSV) Read() ([]string, error) {
	for p.at < len(p.text) {
		content := p.text[p.at:]
		if end := strings.IndexByte(content, '\n'); end >= 0 {
			content = content[:end]
			p.at += end + 1
		} else {
			p.at = len(p.text)
		}
		p.line++
		// A line's \r\n ends it as \n does, and so does a last line's \r.
		content = strings.TrimSuffix(content, "\r")
		if content == "" {
			continue // encoding/csv skips empty lines
		}
		p.recLine = p.line
		p.record = p.record[:0]
		for {
			i := strings.IndexByte(content, ',')
			if i < 0 {
				p.record = append(p.record, content)
				break
			}
			p.record = append(p.record, content[:i])
			content = content[i+1:]
		}
		return p.record, nil
	}
	return nil, io.EOF
}

// FieldPos returns the line of the last record; the column is not kept.
func (p *plainCSV) FieldPos(int) (line, column int) { return p.recLine, 0 }

// InputOffset returns how many bytes of the text have been read.
func (p *plainCSV) InputOffset() int64 { return int64(p.at) }
