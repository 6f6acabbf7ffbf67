package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

// rulebook is the rule sets the pages describe.
var rulebook validate.Rulebook = rules.Rules()

// yearStatus is one loaded year's validation status.
type yearStatus struct {
	Return    *validatedReturn
	Year      calendar.Year
	LoadedAt  time.Time // the last load that supplied the year; zero if not known
	Validated bool      // Village has the year's rule set, so the load validated it
	Failures  int
	Queries   int          // failures of the rules that are queries; the others are errors
	Children  int          // distinct children with a failure
	Rules     []ruleStatus // in rule order
	// Skipped are the rules the load's validation did not run, grouped
	// by why, as "village validate" prints them.
	Skipped      []validate.SkipReason
	SkippedRules int
}

// skippedStore is a Store that keeps the rules each year's validation
// skipped (*store.Store does); without it the page cannot list them.
type skippedStore interface {
	Skipped(ctx context.Context, y calendar.Year) ([]store.Skipped, error)
}

// ruleStatus is one rule's failures in a year.
type ruleStatus struct {
	Code, Message, Origin string
	Failures, Children    int
	Known                 bool // the rule is in the year's set, so has a page
	Query                 bool // the rule is a query, not an error
}

// summariseValidation reads every loaded year's failures and counts them
// by rule, in the order validation reported them (the rules' order): the
// SSDA903's years, then, when the store keeps it, the CIN census's.
func summariseValidation(ctx context.Context, st Store) ([]yearStatus, error) {
	years, err := st.Years(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := st.Loads(ctx)
	if err != nil {
		return nil, err
	}
	var out []yearStatus
	for _, y := range years {
		failures, err := st.Failures(ctx, y)
		if err != nil {
			return nil, err
		}
		ys := summariseYear(ssda903Validation, y, failures, loads)
		if sk, ok := st.(skippedStore); ok {
			skipped, err := sk.Skipped(ctx, y)
			if err != nil {
				return nil, err
			}
			ys.Skipped, ys.SkippedRules = skipReasons(skipped), len(skipped)
		}
		out = append(out, ys)
	}
	if cs, ok := st.(cinStore); ok {
		cin, err := summariseCIN(ctx, cs)
		if err != nil {
			return nil, err
		}
		out = append(out, cin...)
	}
	return out, nil
}

// skipReasons groups stored skipped rules by their reason, reasons in
// order, codes in rule order.
func skipReasons(skipped []store.Skipped) []validate.SkipReason {
	skips := make([]validate.Skip, len(skipped))
	for i, sk := range skipped {
		skips[i] = validate.Skip{Rule: &validate.Info{Code: sk.Rule}, Reason: sk.Reason}
	}
	rep := validate.Report{Skipped: skips}
	return rep.Summarise().SkipReasons
}

func summariseYear(v *validatedReturn, y calendar.Year, failures []store.Failure, loads []store.Load) yearStatus {
	ys := yearStatus{Return: v, Year: y, Validated: v.rules.Complete(y) || len(failures) > 0, Failures: len(failures)}
	for _, l := range loads {
		for _, ly := range l.Years {
			if ly == y {
				ys.LoadedAt = l.LoadedAt
			}
		}
	}
	s := validate.Summarise(asValidation(v.rules, y, failures))
	ys.Children = s.Children
	for _, rc := range s.InRuleOrder() {
		rs := ruleStatus{Code: rc.Rule.Code, Origin: rc.Rule.Origin.String(), Failures: rc.Failures, Children: rc.Children,
			Query: v.isQuery(rc.Rule.Code)}
		if v.rules.Rule(rc.Rule.Code, y) == rc.Rule {
			rs.Message, rs.Known = rc.Rule.Message, true
		}
		if rs.Query {
			ys.Queries += rs.Failures
		}
		ys.Rules = append(ys.Rules, rs)
	}
	return ys
}

// asValidation turns year y's stored failures back into the engine's, each
// pointing at its rule in the year's set of book or, for a rule the set no
// longer has, at a description holding only its code and origin.
func asValidation(book validate.Rulebook, y calendar.Year, failures []store.Failure) []validate.Failure {
	infos := map[string]*validate.Info{}
	out := make([]validate.Failure, len(failures))
	for i, f := range failures {
		info := infos[f.Rule]
		if info == nil {
			if info = book.Rule(f.Rule, y); info == nil {
				info = &validate.Info{Code: f.Rule}
				if f.Origin == validate.Village.String() {
					info.Origin = validate.Village
				}
			}
			infos[f.Rule] = info
		}
		out[i] = validate.Failure{Rule: info, Table: f.Table, Last: f.LastYear, Row: f.Row, File: f.File, Line: f.Line,
			Child: f.Child, Explanation: f.Explanation}
	}
	return out
}

// ruleHref is the address of a rule's page for year y.
func ruleHref(code string, y calendar.Year) string {
	return "/rules/" + url.PathEscape(code) + "?" + url.Values{"year": {y.String()}}.Encode()
}

// validationRow and validationYear are the validation page's content.
type validationYear struct {
	Year, LoadedAt     string
	Heading, ID        string // the section's heading and id: "2025/26" and "year-2025/26" for the 903
	SkippedID          string // the id of its list of skipped rules
	Validated          bool
	Unchecked          string // why the year is not checked, when it is not
	Failures, Children string
	// Kinds is whether the return's rules are errors and queries, and
	// the year's failures are counted as both.
	Kinds           bool
	Errors, Queries string
	Rules           []validationRow
	Skipped         []skippedRow
	SkippedRules    int
}

type validationRow struct {
	Code, Href, Message, Origin string
	Kind                        string // "Error" or "Query", for a return whose rules are both
	Failures, Children          string
	Rows                        string // the drill-down to the rule's failing rows and children; "" in publishable mode
}

// skippedRow is one reason rules were skipped, with the rules.
type skippedRow struct {
	Reason string
	Rules  []ruleLink
}

type ruleLink struct{ Code, Href string }

func (s *Server) validationPage(w http.ResponseWriter, r *http.Request) {
	byFailures := r.URL.Query().Get("sort") == "failures"
	may := s.mayDrill(r)
	var years, cinYears []validationYear
	for i := len(s.validation) - 1; i >= 0; i-- { // the latest first
		ys := s.validation[i]
		if ys.Return == cinValidation {
			cinYears = append(cinYears, s.validationYearOf(ys, byFailures, may))
		} else {
			years = append(years, s.validationYearOf(ys, byFailures, may))
		}
	}
	s.render(w, http.StatusOK, "validation.html", page{Title: "Validation of the loaded years", Nav: "validation",
		JSON: "/api/validation", Content: map[string]any{"Years": years, "CINYears": cinYears, "Problem": s.validationProblem, "ByFailures": byFailures}})
}

// validationYearOf is a year's section of the validation page, its rules
// in rule order or, byFailures, most failures first; may says whether the
// person asking may follow the drill-down to a rule's rows and children.
func (s *Server) validationYearOf(ys yearStatus, byFailures, may bool) validationYear {
	v := ys.Return
	vy := validationYear{Year: ys.Year.String(), Heading: v.heading(ys.Year), ID: v.anchor(ys.Year), SkippedID: v.skippedAnchor(ys.Year), Validated: ys.Validated,
		Failures: strconv.Itoa(ys.Failures), Children: s.count(ys.Children), Kinds: v.queries}
	if !ys.Validated {
		vy.Unchecked = v.uncheckedText(ys.Year)
	}
	if v.queries {
		vy.Errors, vy.Queries = strconv.Itoa(ys.Failures-ys.Queries), strconv.Itoa(ys.Queries)
	}
	if !ys.LoadedAt.IsZero() {
		vy.LoadedAt = ys.LoadedAt.Local().Format("2 January 2006 at 15:04")
	}
	rules := ys.Rules
	if byFailures {
		rules = slices.Clone(rules)
		slices.SortStableFunc(rules, func(a, b ruleStatus) int { return cmp.Compare(b.Failures, a.Failures) })
	}
	for _, rs := range rules {
		row := validationRow{Code: rs.Code, Message: rs.Message, Origin: rs.Origin,
			Failures: strconv.Itoa(rs.Failures), Children: s.count(rs.Children)}
		if v.queries {
			row.Kind = kindOf(rs.Query)
		}
		if rs.Known {
			row.Href = ruleHref(rs.Code, ys.Year)
		}
		if !s.Publishable && may {
			row.Rows = v.failuresHref(rs.Code, ys.Year)
		}
		vy.Rules = append(vy.Rules, row)
	}
	vy.SkippedRules = ys.SkippedRules
	for _, sr := range ys.Skipped {
		row := skippedRow{Reason: sr.Reason}
		for _, code := range sr.Codes {
			link := ruleLink{Code: code}
			if v.rules.Rule(code, ys.Year) != nil {
				link.Href = ruleHref(code, ys.Year)
			}
			row.Rules = append(row.Rules, link)
		}
		vy.Skipped = append(vy.Skipped, row)
	}
	return vy
}

// kindOf names a rule's kind as the pages and the API do.
func kindOf(query bool) string {
	if query {
		return "Query"
	}
	return "Error"
}

// failuresHref is the address of the page of a rule's failures in year y.
func failuresHref(code string, y calendar.Year) string {
	return "/validation/failures/" + url.PathEscape(code) + "?" + url.Values{"year": {y.String()}}.Encode()
}

// ruleYear reads the year a rule is asked for in, by default the latest
// Village has a rule set for.
func ruleYear(r *http.Request) (calendar.Year, bool) {
	text := r.URL.Query().Get("year")
	if text == "" {
		years := rulebook.Years()
		return years[len(years)-1], true
	}
	y, err := calendar.ParseYear(text)
	return y, err == nil
}

// rulePage is a rule's explanation.
type rulePage struct {
	Code, Year, Origin, Message, Description, Caveat string
	Tables, Fields                                   string
	Needs, Uses                                      string
	From, Until                                      string
	// ReturnTitle names the return for a rule not the SSDA903's, Kind
	// says whether it is an error or a query when its return has both,
	// and Anchor is its year's section of the validation page.
	ReturnTitle, Kind, Anchor string
}

func explainRule(r *validate.Info, y calendar.Year) rulePage {
	v := returnOf(r)
	p := rulePage{Code: r.Code, Year: y.String(), Origin: r.Origin.String(), Message: r.Message, Description: r.Description,
		Caveat: r.Caveat, Fields: strings.Join(r.Fields, ", "), Needs: r.NeedsText(), Uses: r.UsesText(),
		ReturnTitle: v.Title, Anchor: v.anchor(y)}
	if v.queries {
		p.Kind = kindOf(v.isQuery(r.Code))
	}
	tables := make([]string, len(r.Tables))
	for i, t := range r.Tables {
		tables[i] = string(t)
	}
	p.Tables = strings.Join(tables, ", ")
	if r.From != 0 {
		p.From = r.From.String()
	}
	if r.Until != 0 {
		p.Until = r.Until.String()
	}
	return p
}

// findRule returns the rule asked for, or answers that there is none.
func (s *Server) findRule(w http.ResponseWriter, r *http.Request, asJSON bool) (*validate.Info, calendar.Year, bool) {
	code := r.PathValue("code")
	y, ok := ruleYear(r)
	if !ok {
		s.refuse(w, asJSON, http.StatusBadRequest, "Year not recognised", "Give the collection year as 2025/26.",
			"year: expected a collection year such as 2025/26")
		return nil, 0, false
	}
	rule := rulebook.Rule(code, y)
	if rule == nil {
		// No code is both the 903's and the CIN census's
		// (TestRuleCodesDoNotCollide), so the code alone says which.
		rule = cinValidation.rules.Rule(code, y)
	}
	if rule == nil {
		text := "There is no rule " + code + " in " + y.String() + "."
		s.refuse(w, asJSON, http.StatusNotFound, "Rule not found", text, text)
		return nil, 0, false
	}
	return rule, y, true
}

func (s *Server) rule(w http.ResponseWriter, r *http.Request) {
	rule, y, ok := s.findRule(w, r, false)
	if !ok {
		return
	}
	title := "Rule " + rule.Code
	if v := returnOf(rule); v.Title != "" {
		title = v.Title + " rule " + rule.Code
	}
	s.render(w, http.StatusOK, "rule.html", page{Title: title, Nav: "validation",
		Crumbs: []crumb{{"Validation", "/validation"}}, JSON: "/api" + ruleHref(rule.Code, y), Content: explainRule(rule, y)})
}

// apiRuleStatus and apiYear are the validation status as JSON.
type apiRuleStatus struct {
	Code     string `json:"code"`
	Message  string `json:"message"`
	Origin   string `json:"origin"`
	Failures int    `json:"failures"`
	Children *int   `json:"children"` // nil when suppressed
	Rule     string `json:"rule,omitempty"`
	Kind     string `json:"kind,omitempty"` // "error" or "query", for a return whose rules are both
}

type apiYear struct {
	Year      string          `json:"year"`
	LoadedAt  *time.Time      `json:"loaded_at,omitempty"`
	Validated bool            `json:"validated"`
	Failures  int             `json:"failures"`
	Errors    *int            `json:"errors,omitempty"`  // for a validated year of a return whose rules are errors and queries
	Queries   *int            `json:"queries,omitempty"` // the same
	Children  *int            `json:"children"`
	Rules     []apiRuleStatus `json:"rules"`
	Skipped   []apiSkipped    `json:"rules_skipped"` // as stored by the load; empty when it kept none
}

// apiSkipped is one reason rules were skipped, with their codes.
type apiSkipped struct {
	Reason string   `json:"reason"`
	Rules  []string `json:"rules"`
}

// countJSON is a number of children for the API: nil when the mode
// suppresses it.
func (s *Server) countJSON(n int) *int {
	if s.small(n) {
		return nil
	}
	return &n
}

// apiValidation gives each loaded year's validation: the SSDA903's years
// as years, and the CIN census's as cin_years.
func (s *Server) apiValidation(w http.ResponseWriter, r *http.Request) {
	years, cinYears := []apiYear{}, []apiYear{}
	for _, ys := range s.validation {
		ay := s.apiYearOf(ys)
		if ys.Return == cinValidation {
			cinYears = append(cinYears, ay)
		} else {
			years = append(years, ay)
		}
	}
	out := map[string]any{"mode": s.mode(), "years": years, "cin_years": cinYears}
	if s.validationProblem != "" {
		out["problem"] = s.validationProblem
	}
	s.writeJSON(w, http.StatusOK, out)
}

// apiYearOf is a year's validation as the API gives it.
func (s *Server) apiYearOf(ys yearStatus) apiYear {
	v := ys.Return
	ay := apiYear{Year: ys.Year.String(), Validated: ys.Validated, Failures: ys.Failures,
		Children: s.countJSON(ys.Children), Rules: []apiRuleStatus{}, Skipped: []apiSkipped{}}
	if v.queries && ys.Validated {
		errs, queries := ys.Failures-ys.Queries, ys.Queries
		ay.Errors, ay.Queries = &errs, &queries
	}
	for _, sr := range ys.Skipped {
		ay.Skipped = append(ay.Skipped, apiSkipped{Reason: sr.Reason, Rules: sr.Codes})
	}
	if !ys.LoadedAt.IsZero() {
		at := ys.LoadedAt
		ay.LoadedAt = &at
	}
	for _, rs := range ys.Rules {
		a := apiRuleStatus{Code: rs.Code, Message: rs.Message, Origin: rs.Origin, Failures: rs.Failures,
			Children: s.countJSON(rs.Children)}
		if rs.Known {
			a.Rule = "/api" + ruleHref(rs.Code, ys.Year)
		}
		if v.queries {
			a.Kind = strings.ToLower(kindOf(rs.Query))
		}
		ay.Rules = append(ay.Rules, a)
	}
	return ay
}

func (s *Server) apiRule(w http.ResponseWriter, r *http.Request) {
	rule, y, ok := s.findRule(w, r, true)
	if !ok {
		return
	}
	p := explainRule(rule, y)
	out := map[string]any{"mode": s.mode(), "code": p.Code, "year": p.Year, "origin": p.Origin,
		"message": p.Message, "description": p.Description, "caveat": p.Caveat, "tables": rule.Tables, "fields": rule.Fields,
		"needs": p.Needs, "uses": p.Uses, "from": p.From, "until": p.Until, "return": rule.Return}
	if p.Kind != "" {
		out["kind"] = strings.ToLower(p.Kind)
	}
	s.writeJSON(w, http.StatusOK, out)
}
