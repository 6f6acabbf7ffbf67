package rules

import (
	"os"
	"sort"
	"testing"
	"time"

	"github.com/village-uk/village/returns/ssda903/folder"
)

func TestZZRuleTimes(t *testing.T) {
	dir := os.Getenv("ZZ_NAT")
	if dir == "" {
		t.Skip()
	}
	ret, err := folder.Read(dir+"/2025-26", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	last, err := folder.Read(dir+"/2024-25", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	ret.Last = last
	t0 := time.Now()
	in := NewInput(ret, nil, nil)
	t.Logf("input %v", time.Since(t0))
	type rt struct {
		code string
		d    time.Duration
	}
	var out []rt
	var total time.Duration
	for _, r := range set.For(ret.Year) {
		info := set.Info(r)
		s := time.Now()
		Run(in, []*Rule{r})
		d := time.Since(s)
		total += d
		out = append(out, rt{info.Code, d})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].d > out[j].d })
	t.Logf("rules %d total %v", len(out), total)
	for _, r := range out[:40] {
		t.Logf("%s %v", r.code, r.d)
	}
}
