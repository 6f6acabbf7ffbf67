package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/benchmark"
)

// nationalDir writes a small folder of published tables: England, the
// North East, the area (999) and three neighbours, one suppressed.
func nationalDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	head := "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,children_percent\n"
	rows := ""
	for _, a := range []struct{ level, region, old, name, code, total, three, pct string }{
		{"National", "", "", "", "", "81770", "8500", "10"},
		{"Regional", "E12000001", "", "", "", "6040", "630", "10"},
		{"Local authority", "E12000001", "999", "Villageshire", "E06000999", "2", "0", "0"},
		{"Local authority", "E12000001", "101", "A", "E06800001", "300", "30", "10"},
		{"Local authority", "E12000001", "102", "B", "E06800002", "200", "c", "c"},
		{"Local authority", "E12000001", "103", "C", "E06800003", "400", "60", "15"},
	} {
		regionName := ""
		if a.region != "" {
			regionName = "North East"
		}
		geo := "2026,Reporting year," + a.level + ",E92000001,England," + a.region + "," + regionName + "," + a.old + "," + a.name + "," + a.code
		rows += geo + ",CLA on 31 March,Total children," + a.total + ",100\n"
		rows += geo + ",CLA on 31 March,With 3 or more placements during the year," + a.three + "," + a.pct + "\n"
	}
	sn := "old_la_code,la_name,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n999,Villageshire,101,102,103,104,105,106,107,108,109,110\n"
	for name, text := range map[string]string{"stability.csv": head + rows, "sn.csv": sn, "releases.csv": "file,release\nstability.csv,test release\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBenchmarkCommand(t *testing.T) {
	db := frontDoorStore(t)
	dir := nationalDir(t)
	code, out, errOut := run(t, "benchmark", "--db", db, "--national", dir, "--indicator", "placements_3plus", "--format", "json")
	if code != exitOK {
		t.Fatalf("benchmark: exit %d\n%s%s", code, out, errOut)
	}
	var got struct {
		Authority  string           `json:"authority"`
		Indicators []benchmark.View `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Authority != "E06000999" || len(got.Indicators) != 1 {
		t.Fatalf("benchmark JSON: %s", out)
	}
	v := got.Indicators[0]
	// Both children at 31 March 2026 had one placement: 0 of 2.
	if v.Value == nil || *v.Value != 0 || v.Denominator == nil || *v.Denominator != 2 || v.Year != "2025/26" {
		t.Errorf("value %v of %v in %s", v.Value, v.Denominator, v.Year)
	}
	// The neighbours with a value are 101 (10) and 103 (15); 102 is c and
	// the other seven are not in the tables.
	if *v.England != 10 || *v.Region != 10 || *v.NeighboursMean != 12.5 || v.NeighboursLeftOut != 8 || v.NeighboursCount != 2 {
		t.Errorf("England %v region %v neighbours %v (%d, %d left out)", *v.England, *v.Region, *v.NeighboursMean, v.NeighboursCount, v.NeighboursLeftOut)
	}
	// 0 is below 10 and 15: rank 3 of 3, in the bottom quarter.
	if *v.Rank != 3 || *v.Of != 3 || *v.Quartile != 4 || v.Funnel == nil || v.Source.Release != "test release" || v.Source.File != "stability.csv" {
		t.Errorf("rank %v of %v quartile %v funnel %v source %+v", *v.Rank, *v.Of, *v.Quartile, v.Funnel, v.Source)
	}

	// Publishable: 0 of 2 reveals 2 children, so the value, its
	// denominator, rank and funnel go.
	code, out, _ = run(t, "benchmark", "--db", db, "--national", dir, "--format", "json", "--publishable")
	if code != exitOK || !strings.Contains(out, `"value_text": "c"`) || strings.Contains(out, `"denominator": 2`) || strings.Contains(out, `"lower95"`) {
		t.Errorf("benchmark --publishable: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "benchmark", "--db", db, "--national", dir)
	if code != exitOK || !strings.Contains(out, "placements_3plus") || !strings.Contains(out, "Source: test release") {
		t.Errorf("benchmark table: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "benchmark", "--db", db, "--national", dir, "--format", "csv")
	if code != exitOK || !strings.HasPrefix(out, "id,year,value,denominator,england") || !strings.Contains(out, "placements_3plus,2025/26,0.0,2,10,10,12.5") {
		t.Errorf("benchmark csv: exit %d\n%s", code, out)
	}
}

func TestBenchmarkRefuses(t *testing.T) {
	db := frontDoorStore(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"benchmark", "--db", db}, "--national is required"},
		{[]string{"benchmark", "--db", db, "--national", t.TempDir()}, "holds none of the DfE's tables"},
		{[]string{"benchmark", "--db", db, "--national", nationalDir(t), "--indicator", "ceased"}, `--indicator "ceased": no published counterpart`},
		{[]string{"benchmark", "--db", db, "--national", nationalDir(t), "--format", "xml"}, `--format "xml"`},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != exitUnusable || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %s; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
