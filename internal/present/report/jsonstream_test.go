package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/village-uk/village/validate"
)

// wholeJSON is the report as one value for encoding/json: the oracle the
// streaming writer must match byte for byte.
type wholeJSON struct {
	jsonHead
	Rows []wholeJSONRow `json:"rows"`
}

type wholeJSONRow struct {
	Rule        string            `json:"rule"`
	Origin      string            `json:"origin"`
	Message     string            `json:"message"`
	Table       string            `json:"table"`
	LastYear    bool              `json:"last_year,omitempty"`
	Year        string            `json:"year"`
	File        string            `json:"file,omitempty"`
	Line        int               `json:"line,omitempty"`
	Row         int               `json:"row"`
	Child       string            `json:"child"`
	Fields      map[string]string `json:"fields"`
	Explanation string            `json:"explanation"`
}

func encodeWhole(rep *validate.Report, la string) []byte {
	var buf bytes.Buffer
	s := rep.Summarise()
	out := wholeJSON{jsonHead: jsonHead{Year: rep.Year.String(), LA: la, Ran: len(rep.Ran), Errors: s.Failures, Children: s.Children,
		Skipped: []jsonSkip{}}, Rows: []wholeJSONRow{}}
	for _, t := range rep.Missing {
		out.Missing = append(out.Missing, string(t))
	}
	for _, sk := range rep.Skipped {
		out.Skipped = append(out.Skipped, jsonSkip{sk.Rule.Code, sk.Reason})
	}
	for _, f := range rep.Failures {
		fv := map[string]string{}
		for _, x := range f.Fields {
			fv[x.Name] = x.Value
		}
		out.Rows = append(out.Rows, wholeJSONRow{Rule: f.Rule.Code, Origin: f.Rule.Origin.String(), Message: f.Rule.Message,
			Table: string(f.Table), LastYear: f.Last, Year: failureYear(rep, f).String(), File: f.File, Line: f.Line, Row: f.Row,
			Child: f.Child, Fields: fv, Explanation: f.Explanation})
	}
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.Encode(out)
	return buf.Bytes()
}

// FuzzWriteJSON checks that the streaming writer writes what encoding/json
// writes for the whole report, whatever the text in it: the same escapes,
// the same order of fields, a repeated field's later value.
func FuzzWriteJSON(f *testing.F) {
	f.Add("SEX", "1", "DOB", "<&>", "explained \"so\"\n", "=1+2", "2025-26/header.csv", 4, false)
	f.Add("B", "\xff\u2028", "A", "\u2029\x00\x1f\x7f", "", "", "", 0, true)
	f.Add("X", "1", "X", "2", "\b\f\r\t\\", "ü", "a/b", -3, true)
	f.Fuzz(func(t *testing.T, name1, value1, name2, value2, why, child, file string, line int, last bool) {
		r := &validate.Info{Code: "101" + name1, Message: why + value2}
		rep := &validate.Report{Year: 2026, Ran: []*validate.Info{r},
			Skipped: []validate.Skip{{Rule: r, Reason: value1}},
			Failures: []validate.Failure{
				{Rule: r, Table: validate.Table(name2), Last: last, Row: line + 1, File: file, Line: line, Child: child,
					Fields: []validate.FieldValue{{Name: name1, Value: value1}, {Name: name2, Value: value2}}, Explanation: why},
				{Rule: r, Table: "Header", Row: 2, Child: child + "2", Explanation: why},
			}}
		var got bytes.Buffer
		if err := WriteJSON(&got, rep, child); err != nil {
			t.Fatal(err)
		}
		if want := encodeWhole(rep, child); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("streamed:\n%s\nencoding/json:\n%s", got.Bytes(), want)
		}
	})
}

// TestWriteJSONManyBlocks checks a report of several blocks of rows,
// encoded on several cores: written in order, as encoding/json writes the
// whole report, and a writer's error returned.
func TestWriteJSONManyBlocks(t *testing.T) {
	rules := []*validate.Info{{Code: "101", Message: "first"}, {Code: "102", Message: "second <&>"}}
	rep := &validate.Report{Year: 2026, Ran: rules}
	for i := range 3*rowsBlock + 7 {
		rep.Failures = append(rep.Failures, validate.Failure{Rule: rules[i*2/(3*rowsBlock+7)], Table: "Episodes", Row: i + 1,
			Last: i%5 == 0, Child: fmt.Sprint("C", i%97), Fields: []validate.FieldValue{{Name: "DECOM", Value: fmt.Sprint(i)}},
			Explanation: fmt.Sprintf("failure %d", i)})
	}
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs, " cores"), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var got bytes.Buffer
			if err := WriteJSON(&got, rep, "E06000999"); err != nil {
				t.Fatal(err)
			}
			want := encodeWhole(rep, "E06000999")
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("streamed %d bytes unlike encoding/json's %d", got.Len(), len(want))
			}
			w := &failingWriter{after: len(want) / 2}
			if err := WriteJSON(w, rep, "E06000999"); !errors.Is(err, errFull) {
				t.Errorf("a writer failing half way: %v", err)
			}
		})
	}
}

var errFull = errors.New("disk full")

// failingWriter takes some bytes, then fails.
type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, errFull
	}
	return len(p), nil
}
