package cin

import (
	"github.com/village-uk/village/returns"
)

// TableName names one of the census's tables, as the peer validator names
// them.
type TableName = returns.TableName

// The tables of the census.
const (
	Header                TableName = "Header"
	ChildIdentifiers      TableName = "ChildIdentifiers"
	ChildCharacteristics  TableName = "ChildCharacteristics"
	Disabilities          TableName = "Disabilities"
	CINdetails            TableName = "CINdetails"
	Assessments           TableName = "Assessments"
	AssessmentFactorsList TableName = "AssessmentFactorsList"
	CINplanDates          TableName = "CINplanDates"
	Section47             TableName = "Section47"
	ChildProtectionPlans  TableName = "ChildProtectionPlans"
	Reviews               TableName = "Reviews"
	PreProceedings        TableName = "PreProceedings"
)

// The kinds of column the census uses.
const (
	text    = returns.Text
	code    = returns.Code
	isoDate = returns.ISODate
	number  = returns.Number
)

func cols(spec ...any) []returns.Column { return returns.Columns(spec...) }

// childColumn names the child in every table but the Header.
const childColumn = "LAchildID"

// Schemas lists every table, each row about the child in LAchildID (the
// Header is about no child). CINdetailsID, AssessmentID and CPPID number
// a child's referrals, a referral's assessments and its child protection
// plans in the order the XML gives them, from 1: the XML has no
// identifiers for them.
//
// PreProceedings holds the pre-proceedings and family group decision
// making module (the XML's PreProceedingsandFGDM, under CINdetails), which
// only censuses from 2026/27 carry (PreProceedingsFrom); like Section47
// and CINplanDates its rows have no number of their own, only their
// episode's CINdetailsID.
//
// GenderCurrent (1, 2, 0 or 9) is the census's field to 2023/24; Sex (M,
// F or U) replaces it from 2024/25. Both columns are in the table; a
// year's file fills the one its schema has.
var Schemas = []*returns.Schema{
	{Name: Header, File: "header.csv", Columns: cols(
		"Collection", code, "Year", number, "ReferenceDate", isoDate,
		"SourceLevel", code, "LEA", number, "SoftwareCode", text, "Release", text,
		"SerialNo", number, "DateTime", text)},
	{Name: ChildIdentifiers, File: "childidentifiers.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "UPN", text, "FormerUPN", text, "UPNunknown", code,
		"PersonBirthDate", isoDate, "ExpectedPersonBirthDate", isoDate,
		"GenderCurrent", code, "Sex", code, "PersonDeathDate", isoDate)},
	{Name: ChildCharacteristics, File: "childcharacteristics.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "Ethnicity", code)},
	{Name: Disabilities, File: "disabilities.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "Disability", code)},
	{Name: CINdetails, File: "cindetails.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "CINreferralDate", isoDate,
		"ReferralSource", code, "PrimaryNeedCode", code, "CINclosureDate", isoDate,
		"ReasonForClosure", code, "DateOfInitialCPC", isoDate, "ReferralNFA", code)},
	{Name: Assessments, File: "assessments.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "AssessmentID", number,
		"AssessmentActualStartDate", isoDate, "AssessmentInternalReviewDate", isoDate,
		"AssessmentAuthorisationDate", isoDate, "AssessmentFactors", code|returns.Optional)},
	{Name: AssessmentFactorsList, File: "assessmentfactorslist.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "AssessmentID", number, "AssessmentFactor", code)},
	{Name: CINplanDates, File: "cinplandates.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "CINPlanStartDate", isoDate, "CINPlanEndDate", isoDate)},
	{Name: Section47, File: "section47.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "S47ActualStartDate", isoDate,
		"InitialCPCtarget", isoDate, "DateOfInitialCPC", isoDate, "ICPCnotRequired", code)},
	{Name: ChildProtectionPlans, File: "childprotectionplans.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "CPPID", number,
		"CPPstartDate", isoDate, "CPPendDate", isoDate, "InitialCategoryOfAbuse", code,
		"LatestCategoryOfAbuse", code, "NumberOfPreviousCPP", number)},
	{Name: Reviews, File: "reviews.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "CPPID", number, "CPPreviewDate", isoDate)},
	{Name: PreProceedings, File: "preproceedings.csv", Child: childColumn, Columns: cols(
		"LAchildID", text, "CINdetailsID", number, "PPStartDate", isoDate, "LBPSentDate", isoDate,
		"FGDMMeetingOffer", code, "FGDMMeetingFac", code, "InitialPPMeetingDate", isoDate,
		"ReviewMeetingsCount", number, "StepDecisionDate", isoDate, "PPOutcome", code,
		"CourtAppDate", isoDate, "LetterInitCPDate", isoDate)},
}

// Collection is the CIN census for the shared readers and the store: its
// tables, its code lists, its XML layout and how the collection year is
// told from the data.
var Collection = &returns.Collection{
	Name:      "CIN",
	Schemas:   Schemas,
	Codes:     codeLists,
	ReadXML:   ReadXML,
	InferYear: InferYear,

	YearUnknown: "the Header has no ReferenceDate or Year and the referrals hold no valid dates",
}
