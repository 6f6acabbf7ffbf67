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

// Authority is the local authority of the returns, against which a
// placement is in or out of area, and how it was known.
type Authority struct {
	Code string // GSS code; "" when not known
	// Inferred is true when the returns do not name their authority and
	// Code is the upper-tier authority most children's home postcodes
	// (HOME_POST) are in.
	Inferred bool
	// Located is true when a postcode directory was given, so that
	// placements could be located.
	Located bool
}

// Note says how the authority was known for placements out of area, or
// exactly what is missing when it was not; "" when the returns name it
// and placements were located.
func (a Authority) Note() string {
	switch {
	case !a.Located && a.Code == "":
		return "Not known: no postcode directory was given (--postcodes) to locate placements, and the returns do not name their authority. " +
			"Give --postcodes; the authority is then inferred from the children's home postcodes, or give it with --la when loading."
	case !a.Located:
		return "Not known: no postcode directory was given (--postcodes) to locate placements."
	case a.Code == "":
		return "Not known: the returns do not name their authority, and no child's home postcode (HOME_POST) is in the postcode directory to infer it from. " +
			"Give the authority with --la when loading."
	case a.Inferred:
		return "The authority, " + a.Code + ", was inferred from the postcode directory: the returns do not name it, and most children's home " +
			"postcodes (HOME_POST) are in it. Give --la when loading to name it."
	}
	return ""
}

// locate fills in where each placement of the set is, when there is a
// postcode directory. la is the authority the returns name, if any, else
// the one most children's home postcodes are in; a placement is out of
// area when its authority is another.
func (o Options) locate(s *Set, la string) {
	s.Authority = Authority{Code: la, Located: o.Postcodes != nil}
	if o.Postcodes == nil {
		return
	}
	if la == "" {
		la = o.homeAuthority(s)
		s.Authority.Code, s.Authority.Inferred = la, la != ""
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

// homeAuthority is the upper-tier authority the most children's home
// postcodes are in, each child counted once at its latest known home
// postcode; "" when none is in the directory. Ties go to the lower code,
// so the answer does not depend on map order.
func (o Options) homeAuthority(s *Set) string {
	votes := map[string]int{}
	for _, c := range s.Children {
		home := ""
		for _, q := range c.Periods {
			for _, p := range q.Placements {
				if p.HomePost != "" {
					home = p.HomePost
				}
			}
		}
		if home == "" {
			continue
		}
		if la, _, _, ok := o.Postcodes.Lookup(home); ok && la != "" {
			votes[strings.ToUpper(la)]++
		}
	}
	best := ""
	for la, n := range votes {
		if n > votes[best] || (n == votes[best] && la < best) {
			best = la
		}
	}
	return best
}
