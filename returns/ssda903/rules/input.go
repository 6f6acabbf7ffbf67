package rules

import (
	"math"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Input is everything the rules read: this year's return, and last
// year's, the local authority, and the optional reference data.
type Input struct {
	Return *ssda903.Return // Return.Last is last year's return, when given
	Year   calendar.Year
	LA     string // the local authority's code, as in the postcode directory's upper-tier codes

	This    *Tables   // this year's tables, typed
	Last    *Tables   // last year's; empty when not given (see Has(NeedLast))
	Earlier []*Tables // every earlier year given, last year first (Return.Last, Return.Last.Last, ...)

	Postcodes Postcodes // nil when no postcode directory was given
	Providers Providers // nil when no Ofsted lists were given

	memoMu sync.Mutex
	memo   map[string]*memoEntry
}

type memoEntry struct {
	once  sync.Once
	value any
}

// Memo returns what compute returns for key, computing it once per input
// even when rules running at the same time ask for it together. Rules use
// it for a derivation several of them share, such as the pairing of this
// year's first episodes with last year's last.
func (in *Input) Memo(key string, compute func() any) any {
	in.memoMu.Lock()
	if in.memo == nil {
		in.memo = map[string]*memoEntry{}
	}
	e := in.memo[key]
	if e == nil {
		e = &memoEntry{}
		in.memo[key] = e
	}
	in.memoMu.Unlock()
	e.once.Do(func() { e.value = compute() })
	return e.value
}

// Postcodes finds a postcode's local authority and grid reference.
// Implementations live outside this package (a CSV postcode directory).
type Postcodes interface {
	// Lookup returns the upper-tier local authority code and OS grid
	// easting and northing in metres of a postcode, given with or without
	// its space, in any case.
	Lookup(postcode string) (la string, easting, northing float64, ok bool)
}

// Provider is an Ofsted-registered provider, from the Ofsted children's
// homes and social care providers lists, as the URN rules need it.
type Provider struct {
	URN           string
	PlaceCodes    []string      // the placement types (PLACE) it provides
	ProviderCodes []string      // the provider types (PLACE_PROVIDER) it is
	RegEnd        calendar.Date // the day its registration ended, when Closed
	Closed        bool
	Postcode      string // upper case, no spaces
	LA            string // upper-tier LA code of its postcode, when known
	LAName        string // the LA the Ofsted list names
}

// Providers finds a provider by URN.
type Providers interface {
	Provider(urn string) (Provider, bool)
}

// NewInput types the return (and r.Last) once for all rules. The year
// defaults to r.Year and the local authority to r.LA.
func NewInput(r *ssda903.Return, postcodes Postcodes, providers Providers) *Input {
	return newInput(r, postcodes, providers, false)
}

// NewInputFreeing is NewInput for a caller that owns the returns and will
// not read their rows again: each year's raw rows are let go as soon as
// it is typed, which keeps the memory of a national validation down (the
// raw rows were a quarter of it). The rules read only the typed rows, and
// failures show their values from them; the returns keep their tables,
// files and problems, without rows.
func NewInputFreeing(r *ssda903.Return, postcodes Postcodes, providers Providers) *Input {
	return newInput(r, postcodes, providers, true)
}

func newInput(r *ssda903.Return, postcodes Postcodes, providers Providers, free bool) *Input {
	in := &Input{Return: r, Year: r.Year, LA: r.LA, Postcodes: postcodes, Providers: providers}
	var earlier []*ssda903.Return
	for older := r.Last; older != nil; older = older.Last {
		earlier = append(earlier, older)
	}
	in.Earlier = make([]*Tables, len(earlier))
	work := make([]func(), len(earlier))
	for i, ret := range earlier {
		only := olderYearTables
		if i == 0 {
			only = lastYearTables
		}
		work[i] = func() {
			in.Earlier[i] = newTablesOf(ret, true, only)
			if postcodes != nil && i == 0 {
				derivePlacements(in.Earlier[i], in.LA, postcodes)
			}
			if free {
				for _, t := range ret.Tables {
					t.Rows = nil
				}
			}
		}
	}
	// This year is typed beside the earlier years: each year's tables are
	// typed at once, but then indexed on one core.
	work = append(work, func() {
		in.This = newTables(r, false)
		if free {
			for _, t := range r.Tables {
				t.Rows = nil
			}
		}
		if postcodes != nil {
			derivePlacements(in.This, in.LA, postcodes)
		}
	})
	parallel(work...)
	in.Last = newTables(nil, true)
	if len(in.Earlier) > 0 {
		in.Last = in.Earlier[0]
	}
	return in
}

// Has reports whether the input has what need names.
func (in *Input) Has(need Need) bool {
	switch {
	case need&NeedLast != 0 && in.Return.Last == nil:
		return false
	case need&NeedPostcodes != 0 && in.Postcodes == nil:
		return false
	case need&NeedProviders != 0 && in.Providers == nil:
		return false
	case need&NeedLA != 0 && in.LA == "":
		return false
	}
	return true
}

// HasTable reports whether this year's return (or, with last, last
// year's) included the table, even if empty.
func (in *Input) HasTable(t ssda903.TableName, last bool) bool {
	if last {
		return in.Last.Has(t)
	}
	return in.This.Has(t)
}

// Child returns the CHILD of the row at ref, for a failure to name.
func (in *Input) Child(ref Ref) (string, bool) { return in.Value(ref, "CHILD") }

// Value returns the submitted text of a field of the row at ref, or of a
// field derived from its postcodes, for a failure to show.
func (in *Input) Value(ref Ref, field string) (string, bool) {
	tables := in.This
	if ref.Last {
		tables = in.Last
	}
	if v, ok := tables.field(ref, field); ok {
		return v, true
	}
	return tables.derived(ref, field)
}

// Locate returns the file and line the row at ref was read from, for a
// failure to name as the readers do (header.csv:104).
func (in *Input) Locate(ref Ref) (string, int) {
	if ref.Last {
		return in.Last.locate(ref)
	}
	return in.This.locate(ref)
}

// derivePlacements adds PL_LA, PL_LOCATION and PL_DISTANCE to each episode,
// as the DfE's portal does: the distance is the straight line between the
// two postcodes' OS grid references, sqrt(dE² + dN²) / 1000 / 1.6093
// miles, rounded to one decimal place.
func derivePlacements(t *Tables, la string, postcodes Postcodes) {
	if t == nil {
		return
	}
	for _, e := range t.Episodes {
		p := &Placement{}
		plLA, pe, pn, plOK := postcodes.Lookup(e.PL_POST)
		if plOK {
			p.PL_LA = plLA
			p.PL_LOCATION = "OUT"
			if strings.EqualFold(plLA, la) {
				p.PL_LOCATION = "IN"
			}
		}
		if _, he, hn, ok := postcodes.Lookup(e.HOME_POST); ok && plOK {
			miles := math.Sqrt((he-pe)*(he-pe)+(hn-pn)*(hn-pn)) / 1000 / 1.6093
			p.PL_DISTANCE = math.Round(miles*10) / 10
			p.HasDistance = true
		}
		e.Derived = p
	}
}
