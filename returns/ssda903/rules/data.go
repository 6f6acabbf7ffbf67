package rules

import (
	"iter"
	"slices"
	"sort"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/validate"
)

// DateField is a date column's submitted text and, when the text is a
// valid DD/MM/YYYY date, the date.
type DateField = returns.DateField

func dateField(text string) DateField {
	d, ok := calendar.ParseDate(text)
	return DateField{Text: text, Day: d, OK: ok}
}

// Ref locates a row: its table, its 0-based index among the table's data
// rows, and whether the table is last year's.
type Ref = validate.Ref

// Rows of each table, typed. Field names are the DfE's column names, so a
// rule reads as the DfE's wording does.

// HeaderRow is a row of Header.
type HeaderRow struct {
	Ref
	CHILD, SEX, ETHNIC, UPN, MOTHER string
	DOB, MC_DOB                     DateField
	UASC                            string // the UASC flag, submitted only in XML returns (see Tables.UASCFlag)
}

// EpisodeRow is a row of Episodes, with the fields the DfE derives from the
// postcodes when a postcode directory is given.
type EpisodeRow struct {
	Ref
	CHILD, RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE string
	HOME_POST, PL_POST, URN                                              string
	DECOM, DEC                                                           DateField
	Derived                                                              *Placement // nil without a postcode directory
}

// Placement holds the fields derived from an episode's postcodes.
type Placement struct {
	PL_LA       string  // upper-tier LA code of the placement, or SCO, WAL, NIR
	PL_LOCATION string  // IN or OUT of the local authority; "" when unknown
	PL_DISTANCE float64 // miles from home to placement, to one decimal place
	HasDistance bool    // both postcodes were found
}

// ReviewRow is a row of Reviews.
type ReviewRow struct {
	Ref
	CHILD, REVIEW_CODE string
	DOB, REVIEW        DateField
}

// UASCRow is a row of UASC.
type UASCRow struct {
	Ref
	CHILD, SEX string
	DOB, DUC   DateField
}

// OC2Row is a row of OC2.
type OC2Row struct {
	Ref
	CHILD, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK string
	HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED  string
	DOB                                                                               DateField
}

// OC3Row is a row of OC3.
type OC3Row struct {
	Ref
	CHILD, IN_TOUCH, ACTIV, ACCOM string
	DOB                           DateField
}

// AD1Row is a row of AD1.
type AD1Row struct {
	Ref
	CHILD, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR string
	DOB, DATE_INT, DATE_MATCH                            DateField
}

// PlacedAdoptionRow is a row of PlacedAdoption.
type PlacedAdoptionRow struct {
	Ref
	CHILD, REASON_PLACED_CEASED          string
	DOB, DATE_PLACED, DATE_PLACED_CEASED DateField
}

// PrevPermRow is a row of PrevPerm. DATE_PERM may have ZZ parts.
type PrevPermRow struct {
	Ref
	CHILD, PREV_PERM, LA_PERM, DATE_PERM string
	DOB                                  DateField
}

// MissingRow is a row of Missing.
type MissingRow struct {
	Ref
	CHILD, MISSING          string
	DOB, MIS_START, MIS_END DateField
}

// SWEpisodeRow is a row of SWEpisodes.
type SWEpisodeRow struct {
	Ref
	CHILD, SW_ID, SW_REASON string
	DOB, SW_DECOM, SW_DEC   DateField
}

// DoLoRow is a row of DoLo.
type DoLoRow struct {
	Ref
	CHILD                     string
	DOB, DOLO_START, DOLO_END DateField
}

// Tables is one year's return as typed rows, with each table's rows also
// grouped by child. A table the return lacks is nil and Has reports it.
type Tables struct {
	Header         []*HeaderRow
	Episodes       []*EpisodeRow
	Reviews        []*ReviewRow
	UASC           []*UASCRow
	OC2            []*OC2Row
	OC3            []*OC3Row
	AD1            []*AD1Row
	PlacedAdoption []*PlacedAdoptionRow
	PrevPerm       []*PrevPermRow
	Missing        []*MissingRow
	SWEpisodes     []*SWEpisodeRow
	DoLo           []*DoLoRow

	// UASCFlag reports whether the Header carried the UASC flag, which
	// only the XML layout has; CSV returns say UASC by the UASC table.
	UASCFlag bool

	present map[ssda903.TableName]bool
	files   map[ssda903.TableName]string  // the file each table was read from
	lines   map[ssda903.TableName][]int32 // each typed row's line in its file

	headerOf *childMap[*HeaderRow] // first Header row of each child
	// moreHeaders holds every Header row of the few children with more
	// than one, the first first.
	moreHeaders map[string][]*HeaderRow
	episodesOf  *childMap[[]*EpisodeRow] // each child's episodes in DECOM order
	children    []childEpisodes          // the same, as a list, for iterating
}

// childEpisodes is one child's episodes in DECOM order.
type childEpisodes struct {
	child    string
	episodes []*EpisodeRow
}

// Has reports whether the return included the table (even if empty).
func (t *Tables) Has(name ssda903.TableName) bool { return t != nil && t.present[name] }

// HeaderOf returns the child's Header row, or nil.
func (t *Tables) HeaderOf(child string) *HeaderRow { return t.headerOf.get(child) }

// EpisodesOf returns the child's episodes ordered by DECOM (episodes whose
// DECOM is not a valid date last, in file order).
func (t *Tables) EpisodesOf(child string) []*EpisodeRow { return t.episodesOf.get(child) }

// ByChild yields each child with episodes and those episodes in DECOM
// order, children in the order of their first row in the Episodes table
// (use Children for a sorted list).
func (t *Tables) ByChild() iter.Seq2[string, []*EpisodeRow] {
	return func(yield func(string, []*EpisodeRow) bool) {
		for _, c := range t.children {
			if !yield(c.child, c.episodes) {
				return
			}
		}
	}
}

// Children returns the children with episodes, sorted.
func (t *Tables) Children() []string {
	out := make([]string, 0, len(t.children))
	for _, c := range t.children {
		out = append(out, c.child)
	}
	sort.Strings(out)
	return out
}

// newTables types every table of r once, so that no rule parses a date or
// groups by child again.
// A nil return gives empty tables, none present, so that a rule reading
// last year's tables when they were not given sees no rows.
func newTables(r *ssda903.Return, last bool) *Tables { return newTablesOf(r, last, nil) }

// lastYearTables are the tables of last year's return that rules read
// (TestLastYearTables keeps this list and the rules in step); earlier
// years are read only for their episodes. Leaving the others untyped
// keeps a national validation's memory down.
var (
	lastYearTables = []ssda903.TableName{ssda903.Header, ssda903.Episodes, ssda903.UASC, ssda903.PlacedAdoption,
		ssda903.OC3, ssda903.Missing, ssda903.DoLo}
	olderYearTables = []ssda903.TableName{ssda903.Episodes}
)

// ReadsEarlier reports whether the rules read the table t of the return
// of back years before the one validated (1 for last year's), so that a
// caller may leave the others' rows unread.
func ReadsEarlier(back int, t ssda903.TableName) bool {
	if back == 1 {
		return slices.Contains(lastYearTables, t)
	}
	return slices.Contains(olderYearTables, t)
}

// newTablesOf is newTables typing only the tables named in only (all when
// only is nil); the others are empty, though Has still reports whether the
// return had them.
func newTablesOf(r *ssda903.Return, last bool, only []ssda903.TableName) *Tables {
	t := &Tables{present: map[ssda903.TableName]bool{}}
	if r == nil {
		t.index()
		return t
	}
	t.files = make(map[ssda903.TableName]string, len(r.Tables))
	t.lines = make(map[ssda903.TableName][]int32, len(r.Tables))
	for name, table := range r.Tables {
		t.present[name] = true
		t.files[name] = table.File
		if only == nil || slices.Contains(only, name) {
			t.lines[name] = rowLines(table)
		}
	}
	t.UASCFlag = r.Table(ssda903.Header).Has("UASC")
	// The tables are typed concurrently: a national return has hundreds
	// of thousands of rows and each table's work is independent.
	parallel(
		func() {
			t.Header = typed(r, last, only, ssda903.Header, func(row *HeaderRow, ref Ref, v col) {
				*row = HeaderRow{Ref: ref, CHILD: v.s("CHILD"), SEX: v.s("SEX"), DOB: v.d("DOB"),
					ETHNIC: v.s("ETHNIC"), UPN: v.s("UPN"), MOTHER: v.s("MOTHER"), MC_DOB: v.d("MC_DOB"), UASC: v.s("UASC")}
			})
		},
		func() {
			t.Episodes = typed(r, last, only, ssda903.Episodes, func(row *EpisodeRow, ref Ref, v col) {
				*row = EpisodeRow{Ref: ref, CHILD: v.s("CHILD"), DECOM: v.d("DECOM"), RNE: v.s("RNE"),
					LS: v.s("LS"), CIN: v.s("CIN"), PLACE: v.s("PLACE"), PLACE_PROVIDER: v.s("PLACE_PROVIDER"), DEC: v.d("DEC"),
					REC: v.s("REC"), REASON_PLACE_CHANGE: v.s("REASON_PLACE_CHANGE"), HOME_POST: v.s("HOME_POST"),
					PL_POST: v.s("PL_POST"), URN: v.s("URN")}
			})
		},
		func() {
			t.Reviews = typed(r, last, only, ssda903.Reviews, func(row *ReviewRow, ref Ref, v col) {
				*row = ReviewRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), REVIEW: v.d("REVIEW"),
					REVIEW_CODE: v.s("REVIEW_CODE")}
			})
		},
		func() {
			t.UASC = typed(r, last, only, ssda903.UASC, func(row *UASCRow, ref Ref, v col) {
				*row = UASCRow{Ref: ref, CHILD: v.s("CHILD"), SEX: v.s("SEX"), DOB: v.d("DOB"), DUC: v.d("DUC")}
			})
		},
		func() {
			t.OC2 = typed(r, last, only, ssda903.OC2, func(row *OC2Row, ref Ref, v col) {
				*row = OC2Row{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), SDQ_SCORE: v.s("SDQ_SCORE"),
					SDQ_REASON: v.s("SDQ_REASON"), CONVICTED: v.s("CONVICTED"), HEALTH_CHECK: v.s("HEALTH_CHECK"),
					IMMUNISATIONS: v.s("IMMUNISATIONS"), TEETH_CHECK: v.s("TEETH_CHECK"), HEALTH_ASSESSMENT: v.s("HEALTH_ASSESSMENT"),
					SUBSTANCE_MISUSE: v.s("SUBSTANCE_MISUSE"), INTERVENTION_RECEIVED: v.s("INTERVENTION_RECEIVED"),
					INTERVENTION_OFFERED: v.s("INTERVENTION_OFFERED")}
			})
		},
		func() {
			t.OC3 = typed(r, last, only, ssda903.OC3, func(row *OC3Row, ref Ref, v col) {
				*row = OC3Row{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), IN_TOUCH: v.s("IN_TOUCH"),
					ACTIV: v.s("ACTIV"), ACCOM: v.s("ACCOM")}
			})
		},
		func() {
			t.AD1 = typed(r, last, only, ssda903.AD1, func(row *AD1Row, ref Ref, v col) {
				*row = AD1Row{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), DATE_INT: v.d("DATE_INT"),
					DATE_MATCH: v.d("DATE_MATCH"), FOSTER_CARE: v.s("FOSTER_CARE"), NB_ADOPTR: v.s("NB_ADOPTR"),
					SEX_ADOPTR: v.s("SEX_ADOPTR"), LS_ADOPTR: v.s("LS_ADOPTR")}
			})
		},
		func() {
			t.PlacedAdoption = typed(r, last, only, ssda903.PlacedAdoption, func(row *PlacedAdoptionRow, ref Ref, v col) {
				*row = PlacedAdoptionRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"),
					DATE_PLACED: v.d("DATE_PLACED"), DATE_PLACED_CEASED: v.d("DATE_PLACED_CEASED"),
					REASON_PLACED_CEASED: v.s("REASON_PLACED_CEASED")}
			})
		},
		func() {
			t.PrevPerm = typed(r, last, only, ssda903.PrevPerm, func(row *PrevPermRow, ref Ref, v col) {
				*row = PrevPermRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"),
					PREV_PERM: v.s("PREV_PERM"), LA_PERM: v.s("LA_PERM"), DATE_PERM: v.s("DATE_PERM")}
			})
		},
		func() {
			t.Missing = typed(r, last, only, ssda903.Missing, func(row *MissingRow, ref Ref, v col) {
				*row = MissingRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), MISSING: v.s("MISSING"),
					MIS_START: v.d("MIS_START"), MIS_END: v.d("MIS_END")}
			})
		},
		func() {
			t.SWEpisodes = typed(r, last, only, ssda903.SWEpisodes, func(row *SWEpisodeRow, ref Ref, v col) {
				*row = SWEpisodeRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), SW_ID: v.s("SW_ID"),
					SW_DECOM: v.d("SW_DECOM"), SW_DEC: v.d("SW_DEC"), SW_REASON: v.s("SW_REASON")}
			})
		},
		func() {
			t.DoLo = typed(r, last, only, ssda903.DoLo, func(row *DoLoRow, ref Ref, v col) {
				*row = DoLoRow{Ref: ref, CHILD: v.s("CHILD"), DOB: v.d("DOB"), DOLO_START: v.d("DOLO_START"),
					DOLO_END: v.d("DOLO_END")}
			})
		},
	)
	t.index()
	return t
}

func (t *Tables) index() {
	t.headerOf = newChildMap[*HeaderRow](len(t.Header))
	for _, h := range t.Header {
		first := t.headerOf.get(h.CHILD)
		switch {
		case first == nil:
			t.headerOf.set(h.CHILD, h)
		case t.moreHeaders[h.CHILD] == nil:
			if t.moreHeaders == nil {
				t.moreHeaders = map[string][]*HeaderRow{}
			}
			t.moreHeaders[h.CHILD] = []*HeaderRow{first, h}
		default:
			t.moreHeaders[h.CHILD] = append(t.moreHeaders[h.CHILD], h)
		}
	}
	// Each child's episodes, children as first met, cut from one backing
	// array (childGroups), then put in DECOM order: most already are.
	children, groups := childGroups(t.Episodes, func(e *EpisodeRow) string { return e.CHILD })
	t.children = make([]childEpisodes, len(children))
	t.episodesOf = newChildMap[[]*EpisodeRow](len(children))
	for i, eps := range groups {
		if !slices.IsSortedFunc(eps, compareDECOM) {
			slices.SortStableFunc(eps, compareDECOM)
		}
		t.children[i] = childEpisodes{children[i], eps}
		t.episodesOf.set(children[i], eps)
	}
}

// compareDECOM orders episodes by DECOM, those whose DECOM is not a valid
// date last.
func compareDECOM(a, b *EpisodeRow) int { return dateCmp(a.DECOM, b.DECOM) }

// col reads one row's values by column name. The schema's columns are
// few, so finding one by comparing names beats hashing them.
type col struct {
	schema *ssda903.Schema
	values []string
}

func (c col) s(name string) string    { return c.values[c.schema.Index(name)] }
func (c col) d(name string) DateField { return dateField(c.s(name)) }

// typed builds the typed rows of one table, all in one allocation, so that
// a national return's hundreds of thousands of rows cost the garbage
// collector little.
func typed[T any](r *ssda903.Return, last bool, only []ssda903.TableName, name ssda903.TableName, build func(row *T, ref Ref, v col)) []*T {
	table := r.Table(name)
	if table == nil || (only != nil && !slices.Contains(only, name)) {
		return nil
	}
	rows := make([]T, len(table.Rows))
	out := make([]*T, len(table.Rows))
	for i := range table.Rows {
		build(&rows[i], Ref{Table: name, Row: i, Last: last}, col{schema: table.Schema, values: table.Rows[i].Values})
		out[i] = &rows[i]
	}
	return out
}

// rowLines returns the line each of the table's rows came from, kept so
// that failures can say where a row is after the raw rows are let go.
func rowLines(table *ssda903.Table) []int32 {
	lines := make([]int32, len(table.Rows))
	for i, r := range table.Rows {
		lines[i] = int32(r.Line)
	}
	return lines
}

// locate returns the file and line of the row at ref, or "" and 0.
func (t *Tables) locate(ref Ref) (string, int) {
	lines := t.lines[ref.Table]
	if ref.Row < 0 || ref.Row >= len(lines) {
		return t.files[ref.Table], 0
	}
	return t.files[ref.Table], int(lines[ref.Row])
}

// parallel runs the functions at the same time and waits for them all.
func parallel(funcs ...func()) {
	var wg sync.WaitGroup
	for _, f := range funcs {
		wg.Go(f)
	}
	wg.Wait()
}

// field returns the submitted text of a column of the row at ref, read
// from the typed row's values in schema order (see appendValues), so that
// a failure can show its values without the raw tables. A messy return's
// report asks it hundreds of thousands of times: it reflects on nothing,
// and its values are gathered on the stack (each row type's method is
// called as itself: through an interface they would escape to the heap).
func (t *Tables) field(ref Ref, name string) (string, bool) {
	schema := ssda903.Collection.Schema(ref.Table)
	if schema == nil {
		return "", false
	}
	at := schema.Index(name)
	var buf [16]string
	values := t.appendValues(ref, buf[:0])
	if at < 0 || at >= len(values) {
		return "", false
	}
	return values[at], true
}

// appendValues appends the text of the columns of the row at ref, in
// schema order, to dst: nothing when the table has no such row.
func (t *Tables) appendValues(ref Ref, dst []string) []string {
	switch ref.Table {
	case ssda903.Header:
		if row := rowOf(t.Header, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.Episodes:
		if row := rowOf(t.Episodes, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.Reviews:
		if row := rowOf(t.Reviews, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.UASC:
		if row := rowOf(t.UASC, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.OC2:
		if row := rowOf(t.OC2, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.OC3:
		if row := rowOf(t.OC3, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.AD1:
		if row := rowOf(t.AD1, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.PlacedAdoption:
		if row := rowOf(t.PlacedAdoption, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.PrevPerm:
		if row := rowOf(t.PrevPerm, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.Missing:
		if row := rowOf(t.Missing, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.SWEpisodes:
		if row := rowOf(t.SWEpisodes, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	case ssda903.DoLo:
		if row := rowOf(t.DoLo, ref.Row); row != nil {
			return row.appendValues(dst)
		}
	}
	return dst
}

// rowOf returns rows[i], or nil.
func rowOf[R any](rows []*R, i int) *R {
	if i < 0 || i >= len(rows) {
		return nil
	}
	return rows[i]
}
