package store

import (
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// cinTableNames are the SQL names of the CIN census's tables: cin_ and the
// table's name in lower case with underscores between words.
var cinTableNames = map[returns.TableName]string{
	cin.Header:                "cin_header",
	cin.ChildIdentifiers:      "cin_child_identifiers",
	cin.ChildCharacteristics:  "cin_child_characteristics",
	cin.Disabilities:          "cin_disabilities",
	cin.CINdetails:            "cin_details",
	cin.Assessments:           "cin_assessments",
	cin.AssessmentFactorsList: "cin_assessment_factors_list",
	cin.CINplanDates:          "cin_plan_dates",
	cin.Section47:             "cin_section47",
	cin.ChildProtectionPlans:  "cin_child_protection_plans",
	cin.Reviews:               "cin_reviews",
	cin.PreProceedings:        "cin_pre_proceedings", // 2026/27 on, migration 00004
}

// cinTables are the CIN census's tables as stored, in the order of
// cin.Schemas.
var cinTables = makeTables(cin.Schemas, cinTableNames, cinKey)

// cinKeys are the natural keys of the CIN census's tables, by which a
// load counts rows inserted, replaced, unchanged and deleted: the child,
// the referral (CINdetailsID), assessment or plan the row belongs to, and
// the date of the event it records, or the code it lists. The Header has
// none: a year has one, matched by its order. CINdetailsID, AssessmentID
// and CPPID are positions in the XML, so a referral added before others
// shifts them and counts the rows after it as replaced: the counts are
// an account of the change, and the rows are stored exactly either way.
var cinKeys = map[returns.TableName][]string{
	cin.ChildIdentifiers:      {"LAchildID"},
	cin.ChildCharacteristics:  {"LAchildID"},
	cin.Disabilities:          {"LAchildID", "Disability"},
	cin.CINdetails:            {"LAchildID", "CINreferralDate"},
	cin.Assessments:           {"LAchildID", "CINdetailsID", "AssessmentActualStartDate"},
	cin.AssessmentFactorsList: {"LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactor"},
	cin.CINplanDates:          {"LAchildID", "CINdetailsID", "CINPlanStartDate"},
	cin.Section47:             {"LAchildID", "CINdetailsID", "S47ActualStartDate"},
	cin.ChildProtectionPlans:  {"LAchildID", "CINdetailsID", "CPPstartDate"},
	cin.Reviews:               {"LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate"},
	cin.PreProceedings:        {"LAchildID", "CINdetailsID", "PPStartDate"},
}

// cinKey returns a CIN table's natural key as column indexes.
func cinKey(s *returns.Schema) []int {
	var key []int
	for _, c := range cinKeys[s.Name] {
		if i := s.Index(c); i >= 0 {
			key = append(key, i)
		}
	}
	return key
}
