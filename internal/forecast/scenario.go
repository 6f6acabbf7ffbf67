package forecast

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"go.yaml.in/yaml/v3"
)

// Scenario is a change to the model from a date, to compare with the
// baseline: what a reception-into-care panel, a step-down programme or a
// price rise would mean.
type Scenario struct {
	Name string        `json:"name"`
	From calendar.Date `json:"-"` // the first day it applies; it takes effect from that month

	// EntryChangePercent changes the entry rate of every band, and
	// EntryChangeByBand that of one band instead (-20 is a fifth fewer).
	EntryChangePercent float64          `json:"entry_change_percent"`
	EntryChangeByBand  map[Band]float64 `json:"-"`

	// UASCEntryChangePercent changes the arrivals of unaccompanied
	// asylum-seeking children, which the entry changes above leave alone.
	UASCEntryChangePercent float64 `json:"uasc_entry_change_percent"`

	// StepDownShare is the share of children in children's homes moved to
	// StepDownTo each year, on top of the moves the history shows.
	StepDownShare float64  `json:"step_down_residential_share_per_year"`
	StepDownTo    Category `json:"-"`

	// PermanenceChangePercent changes the rates of leaving care through
	// adoption and special guardianship or child arrangements orders.
	PermanenceChangePercent float64 `json:"permanence_exit_change_percent"`

	// UnitCostChange changes weekly costs by category, in percent.
	UnitCostChange map[Category]float64 `json:"-"`
}

// ReadScenario reads a scenario file in YAML:
//
//	name: Reception panel and step-down
//	from: 2026-07-01                       # or 01/07/2026
//	entry_change_percent: -15              # every band ...
//	entry_change_percent_by_band:          # ... or some bands
//	  10-15: -20
//	uasc_entry_change_percent: 50          # unaccompanied asylum-seeking children's arrivals
//	step_down_residential_share_per_year: 0.10
//	step_down_to: fostering_in_house       # the default
//	permanence_exit_change_percent: 25
//	unit_cost_change_percent:
//	  childrens_home_external: 5           # or all: 3
//
// Every field but from is optional. An error names the file, the line
// and the field.
func ReadScenario(name string, r io.Reader) (*Scenario, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: the file is empty; expected a scenario with at least a from date", name)
		}
		return nil, fmt.Errorf("%s: not YAML: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: expected fields such as name: and from:, not %s", name, root.Line, kindName(root))
	}
	p := &scenarioParser{file: name}
	sc := &Scenario{StepDownTo: FosterInHouse}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		if seen[key.Value] {
			p.fail(key, key.Value, "given twice")
			continue
		}
		seen[key.Value] = true
		switch key.Value {
		case "name":
			sc.Name = p.text(value, key.Value)
		case "from":
			sc.From = p.date(value, key.Value)
		case "entry_change_percent":
			sc.EntryChangePercent = p.percent(value, key.Value)
		case "entry_change_percent_by_band":
			sc.EntryChangeByBand = map[Band]float64{}
			p.each(value, key.Value, func(k, v *yaml.Node) {
				b, ok := BandByKey(k.Value)
				if !ok {
					p.fail(k, key.Value+"."+k.Value, "expected an age band: 0-4, 5-9, 10-15 or 16-17")
					return
				}
				sc.EntryChangeByBand[b] = p.percent(v, key.Value+"."+k.Value)
			})
		case "uasc_entry_change_percent":
			sc.UASCEntryChangePercent = p.percent(value, key.Value)
		case "step_down_residential_share_per_year":
			sc.StepDownShare = p.number(value, key.Value)
			if sc.StepDownShare < 0 || sc.StepDownShare >= 1 {
				p.fail(value, key.Value, "expected a share of children from 0 up to (not including) 1, such as 0.1 for a tenth a year")
			}
		case "step_down_to":
			c, ok := CategoryByKey(value.Value)
			if !ok || (c != FosterInHouse && c != FosterAgency && c != Kinship) {
				p.fail(value, key.Value, "expected fostering_in_house, fostering_agency or kinship")
			}
			sc.StepDownTo = c
		case "permanence_exit_change_percent":
			sc.PermanenceChangePercent = p.percent(value, key.Value)
		case "unit_cost_change_percent":
			sc.UnitCostChange = map[Category]float64{}
			p.each(value, key.Value, func(k, v *yaml.Node) {
				pct := p.percent(v, key.Value+"."+k.Value)
				if k.Value == "all" {
					for c := range Category(Categories) {
						if _, set := sc.UnitCostChange[c]; !set {
							sc.UnitCostChange[c] = pct
						}
					}
					return
				}
				cats := categoriesByKey(k.Value) // childrens_home, as before the split, names both kinds
				if len(cats) == 0 {
					p.fail(k, key.Value+"."+k.Value, "expected all or a category: "+categoryKeys())
					return
				}
				for _, c := range cats {
					sc.UnitCostChange[c] = pct
				}
			})
		default:
			p.fail(key, key.Value, "not a scenario field; expected name, from, entry_change_percent, entry_change_percent_by_band, uasc_entry_change_percent, "+
				"step_down_residential_share_per_year, step_down_to, permanence_exit_change_percent or unit_cost_change_percent")
		}
	}
	if !seen["from"] {
		p.errs = append(p.errs, fmt.Errorf("%s:%d: from: missing; expected the date the change starts, such as 2026-07-01", name, root.Line))
	}
	if sc.Name == "" {
		sc.Name = "Scenario"
	}
	if err := errors.Join(p.errs...); err != nil {
		return nil, err
	}
	return sc, nil
}

// scenarioParser reads the values of a scenario file, collecting every
// error with its line.
type scenarioParser struct {
	file string
	errs []error
}

func (p *scenarioParser) fail(n *yaml.Node, field, why string) {
	p.errs = append(p.errs, fmt.Errorf("%s:%d: %s: %s", p.file, n.Line, field, why))
}

func (p *scenarioParser) text(n *yaml.Node, field string) string {
	if n.Kind != yaml.ScalarNode {
		p.fail(n, field, "expected text, not "+kindName(n))
		return ""
	}
	return n.Value
}

func (p *scenarioParser) number(n *yaml.Node, field string) float64 {
	if n.Kind != yaml.ScalarNode {
		p.fail(n, field, "expected a number, not "+kindName(n))
		return 0
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(n.Value), "%"), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		p.fail(n, field, fmt.Sprintf("%q: expected a number", n.Value))
		return 0
	}
	return v
}

// percent reads a change in percent: -100 (to nothing) or more.
func (p *scenarioParser) percent(n *yaml.Node, field string) float64 {
	v := p.number(n, field)
	if v < -100 {
		p.fail(n, field, fmt.Sprintf("%v: a change in percent cannot be below -100", v))
		return 0
	}
	return v
}

func (p *scenarioParser) date(n *yaml.Node, field string) calendar.Date {
	if d, ok := ParseDate(strings.TrimSpace(n.Value)); ok && n.Kind == yaml.ScalarNode {
		return d
	}
	p.fail(n, field, fmt.Sprintf("%q: expected a date, 2026-07-01 or 01/07/2026", n.Value))
	return 0
}

func (p *scenarioParser) each(n *yaml.Node, field string, f func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, field, "expected a list of name: value lines, not "+kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], n.Content[i+1])
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "that"
}

func categoryKeys() string {
	var keys []string
	for c := range Category(Categories) {
		keys = append(keys, c.Key())
	}
	return strings.Join(keys, ", ")
}

// entryFactor is the multiplier of band b's entry rate.
func (sc *Scenario) entryFactor(b Band) float64 {
	if pct, ok := sc.EntryChangeByBand[b]; ok {
		return 1 + pct/100
	}
	return 1 + sc.EntryChangePercent/100
}

// costFactor is the multiplier of category c's weekly cost.
func (sc *Scenario) costFactor(c Category) float64 {
	if sc == nil {
		return 1
	}
	return 1 + sc.UnitCostChange[c]/100
}

// apply returns the table with the scenario's changes: entry rates
// scaled, permanence exits scaled, and a step-down hazard from children's
// homes, -ln(1 - share) ÷ 12 a month, so that share of the children
// there a year earlier have stepped down after twelve months if nothing
// else happened to them.
func (sc *Scenario) apply(base *table) *table {
	t := *base
	for b := range Band(Bands) {
		t.entry[b] *= sc.entryFactor(b)
	}
	permanence := 1 + sc.PermanenceChangePercent/100
	stepDown := -math.Log1p(-sc.StepDownShare) / 12
	for b := range Band(Bands) {
		for k := range Duration(Durations) {
			for c := range Category(Categories) {
				s := stateOf(b, k, c)
				t.hazard[s][Categories+int(ExitAdoption)] *= permanence
				t.hazard[s][Categories+int(ExitSGO)] *= permanence
			}
			for _, home := range childrensHomes {
				t.hazard[stateOf(b, k, home)][sc.StepDownTo] += stepDown
			}
		}
	}
	t.finish()
	return &t
}

// applyUASC returns the table of unaccompanied asylum-seeking children
// with the scenario's changes: its entries change by
// UASCEntryChangePercent only, as their arrivals do not follow local
// practice; every other change applies as to other children.
func (sc *Scenario) applyUASC(base *table) *table {
	t := sc.apply(base)
	t.entry = base.entry
	for b := range t.entry {
		t.entry[b] *= 1 + sc.UASCEntryChangePercent/100
	}
	return t
}
