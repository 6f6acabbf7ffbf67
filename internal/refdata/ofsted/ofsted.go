// Package ofsted reads Ofsted's lists of registered providers (the
// children's homes list, the social care providers list, or the combined
// list, as .xlsx workbooks) into the provider table the SSDA903 URN rules
// need.
package ofsted

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// List is the providers read from one or more Ofsted workbooks, by URN.
type List struct {
	providers map[string]*rules.Provider
	places    map[string]int // registered places by URN, where the list gives them
}

// Provider implements rules.Providers.
func (l *List) Provider(urn string) (rules.Provider, bool) {
	p, ok := l.providers[strings.ToUpper(strings.TrimSpace(urn))]
	if !ok {
		return rules.Provider{}, false
	}
	return *p, true
}

// Len returns the number of providers.
func (l *List) Len() int { return len(l.providers) }

// New returns an empty list.
func New() *List { return &List{providers: map[string]*rules.Provider{}, places: map[string]int{}} }

// All returns every provider, by URN.
func (l *List) All() []rules.Provider {
	out := make([]rules.Provider, 0, len(l.providers))
	for _, p := range l.providers {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b rules.Provider) int { return strings.Compare(a.URN, b.URN) })
	return out
}

// Places returns the number of places a provider is registered for, when
// its list gives one (a "Maximum users" or "Number of places" column).
func (l *List) Places(urn string) (int, bool) {
	n, ok := l.places[strings.ToUpper(strings.TrimSpace(urn))]
	return n, ok
}

// The column headings Ofsted's lists have used over the years, lower case,
// for each field.
var headings = map[string][]string{
	"urn":      {"urn"},
	"la":       {"local authority", "provider local authority"},
	"place":    {"placement code", "provider placement code"},
	"provider": {"placement provider code", "provider code"},
	"closed":   {"deregistration date", "closed date"},
	"postcode": {"setting postcode", "setting address postcode"},
	"places":   {"maximum users", "number of places", "registered places"},
}

// Add reads every sheet of a workbook that has a URN column. Sheets that
// describe the same URN (the children's homes list splits settings and
// addresses) are merged. A sheet with URNs but no placement codes is taken
// to be the supported accommodation sheet of the combined list, as the DfE's
// validator does: its providers get placement code K3 and provider code PR4.
// The placement's upper-tier local authority is found from its postcode
// when a directory is given.
func (l *List) Add(name string, r io.Reader, postcodes *postcode.Directory) error {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return fmt.Errorf("%s: not a readable .xlsx workbook: %w", name, err)
	}
	defer f.Close()
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("%s, sheet %q: %w", name, sheet, err)
		}
		ok, err := l.addSheet(rows, postcodes)
		if err != nil {
			return fmt.Errorf("%s, sheet %q: %w", name, sheet, err)
		}
		found = found || ok
	}
	if !found {
		return fmt.Errorf("%s: no sheet has a URN column; expected an Ofsted children's homes or social care providers list", name)
	}
	return nil
}

// addSheet adds the providers of one sheet; the header is the first of its
// first ten rows that has a URN column.
func (l *List) addSheet(rows [][]string, postcodes *postcode.Directory) (bool, error) {
	for h := 0; h < len(rows) && h < 10; h++ {
		at := columns(rows[h])
		if _, ok := at["urn"]; !ok {
			continue
		}
		for i, row := range rows[h+1:] {
			if err := l.addRow(row, at, postcodes); err != nil {
				return true, fmt.Errorf("row %d: %w", h+i+2, err)
			}
		}
		return true, nil
	}
	return false, nil
}

func columns(header []string) map[string]int {
	at := map[string]int{}
	for i, cell := range header {
		text := strings.ToLower(strings.TrimSpace(cell))
		for field, names := range headings {
			for _, n := range names {
				if text == n {
					if _, seen := at[field]; !seen {
						at[field] = i
					}
				}
			}
		}
	}
	return at
}

func cell(row []string, at map[string]int, field string) (string, bool) {
	i, ok := at[field]
	if !ok {
		return "", false
	}
	if i >= len(row) {
		return "", true
	}
	return strings.TrimSpace(row[i]), true
}

func (l *List) addRow(row []string, at map[string]int, postcodes *postcode.Directory) error {
	urn, _ := cell(row, at, "urn")
	urn = strings.ToUpper(urn)
	if urn == "" {
		return nil
	}
	p := l.providers[urn]
	if p == nil {
		p = &rules.Provider{URN: urn}
		l.providers[urn] = p
	}
	if v, ok := cell(row, at, "la"); ok && v != "" {
		p.LAName = v
	}
	place, hasPlace := cell(row, at, "place")
	switch {
	case hasPlace && place != "":
		p.PlaceCodes = codes(place)
	case !hasPlace && len(p.PlaceCodes) == 0:
		p.PlaceCodes = []string{"K3"}
		p.ProviderCodes = []string{"PR4"}
	}
	if v, ok := cell(row, at, "provider"); ok && v != "" {
		p.ProviderCodes = codes(v)
	}
	if v, ok := cell(row, at, "closed"); ok && v != "" {
		d, err := parseDate(v)
		if err != nil {
			return err
		}
		p.RegEnd, p.Closed = d, true
	}
	if v, ok := cell(row, at, "places"); ok && v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("places %q: expected a whole number of places", v)
		}
		l.places[urn] = n
	}
	if v, ok := cell(row, at, "postcode"); ok && v != "" {
		p.Postcode = postcode.Normalise(v)
		if postcodes != nil {
			if place, ok := postcodes.Place(v); ok {
				p.LA = place.LA
			}
		}
	}
	return nil
}

// codes splits "PR1/PR2" or "K2, K1" into codes.
func codes(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ',' || r == '/' || r == ' ' })
}

// lastSerial is 31/12/9999 as an Excel date serial, the last day Excel has.
const lastSerial = 2958465

// parseDate reads a date cell: an Excel serial number, or text written
// DD/MM/YYYY or YYYY-MM-DD.
func parseDate(s string) (calendar.Date, error) {
	if serial, err := strconv.ParseFloat(s, 64); err == nil {
		// excelize turns NaN, infinities and serials past 31/12/9999
		// (2958465) into nonsense dates without an error.
		if math.IsNaN(serial) || serial > lastSerial {
			return 0, fmt.Errorf("date %q: expected a date cell, DD/MM/YYYY or YYYY-MM-DD", s)
		}
		t, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return 0, fmt.Errorf("date %q: %w", s, err)
		}
		return calendar.DateOf(t), nil
	}
	if d, ok := calendar.ParseDate(s); ok {
		return d, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return calendar.DateOf(t), nil
	}
	return 0, fmt.Errorf("date %q: expected a date cell, DD/MM/YYYY or YYYY-MM-DD", s)
}
