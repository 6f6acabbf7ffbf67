// Package postcode reads a postcode directory in the column layout of the
// ONS Postcode Directory (ONSPD), to find each postcode's local authority
// and grid reference, from which the DfE derives a placement's local
// authority and its distance from home.
package postcode

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Place is what the directory says of one postcode.
type Place struct {
	LA       string  // upper-tier local authority: the county (oscty) where there is one, else oslaua; SCO, WAL or NIR outside England
	District string  // oslaua, the lower-tier local authority
	Easting  float64 // OS grid, metres
	Northing float64
}

// Directory maps postcodes to places.
type Directory struct {
	places map[string]Place
}

// Normalise returns a postcode in the directory's key form: upper case
// with no spaces.
func Normalise(postcode string) string {
	return strings.ToUpper(strings.Join(strings.Fields(postcode), ""))
}

// Len returns the number of postcodes with a grid reference.
func (d *Directory) Len() int { return len(d.places) }

// Place returns what the directory knows of a postcode.
func (d *Directory) Place(postcode string) (Place, bool) {
	// Normalise into a small buffer: a validation looks up two postcodes
	// for every episode, and map[string(buf)] does not allocate.
	var buf [16]byte
	n := 0
	for i := 0; i < len(postcode); i++ {
		c := postcode[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 0x80 || n == len(buf):
			p, ok := d.places[Normalise(postcode)] // unusual text: the general path
			return p, ok
		}
		buf[n] = c
		n++
	}
	p, ok := d.places[string(buf[:n])]
	return p, ok
}

// Centroid returns the mean grid reference of the postcodes in an
// upper-tier local authority: the middle of the authority, from which
// Village measures what provision is near it. ok is false when the
// directory has no postcode in it.
func (d *Directory) Centroid(la string) (easting, northing float64, ok bool) {
	n := 0
	for _, p := range d.places {
		if p.LA == la {
			easting += p.Easting
			northing += p.Northing
			n++
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return easting / float64(n), northing / float64(n), true
}

// Lookup implements rules.Postcodes.
func (d *Directory) Lookup(postcode string) (la string, easting, northing float64, ok bool) {
	p, ok := d.Place(postcode)
	return p.LA, p.Easting, p.Northing, ok
}

// columns the reader needs; pcd, or failing that pcds, names the postcode.
var required = []string{"oslaua", "oseast1m", "osnrth1m"}

// noCounty is the ONSPD's pseudo-code for "not in a county".
const noCounty = "E99999999"

// Read reads an ONSPD-layout CSV (the full directory, or any file with its
// column names: pcd or pcds, oslaua, oseast1m, osnrth1m, and optionally
// oscty, ctry and doterm). Terminated postcodes are kept, since an old
// episode may name one; postcodes with no grid reference are left out.
func Read(name string, r io.Reader) (*Directory, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	at := map[string]int{}
	for i, h := range header {
		at[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))] = i
	}
	key, ok := at["pcd"]
	if !ok {
		key, ok = at["pcds"]
	}
	if !ok {
		return nil, fmt.Errorf("%s:1: no pcd or pcds column; expected the ONS Postcode Directory's column names", name)
	}
	for _, c := range required {
		if _, ok := at[c]; !ok {
			return nil, fmt.Errorf("%s:1: no %s column; expected the ONS Postcode Directory's column names", name, c)
		}
	}
	county, hasCounty := at["oscty"]
	country, hasCountry := at["ctry"]
	d := &Directory{places: map[string]Place{}}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		p := Place{District: record[at["oslaua"]], LA: record[at["oslaua"]]}
		if hasCounty && record[county] != "" && record[county] != noCounty {
			p.LA = record[county]
		}
		if hasCountry {
			if nation, ok := nations[record[country]]; ok {
				p.LA = nation
			}
		}
		e, n := record[at["oseast1m"]], record[at["osnrth1m"]]
		if e == "" || n == "" {
			continue
		}
		if p.Easting, err = strconv.ParseFloat(e, 64); err != nil {
			return nil, fmt.Errorf("%s:%d: oseast1m %q: expected a grid easting in metres", name, line, e)
		}
		if p.Northing, err = strconv.ParseFloat(n, 64); err != nil {
			return nil, fmt.Errorf("%s:%d: osnrth1m %q: expected a grid northing in metres", name, line, n)
		}
		d.places[Normalise(record[key])] = p
	}
	return d, nil
}

// nations maps the ONSPD's country codes outside England to the codes the
// DfE uses for placements there.
var nations = map[string]string{"S92000003": "SCO", "W92000004": "WAL", "N92000002": "NIR"}
