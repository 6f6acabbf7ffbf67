package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// PostcodeRow is one postcode of the synthetic postcode directory, with
// the fields of the ONS Postcode Directory that the return's derived
// fields (placement authority, distance) need.
type PostcodeRow struct {
	Postcode string // with one space, as "EG1 4AB"
	Easting  int    // OS grid, metres
	Northing int
	LA       string // GSS code of the local authority
	Country  string // GSS code of the country
}

// EnglandCode is the GSS code of England.
const EnglandCode = "E92000001"

// Where an area lies relative to the home authority.
const (
	ringHome    = iota
	ringEdge    // shares a side with the home authority
	ringCorner  // touches it at a corner
	ringDistant // a day's travel away
)

// area is one authority of the synthetic geography: a square block of
// grid space with its own postcode area letters.
type area struct {
	la     string
	letter string // postcode area, e.g. "EG"
	east   int    // south-west corner
	north  int
	size   int // side in metres
	ring   int
	first  int // index of its first postcode in the directory
	count  int
}

// directory is the synthetic postcode directory.
type directory struct {
	rows  []PostcodeRow
	areas []area
	byLA  map[string]int // area index by GSS code
}

// Postcode areas that follow the format rules (the first letter is not Q,
// V or X, the second not I, J or Z) but are not used in the UK.
var postcodeAreas = []string{"EG", "EF", "FA", "FB", "GC", "GD", "HB", "KC", "KB", "EQ"}

// unitLetters are the letters allowed in the last two places of a postcode.
const unitLetters = "ABDEFGHJLNPQRSTUWXYZ"

const (
	blockSize          = 20000 // metres
	homePostcodes      = 2000
	neighbourPostcodes = 200
)

// neighbourCodes returns the GSS codes of the nine other authorities.
func neighbourCodes(home string) []string {
	var out []string
	for n := 990; n <= 999 && len(out) < 9; n++ {
		code := fmt.Sprintf("E06000%d", n)
		if code != home {
			out = append(out, code)
		}
	}
	return out
}

// newDirectory lays out the home authority in the middle of a three by
// three grid of neighbours, with one more authority further away, and
// gives each a block of postcodes.
func newDirectory(home string, r *rng) *directory {
	d := &directory{byLA: map[string]int{}}
	const east, north = 420000, 320000
	others := neighbourCodes(home)
	d.addArea(area{la: home, letter: postcodeAreas[0], east: east, north: north, ring: ringHome}, homePostcodes, r)
	i := 0
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			ring := ringEdge
			if dx != 0 && dy != 0 {
				ring = ringCorner
			}
			d.addArea(area{la: others[i+1], letter: postcodeAreas[i+1],
				east: east + dx*blockSize, north: north + dy*blockSize, ring: ring}, neighbourPostcodes, r)
			i++
		}
	}
	d.addArea(area{la: others[0], letter: postcodeAreas[9], east: 490000, north: 230000, ring: ringDistant}, neighbourPostcodes, r)
	return d
}

// addArea generates count postcodes for a block. Districts are cells of a
// grid over the block, so that postcodes sharing a district are near each
// other, as real ones are.
func (d *directory) addArea(a area, count int, r *rng) {
	a.size = blockSize
	a.first = len(d.rows)
	grid := 2
	if a.ring == ringHome {
		grid = 4
	}
	cell := a.size / grid
	seen := map[string]bool{}
	for len(d.rows)-a.first < count {
		e, n := r.IntN(a.size), r.IntN(a.size)
		district := 1 + (n/cell)*grid + e/cell
		sector := (e % cell) * 10 / cell
		unit := string(unitLetters[r.IntN(len(unitLetters))]) + string(unitLetters[r.IntN(len(unitLetters))])
		code := fmt.Sprintf("%s%d %d%s", a.letter, district, sector, unit)
		if seen[code] {
			continue
		}
		seen[code] = true
		d.rows = append(d.rows, PostcodeRow{Postcode: code, Easting: a.east + e, Northing: a.north + n,
			LA: a.la, Country: EnglandCode})
	}
	a.count = count
	d.byLA[a.la] = len(d.areas)
	d.areas = append(d.areas, a)
}

// in returns a random postcode of area i.
func (d *directory) in(r *rng, i int) int32 {
	a := d.areas[i]
	return int32(a.first + r.IntN(a.count))
}

// home returns a random postcode of the home authority.
func (d *directory) home(r *rng) int32 { return d.in(r, 0) }

// inRing returns a random postcode of an authority in the given ring.
func (d *directory) inRing(r *rng, ring int) int32 {
	var candidates []int
	for i, a := range d.areas {
		if a.ring == ring {
			candidates = append(candidates, i)
		}
	}
	return d.in(r, candidates[r.IntN(len(candidates))])
}

// outside returns a random postcode outside the home authority: mostly
// next door, some a long way off.
func (d *directory) outside(r *rng) int32 {
	return d.inRing(r, outOfAreaRing.draw(r))
}

// near returns a postcode where relatives or friends of a family living
// in the home authority might live.
func (d *directory) near(r *rng) int32 {
	if r.chance(kinInsideShare) {
		return d.home(r)
	}
	return d.inRing(r, kinOutOfAreaRing.draw(r))
}

// isHome reports whether postcode i lies in the home authority.
func (d *directory) isHome(i int32) bool { return i >= 0 && int(i) < d.areas[0].count }

// code returns the postcode text, or "" for none.
func (d *directory) code(i int32) string {
	if i < 0 {
		return ""
	}
	return d.rows[i].Postcode
}

// miles returns the straight-line distance between two postcodes by the
// DfE's formula.
func (d *directory) miles(a, b int32) float64 {
	pa, pb := d.rows[a], d.rows[b]
	de, dn := float64(pa.Easting-pb.Easting), float64(pa.Northing-pb.Northing)
	return math.Sqrt(de*de+dn*dn) / 1000 / 1.6093
}

// WritePostcodesCSV writes the directory with the ONS Postcode Directory's
// column names: pcd (seven characters), pcd2 (eight), pcds (one space).
func (r *Result) WritePostcodesCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "oseast1m", "osnrth1m", "ctry"}); err != nil {
		return err
	}
	for _, p := range r.Postcodes {
		outward, inward, _ := strings.Cut(p.Postcode, " ")
		pcd := fmt.Sprintf("%-4s%s", outward, inward)
		pcd2 := fmt.Sprintf("%-5s%s", outward, inward)
		record := []string{pcd, pcd2, p.Postcode, "199901", "", p.LA,
			strconv.Itoa(p.Easting), strconv.Itoa(p.Northing), p.Country}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
