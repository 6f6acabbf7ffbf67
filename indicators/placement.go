package indicators

// placementIndicators are the placement mix, location and permanence
// indicators.
var placementIndicators = []*Indicator{}
