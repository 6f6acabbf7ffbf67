package rules

import (
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/validate"
)

// set is every rule of the census, every version, built from the families.
var set = validate.NewSet(validate.About{
	Return: "CIN",
	// No year's rule set is complete yet: see the package documentation
	// for the rules still to do.
	Years: nil,
	Needs: validate.NeedNames{{Key: "last", Words: "last year's return"}},
	// Every rule reads the children's identifiers or their CIN details.
	Required: []Table{cin.ChildIdentifiers, cin.CINdetails},
},
	censusRules, laLevelRules, childRules, referralRules, assessmentRules, section47Rules, cinPlanRules, protectionPlanRules,
	preProceedingsRules,
)

// Rules returns the census's rule set: every rule of every collection
// year, from which For chooses a year's.
func Rules() *validate.Set[*Context] { return set }

// Validate types the census once and runs every rule of its collection
// year over it. Each failure names its rule, the child's LAchildID, the
// table and 1-based row, and explains itself in words.
func Validate(ret *returns.Return) *Report {
	in := NewInput(ret)
	return Run(in, set.For(in.Year))
}

// Run runs the given rules over in, in parallel, skipping a rule whose
// input is missing (see validate.Set.Run).
func Run(in *Input, rules []*Rule) *Report { return set.Run(in, in.Year, rules, in.context) }

// context makes a rule's Context around its Recorder.
func (in *Input) context(r *validate.Recorder) *Context { return &Context{Input: in, Recorder: r} }
