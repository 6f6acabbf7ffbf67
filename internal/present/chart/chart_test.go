package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sample() SPC {
	c := SPC{Title: "Children who started to be looked after", Unit: "children"}
	values := []float64{30, 28, 31, 29, 30, 32, 27, 29, 31, 30, 28, 60, 29, 30}
	for i, v := range values {
		c.Points = append(c.Points, Point{Label: fmt.Sprintf("2025-%02d", i%12+1), Value: v})
	}
	return c
}

// TestGolden draws a chart with one point outside its limits and compares
// it with the golden file; the output must be well-formed XML with a data
// table whose rows carry the values and the signal.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := sample().Write(&buf); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "spc.golden.html", buf.Bytes())
	out := buf.String()
	for _, want := range []string{`<th scope="row">2025-12</th><td>60.0</td><td>outside the process limits (above)</td>`,
		`role="img"`, `<caption>`, "1 special-cause signal."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// checkGolden compares a chart's output with the golden file of that name
// in testdata, rewriting the file first with -update, and checks that the
// output is well-formed XML.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test -update and review the diff", golden)
	}
	wellFormed(t, got)
}

// wellFormed checks that a chart's output is well-formed XML.
func wellFormed(t *testing.T, out []byte) {
	t.Helper()
	if err := xml.Unmarshal(out, new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
}

func TestEscapesText(t *testing.T) {
	c := SPC{Title: `<script>alert(1)</script>`, Unit: "%", Points: []Point{{Label: "a&b", Value: 1}}}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") || !strings.Contains(buf.String(), "a&amp;b") {
		t.Errorf("text not escaped:\n%s", buf.String())
	}
}
