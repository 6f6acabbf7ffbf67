package rules

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/validate"
)

// set is every rule of the 903, every version, built from the families.
var set = validate.NewSet(validate.About{
	Return: "SSDA903",
	Years:  []calendar.Year{2026, 2027}, // the collection years whose rule sets are complete
	Needs:  needNames,
	// The DfE's tool refuses a return without these two: every rule reads
	// the children's Header rows and their episodes.
	Required: []ssda903.TableName{ssda903.Header, ssda903.Episodes},
},
	childRules, episodeRules, legalStatusRules, placementRules, reviewRules, uascRules, healthRules,
	careLeaverRules, adoptionRules, permanenceRules, missingRules, socialWorkerRules, deprivationOfLibertyRules,
	lastYearRules, integrityRules,
)

// Rules returns the 903's rule set: every rule of every collection year,
// from which For chooses a year's.
func Rules() *validate.Set[*Context] { return set }

// Validate runs every rule of in's collection year over in.
func Validate(in *Input) *Report { return Run(in, set.For(in.Year)) }

// Run runs the given rules over in, in parallel, skipping a rule whose
// input is missing (see validate.Set.Run).
func Run(in *Input, rules []*Rule) *Report { return set.Run(in, in.Year, rules, in.context) }

// context makes a rule's Context around its Recorder.
func (in *Input) context(r *validate.Recorder) *Context { return &Context{Input: in, Recorder: r} }
