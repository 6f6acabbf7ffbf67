// Package interventions is the register of changes to practice or
// services that a council expects to move its figures: a
// reception-into-care panel, an edge-of-care service, a step-down
// programme. Each names the monthly series it should move, for whom, the
// effect expected and its cost, the programme it belongs to in the
// savings ledger, and, for the ledger, the change it makes to the
// forecast (a forecast scenario) with its rank in the order of
// precedence. It is the domain only: the store's interventions module
// keeps the register, internal/app records changes with their actor,
// internal/ledger costs the programmes and the web serves both.
package interventions

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/village-uk/village/internal/evaluate"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"go.yaml.in/yaml/v3"
)

// Intervention is one change in the register.
type Intervention struct {
	ID    int64
	Name  string        // unique in the register
	Start calendar.Date // the day it started, or starts
	End   calendar.Date // the day it ended; 0 while it runs
	// Series are the ids of the monthly series it should move, such as
	// starts or ceases_sgo (see Known).
	Series []string
	Cohort string // for whom: a cohort in words or a filter, such as "children aged 10-15 at the edge of care"
	// Effect is the change it is expected to make to its series, as a
	// fraction (-0.20 for a fifth fewer); HasEffect says whether one is
	// given.
	Effect    float64
	HasEffect bool
	// AnnualCost is what it costs a year, in whole pounds.
	AnnualCost int64
	// Programme is the savings programme it belongs to; blank for its
	// own name.
	Programme string
	// Scenario is the change it makes to the forecast, in the fields of a
	// forecast scenario file (entry_change_percent: -15 and the like),
	// without name or from: it applies from Start. Blank for none: it
	// then avoids nothing in the ledger.
	Scenario string
	// Rank is its place in the order of precedence of the ledger: 1
	// claims first. 0 is unranked, after every ranked one.
	Rank       int
	RecordedBy string
	Recorded   time.Time
}

// Limits on what is recorded.
const (
	maxName     = 200
	maxText     = 2000
	maxScenario = 10_000
	maxSeries   = 20
	maxCost     = 1_000_000_000 // a billion pounds a year
	maxRank     = 1000
)

// ProgrammeName is the programme the intervention belongs to: Programme,
// or its own name when none is given.
func (iv Intervention) ProgrammeName() string {
	if p := strings.TrimSpace(iv.Programme); p != "" {
		return p
	}
	return iv.Name
}

// Check says everything that is wrong with the intervention, field by
// field.
func (iv Intervention) Check() error {
	var errs []error
	fail := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	}
	switch name := strings.TrimSpace(iv.Name); {
	case name == "":
		fail("name", "blank; expected a name such as Reception into care panel")
	case utf8.RuneCountInString(name) > maxName || strings.ContainsAny(name, "\r\n\t"):
		fail("name", "expected one line of up to %d characters", maxName)
	}
	if iv.Start == 0 {
		fail("start", "missing; expected the day it started, such as 2026-07-01")
	}
	if iv.End != 0 && iv.End < iv.Start {
		fail("end", "%s is before the start, %s", iv.End, iv.Start)
	}
	if len(iv.Series) == 0 {
		fail("series", "none given; expected the series it should move, such as starts (known: %s)", strings.Join(KnownIDs(), ", "))
	}
	if len(iv.Series) > maxSeries {
		fail("series", "%d given; expected at most %d", len(iv.Series), maxSeries)
	}
	seen := map[string]bool{}
	for _, s := range iv.Series {
		if !IsSeriesID(s) {
			fail("series", "%q: expected an id of lower-case letters, digits and underscores starting with a letter, such as starts_age_10_15", s)
		}
		if seen[s] {
			fail("series", "%s given twice", s)
		}
		seen[s] = true
	}
	if utf8.RuneCountInString(iv.Cohort) > maxText {
		fail("cohort", "longer than %d characters", maxText)
	}
	if iv.HasEffect && !(iv.Effect > -1 && iv.Effect <= 10) {
		fail("effect", "%v: expected a fraction above -1, such as -0.20 for a fifth fewer", iv.Effect)
	}
	if iv.AnnualCost < 0 || iv.AnnualCost > maxCost {
		fail("annual_cost", "%d: expected whole pounds a year from 0 to %d", iv.AnnualCost, maxCost)
	}
	if p := iv.Programme; utf8.RuneCountInString(p) > maxName || strings.ContainsAny(p, "\r\n\t") {
		fail("programme", "expected one line of up to %d characters", maxName)
	}
	if iv.Rank < 0 || iv.Rank > maxRank {
		fail("rank", "%d: expected 1 (claims first) to %d, or 0 for unranked", iv.Rank, maxRank)
	}
	if len(iv.Scenario) > maxScenario {
		fail("scenario", "longer than %d characters", maxScenario)
	} else if _, err := iv.ForecastScenario(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// ForecastScenario reads the intervention's scenario as the forecast's,
// applying from its start; nil when it has none. A scenario that ends
// before the projection still applies for the whole projection: the
// ledger says so.
func (iv Intervention) ForecastScenario() (*forecast.Scenario, error) {
	if strings.TrimSpace(iv.Scenario) == "" {
		return nil, nil
	}
	if iv.Start == 0 {
		return nil, errors.New("scenario: the intervention has no start, from which it applies")
	}
	// A scenario written as a flow mapping ({entry_change_percent: -15},
	// as a CSV cell holds it) is rewritten in block style, so that the
	// intervention's name and start can go before it.
	body := []byte(iv.Scenario)
	var node yaml.Node
	if err := yaml.Unmarshal(body, &node); err == nil && len(node.Content) == 1 && node.Content[0].Kind == yaml.MappingNode {
		node.Content[0].Style = 0
		if out, err := yaml.Marshal(node.Content[0]); err == nil {
			body = out
		}
	}
	var text bytes.Buffer
	fmt.Fprintf(&text, "name: %q\nfrom: %s\n", iv.ProgrammeName(), forecast.ISO(iv.Start))
	text.Write(body)
	sc, err := forecast.ReadScenario("scenario", &text)
	if err != nil {
		// the two lines added above shift the lines the errors give
		return nil, fmt.Errorf("scenario (name and from are the intervention's; line numbers count two lines more): %w", err)
	}
	return sc, nil
}

// Series is a monthly series an intervention may move, which Village
// knows how to count.
type Series struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Known are the series Village counts and `village evaluate` evaluates
// (package evaluate's kinds, so that the two never disagree); an
// intervention may name others (a local series), which the evaluation
// then cannot find.
var Known = known()

func known() []Series {
	var out []Series
	for _, k := range evaluate.Kinds() {
		out = append(out, Series{ID: k.ID, Label: k.Title})
	}
	return out
}

// KnownIDs are the ids of Known.
func KnownIDs() []string {
	var out []string
	for _, s := range Known {
		out = append(out, s.ID)
	}
	return out
}

// SeriesLabel is the label of a known series, or the id itself.
func SeriesLabel(id string) string {
	for _, s := range Known {
		if s.ID == id {
			return s.Label
		}
	}
	return id
}

// IsSeriesID reports whether s is a series id: 1 to 60 lower-case
// letters, digits and underscores, starting with a letter.
func IsSeriesID(s string) bool {
	if s == "" || len(s) > 60 || !(s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Target is a programme's savings target for one financial quarter, in
// whole pounds.
type Target struct {
	Programme string
	Quarter   Quarter
	Pounds    int64
}

// Check says what is wrong with the target.
func (t Target) Check() error {
	var errs []error
	if p := strings.TrimSpace(t.Programme); p == "" || utf8.RuneCountInString(p) > maxName || strings.ContainsAny(p, "\r\n\t") {
		errs = append(errs, fmt.Errorf("programme %q: expected one line of up to %d characters", t.Programme, maxName))
	}
	if t.Quarter.Year < 2000 || t.Quarter.Year > 2200 || t.Quarter.Q < 1 || t.Quarter.Q > 4 {
		errs = append(errs, fmt.Errorf("quarter %q: expected a financial quarter such as 2026/27 Q1", t.Quarter))
	}
	if t.Pounds < 0 || t.Pounds > maxCost {
		errs = append(errs, fmt.Errorf("target %d: expected whole pounds from 0 to %d", t.Pounds, maxCost))
	}
	return errors.Join(errs...)
}

// Quarter is a financial quarter: Q1 is April to June of the financial
// year starting in April of Year.
type Quarter struct {
	Year int // the calendar year the financial year starts in
	Q    int // 1 to 4
}

// String writes the quarter as 2026/27 Q1.
func (q Quarter) String() string { return fmt.Sprintf("%d/%02d Q%d", q.Year, (q.Year+1)%100, q.Q) }

// QuarterOf is the financial quarter of day d.
func QuarterOf(d calendar.Date) Quarter {
	y, m, _ := d.Civil()
	if m < 4 {
		return Quarter{Year: y - 1, Q: 4}
	}
	return Quarter{Year: y, Q: (m-4)/3 + 1}
}

// Start is the quarter's first day.
func (q Quarter) Start() calendar.Date {
	return calendar.NewDate(q.Year, 4, 1).AddMonths(3 * (q.Q - 1))
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// ParseQuarter reads a financial quarter written 2026/27 Q1, 2026/27-Q1
// or 2026-27 Q1.
func ParseQuarter(text string) (Quarter, error) {
	t := strings.ToUpper(strings.TrimSpace(text))
	t = strings.NewReplacer("-Q", " Q", "_Q", " Q").Replace(t)
	var y, y2, q int
	if _, err := fmt.Sscanf(strings.Replace(t, "-", "/", 1), "%d/%d Q%d", &y, &y2, &q); err != nil || (y+1)%100 != y2%100 || q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("quarter %q: expected a financial quarter such as 2026/27 Q1", text)
	}
	return Quarter{Year: y, Q: q}, nil
}

// Pounds reads whole pounds written 120000, £120,000 or 120000.00; a
// fraction of a pound is refused, as money is kept exact to the pound.
func Pounds(text string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(text), "£"), ",", "")
	t = strings.TrimSuffix(t, ".00")
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: expected whole pounds, such as 120000 or £120,000", text)
	}
	return v, nil
}

// ParseEffect reads an expected effect written as a fraction (-0.2) or
// a percentage (-20%).
func ParseEffect(text string) (float64, error) {
	t := strings.TrimSpace(text)
	pct := strings.HasSuffix(t, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "%")), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q: expected a fraction such as -0.20, or -20%%", text)
	}
	if pct {
		v /= 100
	}
	return v, nil
}
