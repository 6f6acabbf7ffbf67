package placements

import (
	"bytes"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// carersFile is the sufficiency case's own carers, on 31/03/2026:
//
//	H1  mainstream, 2 places, ages 0-10: 2 places in 0-4, 5-9 and 10-15
//	    each (10 is in 10-15).
//	H2  approved after the day: not counted.
//	H3  kinship, 1 place, ages 10-17: in 10-15 and 16-17.
//	H4  parent and child, 1 place, ages 0-1: in 0-4.
const carersFile = `carer,approved,places,age_from,age_to,type,district
H1,01/01/2020,2,0,10,mainstream,HM1
H2,01/06/2026,3,0,17,mainstream,HM1
H3,01/01/2024,1,10,17,kinship,HM2
H4,01/01/2024,1,0,1,parent_and_child,HM1
`

// sufficiencyPostcodes: the authority's two postcodes put its middle at
// (401000, 300000); NE1 1AA is 10.0 miles north of it, FA1 1AA 30.0.
const sufficiencyPostcodes = `pcd,oslaua,oseast1m,osnrth1m
HM1 1AA,E06000999,400000,300000
HM2 2AA,E06000999,402000,300000
NE1 1AA,E10000002,401000,316093
FA1 1AA,E10000001,401000,348279
`

// TestSufficiency checks the sufficiency by hand. Looked after on
// 31/03/2026: S1 aged 3 and S2 aged 7 in in-house foster care (U4, PR1),
// S3 aged 12 with kinship carers (U1, PR1), S4 aged 16 in an external
// children's home (K2, PR4), S5 with no date of birth with an agency
// (U4, PR4). Own provision: S1, S2 and S3, 3 of 5. Providers: PA a home
// near, PB a home 30 miles away, PC an agency near, PD a near home that
// closed in January 2026.
func TestSufficiency(t *testing.T) {
	r := ssda903.NewReturn(2026, "E06000999")
	for _, c := range []struct{ id, dob, place, provider string }{
		{"S1", "01/01/2023", "U4", "PR1"}, {"S2", "01/01/2019", "U4", "PR1"}, {"S3", "01/01/2014", "U1", "PR1"},
		{"S4", "01/01/2010", "K2", "PR4"}, {"S5", "", "U4", "PR4"},
	} {
		r.Ensure(ssda903.Header).Add(c.id, "M", c.dob, "WBRI", "UN1", "", "")
		r.Ensure(ssda903.Episodes).Add(c.id, "01/05/2025", "S", "C2", "N1", c.place, c.provider, "", "", "", "HM1 1AA", "NE1 1AA", "SC"+c.id)
	}
	dir, err := postcode.Read("postcodes.csv", strings.NewReader(sufficiencyPostcodes))
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.BuildWith([]*ssda903.Return{r}, journey.Options{Postcodes: dir})
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	closed, _ := calendar.ParseDate("15/01/2026")
	err = ofsted.Write(&book, []rules.Provider{
		{URN: "PA", PlaceCodes: []string{"K2"}, ProviderCodes: []string{"PR4"}, Postcode: "NE11AA"},
		{URN: "PB", PlaceCodes: []string{"K2"}, ProviderCodes: []string{"PR4"}, Postcode: "FA11AA"},
		{URN: "PC", PlaceCodes: []string{"U4", "U5", "U6"}, ProviderCodes: []string{"PR4"}, Postcode: "NE11AA"},
		{URN: "PD", PlaceCodes: []string{"K2"}, ProviderCodes: []string{"PR5"}, Postcode: "NE11AA", Closed: true, RegEnd: closed},
	})
	if err != nil {
		t.Fatal(err)
	}
	providers := ofsted.New()
	if err := providers.Add("providers.xlsx", &book, dir); err != nil {
		t.Fatal(err)
	}
	carers, err := ReadCarers("carers.csv", strings.NewReader(carersFile))
	if err != nil {
		t.Fatal(err)
	}
	day, _ := calendar.ParseDate("31/03/2026")
	s := Assess(set, day, Supply{Carers: carers, Providers: providers, Postcodes: dir})

	need := map[[2]int]int{
		{int(forecast.Age0to4), int(forecast.FosterInHouse)}: 1, {int(forecast.Age5to9), int(forecast.FosterInHouse)}: 1,
		{int(forecast.Age10to15), int(forecast.Kinship)}: 1, {int(forecast.Age16to17), int(forecast.ChildrensHomeExternal)}: 1,
	}
	for b := range forecast.Bands {
		for c := range forecast.Categories {
			if got := s.Need[b][c]; got != need[[2]int{b, c}] {
				t.Errorf("need %s %s = %d, want %d", forecast.Band(b).Key(), forecast.Category(c).Key(), got, need[[2]int{b, c}])
			}
		}
	}
	if s.NoAge != 1 || s.Own != 3 || s.All != 5 {
		t.Errorf("no age %d, own provision %d of %d; want 1, 3 of 5", s.NoAge, s.Own, s.All)
	}
	if share, ok := s.OwnShare(); !ok || share != 60 {
		t.Errorf("own provision share %.1f (%v), want 60", share, ok)
	}
	wantGaps := []Gap{
		{Band: forecast.Age0to4, InHouseNeed: 1, InHousePlaces: 3, InHouseGap: -2},
		{Band: forecast.Age5to9, InHouseNeed: 1, InHousePlaces: 2, InHouseGap: -1},
		{Band: forecast.Age10to15, InHousePlaces: 2, InHouseGap: -2, KinshipNeed: 1, KinshipPlaces: 1},
		{Band: forecast.Age16to17, KinshipPlaces: 1, KinshipGap: -1},
		// Each place once: H1's 2 and H4's 1 in-house, H3's 1 kinship.
		{Band: forecast.Band(forecast.Bands), InHouseNeed: 2, InHousePlaces: 3, InHouseGap: -1, KinshipNeed: 1, KinshipPlaces: 1},
	}
	if len(s.Gaps) != len(wantGaps) {
		t.Fatalf("%d gaps, want %d", len(s.Gaps), len(wantGaps))
	}
	for i, g := range s.Gaps {
		if g != wantGaps[i] {
			t.Errorf("gap %s = %+v, want %+v", g.Band.Key(), g, wantGaps[i])
		}
	}
	if m := s.Carers[Mainstream]; m.Households != 1 || m.Places != 2 {
		t.Errorf("mainstream carers %+v, want 1 household, 2 places", m)
	}
	if s.Near != (Nearby{Known: true, Homes: 1, Agencies: 1}) {
		t.Errorf("near: %+v, want 1 home (places not given) and 1 agency", s.Near)
	}
	if s.HasForecast || len(s.Notes) != 1 {
		t.Errorf("without a forecast: %v, notes %q", s.HasForecast, s.Notes)
	}
}

func TestReadCarersErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"empty", "", "carers.csv: empty"},
		{"a column missing", "carer,approved,places,age_from,age_to,type\n", "carers.csv:1: no column district"},
		{"places not a number", "carer,approved,places,age_from,age_to,type,district\nH1,01/01/2020,two,0,17,mainstream,AB1\n",
			`carers.csv:2:3: places "two": expected a whole number from 1 to 10`},
		{"not a date", "carer,approved,places,age_from,age_to,type,district\nH1,2020-01-01,2,0,17,mainstream,AB1\n",
			`carers.csv:2:2: approved "2020-01-01": expected the day of approval, DD/MM/YYYY`},
		{"ages reversed", "carer,approved,places,age_from,age_to,type,district\nH1,01/01/2020,2,10,4,mainstream,AB1\n",
			`carers.csv:2:5: age_to "4": expected an age no younger than age_from, 10`},
		{"an unknown type", "carer,approved,places,age_from,age_to,type,district\nH1,01/01/2020,2,0,17,respite,AB1\n",
			`carers.csv:2:6: type "respite": expected mainstream, kinship, short_break, parent_and_child or kinship`},
		{"a full postcode", "carer,approved,places,age_from,age_to,type,district\nH1,01/01/2020,2,0,17,mainstream,AB1 2CD\n",
			`carers.csv:2:7: district "AB1 2CD": expected a postcode district such as AB1 or SW1A`},
		{"columns in another order", "district,type,age_to,age_from,places,approved,carer\nAB1,short_break,17,0,2,01/01/2020,\n",
			`carers.csv:2:7: carer "": expected the carer's reference`},
	}
	for _, tt := range tests {
		_, err := ReadCarers("carers.csv", strings.NewReader(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// FuzzReadCarers checks that no file makes the reader panic, and that
// what it accepts is within the layout's bounds.
func FuzzReadCarers(f *testing.F) {
	f.Add(carersFile)
	f.Add("carer,approved,places,age_from,age_to,type,district\nH1,01/01/2020,2,0,17,connected,sw1a\n")
	f.Add("carer,approved\n\"unterminated")
	f.Fuzz(func(t *testing.T, text string) {
		carers, err := ReadCarers("carers.csv", strings.NewReader(text))
		if err != nil {
			return
		}
		for _, c := range carers {
			if c.Ref == "" || c.Places < 1 || c.Places > maxPlaces || c.AgeFrom > c.AgeTo || c.AgeTo > 17 || !district(c.District) {
				t.Errorf("accepted %+v", c)
			}
		}
	})
}
