// Package earlyhelp is the layout of two files partners send the council
// already pseudonymised: early help episodes (after the Standard
// Safeguarding Dataset's early help table) and attendance at the Holiday
// Activities and Food programme (HAF). LAYOUT.md documents both with an
// example. Their child column holds a keyed pseudonym
// (internal/pseudonym), never a raw identifier: a value that looks like a
// UPN or an NHS number is refused, with the advice to pseudonymise first.
//
// Like the statutory returns, the files are read by the shared CSV
// reader (file, line, column and what was expected for each problem;
// nothing of a file with a fatal problem is used), and each collection
// year's folder holds one of each: early-help.csv lists the episodes open
// at any time in the year, haf.csv the sessions of the year's programmes.
package earlyhelp

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// The two tables.
const (
	EarlyHelp returns.TableName = "EarlyHelp"
	HAF       returns.TableName = "HAF"
)

// The files the tables are written under, in a year's folder.
const (
	EarlyHelpFile = "early-help.csv"
	HAFFile       = "haf.csv"
)

// ChildColumn names the child in both tables: a pseudonym.
const ChildColumn = "Child"

// ChildUPNColumn is the pseudonym of an early help episode's child's UPN.
const ChildUPNColumn = "ChildUPN"

// Schemas are the two tables' layouts.
var Schemas = []*returns.Schema{
	{Name: EarlyHelp, File: EarlyHelpFile, Child: ChildColumn, Columns: returns.Columns(
		"EpisodeID", returns.Text,
		ChildColumn, returns.Text,
		"StartDate", returns.DateValue,
		"EndDate", returns.DateValue,
		"Reason", returns.Code,
		"LeadAgency", returns.Text,
		"Outcome", returns.Code,
		// ChildUPN, when the council's early help system knows the
		// child's UPN, is its pseudonym: it links the episode with the
		// HAF sessions, whose providers know children by their UPN.
		ChildUPNColumn, returns.Text|returns.Optional,
	)},
	{Name: HAF, File: HAFFile, Child: ChildColumn, Columns: returns.Columns(
		ChildColumn, returns.Text,
		"Programme", returns.Code,
		"ProgrammeYear", returns.Number,
		"SessionDate", returns.DateValue,
		"Provider", returns.Text,
		"FSM", returns.Code,
		"SEND", returns.Code,
		"YearGroup", returns.Code,
	)},
}

// Collection ties the tables together for the shared readers and the
// store.
var Collection = &returns.Collection{
	Name:        "early help and HAF",
	Schemas:     Schemas,
	InferYear:   InferYear,
	YearUnknown: "the episodes and sessions hold no valid dates",
	Codes:       returns.NewCodeLists("early help and HAF code lists", codeListsCSV()),
}

// InferYear is the latest collection year in which at least one in a
// hundred of the episodes' start dates or the sessions' dates fall.
func InferYear(r *returns.Return) (calendar.Year, bool) {
	if y, ok := returns.YearOfDates(r.Table(HAF), calendar.ParseDate, "SessionDate"); ok {
		return y, true
	}
	return returns.YearOfDates(r.Table(EarlyHelp), calendar.ParseDate, "StartDate", "EndDate")
}
