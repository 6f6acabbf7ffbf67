package ssda903

import (
	"github.com/village-uk/village/returns"
)

// TableName names one of the return's tables as the DfE and the peer tools
// name them, and the rule engine names them alike (validate.Table).
type TableName = returns.TableName

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
type Kind = returns.Kind

// The kinds of column.
const (
	Text       = returns.Text       // free text or an identifier
	Code       = returns.Code       // a value from a code list (see Codes)
	DateValue  = returns.DateValue  // DD/MM/YYYY
	PartialDay = returns.PartialDay // DD/MM/YYYY with ZZ parts allowed (DATE_PERM)
	Number     = returns.Number     // a whole number (SDQ_SCORE)
	Postcode   = returns.Postcode   // a UK postcode
)

// Column describes one column of a table.
type Column = returns.Column

// Schema describes one table: its columns in the DfE's order, the
// collection years in which it exists, and the file name Village writes it
// under (readers recognise CSV tables by their headers, never their names).
type Schema = returns.Schema

// optional marks a column kind in cols as an optional column.
const optional = returns.Optional

func cols(spec ...any) []Column { return returns.Columns(spec...) }

// Schemas lists every table in the order the DfE's loading sequence uses.
// Every table's rows are about the child in its CHILD column.
var Schemas = aboutChild([]*Schema{
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
})

// aboutChild sets each schema's child column to CHILD.
func aboutChild(schemas []*Schema) []*Schema {
	for _, s := range schemas {
		s.Child = "CHILD"
	}
	return schemas
}

// SchemaOf returns the schema of the named table, or nil.
func SchemaOf(name TableName) *Schema { return Collection.Schema(name) }
