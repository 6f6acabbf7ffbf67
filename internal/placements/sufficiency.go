package placements

import (
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
)

// Supply is what Sufficiency reads beyond the journeys; any part may be
// missing, and the figures it gives are then absent, with a note.
type Supply struct {
	Carers    []Carer             // the authority's own foster carers (ReadCarers); nil when no file is given
	Providers *ofsted.List        // Ofsted's lists of children's homes and fostering agencies
	Postcodes *postcode.Directory // to place the providers and find the middle of the authority
	// Forecast, when set, gives the need a year on, by age band and by
	// placement category.
	Forecast *forecast.Projection
}

// NearMiles is how near provision must be to the middle of the authority
// to count as near: the distance the DfE counts placements as far from
// home beyond.
const NearMiles = 20

// forecastMonths is how far ahead the forecast's need is read.
const forecastMonths = 12

// Sufficiency is the need for placements against the supply, on one day,
// for the yearly sufficiency statement.
type Sufficiency struct {
	Day calendar.Date
	// Need is the children looked after on Day (short breaks aside) by age
	// band and placement category (forecast.CategoryOf), their age known;
	// NoAge are those whose date of birth is not known.
	Need  [forecast.Bands][forecast.Categories]int
	NoAge int
	// Projected is the forecast's median a year on, by band and by
	// category (the forecast does not cross them); HasForecast is false
	// without one, and ProjectedAt is the month end it is for.
	ProjectedBand     [forecast.Bands]float64
	ProjectedCategory [forecast.Categories]float64
	ProjectedAt       string
	HasForecast       bool
	// Carers are the own foster carers approved by Day, by type: their
	// households, places, and places open to each age band (a household
	// approved for ages 0 to 10 counts in 0-4 and 5-9 both, so the bands do
	// not add up to the places). HasCarers is false without a carers file.
	Carers    [carerTypes]CarerSupply
	HasCarers bool
	// Gaps are need against own fostering places, by age band, then for
	// all ages (Band is then forecast.Bands), where each place counts once.
	Gaps []Gap
	// Near is the Ofsted-registered provision within NearMiles of the
	// middle of the authority.
	Near Nearby
	// Own is the children looked after on Day placed with the authority's
	// own provision (PLACE_PROVIDER PR1), of All looked after.
	Own, All int
	Notes    []string
}

// CarerSupply is one type of own foster carer.
type CarerSupply struct {
	Type       CarerType
	Households int
	Places     int
	ByBand     [forecast.Bands]int
}

// Gap is the need for in-house and kinship fostering in one age band
// against the places own carers are approved for in it.
type Gap struct {
	Band                       forecast.Band
	InHouseNeed, InHousePlaces int // FosterInHouse need; mainstream and parent and child places
	KinshipNeed, KinshipPlaces int // Kinship need; kinship or connected places
	InHouseGap, KinshipGap     int // need less places: above 0, more children than places
}

// Nearby is the registered provision near the authority.
type Nearby struct {
	Known      bool // the providers and the middle of the authority were known
	Homes      int  // open children's homes (K2) within NearMiles
	HomePlaces int  // their places, over the homes whose list gives them
	HomesSized int  // homes whose list gives their places
	Agencies   int  // open fostering agencies (U4-U6) within NearMiles
}

// Assess works out the sufficiency on day d.
func Assess(set *journey.Set, d calendar.Date, supply Supply) Sufficiency {
	s := Sufficiency{Day: d}
	s.need(set)
	s.projected(supply.Forecast)
	s.carers(supply.Carers)
	s.gaps()
	s.nearby(set, supply)
	return s
}

// need counts the children looked after on the day by band and category,
// and those placed with own provision.
func (s *Sufficiency) need(set *journey.Set) {
	for _, c := range set.Children {
		e := indicators.EpisodeOn(c, s.Day)
		if e == nil {
			continue
		}
		s.All++
		if e.Provider == "PR1" {
			s.Own++
		}
		age := c.AgeOn(s.Day)
		if age < 0 {
			s.NoAge++
			continue
		}
		place, provider := e.Place, e.Provider
		if pl := indicators.PlacementOn(c, s.Day); e.Temporary() && pl != nil {
			// A temporary move is counted in the placement it interrupts.
			place, provider = pl.Place, pl.Provider
		}
		cat, ok := forecast.CategoryOf(place, provider)
		if !ok {
			cat = forecast.SecureOther // a temporary move with nothing to return to
		}
		s.Need[forecast.BandOf(min(age, 17))][cat]++
	}
}

// projected reads the forecast's median a year on.
func (s *Sufficiency) projected(p *forecast.Projection) {
	if p == nil || len(p.ByBand) != forecast.Bands || len(p.ByCategory) != forecast.Categories {
		s.Notes = append(s.Notes, "No forecast: the need a year on is not given.")
		return
	}
	at := func(series forecast.Series) (float64, string, bool) {
		n := len(series.Forecast)
		if n == 0 {
			return 0, "", false
		}
		i := min(forecastMonths, n) - 1
		return series.Forecast[i].Median, series.Forecast[i].Date, true
	}
	for b := range forecast.Bands {
		v, date, ok := at(p.ByBand[b])
		if !ok {
			return
		}
		s.ProjectedBand[b], s.ProjectedAt = v, date
	}
	for c := range forecast.Categories {
		s.ProjectedCategory[c], _, _ = at(p.ByCategory[c])
	}
	s.HasForecast = true
}

// carers adds up the own carers approved by the day.
func (s *Sufficiency) carers(carers []Carer) {
	if carers == nil {
		s.Notes = append(s.Notes, "No carers file: own foster carers and the gap against them are not given.")
		return
	}
	s.HasCarers = true
	for t := range carerTypes {
		s.Carers[t].Type = t
	}
	for _, c := range carers {
		if c.Approved > s.Day {
			continue
		}
		sup := &s.Carers[c.Type]
		sup.Households++
		sup.Places += c.Places
		for b := range forecast.Bands {
			if overlaps(c, forecast.Band(b)) {
				sup.ByBand[b] += c.Places
			}
		}
	}
}

// overlaps reports whether a carer's ages include any of the band's.
func overlaps(c Carer, b forecast.Band) bool {
	for age := c.AgeFrom; age <= c.AgeTo; age++ {
		if forecast.BandOf(age) == b {
			return true
		}
	}
	return false
}

// gaps sets the need for own fostering against its places, by band.
func (s *Sufficiency) gaps() {
	if !s.HasCarers {
		return
	}
	for b := range forecast.Bands {
		g := Gap{Band: forecast.Band(b), InHouseNeed: s.Need[b][forecast.FosterInHouse], KinshipNeed: s.Need[b][forecast.Kinship],
			InHousePlaces: s.Carers[Mainstream].ByBand[b] + s.Carers[ParentAndChild].ByBand[b],
			KinshipPlaces: s.Carers[Connected].ByBand[b]}
		s.Gaps = append(s.Gaps, g.closed())
	}
	all := Gap{Band: forecast.Band(forecast.Bands), InHousePlaces: s.Carers[Mainstream].Places + s.Carers[ParentAndChild].Places,
		KinshipPlaces: s.Carers[Connected].Places}
	for _, g := range s.Gaps {
		all.InHouseNeed += g.InHouseNeed
		all.KinshipNeed += g.KinshipNeed
	}
	s.Gaps = append(s.Gaps, all.closed())
}

// closed returns the gap with need less places worked out.
func (g Gap) closed() Gap {
	g.InHouseGap, g.KinshipGap = g.InHouseNeed-g.InHousePlaces, g.KinshipNeed-g.KinshipPlaces
	return g
}

// Ages names the gap's age band, or "all ages".
func (g Gap) Ages() string {
	if int(g.Band) >= forecast.Bands {
		return "all ages"
	}
	return g.Band.Label()
}

// nearby counts the open homes and agencies within NearMiles of the
// middle of the authority.
func (s *Sufficiency) nearby(set *journey.Set, supply Supply) {
	switch {
	case supply.Providers == nil:
		s.Notes = append(s.Notes, "No Ofsted providers list (--providers): registered provision near the authority is not given.")
		return
	case supply.Postcodes == nil:
		s.Notes = append(s.Notes, "No postcode directory (--postcodes): registered provision cannot be placed.")
		return
	case set.Authority.Code == "":
		s.Notes = append(s.Notes, "The authority is not known, so neither is its middle: registered provision near it is not given.")
		return
	}
	east, north, ok := supply.Postcodes.Centroid(set.Authority.Code)
	if !ok {
		s.Notes = append(s.Notes, "The postcode directory has no postcode in the authority, so its middle is not known.")
		return
	}
	s.Near.Known = true
	for _, p := range supply.Providers.All() {
		if p.Closed && p.RegEnd <= s.Day {
			continue
		}
		place, ok := supply.Postcodes.Place(p.Postcode)
		if !ok || journey.Miles(east, north, place.Easting, place.Northing) > NearMiles {
			continue
		}
		switch {
		case slices.Contains(p.PlaceCodes, "K2"):
			s.Near.Homes++
			if n, ok := supply.Providers.Places(p.URN); ok {
				s.Near.HomePlaces += n
				s.Near.HomesSized++
			}
		case slices.ContainsFunc(p.PlaceCodes, func(code string) bool { return code == "U4" || code == "U5" || code == "U6" }):
			s.Near.Agencies++
		}
	}
}

// OwnShare is the percentage of the children looked after placed with
// the authority's own provision; ok is false when none is looked after.
func (s Sufficiency) OwnShare() (float64, bool) {
	if s.All == 0 {
		return 0, false
	}
	return 100 * float64(s.Own) / float64(s.All), true
}
