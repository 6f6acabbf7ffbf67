package indicators

// outcomeIndicators are the missing, care-leaver, health and mothers
// indicators, from the MISSING, OC3, OC2 and Header tables.
var outcomeIndicators = []*Indicator{}
