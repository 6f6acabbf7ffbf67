package returns

import (
	"bytes"
	"testing"
)

type wholeBytes struct {
	*bytes.Reader
	data []byte
}

func (w wholeBytes) WholeBytes() []byte { return w.data }

// TestReadAllTakesWholeBytes checks that a WholeReader's bytes are used
// in place, not copied.
func TestReadAllTakesWholeBytes(t *testing.T) {
	data := []byte("CHILD\n1\n")
	got, err := ReadAll(wholeBytes{bytes.NewReader(data), data})
	if err != nil || len(got) != len(data) || &got[0] != &data[0] {
		t.Errorf("ReadAll(WholeReader) = %q, %v; want the same bytes, uncopied", got, err)
	}
	got, err = ReadAll(bytes.NewReader(data))
	if err != nil || string(got) != string(data) || &got[0] == &data[0] {
		t.Errorf("ReadAll(bytes.Reader) = %q, %v; want a copy", got, err)
	}
}
