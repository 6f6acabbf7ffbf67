package synth

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// InjectedError is one data-entry mistake put into a clean return, with
// the DfE validation rule that should catch it.
type InjectedError struct {
	Year  calendar.Year
	Table ssda903.TableName
	Row   int // 1-based position among the table's data rows
	Child string
	Field string
	Was   string
	Now   string
	Kind  string
	Rule  string // the DfE rule code expected to report it
}

// mistake is a kind of data-entry error. Each was checked against the
// peer validator (csc-validator-be-903) so that the named rule flags the
// changed row whatever else the row holds: values that stay invalid when
// upper-cased, never a blank where the rule lets blanks through.
type mistake struct {
	table ssda903.TableName
	field string
	kind  string
	rule  string
	// applies reports whether the row can take the mistake.
	applies func(row rowView) bool
	// make returns the mistaken value.
	make func(r *rng, row rowView) string
}

// rowView reads a row by column name.
type rowView struct {
	schema *ssda903.Schema
	values []string
	year   calendar.Year
}

func (v rowView) get(column string) string { return v.values[v.schema.Index(column)] }

func always(rowView) bool { return true }

func filled(field string) func(rowView) bool {
	return func(v rowView) bool { return v.get(field) != "" }
}

func pick(options ...string) func(*rng, rowView) string {
	return func(r *rng, _ rowView) string { return options[r.IntN(len(options))] }
}

var mistakes = []mistake{
	{ssda903.Header, "SEX", "invalid SEX code", "101", always, func(r *rng, v rowView) string {
		if ssda903.ValidCode("SEX", "M", v.year) {
			return []string{"1", "2", "X"}[r.IntN(3)] // the old codes, after the change to M/F/U
		}
		return []string{"M", "F", "3", "0"}[r.IntN(4)]
	}},
	{ssda903.Header, "ETHNIC", "invalid or blank ETHNIC", "103", always, pick("", "WBR", "BRIT", "W1", "WHITE")},
	{ssda903.Header, "DOB", "malformed DOB", "102", always, func(r *rng, v rowView) string {
		d, ok := calendar.ParseDate(v.get("DOB"))
		if !ok {
			return "31/02/2012"
		}
		switch r.IntN(3) {
		case 0:
			return "30/02/" + strconv.Itoa(d.Year()) // no such day
		case 1:
			return "31/04/" + strconv.Itoa(d.Year())
		}
		return d.Time().Format("2006-01-02") // ISO order
	}},
	{ssda903.Header, "UPN", "invalid UPN format", "168", filled("UPN"), func(r *rng, v rowView) string {
		upn := v.get("UPN")
		if strings.HasPrefix(upn, "UN") {
			return []string{"UN6", "UN0", "UNK"}[r.IntN(3)]
		}
		if r.IntN(2) == 0 {
			return upn[:len(upn)-1] // a digit short
		}
		return "O" + upn[1:] // O is not allowed as the first character
	}},
	{ssda903.Episodes, "RNE", "invalid RNE", "143", always, pick("X", "C", "N", "SP")},
	{ssda903.Episodes, "LS", "invalid LS", "144", always, pick("C3", "V1", "S20", "E2")},
	{ssda903.Episodes, "CIN", "invalid CIN", "145", always, pick("N9", "N0", "N10")},
	{ssda903.Episodes, "PLACE", "invalid PLACE", "146", always, pick("U7", "K4", "A1", "Q1")},
	{ssda903.Episodes, "REC", "invalid REC", "149", filled("REC"), pick("E1", "E10", "E4", "X2")},
	{ssda903.Episodes, "REASON_PLACE_CHANGE", "invalid REASON_PLACE_CHANGE", "1009", filled("REASON_PLACE_CHANGE"),
		pick("CARE", "OTHR", "CHLD", "BREAK")},
	{ssda903.Episodes, "LS", "placed with parents under s20", "378",
		func(v rowView) bool { return v.get("PLACE") == "P1" && v.get("LS") != "V2" },
		pick("V2")},
	{ssda903.Reviews, "REVIEW_CODE", "invalid REVIEW_CODE", "167", always, pick("PN8", "PN", "P1")},
	{ssda903.Missing, "MISSING", "invalid MISSING", "1006", always, pick("X", "MA", "1")},
	{ssda903.SWEpisodes, "SW_ID", "SW_ID not starting SW or XX", "SW02STG1", filled("SW_ID"),
		func(r *rng, v rowView) string {
			id := v.get("SW_ID")
			digits := strings.TrimPrefix(id, "SW")
			return []string{digits, "S" + digits, "WS" + digits}[r.IntN(3)]
		}},
	{ssda903.AD1, "SEX_ADOPTR", "invalid SEX_ADOPTR", "176", always, pick("M2", "FM", "F")},
	{ssda903.AD1, "LS_ADOPTR", "invalid LS_ADOPTR", "177", always, pick("L1", "L5", "L13")},
	{ssda903.OC3, "ACCOM", "invalid ACCOM", "133", always, pick("U3", "Z3", "W3")},
}

// inject puts mistakes into a share rate of the rows that can take one,
// at most one mistake a row, and lists them.
func inject(returns []*ssda903.Return, rate float64, seed uint64) []InjectedError {
	if rate <= 0 {
		return nil
	}
	var out []InjectedError
	for _, ret := range returns {
		for ti, schema := range ssda903.Schemas {
			t := ret.Table(schema.Name)
			if t == nil {
				continue
			}
			kinds := mistakesFor(schema.Name)
			if len(kinds) == 0 {
				continue
			}
			r := newRNG(seed, streamInject, uint64(ret.Year)<<8|uint64(ti))
			out = append(out, injectTable(r, ret.Year, t, kinds, rate)...)
		}
	}
	return out
}

func mistakesFor(table ssda903.TableName) []mistake {
	var out []mistake
	for _, m := range mistakes {
		if m.table == table {
			out = append(out, m)
		}
	}
	return out
}

// injectTable changes the rows of one table.
func injectTable(r *rng, year calendar.Year, t *ssda903.Table, kinds []mistake, rate float64) []InjectedError {
	var out []InjectedError
	var fit []mistake
	for i := range t.Rows {
		row := rowView{schema: t.Schema, values: t.Rows[i].Values, year: year}
		fit = fit[:0]
		for _, m := range kinds {
			if m.applies(row) {
				fit = append(fit, m)
			}
		}
		if len(fit) == 0 || !r.chance(rate) {
			continue
		}
		m := fit[r.IntN(len(fit))]
		col := t.Schema.Index(m.field)
		was := row.values[col]
		now := m.make(r, row)
		if now == was {
			continue
		}
		row.values[col] = now
		out = append(out, InjectedError{Year: year, Table: t.Schema.Name, Row: i + 1, Child: row.get("CHILD"),
			Field: m.field, Was: was, Now: now, Kind: m.kind, Rule: m.rule})
	}
	return out
}

// WriteInjectedCSV lists the injected mistakes as CSV.
func (r *Result) WriteInjectedCSV(w io.Writer) error {
	return writeInjected(w, r.Injected)
}

// writeInjected lists mistakes as CSV.
func writeInjected(w io.Writer, list []InjectedError) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"year", "table", "row", "child", "field", "was", "now", "kind", "rule"}); err != nil {
		return err
	}
	for _, e := range list {
		record := []string{e.Year.String(), string(e.Table), strconv.Itoa(e.Row), e.Child, e.Field, e.Was, e.Now, e.Kind, e.Rule}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
