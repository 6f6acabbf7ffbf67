package ssda903

import "github.com/village-uk/village/returns"

// Summary describes what was read of a return, table by table.
type Summary = returns.Summary

// TableSummary describes one table: its size, the span of each date
// column, and how often each code of each code column occurs.
type TableSummary = returns.TableSummary

// DateSpan is the earliest and latest valid date in a column, and how many
// values were blank or not dates.
type DateSpan = returns.DateSpan

// CodeCounts counts the values of one code column, most frequent first.
type CodeCounts = returns.CodeCounts

// CodeCount is one value and how many rows hold it.
type CodeCount = returns.CodeCount

// Summarise counts what r holds. Tables are in the DfE's order; tables the
// return lacks are left out.
func Summarise(r *Return) Summary { return Collection.Summarise(r) }
