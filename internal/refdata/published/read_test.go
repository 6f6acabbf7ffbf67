package published

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const claHeader = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_count,population_estimate,number,rate_per_10000\n"

// claTable is a small table in the DfE's layout, its rows as published.
const claTable = claHeader +
	"2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,12183016,81770,67\n" +
	"2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,Children looked after at 31 March each year,535227,6110,114\n" +
	"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,E06000001,Children looked after at 31 March each year,20417,334,164\n" +
	"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,E06000002,Children looked after at 31 March each year,34791,c,c\n" +
	"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,807,Redcar,E06000003,Children starting to be looked after each year,27441,,low\n"

func TestReadTable(t *testing.T) {
	figs, err := ReadTable("cla.csv", "", strings.NewReader(claTable))
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 5 {
		t.Fatalf("%d figures, want 5", len(figs))
	}
	tests := []struct {
		i                 int
		id, area          string
		level             Level
		value, num, denom Cell
		line              int
	}{
		{0, "cla_rate_per_10k", "E92000001", National, Cell{Value: 67, Known: true}, Cell{Value: 81770, Known: true}, Cell{Value: 12183016, Known: true}, 2},
		{1, "cla_rate_per_10k", "E12000001", Regional, Cell{Value: 114, Known: true}, Cell{Value: 6110, Known: true}, Cell{Value: 535227, Known: true}, 3},
		{3, "cla_rate_per_10k", "E06000002", LocalAuthority, Cell{Symbol: "c", Reason: symbols["c"]}, Cell{Symbol: "c", Reason: symbols["c"]}, Cell{Value: 34791, Known: true}, 5},
		{4, "starts_rate_per_10k", "E06000003", LocalAuthority, Cell{Symbol: "low", Reason: symbols["low"]}, Cell{Reason: symbols[""]}, Cell{Value: 27441, Known: true}, 6},
	}
	for _, tt := range tests {
		f := figs[tt.i]
		if f.ID != tt.id || f.Area.Code != tt.area || f.Area.Level != tt.level || f.Year != 2025 {
			t.Errorf("figure %d: %s %s %v %d, want %s %s %v 2025", tt.i, f.ID, f.Area.Code, f.Area.Level, f.Year, tt.id, tt.area, tt.level)
		}
		if f.Value != tt.value || f.Numerator != tt.num || f.Denominator != tt.denom {
			t.Errorf("figure %d: %+v %+v %+v, want %+v %+v %+v", tt.i, f.Value, f.Numerator, f.Denominator, tt.value, tt.num, tt.denom)
		}
		if f.Source.Line != tt.line || f.Source.File != "cla.csv" || !strings.Contains(f.Source.Release, claRelease) {
			t.Errorf("figure %d: source %+v, want cla.csv line %d", tt.i, f.Source, tt.line)
		}
	}
	if a := figs[2].Area; a.OldCode != "805" || a.Region != "E12000001" || a.Name != "Hartlepool" {
		t.Errorf("authority %+v", a)
	}
}

func TestReadTableRefuses(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown column", strings.Replace(claHeader, "rate_per_10000", "rate_per_10000,extra", 1) + "", "column extra is not one of table cla_number_and_rate_per_10k_children's"},
		{"not a table", "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,thing\n", "not one of the tables Village reads"},
		{"no geography", "time_period,population_count\n", "no time_identifier column"},
		{"missing indicator", strings.Replace(claHeader, ",rate_per_10000", "", 1), "without its column rate_per_10000"},
		{"bad number", claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,12183016,81,770,67\n", "wrong number of fields"},
		{"text for a number", claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,12183016,many,67\n",
			`cla.csv line 2 column 13 (number): "many": expected a number`},
		{"negative", claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,12183016,-4,67\n", `"-4": expected a number`},
		{"exponent", claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,12183016,1e9,67\n", `"1e9": expected a number`},
		{"bad year", claHeader + "20245,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,1,1,1\n", "line 2 column 1 (time_period)"},
		{"bad level", claHeader + "2025,Reporting year,Ward,E92000001,England,,,,,,Children looked after at 31 March each year,1,1,1\n", "line 2 column 3 (geographic_level): \"Ward\""},
		{"no la code", claHeader + "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,,Hartlepool,E06000001,Children looked after at 31 March each year,1,1,1\n", "column 8 (old_la_code)"},
		{"twice", claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,1,1,1\n" +
			"2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,1,1,1\n", "line 3: the same area, year and filters as line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, err := ReadTable("cla.csv", "", strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if figs != nil {
				t.Errorf("%d figures returned with the error: nothing should be half-read", len(figs))
			}
		})
	}
}

func TestFinancialYear(t *testing.T) {
	text := strings.Replace(claTable, "2025,Reporting year,National", "202425,Financial year,National", 1)
	figs, err := ReadTable("cla.csv", "2025 release", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if figs[0].Year != 2025 || figs[0].Source.Release != "2025 release" {
		t.Errorf("year %d release %q, want 2025 and the release given", figs[0].Year, figs[0].Source.Release)
	}
}

func TestStabilityDenominatorFromAnotherRow(t *testing.T) {
	text := "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,children_percent\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,Total children,81770,100\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,With 3 or more placements during the year,8500,10\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,Children looked after continuously for at least 2.5 years on 31 March aged under 16 years,Living with the same carer for at least 2 years,19680,69\n"
	figs, err := ReadTable("stability.csv", "", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 {
		t.Fatalf("%d figures, want 2", len(figs))
	}
	if f := figs[0]; f.ID != "placements_3plus" || f.Value.Value != 10 || f.Numerator.Value != 8500 || f.Denominator.Value != 81770 {
		t.Errorf("placements_3plus %+v", f)
	}
	if f := figs[1]; f.ID != "long_term_stability" || f.Denominator.Known || !strings.Contains(f.Denominator.Reason, "no row for the denominator") {
		t.Errorf("long_term_stability without its total row: %+v", f.Denominator)
	}
}

func TestNeighbours(t *testing.T) {
	good := "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P,SN_4,SN_4P,SN_5,SN_5P,SN_6,SN_6P,SN_7,SN_7P,SN_8,SN_8P,SN_9,SN_9P,SN_10,SN_10P\n" +
		"805,Hartlepool,4,North East,807,Very close,394,Very close,393,Very close,890,Very close,806,Close ,390,Close ,840,Close ,876,Close ,372,Close ,340,Close \n"
	n, err := ReadNeighbours("sn.csv", strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(n["805"], " "); got != "807 394 393 890 806 390 840 876 372 340" {
		t.Errorf("neighbours of 805: %s", got)
	}
	bad := []struct{ name, text, want string }{
		{"self", strings.Replace(good, "807,Very", "805,Very", 1), "column 5 (SN_1): \"805\": an authority is not its own neighbour"},
		{"twice", strings.Replace(good, "394,Very", "807,Very", 1), "(SN_2): \"807\": listed twice"},
		{"not a code", strings.Replace(good, "394,Very", "E06,Very", 1), "(SN_2): \"E06\": expected a three-digit"},
		{"extra column", strings.Replace(good, "SN_10P\n", "SN_10P,score\n", 1), "column score is not one of the neighbours list's"},
		{"no SN_10", "old_la_code,SN_1\n", "no SN_2 column"},
	}
	for _, tt := range bad {
		if _, err := ReadNeighbours("sn.csv", strings.NewReader(tt.text)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestWriteReadsBack(t *testing.T) {
	rows := []Row{
		{Year: 2025, Area: Area{Level: National, Code: "E92000001", Name: "England"},
			Cells: map[string]string{"category": referralsCategory, "referral_count": "632830", "rereferral_count": "142900", "rereferral_percent": "22.6"}},
		{Year: 2025, Area: Area{Level: LocalAuthority, Code: "E06000999", OldCode: "999", Name: "Synthshire", Region: "E12000001", RegionName: "North East"},
			Cells: map[string]string{"category": referralsCategory, "referral_count": "c", "rereferral_count": "c", "rereferral_percent": "c"}},
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, "c1_children_in_need_referrals_and_rereferrals", rows); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c1.csv"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ReleasesFile), []byte("file,release\nc1.csv,synthetic\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tabs, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(tabs.Figures) != 2 || tabs.Figures[0].Value.Value != 22.6 || tabs.Figures[1].Value.Known || tabs.Figures[1].Source.Release != "synthetic" {
		t.Errorf("read back %+v", tabs.Figures)
	}
	if a, ok := tabs.Authority("E06000999"); !ok || a.OldCode != "999" {
		t.Errorf("authority %+v %v", a, ok)
	}
}

func TestReadDirIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), []byte(claTable), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.csv"), []byte(claHeader+"2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,1,?,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tabs, err := ReadDir(dir)
	if err == nil || tabs != nil || !strings.Contains(err.Error(), `b.csv line 2 column 13 (number): "?"`) {
		t.Fatalf("tables %v, error %v: want nothing and b.csv's error", tabs, err)
	}
}
