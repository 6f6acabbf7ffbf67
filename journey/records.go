package journey

import "github.com/village-uk/village/ssda903"

// Records are a child's rows in the tables other than Header, Episodes and
// UASC, as the journey keeps them: what happened to the child in care
// (missing, adoption), and the outcomes each year (health, leaving care,
// motherhood).
type Records struct {
	Missing           []Missing           // MISSING rows, by start
	Health            []Health            // OC2 rows, by collection year
	Leaving           []Leaving           // OC3 rows, by collection year
	Adoption          []Adoption          // AD1 rows, by collection year
	PlacedForAdoption []PlacedForAdoption // PLACED_ADOPTION rows, by date of decision
	Motherhood        []Motherhood        // Header MOTHER and MC_DOB, by collection year
}

// Missing is one time missing from, or away from, placement.
type Missing struct {
	Start, End ssda903.Date // MIS_START and MIS_END; End is zero while Open
	Open       bool
	Away       bool // MISSING A (away without authorisation); M is missing
	Year       ssda903.Year
}

// Health is a child's OC2 row for one collection year: children looked
// after for 12 months or more at 31 March.
type Health struct {
	Year                                         ssda903.Year
	SDQScore                                     int // 0-40
	HasSDQ                                       bool
	SDQReason                                    string
	Convicted, HealthCheck, Immunisations, Teeth string // codes as submitted: "1" yes, "0" no
	HealthAssessment, SubstanceMisuse            string
	InterventionReceived, InterventionOffered    string
}

// Leaving is a care leaver's OC3 row for one collection year.
type Leaving struct {
	Year                             ssda903.Year
	InTouch, Activity, Accommodation string // IN_TOUCH, ACTIV, ACCOM as submitted
}

// Adoption is an AD1 row: the adoption decision and match.
type Adoption struct {
	Year                    ssda903.Year
	DecisionDate, MatchDate ssda903.Date // DATE_INT and DATE_MATCH; zero when blank
	HasDecision, HasMatch   bool
}

// PlacedForAdoption is a PLACED_ADOPTION row: the decision that the child
// should be placed for adoption, and whether it was reversed.
type PlacedForAdoption struct {
	Year                  ssda903.Year
	Decided, Ceased       ssda903.Date // DATE_PLACED and DATE_PLACED_CEASED; zero when blank
	HasDecided, HasCeased bool
	CeasedReason          string // REASON_PLACED_CEASED
}

// Motherhood is what one year's Header says of the child as a mother.
type Motherhood struct {
	Year        ssda903.Year
	Mother      bool         // MOTHER 1
	ChildBorn   ssda903.Date // MC_DOB; zero when blank
	HasChildDOB bool
}
