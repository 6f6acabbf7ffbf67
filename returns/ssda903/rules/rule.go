package rules

import (
	"fmt"

	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/validate"
)

// Rule is one of the 903's validation rules: its check sees a Context.
type Rule = validate.Rule[*Context]

// Need names inputs beyond this year's return that a rule reads.
type Need = validate.Need

// The inputs a 903 rule may need.
const (
	NeedLast      = validate.NeedLast // last year's return
	NeedPostcodes = NeedLast << 1     // the postcode directory, for PL_LA, PL_LOCATION and PL_DISTANCE
	NeedProviders = NeedLast << 2     // the Ofsted provider lists, for the URN rules
	NeedLA        = NeedLast << 3     // the local authority's code
)

// needNames names the needs, in the order of their bits.
var needNames = validate.NeedNames{
	{Key: "last", Words: "last year's return"},
	{Key: "postcodes", Words: "a postcode directory"},
	{Key: "providers", Words: "the Ofsted provider lists"},
	{Key: "la", Words: "the local authority code"},
}

// Rule origins.
const (
	DfE     = validate.DfE
	Village = validate.Village
)

// The engine's results, as the 903's rules give them.
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

// Caveats several rules share.
const (
	caveatTwoYears        = "Village looks back only as far as the years it is given: last year's return with --last, every earlier year when validating a folder of years."
	caveatEarlierEpisodes = "Village looks back only as far as the years it is given: a child whose earlier episodes are older than those years may be reported wrongly. Validate a folder holding every year to avoid this."
	caveatFormerUASC      = "A child is known to have been UASC only from this year's and last year's UASC tables; a child who was UASC before that may be reported wrongly."
)

// noLastTables is LastTables for a rule that needs last year's return but
// copes with any of its tables missing.
var noLastTables = []ssda903.TableName{}

// derived returns the value of a field the DfE derives from an episode's
// postcodes (PL_LA, PL_LOCATION, PL_DISTANCE), for showing in a failure.
func (t *Tables) derived(ref Ref, name string) (string, bool) {
	if ref.Table != ssda903.Episodes {
		return "", false
	}
	if ref.Row >= len(t.Episodes) || t.Episodes[ref.Row].Derived == nil {
		return "", false
	}
	p := t.Episodes[ref.Row].Derived
	switch name {
	case "PL_LA":
		return p.PL_LA, true
	case "PL_LOCATION":
		return p.PL_LOCATION, true
	case "PL_DISTANCE":
		if !p.HasDistance {
			return "", true
		}
		return fmt.Sprintf("%.1f", p.PL_DISTANCE), true
	}
	return "", false
}
