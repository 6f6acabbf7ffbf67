package validate

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
)

// Input is what the engine asks of a return's data: what it holds, and
// the child and values of a row a failure points at.
type Input interface {
	// Has reports whether the input has every input need names.
	Has(need Need) bool
	// HasTable reports whether the year's return (or, with last, the
	// previous year's) included the table, even if empty.
	HasTable(t Table, last bool) bool
	// Child returns the child the row at ref is about, and whether
	// there is such a row.
	Child(ref Ref) (string, bool)
	// Value returns the submitted text of a field of the row at ref,
	// including fields derived from it, and whether the row has it.
	Value(ref Ref, field string) (string, bool)
}

// Locator is an Input that knows where each row came from: the file and
// the 1-based line of the file (its header on line 1, or the line of an
// XML element). A failure on an Input that is a Locator carries both.
type Locator interface {
	Locate(ref Ref) (file string, line int)
}

// Ref locates a row: its table, its 0-based index among the table's data
// rows, and whether the table is last year's.
type Ref struct {
	Table Table
	Row   int
	Last  bool
}

// Failure is one row that breaks a rule.
type Failure struct {
	Rule        *Info
	Table       Table
	Last        bool   // the row is in last year's table
	Row         int    // 1-based position of the data row in its table, the header not counted
	File        string // the file the row was read from, when the input knows it
	Line        int    // the row's 1-based line in File (the header is line 1); 0 when not known
	Child       string
	Fields      []FieldValue
	Explanation string // why, in plain words with the values involved
}

// FieldValue is a field a failure points at and its submitted value.
type FieldValue struct {
	Name, Value string
}

// Skip is a rule that did not run, and why.
type Skip struct {
	Rule   *Info
	Reason string
}

// Report is the result of validating a return.
type Report struct {
	Year     calendar.Year
	Missing  []Table // required tables the return lacks; when any, no rule ran
	Ran      []*Info
	Skipped  []Skip
	Failures []Failure // in rule order, then table and row
}

// Recorder collects one rule's failures. A return's context embeds it, so
// that a check says c.Fail(ref, why).
type Recorder struct {
	in      Input
	locator Locator // in, when it can say where rows came from; else nil
	rule    *Info
	// chunks hold the failures in the order reported. A messy return's
	// rule may fail hundreds of thousands of rows: chunks are never
	// copied to grow, and Run copies them once into the report.
	chunks [][]Failure
	count  int
	// fields is where the failures' field values are cut from, so that
	// a failure's few values are not an allocation of their own.
	fields []FieldValue
}

// Chunk sizes of a Recorder's failures: small for the many rules that
// fail a few rows, large for those that fail many. Field values are cut
// from blocks of at most maxFieldBlock.
const (
	firstChunk    = 16
	maxChunk      = 8192
	maxFieldBlock = 1024
)

// add appends f to the recorded failures.
func (r *Recorder) add(f Failure) {
	last := len(r.chunks) - 1
	if last < 0 || len(r.chunks[last]) == cap(r.chunks[last]) {
		size := firstChunk
		if last >= 0 {
			size = min(2*cap(r.chunks[last]), maxChunk)
		}
		r.chunks = append(r.chunks, make([]Failure, 0, size))
		last++
	}
	r.chunks[last] = append(r.chunks[last], f)
	r.count++
}

// takeFields returns an empty slice with room for n field values. The
// blocks they are cut from grow as the chunks do: most rules fail a few
// rows, and a block of a thousand values for each is mostly unused.
func (r *Recorder) takeFields(n int) []FieldValue {
	if cap(r.fields)-len(r.fields) < n {
		size := min(max(2*cap(r.fields), 4*firstChunk), maxFieldBlock)
		r.fields = make([]FieldValue, 0, max(n, size))
	}
	start := len(r.fields)
	r.fields = r.fields[:start+n]
	return r.fields[start : start : start+n]
}

// Fail reports that the row at ref breaks the rule. why explains it in
// plain words, with the values involved; fields are the fields to show
// with their submitted values, the rule's Fields when none are named
// (those the row lacks are left out).
func (r *Recorder) Fail(ref Ref, why string, fields ...string) {
	f := Failure{Rule: r.rule, Table: ref.Table, Last: ref.Last, Row: ref.Row + 1, Explanation: why}
	if child, ok := r.in.Child(ref); ok {
		f.Child = child
		if r.locator != nil {
			f.File, f.Line = r.locator.Locate(ref)
		}
		if len(fields) == 0 {
			// A check that names no fields points at those its rule
			// declares, so that every failure shows the values it is about.
			fields = r.rule.Fields
		}
		f.Fields = r.takeFields(len(fields))
		for _, name := range fields {
			if v, ok := r.in.Value(ref, name); ok {
				f.Fields = append(f.Fields, FieldValue{name, v})
			}
		}
	}
	r.add(f)
}

// Failf is Fail with the explanation formatted as fmt.Sprintf does.
func (r *Recorder) Failf(ref Ref, fields []string, format string, args ...any) {
	r.Fail(ref, fmt.Sprintf(format, args...), fields...)
}

// Run checks in, the return of collection year y, against each of rules
// (usually s.For(y)), in parallel. context makes a rule's context around
// its Recorder. A rule whose input is missing is skipped with the reason,
// never passed silently; a rule that fails unexpectedly is reported as
// skipped with its error, without stopping the others.
func (s *Set[C]) Run(in Input, y calendar.Year, rules []*Rule[C], context func(*Recorder) C) *Report {
	rep := &Report{Year: y}
	for _, t := range s.about.Required {
		if !in.HasTable(t, false) {
			rep.Missing = append(rep.Missing, t)
		}
	}
	results := make([]*Recorder, len(rules))
	problems := make([]string, len(rules))
	infos := make([]*Info, len(rules))
	for i, r := range rules {
		infos[i] = s.Info(r)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				results[i], problems[i] = runOne(in, rules[i], infos[i], context)
			}
		})
	}
	for i := range rules {
		if len(rep.Missing) > 0 {
			problems[i] = missingTables(rep.Missing)
			continue
		}
		if reason := s.missingInput(in, infos[i]); reason != "" {
			problems[i] = reason
			continue
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	total := 0
	for _, rec := range results {
		if rec != nil {
			total += rec.count
		}
	}
	rep.Failures = make([]Failure, 0, total)
	for i, info := range infos {
		if problems[i] != "" {
			rep.Skipped = append(rep.Skipped, Skip{Rule: info, Reason: problems[i]})
			continue
		}
		rep.Ran = append(rep.Ran, info)
		rep.Failures = results[i].appendSorted(rep.Failures)
		results[i] = nil // let its chunks go as the report fills
	}
	return rep
}

// appendSorted appends the rule's failures to dst ordered by table and
// row, those of one row in the order reported.
func (r *Recorder) appendSorted(dst []Failure) []Failure {
	if r.inOrder() {
		for _, c := range r.chunks {
			dst = append(dst, c...)
		}
		return dst
	}
	// A messy rule's failures can be many and out of order: sorting their
	// places, a quarter of a Failure's size, and copying each failure once
	// to its place costs a fraction of sorting the failures themselves.
	places := make([]place, 0, r.count)
	for c, chunk := range r.chunks {
		for i := range chunk {
			places = append(places, place{chunk[i].Table, chunk[i].Row, int32(c), int32(i)})
		}
	}
	slices.SortFunc(places, comparePlaces)
	for _, p := range places {
		dst = append(dst, r.chunks[p.chunk][p.index])
	}
	return dst
}

// place is where a recorded failure points, and where it was recorded.
type place struct {
	table        Table
	row          int
	chunk, index int32
}

// comparePlaces orders places by table and row, then as recorded, so
// that an unstable sort keeps the failures of one row in their order.
func comparePlaces(a, b place) int {
	return cmp.Or(compareRows(a.table, a.row, b.table, b.row), cmp.Compare(a.chunk, b.chunk), cmp.Compare(a.index, b.index))
}

// compareRows orders rows by table, then by their place in it.
func compareRows(aTable Table, aRow int, bTable Table, bRow int) int {
	return cmp.Or(strings.Compare(string(aTable), string(bTable)), cmp.Compare(aRow, bRow))
}

// inOrder reports whether the failures were recorded in table and row
// order, as most rules record them.
func (r *Recorder) inOrder() bool {
	var last *Failure
	for _, c := range r.chunks {
		for i := range c {
			f := &c[i]
			if last != nil && compareRows(last.Table, last.Row, f.Table, f.Row) > 0 {
				return false
			}
			last = f
		}
	}
	return true
}

// missingInput says what a rule needs that in lacks, or "".
func (s *Set[C]) missingInput(in Input, r *Info) string {
	var lacks []string
	for i, name := range s.about.Needs {
		need := Need(1) << i
		if r.Needs&need != 0 && !in.Has(need) {
			lacks = append(lacks, name.Words)
		}
	}
	for _, t := range r.Tables {
		if !in.HasTable(t, false) {
			lacks = append(lacks, "the "+string(t)+" table")
		}
	}
	lastTables := r.LastTables
	if lastTables == nil && r.Needs&NeedLast != 0 {
		lastTables = r.Tables
	}
	if in.Has(NeedLast) {
		for _, t := range lastTables {
			if !in.HasTable(t, true) {
				lacks = append(lacks, "the "+string(t)+" table in last year's return")
			}
		}
	}
	if len(lacks) == 0 {
		return ""
	}
	return "needs " + strings.Join(lacks, ", ")
}

// missingTables is the reason every rule is skipped when the return
// lacks required tables.
func missingTables(tables []Table) string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = "the " + string(t) + " table"
	}
	return "needs " + strings.Join(names, " and ") + ", which the return lacks"
}

// runOne runs one rule, turning a panic into the reason it was skipped.
func runOne[C any](in Input, r *Rule[C], info *Info, context func(*Recorder) C) (rec *Recorder, problem string) {
	defer func() {
		if p := recover(); p != nil {
			rec, problem = nil, fmt.Sprintf("the rule could not run: %v", p)
		}
	}()
	rec = &Recorder{in: in, rule: info}
	rec.locator, _ = in.(Locator)
	r.Check(context(rec))
	return rec, ""
}
