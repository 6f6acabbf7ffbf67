package synth

// The parameters of the simulation. PARAMETERS.md says which national
// figure each was tuned to; the figures are England's, from the DfE
// release "Children looked after in England including adoptions" (2025
// edition, with 2023 and 2024 as revised in it) unless stated.

// Age bands used by the DfE tables.
const (
	bandUnder1 = iota
	band1to4
	band5to9
	band10to15
	band16to17
	bands
)

// ageBand returns the DfE age band of an age in whole years.
func ageBand(age int) int {
	switch {
	case age < 1:
		return bandUnder1
	case age < 5:
		return band1to4
	case age < 10:
		return band5to9
	case age < 16:
		return band10to15
	}
	return band16to17
}

// bandNames name the age bands in the report.
var bandNames = [bands]string{"under 1", "1-4", "5-9", "10-15", "16-17"}

// Population.
const (
	targetRatePer10k      = 66.5  // the rate the simulation settles at; England 67-70 per 10,000 (2023-2025)
	populationGrowth      = 0.005 // a year
	ageGradient           = 0.04  // 17-year-olds this much above the mean single year, babies below
	maleShareOfPopulation = 0.512
)

// Entries.
const (
	startsPer10k = 27.8 // children starting per 10,000 a year (26-28), re-entries included
	// reentryShare is the part of starts that are re-entries of children
	// already simulated, which the new-entry rate leaves room for.
	reentryShare       = 0.085
	uascShareOfStarts  = 0.22 // 2023-2025
	uascMaleShare      = 0.90
	otherMaleShare     = 0.515 // so that about 60% of starters are male
	newbornShare       = 0.40  // babies under 1 who start in their first week
	shortBreakPer1000  = 10    // children on agreed short breaks per 1,000 CLA
	shortBreakMale     = 0.60
	unknownSexShare    = 0 // SEX U is a valid code, but rule 232 queries every use of it
	reentryMedianDays  = 330.0
	reentrySigma       = 0.9
	earliestReentryAge = 17 // no re-entry on or after this birthday
)

// startAgeShare is the share of all starts at each age (under 1 16%, 1-4
// 15%, 5-9 15%, 10-15 27%, 16-17 27%).
var startAgeShare = [18]float64{
	0.175,
	0.035, 0.035, 0.035, 0.035,
	0.029, 0.029, 0.029, 0.029, 0.029,
	0.0435, 0.0435, 0.0435, 0.0435, 0.0435, 0.0435,
	0.140, 0.140,
}

// uascAgeShare is the age on starting of unaccompanied asylum-seeking
// children: almost all 14-17.
var uascAgeShare = map[int]float64{12: 0.01, 13: 0.02, 14: 0.07, 15: 0.13, 16: 0.33, 17: 0.44}

// reentryChance is the chance of starting a new period after ceasing for
// each reason.
var reentryChance = map[string]float64{
	"E4A": 0.30, "E4B": 0.35, "E13": 0.25, "E8": 0.25, "E41": 0.06,
	"E45": 0.03, "E46": 0.03, "E47": 0.04, "E48": 0.04, "E14": 0.2,
}

// Legal status on starting, for children who are not UASC, by age band
// (under 1, 1-4, 5-9, 10-15, 16-17). Overall: V2 57%, C1 31%, L1 9%, L2
// 1-2%, J1 1-2% once UASC (all V2) are counted.
var entryStatus = [bands]codes{
	codeChoices("C1", 56, "V2", 26, "L1", 12, "L2", 6),
	codeChoices("C1", 49, "V2", 33, "L1", 16, "L2", 2),
	codeChoices("C1", 45, "V2", 40, "L1", 14, "L2", 1),
	codeChoices("C1", 33, "V2", 49, "L1", 12, "L2", 0.5, "J1", 5.5),
	codeChoices("C1", 12, "V2", 70, "L1", 9, "J1", 9),
}

// Emergency legal statuses.
const (
	policeQuickExit = 0.30 // police protection ends with the child going home
	policeToC1      = 0.45 // otherwise, care proceedings rather than s20
	epoQuickExit    = 0.08
	epoToC1         = 0.85
)

// quickHomeReasons are how a short stay ends.
var quickHomeReasons = codeChoices("E4A", 45, "E4B", 20, "E13", 15, "E8", 20)

// Care proceedings (interim care order): 30-50 weeks, longer for
// placement orders (10-14 months after entry).
const (
	proceedingsMean     = 295.0
	proceedingsSD       = 55.0
	orderMean           = 285.0
	orderSD             = 40.0
	earlyHomeChance     = 0.05 // the interim order ends early and the child goes home
	homeViaParents      = 0.90 // home outcomes that pass through P1 on a care order
	homeViaParentsYoung = 0.45 // the same for children under 5
	sgoKinMoveLeadMin   = 60
	sgoKinMoveLeadMax   = 150
)

// proceedingsOutcome is what the court decides, by age band at the start
// of proceedings.
var proceedingsOutcome = [bands]weighted[string]{
	choices[string]("adoption", 54, "sgo", 22, "cao", 4, "home", 9, "care", 11),
	choices[string]("adoption", 28, "sgo", 31, "cao", 6, "home", 17, "care", 18),
	choices[string]("adoption", 3, "sgo", 22, "cao", 6, "home", 18, "care", 51),
	choices[string]("sgo", 8, "cao", 3, "home", 15, "care", 74),
	choices[string]("sgo", 1, "home", 12, "care", 87),
}

// sgoAtProceedings is the kind of special guardianship order made at the
// end of proceedings.
var sgoAtProceedings = codeChoices("E45", 45, "E47", 35, "E46", 12, "E48", 8)

// Adoption (scorecard A1 entry to placed 450-480 days, A2 placement order
// to match 180-200 days; placed to adopted 6-12 months).
const (
	decisionLeadMin   = 20 // the decision to place comes before the order
	decisionLeadMax   = 90
	matchShape        = 4.0
	matchMean         = 190.0
	placeAfterMatch   = 5 // days from match to moving in, at least
	placeAfterMatchTo = 21
	adoptedAfterMin   = 160
	adoptedAfterMax   = 330
	reversalChance    = 0.15 // no match is found and the decision is reversed
	disruptionChance  = 0.02 // the placement for adoption breaks down
	ffaChance         = 0.20 // infants on the adoption route placed with FFA carers
	fosterCarerAdopts = 0.12 // others adopted by their foster carers
	unopposedShare    = 0.40 // E11 rather than E12
	consentAdoptShare = 0.80 // consent adoptions that are E11
)

var (
	reversalReasons   = codeChoices("RD1", 25, "RD2", 40, "RD3", 5, "RD4", 30)
	disruptionReasons = codeChoices("RD1", 40, "RD3", 10, "RD4", 50)
	adoptionAgencies  = codeChoices("PR1", 70, "PR5", 25, "PR2", 5) // LA or regional agency, voluntary, another LA
)

const (
	consentCurrentCarers = 0.30 // consent adoptions by the current foster carers (A3)
	marriedShare         = 0.70 // mixed-sex couples who are married (L11)
	civilPartnerShare    = 0.60 // same-sex couples in a civil partnership (L12)
)

// Accommodation under section 20 for children who are not UASC, by age
// band.
var accommodatedRoute = [bands]weighted[string]{
	choices[string]("quick", 38, "short", 5, "proceedings", 40, "consent", 10, "long", 7),
	choices[string]("quick", 36, "short", 6, "proceedings", 50, "long", 8),
	choices[string]("quick", 38, "short", 8, "proceedings", 48, "long", 6),
	choices[string]("quick", 33, "short", 14, "proceedings", 44, "long", 9),
	choices[string]("quick", 30, "short", 31, "proceedings", 6, "long", 33),
}

const (
	quickMedian = 35.0 // days
	quickSigma  = 1.0
	shortMedian = 150.0
	shortSigma  = 0.8
)

// shortStayReasons are how a short but not quick stay ends, by age band.
var shortStayReasons = [bands]codes{
	codeChoices("E13", 30, "E8", 30, "E3", 30, "E41", 10),
	codeChoices("E13", 30, "E8", 30, "E3", 25, "E41", 15),
	codeChoices("E13", 35, "E8", 30, "E3", 20, "E41", 15),
	codeChoices("E13", 35, "E8", 40, "E3", 15, "E41", 5, "E16", 1, "E2", 1),
	codeChoices("E13", 30, "E8", 50, "E3", 15, "E16", 2, "E2", 1),
}

// Long-term care: hazards of leaving care a year, by age band, and how.
var longTermHazard = [bands]float64{0.22, 0.20, 0.03, 0.035, 0.015}

const unplannedHomeShare = 0.20 // long-term children going home who do so outside the plan (E4B)

var longTermExit = [bands]weighted[string]{
	choices[string]("sgo", 48, "home", 32, "cao", 10, "E13", 3, "E3", 5, "E8", 2),
	choices[string]("sgo", 48, "home", 32, "cao", 10, "E13", 3, "E3", 5, "E8", 2),
	choices[string]("sgo", 40, "home", 36, "cao", 8, "E13", 5, "E3", 6, "E8", 5),
	choices[string]("sgo", 14, "home", 38, "cao", 3, "E13", 15, "E3", 10, "E8", 17, "E9", 2, "E2", 1),
	choices[string]("home", 35, "E13", 22, "E3", 10, "E8", 28, "E9", 3, "E2", 1, "E16", 1),
}

const (
	parentsBeforeHomeMin   = 180 // days placed with parents before a care order is discharged
	parentsBeforeHomeMax   = 1200
	parentsBeforeHomeYoung = 540
	parentsOnOrder         = 0.07 // children on care orders placed with parents for the longer term
	parentsAtHomeMax       = 1800 // from long-term care, on a care order at home for up to four years
)

// Remand.
const (
	remandMedian = 60.0
	remandSigma  = 0.6
)

var remandOutcome = choices[string]("E14", 45, "E9", 25, "accommodated", 30)

// UASC exits other than at 18 (national transfer scheme, age
// assessments).
var uascRoute = choices[string]("E3", 32, "E15", 4, "E8", 3, "E16", 1, "adult", 60)

// Ceasing at 18, by the kind of placement.
var (
	leaveFromFoster      = codeChoices("E17", 88, "E5", 9, "E6", 3)
	leaveFromSupported   = codeChoices("E5", 65, "E6", 15, "E17", 20)
	leaveFromResidential = codeChoices("E5", 62, "E6", 14, "E7", 14, "E17", 10)
	leaveFromCareHome    = codeChoices("E7", 55, "E5", 45)
	leaveFromParents     = codeChoices("E17", 60, "E13", 40)
)

// Special guardianship orders from long-term care, by who the guardians
// are: the foster carers, or relatives who were not.
var (
	sgoFromFoster = codeChoices("E46", 70, "E47", 20, "E48", 10)
	sgoFromOther  = codeChoices("E47", 70, "E48", 30)
)

// Category of need on starting (N1 57%, N8 21% (UASC), N5 9%, N4 7%).
var (
	needUASC  = codeChoices("N8", 96, "N1", 2, "N4", 2)
	needYoung = codeChoices("N1", 78, "N5", 9, "N4", 7, "N3", 3, "N2", 2, "N8", 1)
	needTeen  = codeChoices("N1", 62, "N5", 14, "N4", 11, "N6", 6, "N2", 3, "N3", 2, "N8", 1.5, "N7", 0.2)
)

// Previous permanence for children starting who are not re-entering
// after an order made by this authority.
var previousPermanence = codeChoices("Z1", 93, "P1", 1.5, "P2", 3.5, "P3", 1.5, "P4", 0.5)

const (
	partialPermanenceDate = 0.15 // DATE_PERM with the day unknown (ZZ)
	knownPermanenceLA     = 0.60 // re-entrants whose earlier order is recorded with an LA code rather than 999
)

// permanenceLAs are the LA_PERM codes used: a few English authorities,
// "not available" and the other UK countries.
var permanenceLAs = codeChoices("999", 20, "873", 10, "881", 10, "926", 10, "330", 10, "340", 10, "855", 10, "WAL", 5, "SCO", 5)

// Placements.
const (
	inHouseShare          = 0.47 // mainstream foster placements with the LA's own carers
	independentVoluntary  = 0.25 // IFA placements with voluntary rather than private agencies
	otherLAFoster         = 0.03
	inHouseInside         = 0.85 // in-house carers living within the authority
	agencyInside          = 0.30
	adoptersInside        = 0.30
	kinInsideShare        = 0.50
	settlingMoveChance    = 0.25 // an emergency placement followed by a planned one
	longTermSameCarer     = 0.55 // long-term matches with the existing carers
	longTermMatchMin      = 60   // days after the care order
	longTermMatchMax      = 365
	supportedAt16Chance   = 0.30
	supportedFromHome     = 0.45
	tempMovesPerYear      = 0.04
	motherBabyMin         = 42
	motherBabyMax         = 112
	secureMin             = 60
	secureMax             = 240
	hospitalMin           = 10
	hospitalMax           = 60
	firstYearExtraMoves   = 0.35 // moves a year added during the first year of a period
	ffaStartChance        = 0.60 // FFA carers from the start, rather than after a few weeks
	homeProvidersPer1000  = 40   // children's homes used, per 1,000 CLA
	minimumHomeProviders  = 12
	doloChance            = 0.05 // K2 placements of over-12s with a deprivation of liberty order
	homeMoveOnReentry     = 0.30 // families who have moved by the time a child returns to care
	uascSupportedAt16Plus = 0.62
	independentShare      = 0.15 // moves at 16-17 to independent living rather than supported accommodation (before K3)
	teenLongTermMatch     = 0.50 // foster placements of 13- to 15-year-olds made long term
	newCarersLongTerm     = 0.50 // moves of children matched long term that go to long-term carers
	kinFFAShare           = 0.10 // FFA carers who are relatives (U2 rather than U5)
)

// Providers of the authority's children's homes, secure homes and
// supported accommodation, and the share of each inside the authority.
var (
	homeOwners      = codeChoices("PR1", 15, "PR4", 75, "PR5", 10)
	secureOwners    = codeChoices("PR2", 80, "PR1", 20)
	supportedOwners = codeChoices("PR4", 70, "PR5", 20, "PR1", 10)
)

// Providers of other placements.
var (
	independentProviders = codeChoices("PR1", 50, "PR4", 50)
	motherBabyProviders  = codeChoices("PR4", 40, "PR5", 30, "PR1", 30)
	agencyProviders      = codeChoices("PR4", 60, "PR5", 40) // residential schools and other placements
)

const (
	homesInside     = 0.30
	secureInside    = 0.15
	supportedInside = 0.55
)

// outOfAreaRing is where placements outside the authority are: mostly
// next door, a quarter far away.
var outOfAreaRing = choices[int](ringEdge, 42, ringCorner, 28, ringDistant, 30)

var kinOutOfAreaRing = choices[int](ringEdge, 65, ringCorner, 27, ringDistant, 8)

// firstPlacement is the placement on starting, by age band, for children
// who are not UASC and not remanded.
var firstPlacement = [bands]weighted[placeKind]{
	choices[placeKind](kindFoster, 60, kindKin, 27, kindMotherBaby, 12, kindHospital, 1),
	choices[placeKind](kindFoster, 64, kindKin, 33, kindOther, 1.5, kindHospital, 1.5),
	choices[placeKind](kindFoster, 63, kindKin, 31, kindHome, 2.5, kindOther, 2, kindHospital, 1),
	choices[placeKind](kindFoster, 47, kindKin, 17, kindHome, 25, kindSecure, 0.6, kindOther, 6, kindSchool, 1.5, kindHospital, 1.4, kindCareHome, 1.5),
	choices[placeKind](kindFoster, 33, kindKin, 9, kindHome, 17, kindSupported, 26, kindIndependent, 6, kindOther, 6, kindHospital, 1.5, kindCareHome, 1.5),
}

// nextPlacement is where a child moves after a placement ends, by age
// band.
var nextPlacement = [bands]weighted[placeKind]{
	choices[placeKind](kindFoster, 86, kindKin, 14),
	choices[placeKind](kindFoster, 84, kindKin, 14, kindHome, 0.5, kindOther, 1.5),
	choices[placeKind](kindFoster, 80, kindKin, 11, kindHome, 7, kindOther, 2),
	choices[placeKind](kindFoster, 38, kindKin, 5, kindHome, 45, kindSecure, 1, kindOther, 6, kindSchool, 2.5, kindCareHome, 2.5),
	choices[placeKind](kindFoster, 27, kindKin, 3, kindHome, 25, kindSupported, 32, kindIndependent, 6, kindOther, 6, kindCareHome, 1.5),
}

// uascPlacement is the first placement of UASC, by whether 16 or over.
var (
	uascYoungPlacement = choices[placeKind](kindFoster, 84, kindHome, 14, kindOther, 2)
	uascOlderPlacement = choices[placeKind](kindFoster, 27, kindHome, 4, kindSupported, 57, kindIndependent, 10, kindOther, 2)
	remandPlacement    = choices[placeKind](kindSecure, 15, kindCustody, 25, kindFoster, 30, kindHome, 30)
)

// moveRate is placement breakdowns a year, by kind and age band.
func moveRate(k placeKind, band int) float64 {
	young := [bands]float64{0.30, 0.30, 0.30, 0.45, 0.50}
	long := [bands]float64{0.04, 0.04, 0.045, 0.08, 0.10}
	switch {
	case k == kindFosterLong || k == kindKinLong:
		return long[band]
	case k == kindKin:
		return young[band] * 0.5
	case k.fostering():
		return young[band]
	case k == kindHome:
		return 0.65
	case k.semiIndependent():
		return 0.45
	case k == kindOther, k == kindSchool, k == kindCareHome:
		return 0.6
	case k == kindParents:
		return 0.08
	}
	return 0
}

// moveReasons are REASON_PLACE_CHANGE for unplanned moves (CARPL most
// common, CREQB 8% of changes nationally).
var moveReasons = codeChoices("CARPL", 14, "CREQB", 17, "CREQO", 15, "CHILD", 11, "LAREQ", 8,
	"OTHER", 14, "STAND", 5, "CLOSE", 5, "ALLEG", 4, "APPRR", 2, "PLACE", 3, "CUSTOD", 2)

// plannedReasons are REASON_PLACE_CHANGE for moves the care plan makes:
// mostly implementing the plan, some at the request of the authority or
// the child.
var plannedReasons = codeChoices("CARPL", 80, "LAREQ", 8, "CHILD", 6, "OTHER", 6)

// Temporary placements: the code, and the longest stay in days.
var tempKinds = codeChoices("T1", 30, "T3", 35, "T4", 20, "T2", 5, "T0", 10)

var tempLongest = map[string]int{"T0": 10, "T1": 21, "T2": 10, "T3": 14, "T4": 7}

// Missing and away from placement: episodes a year by age band (10-15,
// 16-17) and kind.
func missingRate(k placeKind, age int) float64 {
	if age < 10 {
		return 0
	}
	teen := age >= 13
	switch {
	case k == kindHome:
		if teen {
			return 1.1
		}
		return 0.6
	case k.semiIndependent():
		return 0.8
	case k.fostering():
		if teen {
			return 0.18
		}
		return 0.04
	case k == kindOther, k == kindSchool:
		return 0.6
	case k == kindParents:
		return 0.1
	}
	return 0
}

// Children differ: a share go missing repeatedly (nationally about six
// incidents for each child who goes missing), the rest seldom.
const (
	missingRunners  = 0.17
	missingRepeated = 18.0
	missingUsual    = 0.25
)

// sameDayReturn is the share of missing episodes that end the day they
// start; the rest last a median of a day and a half.
const sameDayReturn = 0.30

// awayShare is the share of missing episodes coded A (away without
// authorisation) rather than M.
const awayShare = 0.25

// Reviews: participation codes for children aged 4 and over.
var participation = codeChoices("PN1", 55, "PN2", 5, "PN3", 3, "PN4", 5, "PN5", 8, "PN6", 7, "PN7", 17)

// Social workers: a change every 6 to 18 months.
const (
	socialWorkerMin      = 183
	socialWorkerMax      = 548
	socialWorkersPer1000 = 80
)

var socialWorkerReasons = codeChoices("LEFTRL", 32, "MANAGE", 18, "ORGRST", 10, "TSPROC", 15, "ABSENC", 5,
	"CHCHAN", 10, "PCCHAN", 3, "OTHERS", 7)

// Ethnicity of children looked after (2025: White 71%, Mixed 11%, Black 8%,
// Asian 5%, other 4%, not known 1%), for children who are not UASC; UASC
// are mostly from Afghanistan, Eritrea, Sudan, Iran, Iraq and Albania.
var (
	ethnicityOther = codeChoices("WBRI", 78, "WOTH", 3.5, "WIRI", 0.4, "WIRT", 0.4, "WROM", 1,
		"MWBC", 4.2, "MWBA", 1.6, "MWAS", 2.4, "MOTH", 4.5,
		"BCRB", 1.6, "BAFR", 2.2, "BOTH", 1.4,
		"AIND", 0.5, "APKN", 1.2, "ABAN", 0.5, "AOTH", 0.8, "CHNE", 0.1,
		"OOTH", 1.2, "REFU", 0.2, "NOBT", 0.9)
	ethnicityUASC = codeChoices("OOTH", 34, "AOTH", 18, "BAFR", 27, "BOTH", 8, "WOTH", 12, "NOBT", 1)
)

// UPN: children under 5 with a UPN already (nursery), and UASC with none.
const (
	earlyUPNShare = 0.25
	uascNoUPN     = 0.70
	otherNoUPN    = 0.01 // children of school age educated outside England
)

// Motherhood: the chance a year that a girl in care aged 14-17 has a baby.
const motherChance = 0.02

// OC2 outcomes for children looked after for 12 months.
const (
	sdqScoreShare     = 0.80
	sdqMean           = 14.0
	sdqSD             = 7.0
	convictedShare    = 0.03
	healthCheckShare  = 0.90 // development checks, under 5s
	immunisedShare    = 0.85
	teethShare        = 0.80
	healthAssessShare = 0.90
	substanceShare    = 0.03
	interventionShare = 0.60
	interventionOffer = 0.50
)

var sdqReasons = codeChoices("SDQ2", 20, "SDQ4", 45, "SDQ5", 25, "SDQ3", 10)

// OC3 care leavers.
var (
	inTouch       = codeChoices("YES", 88, "NO", 5, "REFU", 3, "NREQ", 2, "RHOM", 2)
	activityYoung = codeChoices("F2", 58, "P2", 5, "F4", 5, "F5", 6, "P5", 3, "G4", 5, "G5", 15, "G6", 3)
	activityOlder = codeChoices("F1", 8, "P1", 1, "F2", 17, "P2", 3, "F4", 5, "P4", 1, "F5", 20, "P5", 7,
		"G4", 8, "G5", 25, "G6", 5)
	accommodationYoung = codeChoices("D1", 30, "E1", 12, "B1", 14, "B2", 2, "C1", 6, "U1", 14, "K1", 6,
		"Y1", 4, "X2", 2, "V2", 1, "R2", 1, "D2", 3, "U2", 2, "G1", 1)
	accommodationOlder = codeChoices("U1", 30, "Z1", 12, "D1", 12, "E1", 7, "B1", 10, "B2", 2, "K1", 6,
		"T1", 3, "C1", 2, "Y1", 4, "X2", 3, "S2", 1, "W2", 1, "V2", 1, "R2", 1, "U2", 3, "D2", 1, "G1", 1)
)

// stayingPutAt19 is the share of care leavers who stayed put at 18 (E17)
// still with their former foster carers at 19; it falls by stayingPutFall
// a year.
const (
	stayingPutAt19 = 0.50
	stayingPutFall = 0.20
)

// Adopters.
var (
	singleAdopter = codeChoices("F1", 92, "M1", 8)
	adopterCouple = codeChoices("MF", 84, "MM", 8, "FF", 8)
)

const singleAdopterShare = 0.12
