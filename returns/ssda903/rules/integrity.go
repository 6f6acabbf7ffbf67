package rules

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// integrityRules are Village's own data-integrity checks.
var integrityRules = []*Rule{
	ruleEPI,
	ruleINT01,
	ruleINT02,
	ruleINT03,
	ruleINT04,
	ruleINT05,
	ruleINT06,
	ruleINT07,
	ruleINT08,
	ruleINT09,
	ruleINT11,
	ruleINT12,
	ruleINT13,
	ruleINT14,
	ruleINT15,
	ruleINT16,
	ruleINT17,
	ruleINT18,
	ruleINT21,
	ruleINT31,
	ruleINT32,
	ruleINT33,
	ruleINT34,
	ruleINT35,
	ruleINT36,
	ruleNoE,
	ruleVIL01,
	ruleVIL02,
	ruleVIL03,
	ruleVIL04,
	ruleVIL05,
	ruleVIL06,
	ruleVIL07,
	ruleVIL08,
}

// ruleEPI: each child in Header must have episodes or a row in OC3.
var ruleEPI = &Rule{
	Code:    "EPI",
	Message: "WARNING: Episodes need to be loaded for this child before further validation is possible",
	Caveat:  "The DfE's portal stops here; Village goes on and runs every check the data allows.",
	Description: "Each child in Header must have episodes in Episodes, or a row in OC3. Episodes and OC3 are " +
		"read when the return has them; a return without them fails for every child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"CHILD"},
	Origin: Village,
	Check: func(c *Context) {
		oc3 := make(map[string]bool, len(c.This.OC3))
		for _, r := range c.This.OC3 {
			oc3[r.CHILD] = true
		}
		for _, h := range c.This.Header {
			if len(c.This.EpisodesOf(h.CHILD)) == 0 && !oc3[h.CHILD] {
				c.Fail(h.Ref, fmt.Sprintf("CHILD %q has no episodes and no row in OC3", h.CHILD))
			}
		}
	},
}

var ruleINT01 = childInHeaderRule("INT01", "Data Integrity Check: Child in AD1 does not exist in Header.", ssda903.AD1)

var ruleINT02 = childInHeaderRule("INT02", "Internal Check: Child in PlacedAdoption does not exist in Header.", ssda903.PlacedAdoption)

var ruleINT03 = childInHeaderRule("INT03", "Internal Check: Child in Episodes does not exist in Header.", ssda903.Episodes)

var ruleINT04 = childInHeaderRule("INT04", "Internal Check: Child in Missing does not exist in Header.", ssda903.Missing)

var ruleINT05 = childInHeaderRule("INT05", "Internal Check: Child in OC2 does not exist in Header.", ssda903.OC2)

var ruleINT06 = childInHeaderRule("INT06", "Internal Check: Child in OC3 does not exist in Header.", ssda903.OC3)

var ruleINT07 = childInHeaderRule("INT07", "Internal Check: Child in PrevPerm does not exist in Header.", ssda903.PrevPerm)

var ruleINT08 = childInHeaderRule("INT08", "Internal Check: Child in Reviews does not exist in Header.", ssda903.Reviews)

var ruleINT09 = childInHeaderRule("INT09", "Internal Check: Child in UASC does not exist in Header.", ssda903.UASC)

var ruleINT11 = sameBirthRule("INT11", ssda903.AD1)

var ruleINT12 = sameBirthRule("INT12", ssda903.PlacedAdoption)

var ruleINT13 = sameBirthRule("INT13", ssda903.Missing)

var ruleINT14 = sameBirthRule("INT14", ssda903.OC2)

var ruleINT15 = sameBirthRule("INT15", ssda903.OC3)

var ruleINT16 = sameBirthRule("INT16", ssda903.PrevPerm)

var ruleINT17 = sameBirthRule("INT17", ssda903.Reviews)

var ruleINT18 = sameBirthRule("INT18", ssda903.UASC)

// ruleINT21: where both are given, <SEX> in UASC must be the child's <SEX>
// in each of the child's Header rows.
var ruleINT21 = &Rule{
	Code: "INT21", Message: "Internal Check: SEX in UASC is different to SEX in Header.",
	Description: "Where both are given, <SEX> in UASC must be the same as the child's <SEX> in Header.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"SEX"},
	Origin: Village,
	Check: func(c *Context) {
		headers := headersByChild(c.This)
		for _, r := range c.This.UASC {
			if r.SEX == "" {
				continue
			}
			for _, h := range headers(r.CHILD) {
				if h.SEX != "" && h.SEX != r.SEX {
					c.Fail(r.Ref, fmt.Sprintf("SEX %q is not the SEX in Header, %q", r.SEX, h.SEX))
					break
				}
			}
		}
	},
}

var ruleINT31 = onceOnlyRule("INT31", ssda903.AD1)

var ruleINT32 = onceOnlyRule("INT32", ssda903.Header)

var ruleINT33 = onceOnlyRule("INT33", ssda903.OC2)

var ruleINT34 = onceOnlyRule("INT34", ssda903.OC3)

var ruleINT35 = onceOnlyRule("INT35", ssda903.PrevPerm)

var ruleINT36 = onceOnlyRule("INT36", ssda903.UASC)

// ruleNoE: an episode that began before the collection year (a valid
// <DECOM> before 1 April) must belong to a child with episodes in last
// year's return.
var ruleNoE = &Rule{
	Code: "NoE",
	Message: "This child has no episodes loaded for previous year even though child started to be looked " +
		"after before this current year.",
	Description: "An episode whose <DECOM> is before the start of the collection year must belong to a child " +
		"with episodes in last year's Episodes.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
	Needs: NeedLast, Origin: Village,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.Episodes) {
			return // last year's return has no Episodes table to compare with
		}
		start := c.Year.Start()
		for _, e := range c.This.Episodes {
			if e.DECOM.OK && e.DECOM.Day < start && len(c.Last.EpisodesOf(e.CHILD)) == 0 {
				c.Fail(e.Ref, fmt.Sprintf("the episode began %s, before this collection year, but last year's return has "+
					"no episodes for CHILD %q", e.DECOM.Text, e.CHILD))
			}
		}
	},
}

// ruleVIL01: no row may repeat an earlier row of its table exactly.
// Rows are compared by a hash of their values, and by the values
// themselves when the hashes agree.
var ruleVIL01 = &Rule{
	Code:    "VIL01",
	Message: "This row is an exact copy of an earlier row of the same table.",
	Description: "Every table the return has is read: a row whose every value is the same as an earlier " +
		"row's is a repeat. The earlier row passes; each repeat fails.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"CHILD"},
	Origin: Village,
	Check: func(c *Context) {
		var row, earlier []string
		for _, t := range c.This.typedTables() {
			seed := maphash.MakeSeed()
			first := make(map[uint64]int, t.rows)
			var collided map[string]int // rows whose hash an unequal row had first
			for i := range t.rows {
				row = t.values(i, row[:0])
				sum := hashValues(seed, row)
				j, seen := first[sum]
				if !seen {
					first[sum] = i
					continue
				}
				if earlier = t.values(j, earlier[:0]); !slices.Equal(earlier, row) {
					if collided == nil {
						collided = map[string]int{}
					}
					key := strings.Join(row, "\x00")
					if j, seen = collided[key]; !seen {
						collided[key] = i
						continue
					}
				}
				c.Fail(Ref{Table: t.name, Row: i}, fmt.Sprintf("every value is the same as in %s row %d", t.name, j+1))
			}
		}
	},
}

// hashValues hashes a row's values with the runtime's own string hash,
// each value hashed whole and mixed into the row's hash by its place: a
// national return's every byte passes through it, which a byte-at-a-time
// hash, and then maphash.Hash's buffered writes, made the slowest rule.
// The seed differs from run to run; rows are compared by their values when
// hashes agree, so the failures do not.
func hashValues(seed maphash.Seed, values []string) uint64 {
	sum := uint64(len(values))
	for _, v := range values {
		sum = (sum ^ maphash.String(seed, v)) * 0x9e3779b97f4a7c15
	}
	return sum
}

// ruleVIL02: no two episodes of a child may start on the same day.
var ruleVIL02 = &Rule{
	Code:        "VIL02",
	Message:     "Two episodes of this child start on the same day.",
	Description: "No two episodes of a child may have the same valid <DECOM>. The first passes; each later one fails.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
	Origin: Village,
	Check: func(c *Context) {
		for _, eps := range c.This.ByChild() {
			for i := 1; i < len(eps); i++ {
				e, prev := eps[i], eps[i-1]
				if e.DECOM.OK && prev.DECOM.OK && e.DECOM.Day == prev.DECOM.Day {
					first := i - 1
					for first > 0 && eps[first-1].DECOM.OK && eps[first-1].DECOM.Day == e.DECOM.Day {
						first--
					}
					c.Fail(e.Ref, fmt.Sprintf("DECOM %s is the same day as the DECOM of the episode in Episodes row %d",
						e.DECOM.Text, eps[first].Row+1))
				}
			}
		}
	},
}

// ruleVIL03: <CHILD> must not be blank in any table.
var ruleVIL03 = &Rule{
	Code:        "VIL03",
	Message:     "The child's ID (CHILD) is blank, so this row cannot be linked to a child.",
	Description: "Every table the return has is read: <CHILD> must not be blank.",
	Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"CHILD"},
	Origin: Village,
	Check: func(c *Context) {
		eachRowOfEveryTable(c, func(ref Ref, child string) {
			if strings.TrimSpace(child) == "" {
				if child == "" {
					c.Fail(ref, "CHILD is blank")
				} else {
					c.Fail(ref, fmt.Sprintf("CHILD %q is only spaces", child))
				}
			}
		})
	},
}

// ruleVIL04: <CHILD> must not begin or end with white space.
var ruleVIL04 = &Rule{
	Code: "VIL04",
	Message: "The child's ID (CHILD) begins or ends with a space, so it will not match the same ID " +
		"written without one.",
	Description: "Every table the return has is read: <CHILD> must not begin or end with white space.",
	Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"CHILD"},
	Origin: Village,
	Check: func(c *Context) {
		eachRowOfEveryTable(c, func(ref Ref, child string) {
			if trimmed := strings.TrimSpace(child); trimmed != "" && trimmed != child {
				c.Fail(ref, fmt.Sprintf("CHILD %q has spaces around %q", child, trimmed))
			}
		})
	},
}

var ruleVIL05 = &Rule{
	Code:        "VIL05",
	Message:     "Child in SWEpisodes does not exist in Header.",
	Description: "Each <CHILD> in SWEpisodes must have a row in Header.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.SWEpisodes}, Fields: []string{"CHILD"},
	Origin: Village, From: 2024, Check: checkInHeader(ssda903.SWEpisodes),
}

var ruleVIL06 = &Rule{
	Code:        "VIL06",
	Message:     "Child in DoLo does not exist in Header.",
	Description: "Each <CHILD> in DoLo must have a row in Header.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.DoLo}, Fields: []string{"CHILD"},
	Origin: Village, From: 2027, Check: checkInHeader(ssda903.DoLo),
}

var ruleVIL07 = &Rule{
	Code:        "VIL07",
	Message:     "DOB in SWEpisodes is different to DOB in Header.",
	Description: "Where both are valid dates, <DOB> in SWEpisodes must be the same as the child's <DOB> in Header.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.SWEpisodes}, Fields: []string{"DOB"},
	Origin: Village, From: 2024, Check: checkSameDOB(ssda903.SWEpisodes),
}

var ruleVIL08 = &Rule{
	Code:        "VIL08",
	Message:     "DOB in DoLo is different to DOB in Header.",
	Description: "Where both are valid dates, <DOB> in DoLo must be the same as the child's <DOB> in Header.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.DoLo}, Fields: []string{"DOB"},
	Origin: Village, From: 2027, Check: checkSameDOB(ssda903.DoLo),
}

func childInHeaderRule(code, message string, table ssda903.TableName) *Rule {
	return &Rule{
		Code: code, Message: message,
		Description: fmt.Sprintf("Each <CHILD> in %s must have a row in Header.", table),
		Tables:      []ssda903.TableName{ssda903.Header, table}, Fields: []string{"CHILD"},
		Origin: Village, Check: checkInHeader(table),
	}
}

func sameBirthRule(code string, table ssda903.TableName) *Rule {
	return &Rule{
		Code: code, Message: fmt.Sprintf("Internal Check: DOB in %s is different to DOB in Header.", table),
		Description: fmt.Sprintf("Where both are valid dates, <DOB> in %s must be the same as the child's <DOB> in Header.", table),
		Tables:      []ssda903.TableName{ssda903.Header, table}, Fields: []string{"DOB"},
		Origin: Village, Check: checkSameDOB(table),
	}
}

func onceOnlyRule(code string, table ssda903.TableName) *Rule {
	return &Rule{
		Code: code, Message: fmt.Sprintf("Internal Check: Child should only exist once in %s.", table),
		Tables: []ssda903.TableName{table}, Fields: []string{"CHILD"},
		Origin: Village, Check: checkOnce(table),
	}
}

// headersByChild returns every Header row of a child: HeaderOf gives the
// first, and the few children with more than one have them all in
// moreHeaders, found as the tables were indexed. A child's one row is
// returned as a slice of the Header table itself, allocating nothing. A
// table's rows of a child usually come together, so the last child asked
// for is answered without looking it up again.
func headersByChild(t *Tables) func(child string) []*HeaderRow {
	return lastAnswer(func(child string) []*HeaderRow { return headersOf(t, child) })
}

// lastAnswer returns of(child), remembering the answer for the child last
// asked about: a table's rows of one child usually come together, and a
// national return's rules look children up millions of times.
func lastAnswer[V any](of func(child string) V) func(child string) V {
	var last string
	var answer V
	asked := false
	return func(child string) V {
		if !asked || child != last {
			last, answer, asked = child, of(child), true
		}
		return answer
	}
}

// headersOf returns every Header row of a child (see headersByChild).
func headersOf(t *Tables, child string) []*HeaderRow {
	if all := t.moreHeaders[child]; all != nil {
		return all
	}
	h := t.HeaderOf(child)
	switch {
	case h == nil:
		return nil
	case h.Row < len(t.Header) && t.Header[h.Row] == h:
		return t.Header[h.Row : h.Row+1 : h.Row+1]
	}
	return []*HeaderRow{h}
}

// checkInHeader returns the check that each child of table has a Header
// row (INT01 to INT09, VIL05, VIL06).
func checkInHeader(table ssda903.TableName) func(c *Context) {
	return func(c *Context) {
		headers := headersByChild(c.This)
		eachRowOfTable(c.This, table, func(ref Ref, child string, _ DateField) {
			if len(headers(child)) == 0 {
				c.Fail(ref, fmt.Sprintf("CHILD %q has no row in Header", child))
			}
		})
	}
}

// checkSameDOB returns the check that a valid DOB in table is the child's
// valid DOB in each of the child's Header rows (INT11 to INT18, VIL07,
// VIL08).
func checkSameDOB(table ssda903.TableName) func(c *Context) {
	return func(c *Context) {
		headers := headersByChild(c.This)
		eachRowOfTable(c.This, table, func(ref Ref, child string, dob DateField) {
			if !dob.OK {
				return
			}
			for _, h := range headers(child) {
				if h.DOB.OK && h.DOB.Day != dob.Day {
					c.Fail(ref, fmt.Sprintf("DOB %s is not the DOB in Header, %s", dob.Text, h.DOB.Text))
					return
				}
			}
		})
	}
}

// eachRowOfEveryTable calls f with each row of every table and its CHILD.
func eachRowOfEveryTable(c *Context, f func(ref Ref, child string)) {
	var values []string
	for _, t := range c.This.typedTables() {
		for i := range t.rows {
			values = t.values(i, values[:0])
			f(Ref{Table: t.name, Row: i}, values[0]) // every table's first column is CHILD
		}
	}
}

// eachRowOfTable calls f with each row of one of this year's tables: where it
// is, its child and its date of birth (Episodes have none).
func eachRowOfTable(t *Tables, name ssda903.TableName, f func(ref Ref, child string, dob DateField)) {
	switch name {
	case ssda903.Header:
		for _, r := range t.Header {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.Episodes:
		for _, r := range t.Episodes {
			f(r.Ref, r.CHILD, DateField{})
		}
	case ssda903.Reviews:
		for _, r := range t.Reviews {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.UASC:
		for _, r := range t.UASC {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.OC2:
		for _, r := range t.OC2 {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.OC3:
		for _, r := range t.OC3 {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.AD1:
		for _, r := range t.AD1 {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.PlacedAdoption:
		for _, r := range t.PlacedAdoption {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.PrevPerm:
		for _, r := range t.PrevPerm {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.Missing:
		for _, r := range t.Missing {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.SWEpisodes:
		for _, r := range t.SWEpisodes {
			f(r.Ref, r.CHILD, r.DOB)
		}
	case ssda903.DoLo:
		for _, r := range t.DoLo {
			f(r.Ref, r.CHILD, r.DOB)
		}
	}
}

// checkOnce returns the check that a child has at most one row in table
// (INT31 to INT36). Every row of a repeated child fails; rows with a blank
// CHILD are left to VIL03.
func checkOnce(table ssda903.TableName) func(c *Context) {
	return func(c *Context) {
		count := make(map[string]int, len(c.This.Header))
		eachRowOfTable(c.This, table, func(_ Ref, child string, _ DateField) { count[child]++ })
		eachRowOfTable(c.This, table, func(ref Ref, child string, _ DateField) {
			if n := count[child]; n > 1 && child != "" {
				c.Fail(ref, fmt.Sprintf("CHILD %q has %d rows in %s", child, n, table))
			}
		})
	}
}
