package ssda903

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/validate"
)

// TableName names one of the return's tables as the DfE and the peer tools
// name them. It is the rule engine's table name, so that the 903's rules
// and their failures name tables as the return does.
type TableName = validate.Table

// The tables of the return.
const (
	Header         TableName = "Header"
	Episodes       TableName = "Episodes"
	Reviews        TableName = "Reviews"
	UASC           TableName = "UASC"
	OC2            TableName = "OC2"
	OC3            TableName = "OC3"
	AD1            TableName = "AD1"
	PlacedAdoption TableName = "PlacedAdoption"
	PrevPerm       TableName = "PrevPerm"
	Missing        TableName = "Missing"
	SWEpisodes     TableName = "SWEpisodes"
	DoLo           TableName = "DoLo"
)

// Kind says how a column's text is to be read.
type Kind int

// The kinds of column.
const (
	Text       Kind = iota // free text or an identifier
	Code                   // a value from a code list (see Codes)
	DateValue              // DD/MM/YYYY
	PartialDay             // DD/MM/YYYY with ZZ parts allowed (DATE_PERM)
	Number                 // a whole number (SDQ_SCORE)
	Postcode               // a UK postcode
)

// Column describes one column of a table.
type Column struct {
	Name string
	Kind Kind
	// Optional columns are not in the DfE's CSV layout but can be
	// submitted another way: the Header's UASC flag exists only in XML.
	// CSV files may omit them and Village's CSV writer leaves them out.
	Optional bool
}

// Schema describes one table: its columns in the DfE's order, the
// collection years in which it exists, and the file name Village writes it
// under (readers recognise CSV tables by their headers, never their names).
type Schema struct {
	Name    TableName
	Columns []Column
	File    string
	From    calendar.Year // first collection year with this table; 0 for always
}

// Index returns the position of the named column, or -1.
func (s *Schema) Index(column string) int {
	for i, c := range s.Columns {
		if c.Name == column {
			return i
		}
	}
	return -1
}

// InYear reports whether the table is part of the return in year y.
func (s *Schema) InYear(y calendar.Year) bool { return y >= s.From }

// ColumnNames returns the names of the DfE's columns (not the optional
// ones) in order: the CSV layout.
func (s *Schema) ColumnNames() []string {
	var names []string
	for _, c := range s.Columns {
		if !c.Optional {
			names = append(names, c.Name)
		}
	}
	return names
}

// optional marks a column kind in cols as an optional column.
const optional Kind = 1 << 8

func cols(spec ...any) []Column {
	var out []Column
	for i := 0; i < len(spec); i += 2 {
		kind := spec[i+1].(Kind)
		out = append(out, Column{Name: spec[i].(string), Kind: kind &^ optional, Optional: kind&optional != 0})
	}
	return out
}

// Schemas lists every table in the order the DfE's loading sequence uses.
var Schemas = []*Schema{
	{Name: Header, File: "header.csv", Columns: cols(
		"CHILD", Text, "SEX", Code, "DOB", DateValue, "ETHNIC", Code,
		"UPN", Text, "MOTHER", Code, "MC_DOB", DateValue,
		"UASC", Code|optional)},
	{Name: Episodes, File: "episodes.csv", Columns: cols(
		"CHILD", Text, "DECOM", DateValue, "RNE", Code, "LS", Code, "CIN", Code,
		"PLACE", Code, "PLACE_PROVIDER", Code, "DEC", DateValue, "REC", Code,
		"REASON_PLACE_CHANGE", Code, "HOME_POST", Postcode, "PL_POST", Postcode, "URN", Text)},
	{Name: Reviews, File: "reviews.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "REVIEW", DateValue, "REVIEW_CODE", Code)},
	{Name: UASC, File: "uasc.csv", Columns: cols(
		"CHILD", Text, "SEX", Code, "DOB", DateValue, "DUC", DateValue)},
	{Name: OC2, File: "oc2.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "SDQ_SCORE", Number, "SDQ_REASON", Code,
		"CONVICTED", Code, "HEALTH_CHECK", Code, "IMMUNISATIONS", Code, "TEETH_CHECK", Code,
		"HEALTH_ASSESSMENT", Code, "SUBSTANCE_MISUSE", Code,
		"INTERVENTION_RECEIVED", Code, "INTERVENTION_OFFERED", Code)},
	{Name: OC3, File: "oc3.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "IN_TOUCH", Code, "ACTIV", Code, "ACCOM", Code)},
	{Name: AD1, File: "ad1.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "DATE_INT", DateValue, "DATE_MATCH", DateValue,
		"FOSTER_CARE", Code, "NB_ADOPTR", Code, "SEX_ADOPTR", Code, "LS_ADOPTR", Code)},
	{Name: PlacedAdoption, File: "placed_for_adoption.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "DATE_PLACED", DateValue,
		"DATE_PLACED_CEASED", DateValue, "REASON_PLACED_CEASED", Code)},
	{Name: PrevPerm, File: "previous_permanence.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "PREV_PERM", Code, "LA_PERM", Code, "DATE_PERM", PartialDay)},
	{Name: Missing, File: "missing.csv", Columns: cols(
		"CHILD", Text, "DOB", DateValue, "MISSING", Code, "MIS_START", DateValue, "MIS_END", DateValue)},
	{Name: SWEpisodes, File: "sw_episodes.csv", From: 2024, Columns: cols(
		"CHILD", Text, "DOB", DateValue, "SW_ID", Text, "SW_DECOM", DateValue,
		"SW_DEC", DateValue, "SW_REASON", Code)},
	{Name: DoLo, File: "dolo.csv", From: 2027, Columns: cols(
		"CHILD", Text, "DOB", DateValue, "DOLO_START", DateValue, "DOLO_END", DateValue)},
}

// SchemaOf returns the schema of the named table, or nil.
func SchemaOf(name TableName) *Schema {
	for _, s := range Schemas {
		if s.Name == name {
			return s
		}
	}
	return nil
}
