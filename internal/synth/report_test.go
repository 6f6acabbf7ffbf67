package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestReportWrite(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	var b bytes.Buffer
	if err := res.Report.Write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != len(res.Report.Measures)+2 {
		t.Fatalf("%d lines for %d measures:\n%s", len(lines), len(res.Report.Measures), b.String())
	}
	for i, m := range res.Report.Measures {
		line := lines[i+2]
		if !strings.HasPrefix(line, m.Name) || !strings.Contains(line, " ok ") && !strings.Contains(line, "OUT OF BAND") {
			t.Errorf("line %q for %s", line, m.Name)
		}
		if m.Source == "" || m.Unit == "" || m.Low > m.High {
			t.Errorf("measure %+v", m)
		}
	}
	out := Measure{Name: "x", Value: 5, Low: 1, High: 4, Unit: "%", Source: "s"}
	if out.InBand() || !(Measure{Value: 4, Low: 1, High: 4}).InBand() {
		t.Error("InBand is wrong at or beyond the edge")
	}
}

func TestPopulationCSV(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	var b bytes.Buffer
	if err := res.WritePopulationCSV(&b); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "ladcode,laname,country,sex,age,population_2020,population_2021,population_2022,population_2023,population_2024,population_2025"
	if got := strings.Join(records[0], ","); got != want {
		t.Errorf("header %s, want %s", got, want)
	}
	if len(records) != 1+2*18 {
		t.Errorf("%d rows, want one per sex and age", len(records)-1)
	}
	total := 0
	for _, r := range records[1:] {
		n, _ := strconv.Atoi(r[len(r)-1])
		total += n
		if r[0] != DefaultLA || r[1] != LAName || r[2] != "E" {
			t.Errorf("row %v", r)
		}
	}
	// about 67-70 per 10,000 at the last 31 March
	if rate := 3000.0 / float64(total) * 10000; rate < 60 || rate > 75 {
		t.Errorf("population %d gives %.1f per 10,000 for 3000 children", total, rate)
	}
}

func TestPostcodesCSV(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	var b bytes.Buffer
	if err := res.WritePostcodesCSV(&b); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(records[0], ","); got != "pcd,pcd2,pcds,dointr,doterm,oslaua,oseast1m,osnrth1m,ctry" {
		t.Errorf("header %s", got)
	}
	las := map[string]bool{}
	seen := map[string]bool{}
	for _, r := range records[1:] {
		pcd, pcd2, pcds := r[0], r[1], r[2]
		outward, inward, ok := strings.Cut(pcds, " ")
		if !ok || len(pcd) != 7 || len(pcd2) != 8 || len(inward) != 3 || strings.ReplaceAll(pcd, " ", "") != outward+inward ||
			strings.ReplaceAll(pcd2, " ", "") != outward+inward {
			t.Fatalf("postcode forms %q %q %q", pcd, pcd2, pcds)
		}
		if seen[pcds] {
			t.Errorf("postcode %s twice", pcds)
		}
		seen[pcds] = true
		if realArea(outward) {
			t.Errorf("postcode %s uses a real postcode area", pcds)
		}
		las[r[5]] = true
		if r[8] != EnglandCode || r[3] != "199901" || r[4] != "" {
			t.Errorf("row %v", r)
		}
	}
	if len(las) != 10 || !las[DefaultLA] {
		t.Errorf("authorities %v", las)
	}
}

// realArea reports whether a postcode's outward code starts with a real
// UK postcode area.
func realArea(outward string) bool {
	area := strings.TrimRight(outward, "0123456789")
	for _, real := range strings.Fields(`AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
		E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW
		OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS
		WV YO ZE GY JE IM`) {
		if area == real {
			return true
		}
	}
	return false
}

func TestDistances(t *testing.T) {
	res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: 1})
	byCode := map[string]PostcodeRow{}
	for _, p := range res.Postcodes {
		byCode[p.Postcode] = p
	}
	near, all := 0, 0
	last := res.Returns[len(res.Returns)-1]
	for _, row := range last.Table(ssda903.Episodes).Rows {
		home, place := byCode[row.Values[10]], byCode[row.Values[11]]
		if home.Postcode == "" || place.Postcode == "" {
			continue
		}
		all++
		if miles(home, place) < 20 {
			near++
		}
	}
	if share := float64(near) / float64(all); share < 0.7 || share > 0.9 {
		t.Errorf("%.0f%% of placements within 20 miles, want about 80%%", 100*share)
	}
}

func miles(a, b PostcodeRow) float64 {
	de, dn := float64(a.Easting-b.Easting), float64(a.Northing-b.Northing)
	return math.Sqrt(de*de+dn*dn) / 1000 / 1.6093
}

func TestInjectedCSV(t *testing.T) {
	res, err := Generate(Config{Children: 300, Years: 2, Until: until2026, Seed: 3, ErrorRate: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteInjectedCSV(&b); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(records[0], ","); got != "year,table,row,child,field,was,now,kind,rule" {
		t.Errorf("header %s", got)
	}
	if len(records)-1 != len(res.Injected) || len(res.Injected) == 0 {
		t.Errorf("%d rows for %d errors", len(records)-1, len(res.Injected))
	}
}

// TestCalibrationSeeds prints how often each measure falls in its band
// over SYNTH_SEEDS seeds; it is for tuning the parameters and is skipped
// unless that variable is set.
func TestCalibrationSeeds(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SYNTH_SEEDS"))
	if n == 0 {
		t.Skip("set SYNTH_SEEDS to run")
	}
	var all [][]Measure
	for seed := 1; seed <= n; seed++ {
		res := generate(t, Config{Children: 3000, Years: 6, Until: until2026, Seed: uint64(seed)})
		all = append(all, res.Report.Measures)
	}
	for i, m := range all[0] {
		low, high, sum, out := m.Value, m.Value, 0.0, 0
		for _, ms := range all {
			v := ms[i].Value
			sum += v
			low, high = min(low, v), max(high, v)
			if !ms[i].InBand() {
				out++
			}
		}
		fmt.Printf("%-44s mean %7.1f  range %7.1f-%7.1f  band %6.1f-%6.1f  out %d\n",
			m.Name, sum/float64(n), low, high, m.Low, m.High, out)
	}
}
