package forecast

import (
	"strings"

	"github.com/village-uk/village/calendar"
)

// Category is a placement category: the kind of placement a child is
// living in, as the model counts and costs them.
type Category int

// The placement categories, in the order tables show them.
const (
	FosterInHouse         Category = iota // foster care with the authority's own or another public carer
	FosterAgency                          // foster care with an independent fostering agency
	Kinship                               // foster care with relatives or friends (connected carers)
	ChildrensHomeInHouse                  // children's homes run by the authority or another public body
	ChildrensHomeExternal                 // children's homes run by private or voluntary providers
	Supported                             // supported or independent accommodation (16-17)
	WithParents                           // placed with parents or others with parental responsibility
	Adoption                              // placed for adoption
	Unregistered                          // other placements, typically unregistered
	SecureOther                           // secure children's homes and every other residential setting
	Categories            int      = iota // the number of categories
)

// categoryInfo names each category for tables (Label) and files (Key).
var categoryInfo = [Categories]struct{ Key, Label string }{
	{"fostering_in_house", "Fostering (in-house)"},
	{"fostering_agency", "Fostering (agency/IFA)"},
	{"kinship", "Kinship fostering"},
	{"childrens_home_in_house", "Children's homes (in-house)"},
	{"childrens_home_external", "Children's homes (external)"},
	{"supported", "Supported/independent"},
	{"with_parents", "Placed with parents"},
	{"adoption", "Placed for adoption"},
	{"unregistered", "Other/unregistered"},
	{"secure_other", "Secure and other residential"},
}

// Key is the category's name in cost and scenario files and in JSON.
func (c Category) Key() string { return categoryInfo[c].Key }

// Label is the category's name in tables.
func (c Category) Label() string { return categoryInfo[c].Label }

// CategoryByKey returns the category with the given key.
func CategoryByKey(key string) (Category, bool) {
	for c := range Category(Categories) {
		if categoryInfo[c].Key == key {
			return c, true
		}
	}
	return 0, false
}

// childrensHomeKey is the key of the single children's homes category
// before it was split into in-house and external homes. Cost and scenario
// files written then still use it; it names both.
const childrensHomeKey = "childrens_home"

// childrensHomes are the children's homes categories.
var childrensHomes = []Category{ChildrensHomeInHouse, ChildrensHomeExternal}

// categoriesByKey returns the categories a key in a cost or scenario file
// names: the one with that key, or both kinds of children's home for the
// key used before they were split; none for an unknown key.
func categoriesByKey(key string) []Category {
	if key == childrensHomeKey {
		return childrensHomes
	}
	if c, ok := CategoryByKey(key); ok {
		return []Category{c}
	}
	return nil
}

// placeCategory maps PLACE codes to categories. Foster codes U4-U6 and
// children's homes (K2) depend on the provider too (see CategoryOf);
// every code not listed is SecureOther.
var placeCategory = map[string]Category{
	"U1":  Kinship,      // foster placement with relative or friend: long term
	"U2":  Kinship,      // with relative or friend who is an approved adopter (fostering for adoption)
	"U3":  Kinship,      // with relative or friend: not long term
	"H5":  Supported,    // semi-independent living (to 2023/24)
	"P2":  Supported,    // independent living: flat, lodgings, bed and breakfast (to 2023/24)
	"K3":  Supported,    // registered supported accommodation (from 2024/25)
	"P1":  WithParents,  // placed with own parents or others with parental responsibility
	"A3":  Adoption,     // placed for adoption with consent, with current foster carers
	"A4":  Adoption,     // placed for adoption with consent, not with current foster carers
	"A5":  Adoption,     // placed for adoption under a placement order, with current foster carers
	"A6":  Adoption,     // placed for adoption under a placement order, not with current foster carers
	"Z1":  Unregistered, // other placement (to 2024/25), often unregistered provision
	"Z11": Unregistered, // other placement (from 2025/26)
	"Z12": Unregistered, // other placement (from 2025/26)
	"Z13": Unregistered, // other placement (from 2025/26)
	"Z14": Unregistered, // other placement (from 2025/26)
	"K1":  SecureOther,  // secure children's home
	"R1":  SecureOther,  // residential care home
	"R2":  SecureOther,  // NHS or health trust establishment
	"R3":  SecureOther,  // family centre or mother and baby unit
	"R5":  SecureOther,  // young offender institution
	"S1":  SecureOther,  // residential school not registered as a children's home
	"P3":  SecureOther,  // residential employment
}

// CategoryOf returns the category of a placement from its PLACE and
// PLACE_PROVIDER codes. Foster care with a non-relative (U4-U6) is
// agency fostering when the provider is private or voluntary (PR4, PR5)
// and in-house otherwise, including when the provider is blank, as the
// authority's own carers are the commonest. A children's home (K2) is
// in-house when the provider is the authority, another authority or
// another public body (PR0-PR3) and external otherwise, including when
// the provider is blank, as most children's home places in England are
// run by private providers. Temporary placements (T0-T4)
// have no category of their own: see segments, which gives them the
// category of the placement they interrupt. ok is false for them.
func CategoryOf(place, provider string) (c Category, ok bool) {
	place = strings.TrimSpace(place)
	switch place {
	case "T0", "T1", "T2", "T3", "T4":
		return 0, false
	case "U4", "U5", "U6":
		switch strings.TrimSpace(provider) {
		case "PR4", "PR5":
			return FosterAgency, true
		}
		return FosterInHouse, true
	case "K2":
		switch strings.TrimSpace(provider) {
		case "PR0", "PR1", "PR2", "PR3":
			return ChildrensHomeInHouse, true
		}
		return ChildrensHomeExternal, true
	}
	if c, ok := placeCategory[place]; ok {
		return c, true
	}
	return SecureOther, true
}

// Band is an age band.
type Band int

// The age bands; a child leaves care at 18.
const (
	Age0to4 Band = iota
	Age5to9
	Age10to15
	Age16to17
	Bands int = iota
)

// bandInfo gives each band's first age and names.
var bandInfo = [Bands]struct {
	From       int
	Key, Label string
}{
	{0, "0-4", "0–4"},
	{5, "5-9", "5–9"},
	{10, "10-15", "10–15"},
	{16, "16-17", "16–17"},
}

// adultAge is the age at which everyone leaves care in the model.
const adultAge = 18

// Key is the band's name in files and JSON.
func (b Band) Key() string { return bandInfo[b].Key }

// Label is the band's name in tables.
func (b Band) Label() string { return bandInfo[b].Label }

// BandOf returns the band of an age in whole years (0 to 17).
func BandOf(age int) Band {
	switch {
	case age < 5:
		return Age0to4
	case age < 10:
		return Age5to9
	case age < 16:
		return Age10to15
	}
	return Age16to17
}

// BandByKey returns the band with the given key.
func BandByKey(key string) (Band, bool) {
	for b := range Band(Bands) {
		if bandInfo[b].Key == key {
			return b, true
		}
	}
	return 0, false
}

// nextBirthday returns the birthday on which a child born on dob leaves
// band b: the first birthday of the next band, or the 18th.
func nextBirthday(dob calendar.Date, b Band) calendar.Date {
	if int(b)+1 < Bands {
		return dob.AddYears(bandInfo[b+1].From)
	}
	return dob.AddYears(adultAge)
}

// Exit is a reason for leaving care, as the model groups REC codes.
type Exit int

// The exit reasons. The first ExitReasons are drawn in the simulation;
// ageing out is not drawn but happens on the 18th birthday.
const (
	ExitHome     Exit = iota // returned home to parents or relatives
	ExitAdoption             // adopted
	ExitSGO                  // special guardianship or child arrangements order
	ExitOther                // every other reason, and reasons not known
	ExitAgedOut              // reached 18
)

const (
	// ExitReasons is the number of exit reasons drawn as rates.
	ExitReasons = 4
	exitKinds   = 5 // with ageing out
	// destinations is where a child can go from a state: another
	// category or a drawn exit.
	destinations = Categories + ExitReasons
	// ageingOutSlack is how many days before the 18th birthday leaving
	// care counts as ageing out rather than as an exit at a rate.
	ageingOutSlack = 7
)

var exitInfo = [exitKinds]struct{ Key, Label string }{
	{"home", "Returned home"},
	{"adoption", "Adopted"},
	{"sgo_cao", "Special guardianship or child arrangements order"},
	{"other", "Other reasons"},
	{"aged_18", "Reached 18"},
}

// Key is the exit reason's name in files and JSON.
func (e Exit) Key() string { return exitInfo[e].Key }

// Label is the exit reason's name in tables.
func (e Exit) Label() string { return exitInfo[e].Label }

// ExitOf groups a reason episode ceased (REC) into an exit reason. Ageing
// out is decided by the date, not the code (see Estimate).
func ExitOf(rec string) Exit {
	switch strings.TrimSpace(rec) {
	case "E4A", "E4B", "E13": // home as planned, home not as planned, to parents or relatives without PR
		return ExitHome
	case "E11", "E12": // adopted, unopposed or with consent dispensed with
		return ExitAdoption
	case "E41", "E45", "E46", "E47", "E48": // child arrangements order; special guardianship orders
		return ExitSGO
	}
	return ExitOther
}
