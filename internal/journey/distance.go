package journey

import (
	"math"
	"strings"
)

// Options are what BuildWith may use beyond the returns.
type Options struct {
	// Postcodes, when not nil, locates each placement: its local
	// authority, whether it is out of the authority, and its distance from
	// home. A *postcode.Directory is one.
	Postcodes Postcodes
}

// Postcodes finds a postcode's local authority and grid reference, as
// rules.Postcodes does; the postcode package's Directory implements it.
type Postcodes interface {
	// Lookup returns the upper-tier local authority code and the OS grid
	// easting and northing in metres of a postcode, given with or
	// without its space, in any case.
	Lookup(postcode string) (la string, easting, northing float64, ok bool)
}

// metresPerMile is the DfE's divisor: its portal derives PL_DISTANCE as
// sqrt(dE² + dN²) / 1000 / 1.6093, rounded to one decimal place.
const metresPerMile = 1000 * 1.6093

// Miles returns the DfE's distance between two OS grid references, in
// miles rounded to one decimal place, as the portal derives PL_DISTANCE.
func Miles(e1, n1, e2, n2 float64) float64 {
	m := math.Hypot(e1-e2, n1-n2) / metresPerMile
	return math.Round(m*10) / 10
}

// locate fills in where each placement of the set is, when there is a
// postcode directory. la is the authority of the returns; a placement is
// out of area when its authority is another.
func (o Options) locate(s *Set, la string) {
	if o.Postcodes == nil {
		return
	}
	for _, c := range s.Children {
		for i := range c.Periods {
			q := &c.Periods[i]
			for j := range q.Placements {
				o.place(&q.Placements[j], la)
			}
		}
	}
}

// place locates one placement.
func (o Options) place(p *Placement, la string) {
	if p.PlacePost == "" {
		return
	}
	plLA, pe, pn, ok := o.Postcodes.Lookup(p.PlacePost)
	if !ok {
		return
	}
	p.LA = plLA
	if la != "" && plLA != "" {
		p.OutOfArea, p.HasLocation = !strings.EqualFold(plLA, la), true
	}
	if p.HomePost == "" {
		return
	}
	if _, he, hn, ok := o.Postcodes.Lookup(p.HomePost); ok {
		p.Miles, p.HasDistance = Miles(he, hn, pe, pn), true
	}
}
