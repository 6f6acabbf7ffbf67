package web

import "github.com/village-uk/village/calendar"

// cinRulesIndex is the CIN census's rules of a year on the rules index,
// errors and queries apart.
type cinRulesIndex struct {
	Title string // "CIN census rules, 2025/26"
	Kinds []cinRuleKind
}

// cinRuleKind is the CIN census's errors, or its queries.
type cinRuleKind struct {
	Kind  string // "Errors" or "Queries"
	Rules []rulesIndexRow
}

// cinRulesOf lists the CIN census's rules in force in year y, errors
// then queries, or returns nil when none are.
func cinRulesOf(y calendar.Year) *cinRulesIndex {
	infos := cinValidation.rules.Rules(y)
	if len(infos) == 0 {
		return nil
	}
	errs, queries := cinRuleKind{Kind: "Errors"}, cinRuleKind{Kind: "Queries"}
	for _, info := range infos {
		row := rulesIndexRow{Code: info.Code, Href: ruleHref(info.Code, y), Message: info.Message,
			Origin: info.Origin.String(), Needs: info.NeedsText()}
		if cinValidation.isQuery(info.Code) {
			queries.Rules = append(queries.Rules, row)
		} else {
			errs.Rules = append(errs.Rules, row)
		}
	}
	return &cinRulesIndex{Title: cinValidation.Title + " rules, " + y.String(), Kinds: []cinRuleKind{errs, queries}}
}
