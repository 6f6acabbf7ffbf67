package validate

import (
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// Table names one of a return's tables, as the return itself does.
type Table = returns.TableName

// Need is a set of inputs beyond a year's own return that a rule reads,
// one bit each. The engine names one (NeedLast); a return declares the
// others from NeedLast << 1 on and names them all in its NeedNames.
type Need uint64

// NeedLast is the previous year's return, the one input every annual
// return can have: a Ref may point into it.
const NeedLast Need = 1

// NeedName names one need: a short key for listings and commands, and
// words for sentences.
type NeedName struct {
	Key   string // "last", "postcodes"
	Words string // "last year's return", "a postcode directory"
}

// NeedNames names a return's needs: NeedNames[i] names the need 1 << i,
// so the first names NeedLast.
type NeedNames []NeedName

// Say names the needs in n in words, in the order of their bits, comma
// separated.
func (names NeedNames) Say(n Need) string {
	var parts []string
	for i, name := range names {
		if n&(1<<i) != 0 {
			parts = append(parts, name.Words)
		}
	}
	return strings.Join(parts, ", ")
}

// Keys returns the keys of the needs in n, in the order of their bits.
func (names NeedNames) Keys(n Need) []string {
	var keys []string
	for i, name := range names {
		if n&(1<<i) != 0 {
			keys = append(keys, name.Key)
		}
	}
	return keys
}

// Origin says whose rule it is.
type Origin int

// Rule origins.
const (
	DfE     Origin = iota // a rule in the DfE's validation rules
	Village               // a data-integrity check of Village's own
)

// String returns "DfE" or "Village".
func (o Origin) String() string {
	if o == Village {
		return "Village"
	}
	return "DfE"
}

// Rule is one validation rule of a return whose checks see a context of
// type C. A return usually names it with an alias, so that its rules read
// as plain literals: type Rule = validate.Rule[*Context].
type Rule[C any] struct {
	Code        string   // the DfE's code: "101", "503A", "SW02STG1"; Village's own start "INT"
	Message     string   // the DfE's message, word for word
	Description string   // the DfE's description of the check, where it says more than the message
	Caveat      string   // Village's note on what the check cannot see, in its own words
	Tables      []Table  // the tables it reads
	Fields      []string // the fields a failure points at
	Needs       Need     // inputs without which it cannot run: it is skipped, with the reason
	Uses        Need     // inputs it reads when given and runs without
	LastTables  []Table  // tables it needs in last year's return; with NeedLast, Tables when nil
	Origin      Origin
	From, Until calendar.Year // the collection years it applies in; zero is unbounded
	Check       func(C)
}

// AppliesIn reports whether the rule is part of year y's rule set.
func (r *Rule[C]) AppliesIn(y calendar.Year) bool {
	return (r.From == 0 || y >= r.From) && (r.Until == 0 || y <= r.Until)
}

// Info is a rule as its results describe it: everything but its check.
// Failures, skips and summaries point at it.
type Info struct {
	Return      string // the return the rule belongs to, such as "SSDA903"
	Code        string
	Message     string
	Description string
	Caveat      string
	Tables      []Table
	Fields      []string
	Needs       Need
	Uses        Need
	LastTables  []Table
	Origin      Origin
	From, Until calendar.Year
	needNames   NeedNames
}

// AppliesIn reports whether the rule is part of year y's rule set.
func (i *Info) AppliesIn(y calendar.Year) bool {
	return (i.From == 0 || y >= i.From) && (i.Until == 0 || y <= i.Until)
}

// NeedsText names the inputs the rule cannot run without, in plain words.
func (i *Info) NeedsText() string { return i.needNames.Say(i.Needs) }

// NeedKeys returns the short keys of the inputs the rule cannot run
// without, such as "last" and "postcodes".
func (i *Info) NeedKeys() []string { return i.needNames.Keys(i.Needs) }

// UsesText names the inputs the rule reads when given, in plain words.
func (i *Info) UsesText() string { return i.needNames.Say(i.Uses) }

// info describes r for its results.
func info[C any](r *Rule[C], returnName string, names NeedNames) *Info {
	return &Info{Return: returnName, Code: r.Code, Message: r.Message, Description: r.Description, Caveat: r.Caveat,
		Tables: r.Tables, Fields: r.Fields, Needs: r.Needs, Uses: r.Uses, LastTables: r.LastTables,
		Origin: r.Origin, From: r.From, Until: r.Until, needNames: names}
}
