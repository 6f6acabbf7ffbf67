package rules

import (
	"strings"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/validate"
)

// Rule is one of the CIN census's validation rules: its check sees a
// Context.
type Rule = validate.Rule[*Context]

// Table names one of the census's tables.
type Table = returns.TableName

// Ref locates a row: its table and its 0-based index among the table's
// data rows.
type Ref = validate.Ref

// The engine's results, as the census's rules give them.
type (
	Report     = validate.Report
	Failure    = validate.Failure
	FieldValue = validate.FieldValue
	Skip       = validate.Skip
)

// Context is what a rule's Check sees: the input, and a Recorder to report
// failures to with Fail and Failf.
type Context struct {
	*Input
	*validate.Recorder
}

// IsQuery reports whether the rule with the code is a query rather than
// an error: the DfE ends a query's code with Q ("8670Q"), and a query
// asks the local authority to amend the data or give a reason, where an
// error must be corrected.
func IsQuery(code string) bool { return strings.HasSuffix(strings.ToUpper(code), "Q") }
