package synth

import (
	"strings"

	"github.com/village-uk/village/calendar"
)

// placeKind is what a placement is, before it is coded: the PLACE code of
// some kinds depends on the date (supported accommodation was H5, then K3).
type placeKind uint8

// The kinds of placement.
const (
	kindFoster       placeKind = iota // U6: foster, not long term
	kindFosterLong                    // U4: foster, long term
	kindKin                           // U3: relative or friend, not long term
	kindKinLong                       // U1: relative or friend, long term
	kindKinFFA                        // U2: relative or friend who is also an approved adopter
	kindFFA                           // U5: fostering for adoption
	kindAdoptCurrent                  // A5 (A3 with consent): placed for adoption with the current carers
	kindAdoptNew                      // A6 (A4 with consent): placed for adoption with new carers
	kindHome                          // K2: children's home
	kindSecure                        // K1: secure children's home
	kindSupported                     // H5, then K3: supported accommodation
	kindIndependent                   // P2, then K3: independent living
	kindParents                       // P1: placed with parents
	kindMotherBaby                    // R3: family centre or mother and baby unit
	kindCareHome                      // R1: residential care home
	kindHospital                      // R2: NHS or health placement
	kindCustody                       // R5: young offender institution
	kindSchool                        // S1: residential school
	kindOther                         // Z1, then Z11-Z14
	kindTemporary                     // T0-T4
)

// fostering reports whether the kind is a foster placement (U1-U6).
func (k placeKind) fostering() bool { return k <= kindFFA }

// kinship reports whether the carers are relatives or friends.
func (k placeKind) kinship() bool { return k == kindKin || k == kindKinLong || k == kindKinFFA }

// adoptive reports whether the child is placed for adoption.
func (k placeKind) adoptive() bool { return k == kindAdoptCurrent || k == kindAdoptNew }

// residential reports whether the kind is a children's home or secure home.
func (k placeKind) residential() bool { return k == kindHome || k == kindSecure }

// semiIndependent reports whether the kind is supported or independent living.
func (k placeKind) semiIndependent() bool { return k == kindSupported || k == kindIndependent }

// carer is whoever looks after the child in a placement. Two placements
// share a carer when the child stays with the same people, which decides
// between the RNE codes P and T, B and U.
type carer struct {
	provider string // PLACE_PROVIDER
	urn      string // Ofsted URN, or XXXXXXX
	post     int32  // postcode index in the directory, -1 for none
}

// stint is a time in one placement with one carer.
type stint struct {
	start  calendar.Date
	kind   placeKind
	code   string // PLACE code
	recode string // the code in returns whose year's list lacks code (Z1 becomes one of Z11-Z14); "" if none
	carer  *carer
	reason string // REASON_PLACE_CHANGE for the move into this stint
}

// change is a change of legal status.
type change struct {
	date calendar.Date
	ls   string
}

// episode is one row of the Episodes table, before it is cut to a year.
// The provider, URN and placement postcode are the carer's.
type episode struct {
	start, end calendar.Date
	rne, ls    string
	place      string
	recode     string // PLACE in returns whose year's list lacks place; "" if none
	rec        string // X1, the period's REC, or "" while still open
	reason     string // REASON_PLACE_CHANGE, set on the episode that ends
	carer      *carer
}

// temporary reports whether the episode is a temporary placement (T0-T4).
func (ep *episode) temporary() bool { return ep.place[0] == 'T' }

// provider returns PLACE_PROVIDER: none for temporary placements and the
// "other" placements: Z11-Z14 (rule 178) and Z1 before them (rules 178
// and 526 up to 2024/25, as the peer validator has them, list Z1 with
// T0-T4 as taking none). An "other" placement open when Z1 was withdrawn
// thus has the same provider, none, in both years (rule 503E).
func (ep *episode) provider() string {
	if ep.temporary() || strings.HasPrefix(ep.place, "Z1") {
		return ""
	}
	return ep.carer.provider
}

// placePost returns the placement postcode; short breaks have none
// (rules 398 and 420).
func (ep *episode) placePost() int32 {
	if ep.ls == "V3" {
		return -1
	}
	return ep.carer.post
}

// spell is a time with a start and an end: a missing episode, a
// deprivation of liberty order.
type spell struct {
	start, end calendar.Date
	code       string // M or A for missing episodes
}

// adoption holds the dates of a child's adoption plan.
type adoption struct {
	decision   calendar.Date // the decision that the child should be placed for adoption
	order      calendar.Date // placement order (LS E1); 0 with consent
	match      calendar.Date // 0 if never matched
	placed     calendar.Date // 0 if never placed
	reversed   calendar.Date // the decision reversed; 0 if it stands
	reversal   string        // REASON_PLACED_CEASED
	consent    bool          // placed with parental consent (A3/A4) rather than an order
	current    bool          // placed with the current foster carers
	adopters   int
	adopterSex string
	adopterLS  string
}

// period is one period of care: from starting to be looked after to
// ceasing.
type period struct {
	start, end calendar.Date // end may lie after the simulation, which shows it as open
	rec        string
	cin        string
	shortBreak bool
	home       int32 // HOME_POST index, -1 for none
	episodes   []episode
	adoption   *adoption
	prevPerm   string // PREV_PERM
	laPerm     string
	datePerm   string
	missing    []spell
	dolo       []spell
}

// swEpisode is one allocation of a social worker.
type swEpisode struct {
	start, end calendar.Date
	id         string
	reason     string
}

// child is one simulated child and everything that happens to them.
type child struct {
	index      int
	id         string
	dob        calendar.Date
	male       bool
	unknownSex bool // recorded as U from 2024/25
	ethnic     string
	upn        string // a valid UPN, used once the child is of school age
	earlyUPN   bool   // has a UPN before school age
	noUPN      string // UN code used while no UPN applies
	uasc       bool
	babyDOB    calendar.Date // 0 unless the child becomes a mother
	periods    []*period
	social     []swEpisode
}

// lastEnd returns when the child last ceased (or will cease) to be looked
// after, 0 with no periods.
func (c *child) lastEnd() calendar.Date {
	if len(c.periods) == 0 {
		return 0
	}
	return c.periods[len(c.periods)-1].end
}
