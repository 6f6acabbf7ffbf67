package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	cinrules "github.com/village-uk/village/returns/cin/rules"
	"github.com/village-uk/village/validate"
)

// validatedReturn is a return whose validation the pages show: its rule
// set, and where its stored failures are read.
type validatedReturn struct {
	// Key is the value of ?return= that asks for it: "" for the SSDA903,
	// "cin" for the CIN census.
	Key string
	// Title names it in headings, before a year or a rule's code: "" for
	// the SSDA903, whose pages came first and name no return.
	Title string
	rules validate.Rulebook
	// queries is whether its rule set has queries as well as errors (the
	// CIN census's do, their codes ending in Q).
	queries bool
}

var (
	// ssda903Validation is the SSDA903's validation.
	ssda903Validation = &validatedReturn{rules: rulebook}
	// cinValidation is the CIN census's, read from a store that keeps the
	// census (cinStore).
	cinValidation = &validatedReturn{Key: "cin", Title: "CIN census", rules: cinrules.Rules(), queries: true}
)

// returnOf is the return whose rule r is.
func returnOf(r *validate.Info) *validatedReturn {
	if r.Return == cinValidation.rules.Return() {
		return cinValidation
	}
	return ssda903Validation
}

// cinStore is a Store that keeps CIN censuses with their failures
// (*store.Store does); without it the pages show the SSDA903's alone.
type cinStore interface {
	CIN() *store.Kept
}

// isQuery reports whether a failure of rule code is a query rather than
// an error.
func (v *validatedReturn) isQuery(code string) bool { return v.queries && cinrules.IsQuery(code) }

// heading is what a year is called on the pages: "2025/26", or "CIN
// census 2025/26".
func (v *validatedReturn) heading(y calendar.Year) string {
	if v.Title == "" {
		return y.String()
	}
	return v.Title + " " + y.String()
}

// anchor is the id of a year's section of the validation page.
func (v *validatedReturn) anchor(y calendar.Year) string {
	if v.Key == "" {
		return "year-" + y.String()
	}
	return v.Key + "-year-" + y.String()
}

// skippedAnchor is the id of the list of the rules a year's validation
// skipped.
func (v *validatedReturn) skippedAnchor(y calendar.Year) string {
	if v.Key == "" {
		return "skipped-" + y.String()
	}
	return v.Key + "-skipped-" + y.String()
}

// failuresHref is the address of the page of a rule's failures in year y.
func (v *validatedReturn) failuresHref(code string, y calendar.Year) string {
	href := failuresHref(code, y)
	if v.Key != "" {
		href += "&return=" + v.Key
	}
	return href
}

// returnAsked is the return a request's ?return= names, or, when it
// names none Village validates, answers so and returns nil.
func (s *Server) returnAsked(w http.ResponseWriter, r *http.Request) *validatedReturn {
	switch r.URL.Query().Get("return") {
	case "":
		return ssda903Validation
	case cinValidation.Key:
		if _, ok := s.Store.(cinStore); ok {
			return cinValidation
		}
		s.problem(w, http.StatusNotFound, "No CIN census to show", "This server's store does not keep the CIN census.")
	default:
		s.problem(w, http.StatusBadRequest, "Return not recognised", "Give return=cin for the CIN census, or no return for the SSDA903.")
	}
	return nil
}

// storedFailures reads the failures stored for the return's year y.
func (v *validatedReturn) storedFailures(ctx context.Context, st Store, y calendar.Year) ([]store.Failure, error) {
	if v == cinValidation {
		return st.(cinStore).CIN().Failures(ctx, y)
	}
	return st.Failures(ctx, y)
}

// location says where a stored failure's row is. The CIN census's rows
// are named by table and row, as "village validate" reports them, with
// the line of the file where it is known.
func (v *validatedReturn) location(f store.Failure) string {
	if v != cinValidation {
		return storedLocation(f)
	}
	where := fmt.Sprintf("%s row %d", f.Table, f.Row)
	if f.LastYear {
		where = fmt.Sprintf("%s (last year) row %d", f.Table, f.Row)
	}
	if f.File != "" && f.Line > 0 {
		where += fmt.Sprintf(" (%s line %d)", f.File, f.Line)
	}
	return where
}

// summariseCIN reads every stored CIN census year's failures and skipped
// rules, as summariseValidation does the 903's. A year is checked when
// the store says it was validated: a year loaded before its failures
// were stored is not taken for a clean one.
func summariseCIN(ctx context.Context, cs cinStore) ([]yearStatus, error) {
	kept := cs.CIN()
	years, err := kept.Years(ctx)
	if err != nil {
		return nil, err
	}
	if len(years) == 0 {
		return nil, nil
	}
	cinLoads, err := kept.Loads(ctx)
	if err != nil {
		return nil, err
	}
	var out []yearStatus
	for _, y := range years {
		failures, err := kept.Failures(ctx, y)
		if err != nil {
			return nil, err
		}
		skipped, err := kept.Skipped(ctx, y)
		if err != nil {
			return nil, err
		}
		validated, err := kept.Validated(ctx, y)
		if err != nil {
			return nil, err
		}
		ys := summariseYear(cinValidation, y, failures, cinLoads)
		ys.Validated = validated
		ys.Skipped, ys.SkippedRules = skipReasons(skipped), len(skipped)
		out = append(out, ys)
	}
	return out, nil
}

// uncheckedText says why a year shows no validation.
func (v *validatedReturn) uncheckedText(y calendar.Year) string {
	if v == cinValidation {
		return "Not checked: the census was loaded before Village stored its failures. Load it again to check it."
	}
	return "Not checked: Village has no rule set for " + y.String() + "."
}
