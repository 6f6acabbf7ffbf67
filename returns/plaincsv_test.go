package returns

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"
)

// FuzzPlainCSV checks that plainCSV reads any text without quotes as
// encoding/csv does: the same records, on the same lines.
func FuzzPlainCSV(f *testing.F) {
	for _, seed := range []string{"", "\n", "a,b\n1,2\n", "a,b\r\n\r\n1,2\r\n", "a,b\n\n,\n1,2", "a\r", "a\r\r\nb\rc\n", " , \n\t,x\r",
		"\xef\xbb\xbfID,KIND\n1,A", "a,,b,\n,,\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.IndexByte(data, '"') >= 0 {
			return
		}
		want := csv.NewReader(bytes.NewReader(data))
		want.FieldsPerRecord = -1
		got := newPlainCSV(data)
		for {
			w, werr := want.Read()
			g, gerr := got.Read()
			if werr != nil {
				if werr != io.EOF || gerr != io.EOF {
					t.Fatalf("encoding/csv: %v; plainCSV: %v, %q", werr, gerr, g)
				}
				return
			}
			if gerr != nil || !slices.Equal(w, g) {
				t.Fatalf("encoding/csv read %q; plainCSV %q, %v", w, g, gerr)
			}
			wl, _ := want.FieldPos(0)
			if gl, _ := got.FieldPos(0); gl != wl {
				t.Fatalf("record %q: encoding/csv says line %d, plainCSV %d", w, wl, gl)
			}
		}
	})
}
