package journey

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Tables are the tables of a return that Build reads; a caller reading
// returns from the store need fetch no others.
var Tables = []ssda903.TableName{ssda903.Header, ssda903.Episodes, ssda903.UASC,
	ssda903.OC2, ssda903.OC3, ssda903.AD1, ssda903.PlacedAdoption, ssda903.Missing, ssda903.Reviews}

// Build stitches the returns of several collection years (any order) into
// one journey per child: every child named in an Episodes, Header or UASC
// table of any of them. It fails only when the returns cannot be one
// authority's history: a nil return, a return without a collection year,
// two returns for the same year, or two different local authorities.
// Problems in the data are repaired and listed in Set.Repairs instead.
// Placements are not located; BuildWith can locate them.
func Build(returns []*ssda903.Return) (*Set, error) {
	return BuildWith(returns, Options{})
}

// BuildWith is Build with options: a postcode directory to locate each
// placement (see Options).
func BuildWith(returns []*ssda903.Return, opts Options) (*Set, error) {
	ordered, la, err := inOrder(returns)
	if err != nil {
		return nil, err
	}
	b := &builder{drafts: map[string]*draft{}}
	if n := len(ordered); n > 0 {
		b.first, b.latest = ordered[0].Year, ordered[n-1].Year
	}
	b.reserve(ordered)
	for _, r := range ordered {
		b.readHeaders(r)
		b.readUASC(r)
		b.readEpisodes(r)
	}
	b.readRecords(ordered) // the other tables: records.go
	s := b.finish()
	opts.locate(s, la)
	return s, nil
}

// inOrder returns the returns sorted oldest first and the local authority
// they name ("" when none does), or why they cannot be stitched together.
func inOrder(returns []*ssda903.Return) ([]*ssda903.Return, string, error) {
	la := ""
	for i, r := range returns {
		switch {
		case r == nil:
			return nil, "", fmt.Errorf("journey: return %d is missing (nil)", i+1)
		case r.Year <= 0:
			return nil, "", fmt.Errorf("journey: return %d has no collection year", i+1)
		case r.LA != "" && la != "" && r.LA != la:
			return nil, "", fmt.Errorf("journey: returns of two local authorities, %s and %s; a child's ID means nothing outside its own", la, r.LA)
		case r.LA != "":
			la = r.LA
		}
	}
	ordered := slices.Clone(returns)
	slices.SortStableFunc(ordered, func(a, b *ssda903.Return) int { return cmp.Compare(a.Year, b.Year) })
	for i := 1; i < len(ordered); i++ {
		if ordered[i].Year == ordered[i-1].Year {
			return nil, "", fmt.Errorf("journey: two returns for %s; give one per collection year", ordered[i].Year)
		}
	}
	return ordered, la, nil
}

// builder gathers the rows of every return, child by child.
type builder struct {
	first    calendar.Year // the oldest return given
	latest   calendar.Year // the latest return given
	drafts   map[string]*draft
	loose    []Repair  // unusable rows that name no child
	episodes []Episode // room for every child's episodes, handed out in finish
}

// reserve sizes each child's rows, and the room for the episodes, from one
// allocation each: growing thousands of small slices row by row costs more
// than reading the rows.
func (b *builder) reserve(ordered []*ssda903.Return) {
	per := map[string]int{}
	total := 0
	for _, r := range ordered {
		t := r.Table(ssda903.Episodes)
		child := index(t, "CHILD")
		if child < 0 {
			continue
		}
		for _, x := range t.Rows {
			per[cell(x, child)]++
		}
		total += len(t.Rows)
	}
	rows := make([]row, total)
	for id, n := range per {
		if id != "" {
			b.draft(id).rows, rows = rows[:0:n], rows[n:]
		}
	}
	b.episodes = make([]Episode, total)
}

// draft is what is known of one child while the returns are read.
type draft struct {
	child   Child
	rows    []row    // every usable episode row, oldest return first
	repairs []Repair // rows left out while reading
}

// row is one Episodes row as read.
type row struct {
	ep     Episode
	end    string // DEC as submitted, trimmed
	badEnd bool   // DEC given but not a date on or after DECOM
}

// draft returns the draft for child id, adding it if new.
func (b *builder) draft(id string) *draft {
	d := b.drafts[id]
	if d == nil {
		d = &draft{child: Child{ID: id}}
		b.drafts[id] = d
	}
	return d
}

// cell returns value i of row r, or "" when the row is short or the column
// is missing, so that a malformed table cannot crash the build.
func cell(r ssda903.Row, i int) string {
	if i < 0 || i >= len(r.Values) {
		return ""
	}
	return r.Values[i]
}

// index returns the position of column name in table t, or -1.
func index(t *ssda903.Table, name string) int {
	if t == nil || t.Schema == nil {
		return -1
	}
	return t.Schema.Index(name)
}

// readHeaders takes each child's DOB, SEX and ETHNIC; returns are read
// oldest first, so the latest year with a value wins. A blank or broken
// value does not erase an earlier good one.
func (b *builder) readHeaders(r *ssda903.Return) {
	t := r.Table(ssda903.Header)
	child, dob, sex, ethnic, uasc := index(t, "CHILD"), index(t, "DOB"), index(t, "SEX"), index(t, "ETHNIC"), index(t, "UASC")
	if child < 0 {
		return
	}
	for _, row := range t.Rows {
		id := cell(row, child)
		if id == "" {
			continue
		}
		c := &b.draft(id).child
		if day, ok := calendar.ParseDate(strings.TrimSpace(cell(row, dob))); ok {
			c.DOB, c.HasDOB = day, true
		}
		if v := cell(row, sex); v != "" {
			c.Sex = v
		}
		if v := cell(row, ethnic); v != "" {
			c.Ethnic = v
		}
		// The XML layout carries UASC as a Header flag.
		c.UASC = c.UASC || strings.TrimSpace(cell(row, uasc)) == "1"
	}
}

// readUASC marks every child in the UASC table.
func (b *builder) readUASC(r *ssda903.Return) {
	t := r.Table(ssda903.UASC)
	child := index(t, "CHILD")
	if child < 0 {
		return
	}
	for _, row := range t.Rows {
		if id := cell(row, child); id != "" {
			b.draft(id).child.UASC = true
		}
	}
}

// episodeColumns holds the positions of the Episodes columns.
type episodeColumns struct {
	child, decom, rne, ls, cin, place, provider, dec, rec, reason, home, post, urn int
}

func columnsOf(t *ssda903.Table) episodeColumns {
	return episodeColumns{
		child: index(t, "CHILD"), decom: index(t, "DECOM"), rne: index(t, "RNE"), ls: index(t, "LS"),
		cin: index(t, "CIN"), place: index(t, "PLACE"), provider: index(t, "PLACE_PROVIDER"),
		dec: index(t, "DEC"), rec: index(t, "REC"), reason: index(t, "REASON_PLACE_CHANGE"),
		home: index(t, "HOME_POST"), post: index(t, "PL_POST"), urn: index(t, "URN"),
	}
}

// readEpisodes adds every Episodes row of r to its child's draft.
func (b *builder) readEpisodes(r *ssda903.Return) {
	t := r.Table(ssda903.Episodes)
	col := columnsOf(t)
	if col.child < 0 {
		return
	}
	for _, x := range t.Rows {
		b.readEpisode(r.Year, col, x)
	}
}

// readEpisode reads one Episodes row. Dates are trimmed of spaces, as the
// journey wants every usable row; the validator reports the spaces.
func (b *builder) readEpisode(y calendar.Year, col episodeColumns, x ssda903.Row) {
	id := cell(x, col.child)
	decom := cell(x, col.decom)
	start, ok := calendar.ParseDate(strings.TrimSpace(decom))
	if id == "" || !ok {
		b.unusable(Repair{Kind: Unusable, Child: id, Year: y, Line: x.Line, DECOM: decom,
			Detail: unusableWhy(id, decom)})
		return
	}
	w := row{end: strings.TrimSpace(cell(x, col.dec))}
	w.ep = Episode{Start: start, RNE: cell(x, col.rne), LS: cell(x, col.ls), CIN: cell(x, col.cin),
		Place: cell(x, col.place), Provider: cell(x, col.provider), REC: cell(x, col.rec),
		ReasonChange: cell(x, col.reason), HomePost: cell(x, col.home), PlacePost: cell(x, col.post),
		URN: cell(x, col.urn), Year: y, Line: x.Line}
	w.ep.ShortBreak = w.ep.LS == "V3" || w.ep.LS == "V4"
	w.ep.End, w.ep.Open, w.badEnd = readEnd(w.end, start)
	d := b.draft(id)
	d.rows = append(d.rows, w)
}

// readEnd reads DEC: open when blank, and open but flagged when it is not
// a date on or after the start.
func readEnd(dec string, start calendar.Date) (end calendar.Date, open, bad bool) {
	if dec == "" {
		return 0, true, false
	}
	day, ok := calendar.ParseDate(dec)
	if !ok || day < start {
		return 0, true, true
	}
	return day, false, false
}

func unusableWhy(id, decom string) string {
	if id == "" {
		return "the row has no CHILD, so it belongs to no journey; left out"
	}
	return fmt.Sprintf("DECOM %q is not a DD/MM/YYYY date, so the episode cannot be placed in time; left out", decom)
}

// unusable lists a row that was left out.
func (b *builder) unusable(rep Repair) {
	if rep.Child == "" {
		b.loose = append(b.loose, rep)
		return
	}
	d := b.draft(rep.Child)
	d.repairs = append(d.repairs, rep)
}

// finish builds every child's journey, in ID order, and gathers the
// repairs.
func (b *builder) finish() *Set {
	s := &Set{Children: make([]*Child, 0, len(b.drafts)), First: b.first, Last: b.latest}
	for _, rep := range b.loose {
		s.Repairs.add(rep)
	}
	ids := make([]string, 0, len(b.drafts))
	for id := range b.drafts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		d := b.drafts[id]
		room := len(d.rows)
		c := d.build(b.first, b.latest, b.episodes[:0:room])
		b.episodes = b.episodes[room:]
		for _, rep := range c.Repairs {
			s.Repairs.add(rep)
		}
		s.Children = append(s.Children, c)
	}
	return s
}

// build repairs the child's episodes, kept in room, and groups them into
// periods.
func (d *draft) build(first, latest calendar.Year, room []Episode) *Child {
	c := &d.child
	c.Repairs = d.repairs
	f := fixer{id: c.ID, latest: latest}
	eps := f.dedupe(d.rows, room)
	eps = f.dropOutdated(eps)
	f.closeOpen(eps)
	f.mend(eps)
	c.Episodes = eps
	c.Periods = periods(eps)
	censor(c.Periods, first)
	c.Repairs = append(c.Repairs, f.repairs...)
	d.rows = nil // the rows are no longer needed
	return c
}
