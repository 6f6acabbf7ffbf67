package cin

import (
	"fmt"
	"strings"
	"testing"

	"github.com/village-uk/village/returns"
)

// TestReadXMLInParts checks that a census read in parts at once gives
// exactly the tables, problems and fatal error that reading it in one
// part gives, on clean and damaged censuses of a few megabytes (a part
// holds at least one), including one where every child is preceded by a
// comment holding "<Child>", so that every part but the first begins
// inside a comment and the first must read on to the end.
func TestReadXMLInParts(t *testing.T) {
	census := string(generateCensus(3000))
	child := "    <Child>\n"
	// every replaces each n'th child's occurrence of old, counting from the
	// first child, with new.
	every := func(n int, old, new string) string {
		parts := strings.Split(census, child)
		for i := 1; i < len(parts); i += n {
			parts[i] = strings.Replace(parts[i], old, new, 1)
		}
		return strings.Join(parts, child)
	}
	at := func(share float64, old, new string) string {
		from := int(float64(len(census)) * share)
		i := strings.Index(census[from:], old)
		return census[:from+i] + new + census[from+i+len(old):]
	}
	cases := []struct {
		name, census string
	}{
		{"clean", census},
		{"unknown elements", every(700, "<Sex>", "<Nickname>x</Nickname><Sex>")},
		{"bad dates", every(311, "<PersonBirthDate>2011-09-02", "<PersonBirthDate>02/09/2011")},
		{"no LAchildID", at(0.7, "<LAchildID>CH", "<FormerUPN>CH")},
		{"comments holding a record's tag", strings.ReplaceAll(census, child, "    <!-- <Child> -->\n"+child)},
		{"malformed late", at(0.8, "</Sex>", "</Sexx>")},
		{"malformed early", at(0.1, "</Sex>", "</Sexx>")},
		{"cut short", census[:len(census)-200]},
	}
	defer func(parts func() int) { xmlParts = parts }(xmlParts)
	// The clean census is read in three parts; the one with comments
	// starts three and uses the first alone.
	for _, c := range []struct {
		census            string
		started, wantUsed int
	}{{census, 3, 3}, {cases[4].census, 3, 1}} {
		started := 0
		used, _, err := returns.ScanXMLParts("parts.xml", strings.NewReader(c.census), xmlLayout, 3,
			func(int) func(*returns.XMLRecord) {
				started++
				return func(*returns.XMLRecord) {}
			})
		if err != nil || started != c.started || used != c.wantUsed {
			t.Fatalf("ScanXMLParts started %d parts and used %d (%v), want %d and %d", started, used, err, c.started, c.wantUsed)
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			one := readInParts(c.census, 1)
			for _, n := range []int{2, 3, 4} {
				if got := readInParts(c.census, n); got != one {
					t.Errorf("read in %d parts differs from one part:\n%s", n, firstDifference(got, one))
				}
			}
		})
	}
}

// readInParts reads census in up to n parts and dumps the result.
func readInParts(census string, n int) string {
	xmlParts = func() int { return n }
	tables, problems, err := ReadXML("parts.xml", strings.NewReader(census))
	if err != nil {
		return "error: " + err.Error()
	}
	return string(dump(tables, problems))
}

// firstDifference quotes the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}
