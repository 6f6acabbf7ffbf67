package report

import (
	"bufio"
	"encoding/json"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/village-uk/village/validate"
)

// jsonHead is the report's JSON document without its rows, which are
// written one at a time after it.
type jsonHead struct {
	Year     string     `json:"collection_year"`
	LA       string     `json:"la,omitempty"`
	Missing  []string   `json:"tables_missing,omitempty"` // required tables the return lacks: no rule ran
	Ran      int        `json:"rules_run"`
	Skipped  []jsonSkip `json:"rules_skipped"`
	Errors   int        `json:"failures"`
	Children int        `json:"children_affected"`
}

type jsonSkip struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// WriteJSON writes the report as one JSON document, indented by two
// spaces, its rows last. The rows are written one failure at a time, so a
// report of hundreds of thousands of failures is never held whole in
// memory; the bytes are those encoding/json's indenting encoder writes
// for the whole document.
func WriteJSON(w io.Writer, rep *validate.Report, la string) error {
	return writeJSON(w, rep, rep.Summarise(), la)
}

func writeJSON(w io.Writer, rep *validate.Report, s validate.Summary, la string) error {
	head := jsonHead{Year: rep.Year.String(), LA: la, Ran: len(rep.Ran), Errors: s.Failures, Children: s.Children,
		Skipped: make([]jsonSkip, 0, len(rep.Skipped))}
	for _, t := range rep.Missing {
		head.Missing = append(head.Missing, string(t))
	}
	for _, sk := range rep.Skipped {
		head.Skipped = append(head.Skipped, jsonSkip{sk.Rule.Code, sk.Reason})
	}
	b, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(b[:len(b)-len("\n}")])
	if len(rep.Failures) == 0 {
		bw.WriteString(",\n  \"rows\": []\n}\n")
		return bw.Flush()
	}
	bw.WriteString(",\n  \"rows\": [")
	if err := writeRows(bw, rep); err != nil {
		return err
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// rowsBlock is how many failures are encoded together: a block's bytes,
// about a megabyte, are written at once.
const rowsBlock = 2048

// writeRows writes the elements of the rows array. Blocks of failures are
// encoded on every core and written in order, each while the next are
// encoded: encoding a messy return's 200,000 failures on one core was a
// quarter of validating it. At most two blocks a core are held at once.
func writeRows(w io.Writer, rep *validate.Report) error {
	blocks := (len(rep.Failures) + rowsBlock - 1) / rowsBlock
	workers := min(runtime.GOMAXPROCS(0), blocks)
	encoded := make([]chan []byte, blocks)
	for i := range encoded {
		encoded[i] = make(chan []byte, 1)
	}
	// free holds the buffers a block may be encoded into. Each block is
	// given one, in order, before it is encoded: so encoding runs at most
	// a few blocks ahead of writing, and the block written next always
	// has its buffer.
	free := make(chan []byte, 2*workers)
	for range 2 * workers {
		free <- nil
	}
	type job struct {
		block int
		into  []byte
	}
	jobs := make(chan job)
	go func() {
		defer close(jobs)
		for i := range blocks {
			jobs <- job{i, <-free}
		}
	}()
	for range workers {
		go func() {
			e := newRowEncoder(rep)
			for j := range jobs {
				lo, hi := j.block*rowsBlock, min((j.block+1)*rowsBlock, len(rep.Failures))
				encoded[j.block] <- e.appendRows(j.into[:0], rep.Failures[lo:hi], lo == 0)
			}
		}()
	}
	var err error
	for i := range blocks {
		b := <-encoded[i]
		if err == nil {
			_, err = w.Write(b) // after an error, the blocks are still taken, so that the encoders finish
		}
		free <- b
	}
	return err
}

// rowEncoder encodes failures as elements of the rows array.
type rowEncoder struct {
	years  [2]string // this year's and last year's
	start  []byte    // the element's start for the rule of headOf
	headOf *validate.Info
	fields []validate.FieldValue
}

func newRowEncoder(rep *validate.Report) *rowEncoder {
	return &rowEncoder{years: [2]string{rep.Year.String(), (rep.Year - 1).String()}}
}

// appendRows appends the elements for fs to b, each after a comma unless
// it is the array's first.
func (e *rowEncoder) appendRows(b []byte, fs []validate.Failure, first bool) []byte {
	for i := range fs {
		f := &fs[i]
		if i > 0 || !first {
			b = append(b, ',')
		}
		if f.Rule != e.headOf {
			// A rule's failures come together: quote its members once.
			e.start, e.headOf = appendJSONRule(e.start[:0], f.Rule), f.Rule
		}
		e.fields = jsonFields(e.fields[:0], f.Fields)
		b = appendJSONFailure(append(b, e.start...), f, e.years[boolIndex(f.Last)], e.fields)
	}
	return b
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsonFields returns fs as a JSON object holds them: sorted by name, and
// where a name comes twice the later value, as a map of them would.
func jsonFields(dst, fs []validate.FieldValue) []validate.FieldValue {
	dst = append(dst, fs...)
	slices.SortStableFunc(dst, func(a, b validate.FieldValue) int { return strings.Compare(a.Name, b.Name) })
	out := dst[:0]
	for _, f := range dst {
		if n := len(out); n > 0 && out[n-1].Name == f.Name {
			out[n-1] = f
			continue
		}
		out = append(out, f)
	}
	return out
}

// in indents a member of an element of the rows array.
const in = "\n      "

// appendJSONRule appends the start of an element of the rows array: a
// newline, the object's brace and its rule's members.
func appendJSONRule(b []byte, r *validate.Info) []byte {
	b = append(b, "\n    {"...)
	b = appendMember(b, in, "rule", r.Code, false)
	b = appendMember(b, in, "origin", r.Origin.String(), true)
	return appendMember(b, in, "message", r.Message, true)
}

// appendJSONFailure appends the rest of an element of the rows array,
// after appendJSONRule's start: the failure's own members, indented for
// their depth in the document.
func appendJSONFailure(b []byte, f *validate.Failure, year string, fields []validate.FieldValue) []byte {
	b = appendMember(b, in, "table", string(f.Table), true)
	if f.Last {
		b = append(b, ","+in+`"last_year": true`...)
	}
	b = appendMember(b, in, "year", year, true)
	if f.File != "" {
		b = appendMember(b, in, "file", f.File, true)
	}
	if f.Line != 0 {
		b = append(b, ","+in+`"line": `...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
	}
	b = append(b, ","+in+`"row": `...)
	b = strconv.AppendInt(b, int64(f.Row), 10)
	b = appendMember(b, in, "child", f.Child, true)
	b = append(b, ","+in+`"fields": {`...)
	for i, fv := range fields {
		b = appendMember(b, in+"  ", fv.Name, fv.Value, i > 0)
	}
	if len(fields) > 0 {
		b = append(b, in...)
	}
	b = append(b, '}')
	b = appendMember(b, in, "explanation", f.Explanation, true)
	return append(b, "\n    }"...)
}

// appendMember appends `"name": "value"` on a new line with the indent
// given, after a comma unless it is the object's first member.
func appendMember(b []byte, indent, name, value string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, indent...)
	b = appendJSONString(b, name)
	b = append(b, ": "...)
	return appendJSONString(b, value)
}

const hexDigits = "0123456789abcdef"

// jsonSafe holds the ASCII characters appendJSONString copies as they
// are: one look-up a character, where six comparisons were a tenth of
// writing a messy return's report.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// appendJSONString appends s quoted as encoding/json quotes a string by
// default: the characters <, > and & escaped for HTML, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
