package validate

import (
	"slices"
	"strings"
	"testing"
)

func TestCompareCodesOrdersAsTheDfEDoes(t *testing.T) {
	codes := []string{"SW01aSTG1", "INT01", "1000", "503A", "101", "503B", "SW01STG1", "3001", "SW02STG1", "102"}
	slices.SortFunc(codes, CompareCodes)
	want := "101 102 503A 503B 1000 3001 INT01 SW01STG1 SW01aSTG1 SW02STG1"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	for _, c := range []struct {
		a, b string
		want int
	}{{"101", "101", 0}, {"99", "101", -1}, {"INT01", "999", 1}, {"503a", "503A", 1}} {
		if got := CompareCodes(c.a, c.b); got != c.want {
			t.Errorf("CompareCodes(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
