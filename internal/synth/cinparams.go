package synth

// The parameters of the children in need (CIN) census. The national
// figures they were tuned to are England's, from the DfE release
// "Children in need" (2025 edition, year to 31 March 2025), as the
// project's shared specification (analytics-and-demand.md, §3.6) lists
// them; cinEngland holds them. Figures that section does not give (section 47 and initial
// conference rates, timeliness, the mix of referral sources and
// categories of abuse) are approximate and say so.

// cinEngland is England's 2024-25 children in need figures (2025 edition),
// per 10,000 children aged 0-17 (population 12,183,016) or as shares.
var cinEngland = struct {
	referralsPer10k   float64 // 632,830 referrals
	reReferralShare   float64 // 22.6% within 12 months of a previous referral
	nfaShare          float64 // 6.5% of referrals with no further action
	cinPer10k         float64 // 402,400 children in need at 31 March: 330 per 10,000
	cpStartsPer10k    float64 // 61,840 plans starting: 50.8 per 10,000
	cpPer10k          float64 // 49,420 plans at 31 March: 40.6 per 10,000
	secondPlanShare   float64 // 24.5% of plans starting were second or later
	assessed45Share   float64 // approximate, not in the spec: about 83% within 45 working days
	s47Per10k         float64 // approximate, not in the spec: about 200,000 enquiries
	icpcPer10k        float64 // approximate, not in the spec: about 80,000 conferences
	icpc15Share       float64 // approximate, not in the spec: about 78% within 15 working days
	neglectShare      float64 // approximate, not in the spec: about half of plans start under neglect
	planUnder3mShare  float64 // 31.5% of plans at 31 March had lasted 3 months or less
	planOver2yShare   float64 // 2.3% had lasted 2 years or more
	notInNeedShare    float64 // 30.8% of referrals assessed as not in need
	cinReferralsPerLA float64 // 4,136 referrals for an authority of average size
}{
	referralsPer10k: 519, reReferralShare: 0.226, nfaShare: 0.065, cinPer10k: 330,
	cpStartsPer10k: 50.8, cpPer10k: 40.6, secondPlanShare: 0.245, assessed45Share: 0.83,
	s47Per10k: 164, icpcPer10k: 66, icpc15Share: 0.78, neglectShare: 0.50,
	planUnder3mShare: 0.315, planOver2yShare: 0.023, notInNeedShare: 0.308, cinReferralsPerLA: 4136,
}

// The CIN census simulation.
const (
	cinBurnIn = 6 // years simulated before the first emitted year, so long cases and repeat plans have a history

	// Referrals of children who never come into care, a year per 10,000
	// children; with re-referrals and the referrals of children who come
	// into care they make England's 519.
	cinFirstReferralsPer10k = 300
	reReferralChance        = 0.42 // a case is followed by another referral of the same child
	reReferralMedianDays    = 135  // from the closure of the last case
	reReferralSigma         = 1.0  // log-normal spread of that gap
	priorPlanChance         = 0.26 // a child first referred has had a plan before the simulation

	nfaChance        = 0.075 // no further action on the referral
	notInNeedChance  = 0.42  // of those assessed: closed after assessment, not in need
	earlyHelpChance  = 0.45  // of those: referred to early help (RC9) rather than closed (RC8)
	noFactorsChance  = 0.35  // of those: factor 21, no factors identified
	s47Chance        = 0.64  // of those assessed and in need: a section 47 enquiry
	icpcChance       = 0.40  // of enquiries: an initial child protection conference
	planAtICPCChance = 0.75  // of conferences: a child protection plan
	assessed45Chance = 0.83  // assessments authorised within 45 working days
	icpc15Chance     = 0.78  // conferences within 15 working days of the strategy discussion
	latestSameChance = 0.9   // the latest category of abuse is the first

	needMedianDays = 90   // a case of need with a CIN plan, from the assessment
	needSigma      = 0.9  // its log-normal spread
	longNeedChance = 0.10 // long cases: disabled children, families with lasting needs
	longNeedMedian = 1000 // days
	planMedianDays = 270  // a child protection plan
	planSigma      = 0.6
	stepDownChance = 0.65 // a CIN plan follows a child protection plan

	// Children who come into care.
	throughCINChance  = 0.92 // referred before starting to be looked after
	preCareMedianDays = 55   // referral to care
	preCareSigma      = 1.1
	preCarePlanChance = 0.45 // a child protection plan before care, for children referred in time
	earlierCaseChance = 0.3  // an earlier, closed case before the one that leads to care
)

// Age at referral in single years (DfE 2025: under 1 about 10%, 1-4 about
// 20%, 5-9 about 25%, 10-15 about 35%, 16-17 about 10%; approximate).
var referralAge = choices[int](0, 10.0, 1, 5.0, 2, 5.0, 3, 5.0, 4, 5.0, 5, 5.0, 6, 5.0, 7, 5.0, 8, 5.0, 9, 5.0,
	10, 5.8, 11, 5.8, 12, 5.8, 13, 5.8, 14, 5.9, 15, 5.9, 16, 5.0, 17, 4.0)

// Sources of referral (approximate 2025 mix: police 29%, schools 19%,
// health 16%, local authority services 14%, individuals 8%).
var referralSources = codeChoices("1A", 5, "1B", 1, "1C", 1.5, "1D", 0.5, "2A", 19, "2B", 2,
	"3A", 2.5, "3B", 3, "3C", 1, "3D", 2, "3E", 3.5, "3F", 4, "4", 1.5,
	"5A", 3, "5B", 4, "5C", 3, "5D", 4, "6", 29, "7", 2.5, "8", 2.5, "9", 1, "10", 2)

// Primary need of cases that go on after assessment; N2 is given to the
// long cases of disabled children.
var primaryNeeds = codeChoices("N1", 57, "N3", 3, "N4", 10, "N5", 15, "N6", 2, "N7", 0.5, "N8", 4, "N0", 1)

// Categories of abuse at the start of a plan (approximate: neglect about
// half, emotional about 38%).
var abuseCategories = codeChoices("NEG", 50, "EMO", 38, "PHY", 6, "SAB", 4, "MUL", 2)

// Factors identified at assessment, from 2024/25 without 18A and 19A.
var assessmentFactors = codeChoices("3B", 18, "3C", 6, "4B", 18, "2B", 10, "1B", 8, "16A", 12, "17A", 14,
	"4A", 8, "14A", 4, "10A", 3, "11A", 2, "24A", 3, "18B", 2, "18C", 5, "19B", 1, "19C", 2, "6B", 3,
	"5B", 2, "8B", 0.3, "20", 6, "15A", 3, "13A", 1, "22A", 0.2, "23A", 0.2, "7A", 1)

// Disabilities of disabled children in need.
var disabilityCodes = codeChoices("LD", 30, "AUT", 25, "COMM", 15, "BEH", 10, "MOB", 8, "PC", 4, "HAND", 2,
	"INC", 2, "HEAR", 1.5, "VIS", 1.5, "CON", 1, "DDA", 2)
