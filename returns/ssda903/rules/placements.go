package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// placementRules are the rules on placements: placement types, providers,
// URNs, postcodes and distances, and changes of placement.
var placementRules = []*Rule{
	rule146,
	rule164,
	rule169,
	rule178,
	rule179,
	rule213,
	rule214,
	rule217,
	rule218,
	rule219,
	rule221,
	rule222,
	rule224,
	rule225,
	rule226,
	rule227,
	rule228,
	rule229,
	rule233,
	rule234,
	rule336,
	rule377,
	rule378,
	rule380,
	rule381,
	rule383,
	rule384,
	rule390,
	rule392c,
	rule392d,
	rule408,
	rule411,
	rule420,
	rule454,
	rule526,
	rule527,
	rule528,
	rule529,
	rule530,
	rule531,
	rule550,
	rule1008,
	rule1009,
	rule1015,
}

// rule146: if provided, <PLACE> must be a valid code for the collection
// year (from 2025/26 Z11 to Z14 replace Z1, and H5 and P2 are no longer
// valid).
var rule146 = &Rule{
	Code: "146", Message: "Placement type code is not a valid code.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE"},
	From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			failBadCode(c, e.Ref, "PLACE", e.PLACE, true)
		}
	},
}

// rule164: unless the child is or was UASC (has a row in this year's or,
// when given, last year's UASC table) or the episode is a short break (LS
// V3 or V4), the distance from home to placement, when both postcodes are
// known, must be between 0.0 and 999.9 miles.
var rule164 = &Rule{
	Code:    "164",
	Message: "Distance is not valid. Please check a valid postcode has been entered.",
	Caveat:  caveatFormerUASC,
	Uses:    NeedLast,
	Description: "If not (<UASC> = '1' or <COLLECTION_YEAR> -1 <UASC> = '1' or <COLLECTION_YEAR> -2 <UASC> = '1') " +
		"and if <LS> not = 'V3' or 'V4' then <PL_DISTANCE> must be between '0.0' and '999.9'. " +
		"Note: <PL_DISTANCE> is a calculated value based on Postcode.",
	Tables: []ssda903.TableName{ssda903.Episodes},
	Fields: []string{"PL_DISTANCE", "HOME_POST", "PL_POST", "LS"},
	Needs:  NeedPostcodes,
	Check: func(c *Context) {
		uasc := map[string]bool{}
		for _, t := range []*Tables{c.This, c.Last} {
			if t == nil {
				continue
			}
			for _, u := range t.UASC {
				uasc[u.CHILD] = true
			}
		}
		for _, e := range c.This.Episodes {
			p := e.Derived
			if p == nil || !p.HasDistance || ShortBreak(e.LS) || uasc[e.CHILD] {
				continue
			}
			if p.PL_DISTANCE < 0 || p.PL_DISTANCE > 999.9 {
				c.Failf(e.Ref, nil, "PL_DISTANCE from HOME_POST %s to PL_POST %s is %.1f miles, not between 0.0 and 999.9",
					e.HOME_POST, e.PL_POST, p.PL_DISTANCE)
			}
		}
	},
}

// rule169: an episode other than a short break (LS V3, V4) must have a
// placement local authority (PL_LA), derived from a known PL_POST.
var rule169 = &Rule{
	Code:    "169",
	Message: "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
	Tables:  []ssda903.TableName{ssda903.Episodes},
	Fields:  []string{"PL_LA", "PL_POST", "LS"},
	Needs:   NeedPostcodes,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.Derived != nil && e.Derived.PL_LA == "" && !ShortBreak(e.LS) {
				c.Fail(e.Ref, unknownPlacementField(e, "PL_LA"))
			}
		}
	},
}

// rule178: PLACE_PROVIDER, when given, must be a valid code, and must not
// be given for the placements T0, T1, T2, T3, Z11, Z12, Z13 and Z14.
var rule178 = &Rule{
	Code:    "178",
	Message: "Placement provider code is not a valid code.",
	Description: "If provided <PLACE_PROVIDER> must be a valid value and should not be provided if <PL> = " +
		"'T0'; 'T1'; 'T2'; 'T3'; 'Z11'; 'Z12'; 'Z13'; 'Z14'.",
	Tables: []ssda903.TableName{ssda903.Episodes},
	Fields: []string{"PLACE_PROVIDER", "PLACE"},
	From:   2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			switch {
			case e.PLACE_PROVIDER == "":
			case !ssda903.ValidCode("PLACE_PROVIDER", e.PLACE_PROVIDER, c.Year):
				c.Fail(e.Ref, invalidCode("PLACE_PROVIDER", e.PLACE_PROVIDER, c.Year))
			case placeWithoutProvider(e.PLACE):
				c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but PLACE %s takes no provider", e.PLACE_PROVIDER, e.PLACE)
			}
		}
	},
}

// placeWithoutProvider reports whether a placement type takes no
// PLACE_PROVIDER (rule 178 from 2025/26).
func placeWithoutProvider(place string) bool {
	switch place {
	case "T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14":
		return true
	}
	return false
}

// rule179: an episode other than a short break (LS V3, V4) must have a
// placement location (PL_LOCATION, IN or OUT of the local authority),
// derived from a known PL_POST.
var rule179 = &Rule{
	Code:    "179",
	Message: "Placement location code is not a valid code.",
	Tables:  []ssda903.TableName{ssda903.Episodes},
	Fields:  []string{"PL_LOCATION", "PL_POST", "LS"},
	Needs:   NeedPostcodes,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.Derived != nil && e.Derived.PL_LOCATION == "" && !ShortBreak(e.LS) {
				c.Fail(e.Ref, unknownPlacementField(e, "PL_LOCATION"))
			}
		}
	},
}

// rule213: no <PLACE_PROVIDER> for the temporary placements T0-T4 and the
// placements Z11-Z14.
var rule213 = &Rule{
	Code: "213", Message: "Placement provider information not required.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE_PROVIDER"}, From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE_PROVIDER != "" && placeWithoutProviderCode(e.PLACE) {
				c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but placement %s needs none", showQuoted(e.PLACE_PROVIDER), e.PLACE)
			}
		}
	},
}

// placeWithoutProviderCode reports whether a placement type takes no
// placement provider (rule 213): T0-T4 and Z11-Z14.
func placeWithoutProviderCode(place string) bool {
	return Temporary(place) || place == "Z11" || place == "Z12" || place == "Z13" || place == "Z14"
}

// rule214: no <PL_POST> or <URN> for the short-break legal statuses V3 and
// V4.
var rule214 = &Rule{
	Code: "214", Message: "Placement location information not required.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_POST", "URN"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !ShortBreak(e.LS) {
				continue
			}
			var given []string
			if e.PL_POST != "" {
				given = append(given, "PL_POST "+showQuoted(e.PL_POST))
			}
			if e.URN != "" {
				given = append(given, "URN "+showQuoted(e.URN))
			}
			switch len(given) {
			case 1:
				c.Failf(e.Ref, nil, "LS is %s (short breaks) but %s is given", e.LS, given[0])
			case 2:
				c.Failf(e.Ref, nil, "LS is %s (short breaks) but %s are given", e.LS, strings.Join(given, " and "))
			}
		}
	},
}

// rule217: an episode placed for adoption with current foster carers (A3,
// A5) starting on or after 1 April 2015 must have <RNE> S, T or U.
var rule217 = &Rule{
	Code: "217", Message: "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "DECOM", "RNE"},
	Check: func(c *Context) {
		from := calendar.NewDate(2015, 4, 1)
		for _, e := range c.This.Episodes {
			if (e.PLACE == "A3" || e.PLACE == "A5") && e.DECOM.OK && e.DECOM.Day >= from && !oneOf(e.RNE, "S", "T", "U") {
				c.Failf(e.Ref, nil, "placement %s starting %s has RNE %s, not S, T or U", e.PLACE, e.DECOM.Text, showQuoted(e.RNE))
			}
		}
	},
}

// rule218: an episode not ended by 31 March 2015, in a placement that
// takes a URN and located in England, must give <URN>. Short breaks (V3,
// V4) are left out: rule 214 says their placement location, URN included,
// is not required, and the two rules cannot both hold for them.
var rule218 = &Rule{
	Code: "218", Message: "Ofsted Unique reference number (URN) is required.",
	Description: "Where <PL> not in 'P1'; 'P3'; 'R1'; 'R2'; 'R5'; 'T0'; 'T1'; 'T2'; 'T3'; 'T4'; 'Z11'; 'Z12'; " +
		"'Z13'; 'Z14' and <PL_LA> not in 'CON'; 'NIR'; 'SCO'; 'WAL'; 'NUK' and <DEC> > 31/03/2015 or Null then " +
		"<URN> should be provided.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN"}, Needs: NeedPostcodes, From: 2026,
	Check: func(c *Context) {
		cutoff := calendar.NewDate(2015, 3, 31)
		for _, e := range c.This.Episodes {
			if e.URN != "" || placeWithoutURN(e.PLACE) || ShortBreak(e.LS) {
				continue
			}
			if e.Derived != nil && oneOf(strings.ToUpper(e.Derived.PL_LA), "CON", "NIR", "SCO", "WAL", "NUK") {
				continue
			}
			if !e.DEC.Blank() && !(e.DEC.OK && e.DEC.Day > cutoff) {
				continue
			}
			ends := "open"
			if e.DEC.OK {
				ends = "ending " + e.DEC.Text
			}
			c.Failf(e.Ref, nil, "URN is blank for an episode %s in placement %s", ends, showQuoted(e.PLACE))
		}
	},
}

// rule219: an episode's <PLACE> must be one of the placement types that
// the Ofsted list gives for its <URN>.
var rule219 = &Rule{
	Code: "219", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
	Description: "If <URN> provided and <URN> not = 'XXXXXXX' then <PL> must = any URN Lookup <PLACEMENT CODE> " +
		"of matching URN Lookup <URN>.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN", "PLACE"}, Needs: NeedProviders,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) {
				continue
			}
			p, found := c.Providers.Provider(e.URN)
			switch {
			case !found:
				c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
			case len(p.PlaceCodes) == 0:
				c.Failf(e.Ref, nil, "the Ofsted provider lists give no placement types for URN %q", e.URN)
			case !oneOf(e.PLACE, p.PlaceCodes...):
				c.Failf(e.Ref, nil, "PLACE is %s but URN %q provides %s", showQuoted(e.PLACE), e.URN, strings.Join(p.PlaceCodes, ", "))
			}
		}
	},
}

// rule221: an episode in placement K1, K2, K3, R3 or S1 (other than a
// short break) with a <URN> and a <PL_POST> must have the provider's
// postcode as <PL_POST>.
var rule221 = &Rule{
	Code: "221", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
	Description: "If <URN> provided and <URN> not = 'XXXXXXX', and <LS> not = 'V3', 'V4' and where <PL> = 'K1', " +
		"'K2', 'K3', 'R3' or 'S1' and <PL_POST> provided, <PL_POST> should = URN Lookup <Provider Postcode>.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_POST"}, Needs: NeedProviders, From: 2025,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) || ShortBreak(e.LS) || e.PL_POST == "" {
				continue
			}
			switch e.PLACE {
			case "K1", "K2", "K3", "R3", "S1":
			default:
				continue
			}
			p, found := c.Providers.Provider(e.URN)
			switch {
			case !found:
				c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
			case p.Postcode == "":
				c.Failf(e.Ref, nil, "the Ofsted provider lists give no postcode for URN %q", e.URN)
			case !samePostcodeAsProvider(e.PL_POST, p.Postcode):
				c.Failf(e.Ref, nil, "PL_POST is %q but URN %q is at %s", e.PL_POST, e.URN, p.Postcode)
			}
		}
	},
}

// samePostcodeAsProvider reports whether a submitted postcode, its spaces
// left out, is the provider's (upper case, no spaces).
func samePostcodeAsProvider(submitted, provider string) bool {
	j := 0
	for i := 0; i < len(submitted); i++ {
		if submitted[i] == ' ' {
			continue
		}
		if j >= len(provider) || submitted[i] != provider[j] {
			return false
		}
		j++
	}
	return j == len(provider)
}

// rule222: no <URN> (other than XXXXXXX) for placements that take none.
var rule222 = &Rule{
	Code: "222", Message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
	Description: "If <URN> provided and <URN> not = 'XXXXXXX', and where <PL> = 'P1'; 'P3'; 'R1'; 'R2'; 'R5'; " +
		"'T0'; 'T1'; 'T2'; 'T3'; 'T4'; 'Z11'; 'Z12'; 'Z13'; 'Z14' then <URN> should not be provided.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN"}, From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if givenURN(e.URN) && placeWithoutURN(e.PLACE) {
				c.Failf(e.Ref, nil, "URN is %q but placement %s takes none", e.URN, e.PLACE)
			}
		}
	},
}

// rule224: an episode's <PLACE_PROVIDER> must be one of the provider types
// that the Ofsted list gives for its <URN>.
var rule224 = &Rule{
	Code: "224", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
	Description: "If <URN> provided and <URN> not = 'XXXXXXX', then <PLACE_PROVIDER> must = URN Lookup <PLACE_PROVIDER>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE_PROVIDER"}, Needs: NeedProviders,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) {
				continue
			}
			p, found := c.Providers.Provider(e.URN)
			switch {
			case !found:
				c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
			case len(p.ProviderCodes) == 0:
				c.Failf(e.Ref, nil, "the Ofsted provider lists give no provider type for URN %q", e.URN)
			case !oneOf(e.PLACE_PROVIDER, p.ProviderCodes...):
				c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but URN %q is %s", showQuoted(e.PLACE_PROVIDER), e.URN,
					strings.Join(p.ProviderCodes, " or "))
			}
		}
	},
}

// rule225: an episode ended by X1 and followed by a change of placement
// (next <RNE> P, B, T or U), neither placement temporary, must give
// <REASON_PLACE_CHANGE>.
var rule225 = &Rule{
	Code: "225", Message: "Reason for placement change must be recorded.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE"},
	Check: func(c *Context) {
		for _, eps := range c.This.ByChild() {
			for i := 0; i+1 < len(eps); i++ {
				e, next := eps[i], eps[i+1]
				if e.REC == "X1" && e.REASON_PLACE_CHANGE == "" && !Temporary(e.PLACE) &&
					oneOf(next.RNE, "P", "B", "T", "U") && !Temporary(next.PLACE) {
					c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is blank but the episode ends X1 and the next, starting %s, has RNE %s (placement %s)",
						next.DECOM.Shown(), next.RNE, showQuoted(next.PLACE))
				}
			}
		}
	},
}

// rule226: a temporary placement (T0-T4) must have no
// <REASON_PLACE_CHANGE>, and nor must the episode before it.
var rule226 = &Rule{
	Code: "226", Message: "Reason for placement change is not required for temporary placements.",
	Description: "If <PL> = 'T0'; 'T1'; 'T2'; 'T3' or 'T4' then <REASON_PLACE_CHANGE> should be null in current " +
		"episode and current episode - 1.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE", "PLACE"}, From: 2026,
	Check: func(c *Context) {
		for _, eps := range c.This.ByChild() {
			for i, e := range eps {
				if !Temporary(e.PLACE) {
					continue
				}
				switch {
				case e.REASON_PLACE_CHANGE != "":
					c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is %q for temporary placement %s", e.REASON_PLACE_CHANGE, e.PLACE)
				case i > 0 && eps[i-1].REASON_PLACE_CHANGE != "":
					c.Failf(e.Ref, nil, "the episode before temporary placement %s, starting %s, has REASON_PLACE_CHANGE %q",
						e.PLACE, (eps[i-1].DECOM).Shown(), eps[i-1].REASON_PLACE_CHANGE)
				}
			}
		}
	},
}

// rule227: an episode must start before its provider's registration ended.
var rule227 = &Rule{
	Code: "227", Message: "Ofsted Unique reference number (URN) is not valid for the episode start date.",
	Description: "If <URN> provided and <URN> not = 'XXXXXXX', then if <URN> and <REG_END> are provided then " +
		"<DECOM> must be before <REG_END>.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN", "DECOM"}, Needs: NeedProviders,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) || !e.DECOM.OK {
				continue
			}
			if p, found := c.Providers.Provider(e.URN); found && p.Closed && e.DECOM.Day >= p.RegEnd {
				c.Failf(e.Ref, nil, "the episode starts %s but URN %q's registration ended %s", e.DECOM.Text, e.URN, p.RegEnd)
			}
		}
	},
}

// rule228: an episode must end no later than its provider's registration
// ended; an open episode (or one whose DEC is not a valid date) needs the
// registration to last to the end of the collection year.
var rule228 = &Rule{
	Code: "228", Message: "Ofsted Unique reference number (URN) is not valid for the episode end date",
	Caveat: "Open episodes at providers that close during the year may be reported although the placement ended in time.",
	Description: "If <URN> provided and not = 'XXXXXXX', and Ofsted URN <REG_END> not NULL then <DEC> if " +
		"provided must be <= Ofsted <REG_END> OR if not provided then <COLLECTION_END_DATE> must be <= <REG_END>. " +
		"Note: For open episodes (those without an end date) a check should be made to ensure that the Ofsted " +
		"URN was still open at the 31 March of the current year.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN", "DEC"}, Needs: NeedProviders,
	Check: func(c *Context) {
		end := c.Year.End()
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) {
				continue
			}
			p, found := c.Providers.Provider(e.URN)
			if !found || !p.Closed {
				continue
			}
			switch {
			case e.DEC.OK && e.DEC.Day > p.RegEnd:
				c.Failf(e.Ref, nil, "the episode ends %s but URN %q's registration ended %s", e.DEC.Text, e.URN, p.RegEnd)
			case e.DEC.Blank() && end > p.RegEnd:
				c.Failf(e.Ref, nil, "the episode is open but URN %q's registration ended %s, before %s", e.URN, p.RegEnd, end)
			case !e.DEC.OK && end > p.RegEnd:
				c.Failf(e.Ref, nil, "DEC %q is not a valid date, so the episode counts as open, but URN %q's registration ended %s, before %s",
					e.DEC.Text, e.URN, p.RegEnd, end)
			}
		}
	},
}

// rule229: a provider of the authority's own (PR1) must be in the
// authority, by the Ofsted list's postcode, and another authority's (PR2)
// must not be.
var rule229 = &Rule{
	Code: "229", Message: "Placement provider does not match between the placing authority and the local authority code of " +
		"the provider.",
	Caveat: "The provider's local authority is worked out from its postcode, which can differ from the authority Ofsted names.",
	Description: "If Ofsted URN is provided and not 'XXXXXXX' then: If <PLACE_PROVIDER> = 'PR1' then <LA> must " +
		"equal Ofsted URN lookup <LA code>. If <PLACE_PROVIDER> = 'PR2' then Ofsted URN lookup <LA code> must " +
		"not equal <LA>.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN", "PLACE_PROVIDER"}, Needs: NeedProviders | NeedLA,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) || (e.PLACE_PROVIDER != "PR1" && e.PLACE_PROVIDER != "PR2") {
				continue
			}
			p, found := c.Providers.Provider(e.URN)
			inLA := found && p.LA != "" && strings.EqualFold(p.LA, c.LA)
			where := "in no known local authority"
			if found && p.LA != "" {
				where = "in " + p.LA
			}
			switch {
			case e.PLACE_PROVIDER == "PR1" && !inLA:
				c.Failf(e.Ref, nil, "PLACE_PROVIDER is PR1 (own provision) but URN %q is %s, not %s", e.URN, where, c.LA)
			case e.PLACE_PROVIDER == "PR2" && inLA:
				c.Failf(e.Ref, nil, "PLACE_PROVIDER is PR2 (another authority's provision) but URN %q is in %s", e.URN, c.LA)
			}
		}
	},
}

// rule233: an episode that has not ceased (no <DEC>) must have no
// <REASON_PLACE_CHANGE>.
var rule233 = &Rule{
	Code: "233", Message: "Reason for placement change is not required when the episode has not ceased.",
	Description: "If <DEC> is null then <REASON_PLACE_CHANGE> should be null.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE", "DEC"}, From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.DEC.Blank() && e.REASON_PLACE_CHANGE != "" {
				c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is %q but DEC is blank: the episode has not ceased", e.REASON_PLACE_CHANGE)
			}
		}
	},
}

// rule234: a child under 10 when an episode starts cannot have left the
// previous placement for custody (previous episode's <REASON_PLACE_CHANGE>
// CUSTOD). The previous episode and the child's Header row are flagged.
var rule234 = &Rule{
	Code: "234", Message: "A child aged under 10 can not change placement due to being admitted to custody",
	Description: "If <DECOM> < <DOB> + 10 years then previous episode <REASON_PLACE_CHANGE> can not be 'CUSTOD'.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE", "DOB"}, From: 2026,
	Check: func(c *Context) {
		for child, eps := range c.This.ByChild() {
			h := c.This.HeaderOf(child)
			if h == nil || !h.DOB.OK {
				continue
			}
			var tenth calendar.Date // the 10th birthday, worked out at the first CUSTOD
			known, flagged := false, false
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if prev.REASON_PLACE_CHANGE != "CUSTOD" || !e.DECOM.OK {
					continue
				}
				if !known {
					tenth, known = h.DOB.Day.AddYears(10), true
				}
				if e.DECOM.Day >= tenth {
					continue
				}
				why := fmt.Sprintf("REASON_PLACE_CHANGE is CUSTOD but the next episode starts %s, before the 10th birthday (%s) of a child born %s",
					e.DECOM.Text, tenth, h.DOB.Text)
				c.Fail(prev.Ref, why, "REASON_PLACE_CHANGE")
				if !flagged {
					flagged = true
					c.Fail(h.Ref, why, "DOB")
				}
			}
		}
	},
}

// rule336: where <PL> = 'A3' or 'A5' (placed for adoption with the
// current foster carer), the previous episode's placement must be a
// foster or adoption placement.
var rule336 = &Rule{
	Code: "336", Message: "Child does not have a foster placement immediately prior to being placed for adoption.",
	Description: "Where <PL> = 'A3' or 'A5', the previous episode's <PL> must be one of 'A3', 'A4', 'A5', 'A6', " +
		"'U1', 'U2', 'U3', 'U4', 'U5' or 'U6'.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE"},
	Check: func(c *Context) {
		before := []string{"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"}
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				e, prev := eps[i], eps[i-1]
				if oneOf(e.PLACE, "A3", "A5") && !oneOf(prev.PLACE, before...) {
					prevPlace := prev.PLACE
					if prevPlace == "" {
						prevPlace = "blank"
					}
					c.Failf(e.Ref, nil, "PLACE %s from %s but the previous episode (from %s) has PLACE %s, not a foster or adoption placement",
						e.PLACE, e.DECOM.Text, prev.DECOM.Text, prevPlace)
				}
			}
		})
	},
}

// rule377: a child must have no more than two T3 placements in the return.
var rule377 = &Rule{
	Code: "377", Message: "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
	Description: "A child must have no more than two episodes with <PL> = 'T3' in the return.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE"},
	Check: func(c *Context) {
		t3 := map[string][]*EpisodeRow{}
		for _, e := range c.This.Episodes {
			if e.PLACE == "T3" {
				t3[e.CHILD] = append(t3[e.CHILD], e)
			}
		}
		for _, list := range t3 {
			if len(list) <= 2 {
				continue
			}
			for _, e := range list {
				c.Failf(e.Ref, nil, "the child has %d episodes with PLACE T3 (from %s here); at most two are allowed", len(list), e.DECOM.Text)
			}
		}
	},
}

// rule378: if <PL> = 'P1' then <LS> must not be 'V2'.
var rule378 = &Rule{
	Code: "378", Message: "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
	Description: "If <PL> = 'P1' then <LS> must not be 'V2'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "LS"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE == "P1" && e.LS == "V2" {
				c.Fail(e.Ref, "PLACE is P1 (placed with parents) and LS is V2 (single period of section 20 accommodation)")
			}
		}
	},
}

// rule380: a temporary placement (T0-T4) must be a change of placement
// (RNE P or B).
var rule380 = &Rule{
	Code: "380", Message: "A period of care cannot start with a temporary placement.",
	Description: "If <PL> = 'T0', 'T1', 'T2', 'T3' or 'T4' then <RNE> must be 'P' or 'B'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "RNE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if Temporary(e.PLACE) && e.RNE != "P" && e.RNE != "B" {
				c.Failf(e.Ref, nil, "PLACE %s is a temporary placement but RNE is %s, not P or B", e.PLACE, showQuoted(e.RNE))
			}
		}
	},
}

// rule381: a temporary placement (T0-T4) that ends must end with X1.
var rule381 = &Rule{
	Code: "381", Message: "A period of care cannot end with a temporary placement.",
	Description: "If <PL> = 'T0', 'T1', 'T2', 'T3' or 'T4' and <REC> is provided then <REC> must be 'X1'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "REC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if Temporary(e.PLACE) && e.REC != "" && e.REC != "X1" {
				c.Failf(e.Ref, nil, "PLACE %s is a temporary placement but the episode ends with REC %s, not X1", e.PLACE, e.REC)
			}
		}
	},
}

// rule383: after a temporary placement (T0-T4), the next episode must be
// a return (RNE P) to the placement before it: the same PLACE and PL_POST
// as the episode before the temporary one.
var rule383 = &Rule{
	Code: "383", Message: "A child in a temporary placement must subsequently return to his/her normal placement.",
	Description: "If previous episode <PL> = 'T0' or 'T1' or 'T2' or 'T3' or 'T4' then current episode <RNE> must = 'P' " +
		"AND <PL> must = previous episode -1 <PL> AND <PL_POST> must = previous episode -1 <PL_POST>.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "RNE", "PL_POST"}, From: 2026,
	Check: func(c *Context) {
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			for i := 2; i < len(eps); i++ {
				e, temp, normal := eps[i], eps[i-1], eps[i-2]
				if !Temporary(temp.PLACE) {
					continue
				}
				var problems []string
				if e.RNE != "P" {
					problems = append(problems, fmt.Sprintf("RNE is %s, not P", showQuoted(e.RNE)))
				}
				if e.PLACE != normal.PLACE {
					problems = append(problems, fmt.Sprintf("PLACE is %s, not %s", showQuoted(e.PLACE), showQuoted(normal.PLACE)))
				}
				if !samePostcode(e.PL_POST, normal.PL_POST) {
					problems = append(problems, fmt.Sprintf("PL_POST is %s, not %s", showQuoted(e.PL_POST), showQuoted(normal.PL_POST)))
				}
				if len(problems) > 0 {
					c.Failf(e.Ref, nil, "the episode from %s follows a temporary placement (PLACE %s from %s) but %s as in the episode from %s",
						e.DECOM.Text, temp.PLACE, temp.DECOM.Text, strings.Join(problems, ", "), normal.DECOM.Text)
				}
			}
		})
	},
}

// rule384: where <LS> = 'V3' or 'V4' then <PL> must not be 'U1' or 'U4'.
var rule384 = &Rule{
	Code: "384", Message: "A child receiving respite care cannot be in a long-term foster placement",
	Description: "Where <LS> = 'V3' or 'V4' then <PL> must not be 'U1' or 'U4'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "LS"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) && oneOf(e.PLACE, "U1", "U4") {
				c.Failf(e.Ref, nil, "LS %s (short breaks) with a long-term foster placement, PLACE %s", e.LS, e.PLACE)
			}
		}
	},
}

// rule390: if <REC> = 'E11' or 'E12' then <PL> must be A3, A4, A5 or A6.
var rule390 = &Rule{
	Code: "390", Message: "Reason episode ceased is adopted but child has not been previously placed for adoption.",
	Description: "If <REC> = 'E11' or 'E12' then <PL> must be one of 'A3', 'A4', 'A5' or 'A6'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "REC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if oneOf(e.REC, "E11", "E12") && !oneOf(e.PLACE, "A3", "A4", "A5", "A6") {
				c.Failf(e.Ref, nil, "REC %s (adopted) but PLACE is %s, not a placement for adoption (A3-A6)", e.REC, showQuoted(e.PLACE))
			}
		}
	},
}

// rule392c: <HOME_POST> and <PL_POST>, where provided, must be found in
// the postcode directory.
var rule392c = &Rule{
	Code: "392c", Message: "Postcode(s) provided are invalid.",
	Description: "<HOME_POST> and <PL_POST>, where provided, must be postcodes in the postcode directory.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"HOME_POST", "PL_POST"}, Needs: NeedPostcodes,
	Check: func(c *Context) {
		known := map[string]bool{}
		found := func(p string) bool {
			ok, seen := known[p]
			if !seen {
				_, _, _, ok = c.Postcodes.Lookup(p)
				known[p] = ok
			}
			return ok
		}
		for _, e := range c.This.Episodes {
			var bad []string
			if e.HOME_POST != "" && !found(e.HOME_POST) {
				bad = append(bad, fmt.Sprintf("HOME_POST %q", e.HOME_POST))
			}
			if e.PL_POST != "" && !found(e.PL_POST) {
				bad = append(bad, fmt.Sprintf("PL_POST %q", e.PL_POST))
			}
			if len(bad) > 0 {
				c.Failf(e.Ref, nil, "%s not found in the postcode directory", strings.Join(bad, " and "))
			}
		}
	},
}

// rule392d: unless <PL> = 'P1', <HOME_POST> and <PL_POST> must not be the
// same postcode.
var rule392d = &Rule{
	Code: "392d", Message: "Home and placement postcodes should not be same unless the placement type is P1.",
	Description: "If <PL> is not 'P1' then <HOME_POST> and <PL_POST> must not be the same postcode.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"HOME_POST", "PL_POST", "PLACE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE == "P1" || e.HOME_POST == "" || !samePostcode(e.HOME_POST, e.PL_POST) {
				continue
			}
			c.Failf(e.Ref, nil, "HOME_POST %q and PL_POST %q are the same postcode but PLACE is %s, not P1", e.HOME_POST, e.PL_POST, showQuoted(e.PLACE))
		}
	},
}

// rule408: if <PLACE> is A5 or A6 (placed for adoption with a placement
// order), <LS> must be E1 (placement order granted).
var rule408 = &Rule{
	Code: "408", Message: "Child is placed for adoption with a placement order, but no placement order has been recorded.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "LS"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if (e.PLACE == "A5" || e.PLACE == "A6") && e.LS != "E1" {
				c.Failf(e.Ref, nil, "PLACE is %s but LS is %s, not E1", e.PLACE, orBlank(e.LS))
			}
		}
	},
}

// rule411: if <PL_LOCATION> is IN, <PL_LA> must be the local authority's
// own code.
var rule411 = &Rule{
	Code: "411", Message: "Placement location code disagrees with LA of placement.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LOCATION"}, Needs: NeedPostcodes | NeedLA,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			p := e.Derived
			if p == nil || p.PL_LOCATION != "IN" || strings.EqualFold(p.PL_LA, c.LA) {
				continue
			}
			c.Failf(e.Ref, postcodeFields, "PL_LOCATION is IN but PL_LA from PL_POST %s is %s, not the local authority %s",
				e.PL_POST, orBlank(p.PL_LA), c.LA)
		}
	},
}

// rule420: if <LS> is V3 or V4 (short breaks), <PL_LA> must not be
// provided: an episode whose placement postcode gives a local authority
// fails.
var rule420 = &Rule{
	Code: "420", Message: "LA of placement completed but child is looked after under legal status V3 or V4.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LA"}, Needs: NeedPostcodes,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) && e.Derived != nil && e.Derived.PL_LA != "" {
				c.Failf(e.Ref, []string{"LS", "PL_POST"}, "LS is %s but PL_POST %s gives PL_LA %s", e.LS, e.PL_POST, e.Derived.PL_LA)
			}
		}
	},
}

// rule454: <PL_DISTANCE>, when present and not 999.9, must be at most
// 350 miles.
var rule454 = &Rule{
	Code: "454", Message: "Placement distance from home is over 350 miles.",
	Caveat:      caveatFormerUASC,
	Description: "If <PL_DISTANCE> is present and not 999.9, then <PL_DISTANCE> should be <= 350 miles.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_DISTANCE"}, Needs: NeedPostcodes, From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			p := e.Derived
			if p != nil && p.HasDistance && p.PL_DISTANCE > 350 && p.PL_DISTANCE != 999.9 {
				c.Failf(e.Ref, postcodeFields, "HOME_POST %s and PL_POST %s are %s apart", e.HOME_POST, e.PL_POST, showMiles(p))
			}
		}
	},
}

// rule526: <PLACE_PROVIDER> must be given unless <PL> is a temporary move
// (T0–T4) or Z11–Z14.
var rule526 = &Rule{
	Code: "526", Message: "Child is missing a placement provider code for at least one episode.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"}, From: 2026,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE_PROVIDER == "" && !Temporary(e.PLACE) && !oneOf(e.PLACE, "Z11", "Z12", "Z13", "Z14") {
				c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER is blank for PLACE %s", showQuoted(e.PLACE)))
			}
		}
	},
}

// rule527: <PLACE_PROVIDER> PR1 must not go with <PL> P1, R2 or R5.
var rule527 = &Rule{
	Code: "527", Message: "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: func(c *Context) { failProviderPlaces(c, "PR1", "P1", "R2", "R5") },
}

// rule528: <PLACE_PROVIDER> PR2 must not go with <PL> P1, R2 or R5.
var rule528 = &Rule{
	Code: "528", Message: "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: func(c *Context) { failProviderPlaces(c, "PR2", "P1", "R2", "R5") },
}

// rule529: <PLACE_PROVIDER> PR3 must not go with <PL> P1, A3–A6, K1, K2 or U1–U6.
var rule529 = &Rule{
	Code: "529", Message: "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"},
	Check: func(c *Context) {
		failProviderPlaces(c, "PR3", "A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6")
	},
}

// rule530: <PLACE_PROVIDER> PR4 must not go with <PL> P1.
var rule530 = &Rule{
	Code: "530", Message: "A placement provider code of PR4 cannot be associated with placement P1.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: func(c *Context) { failProviderPlaces(c, "PR4", "P1") },
}

// rule531: <PLACE_PROVIDER> PR5 must not go with <PL> P1.
var rule531 = &Rule{
	Code: "531", Message: "A placement provider code of PR5 cannot be associated with placements P1.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: func(c *Context) { failProviderPlaces(c, "PR5", "P1") },
}

// rule550: <PLACE_PROVIDER> PR0 may only go with <PL> P1.
var rule550 = &Rule{
	Code: "550", Message: "A placement provider code of PR0 can only be associated with placement P1.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE", "PLACE_PROVIDER"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE_PROVIDER == "PR0" && e.PLACE != "P1" {
				c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER PR0 with PLACE %s", showQuoted(e.PLACE)))
			}
		}
	},
}

// rule1008: <URN>, when provided and not XXXXXXX, must be in the Ofsted
// provider lists.
var rule1008 = &Rule{
	Code: "1008", Message: "Ofsted Unique Reference Number (URN) is not valid.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN"}, Needs: NeedProviders,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !givenURN(e.URN) {
				continue
			}
			if _, ok := c.Providers.Provider(e.URN); !ok {
				c.Failf(e.Ref, nil, "URN %s is not in the Ofsted provider lists", e.URN)
			}
		}
	},
}

// rule1009: <REASON_PLACE_CHANGE>, when provided, must be a valid code.
var rule1009 = &Rule{
	Code: "1009", Message: "Reason for placement change is not a valid code.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.REASON_PLACE_CHANGE != "" && !ssda903.ValidCode("REASON_PLACE_CHANGE", e.REASON_PLACE_CHANGE, c.Year) {
				c.Fail(e.Ref, invalidCode("REASON_PLACE_CHANGE", e.REASON_PLACE_CHANGE, c.Year))
			}
		}
	},
}

// rule1015: if <PLACE_PROVIDER> is PR1 (own provision), <PLACE> is not a
// foster or adoption placement and <LS> is not V3 or V4, <PL_LA> must be
// the local authority's own code.
var rule1015 = &Rule{
	Code: "1015", Message: "Placement provider is own provision but child not placed in own LA.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LA"}, Needs: NeedPostcodes | NeedLA,
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.PLACE_PROVIDER != "PR1" || e.PLACE == "" || e.LS == "" || fosterOrAdoptionPlace(e.PLACE) || ShortBreak(e.LS) || e.Derived == nil {
				continue
			}
			if !strings.EqualFold(e.Derived.PL_LA, c.LA) {
				la := e.Derived.PL_LA
				if la == "" {
					la = "unknown"
				}
				c.Failf(e.Ref, []string{"PLACE_PROVIDER", "PLACE", "PL_POST"}, "PLACE_PROVIDER is PR1 and PLACE is %s, but PL_POST %s gives PL_LA %s, not the local authority %s",
					e.PLACE, orBlank(e.PL_POST), la, c.LA)
			}
		}
	},
}

// fosterOrAdoptionPlace reports whether PLACE is a foster or adoption
// placement, which rule 1015 leaves out.
func fosterOrAdoptionPlace(place string) bool {
	switch place {
	case "A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6":
		return true
	}
	return false
}

// unknownPlacementField explains a placement field that could not be
// derived from PL_POST.
func unknownPlacementField(e *EpisodeRow, field string) string {
	if e.PL_POST == "" {
		return field + " is unknown: PL_POST is blank"
	}
	return fmt.Sprintf("%s is unknown: PL_POST %q is not in the postcode directory", field, e.PL_POST)
}

// placeWithoutURN reports whether a placement type takes no Ofsted URN
// (rules 218 and 222): P1, P3, R1, R2, R5, T0-T4 and Z11-Z14.
func placeWithoutURN(place string) bool {
	switch place {
	case "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14":
		return true
	}
	return false
}

// samePostcode reports whether two postcodes are the same once
// spaces and case are ignored, without allocating.
func samePostcode(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && a[i] == ' ' {
			i++
		}
		for j < len(b) && b[j] == ' ' {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		x, y := a[i], b[j]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
		i, j = i+1, j+1
	}
}

// failProviderPlaces flags episodes with <PLACE_PROVIDER> provider whose
// <PL> is one of places.
func failProviderPlaces(c *Context, provider string, places ...string) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER == provider && oneOf(e.PLACE, places...) {
			c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER %s with PLACE %s", provider, e.PLACE))
		}
	}
}
