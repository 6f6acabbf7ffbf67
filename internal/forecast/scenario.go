package forecast

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
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

	// Rates changes any rates: entries by age band, moves between
	// categories and exits by reason. The fields above that change rates
	// are shorthand for changes of this kind (see effects).
	Rates []RateChange `json:"rates,omitempty"`
}

// RateChange changes the rates it selects by a multiplier, an addition
// or both (multiplying first). A selection field left empty selects
// every value; the keys are those of scenario files (see ReadScenario,
// which checks them: a change with a key it does not know changes
// nothing). Leaving care at 18 and moving age band cannot be changed.
type RateChange struct {
	Kind     string `json:"kind"`               // entry, move or exit
	Band     string `json:"band,omitempty"`     // an age band: 0-4, 5-9, 10-15 or 16-17
	Duration string `json:"duration,omitempty"` // a piece of time in care: 0-3m, 3-12m, 12-36m or 36m+ (moves and exits)
	From     string `json:"from,omitempty"`     // the category moved or left from (moves and exits)
	To       string `json:"to,omitempty"`       // the category moved to, or the exit reason

	// Multiply multiplies the rates (0 removes them); nil leaves them.
	Multiply *float64 `json:"multiply,omitempty"`
	// Add adds to the rates, after multiplying, per month: for entries,
	// entries a month per child in the population when the forecast has
	// a population, and entries a month otherwise. A rate that would fall
	// below 0 is 0.
	Add float64 `json:"add,omitempty"`
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
// and a rates list changing any rate (see RateChange):
//
//	rates:
//	  - kind: exit                         # entry, move or exit
//	    to: adoption
//	    multiply: 1.25
//
// Every field but from is optional; ScenarioHelp, README.md and
// METHOD.md describe them all. An error names the file, the line and the
// field.
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
		case "rates":
			sc.Rates = p.rates(value, key.Value)
		default:
			p.fail(key, key.Value, "not a scenario field; expected "+orList(scenarioFields))
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

// scenarioFields are the fields of a scenario file.
var scenarioFields = []string{"name", "from", "entry_change_percent", "entry_change_percent_by_band", "uasc_entry_change_percent",
	"step_down_residential_share_per_year", "step_down_to", "permanence_exit_change_percent", "unit_cost_change_percent", "rates"}

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

// The kinds of rate a RateChange selects.
const (
	entryKind = "entry" // entries to care, by age band
	moveKind  = "move"  // moves from one category to another
	exitKind  = "exit"  // leaving care, by reason
)

// residentialKey is the key that selects every kind of children's home,
// the category step_down_residential_share_per_year moves children from.
const residentialKey = "childrens_home"

// Bounds of the numbers in a rate change, so that every rate stays a
// finite number however many changes select it.
const (
	maxMultiply = 1000
	maxAdd      = 1000
	maxRate     = 1e9
)

// rateFields are the fields of a change in a scenario file's rates list.
var rateFields = []string{"kind", "band", "duration", "from", "to", "multiply", "add"}

// rates reads a scenario file's list of rate changes.
func (p *scenarioParser) rates(n *yaml.Node, field string) []RateChange {
	if n.Kind != yaml.SequenceNode {
		p.fail(n, field, "expected a list of changes, each starting \"- kind:\", not "+kindName(n))
		return nil
	}
	var out []RateChange
	for i, item := range n.Content {
		if c, ok := p.rateChange(item, fmt.Sprintf("%s[%d]", field, i+1)); ok {
			out = append(out, c)
		}
	}
	return out
}

// rateChange reads one change of rates; ok is false when it has errors.
func (p *scenarioParser) rateChange(n *yaml.Node, field string) (c RateChange, ok bool) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, field, "expected fields such as kind: and multiply:, not "+kindName(n))
		return c, false
	}
	before := len(p.errs)
	keys := map[string]*yaml.Node{} // each field's key, for its line
	values := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(rateFields, k.Value):
			p.fail(k, field+"."+k.Value, "not a field of a rate change; expected "+strings.Join(rateFields, ", "))
		case values[k.Value] != nil:
			p.fail(k, field+"."+k.Value, "given twice")
		default:
			keys[k.Value], values[k.Value] = k, v
		}
	}
	scalar := func(name string) string {
		if v := values[name]; v != nil {
			if v.Kind == yaml.ScalarNode {
				return strings.TrimSpace(v.Value)
			}
			p.fail(v, field+"."+name, "expected text, not "+kindName(v))
		}
		return ""
	}
	c.Kind = scalar("kind")
	switch c.Kind {
	case entryKind, moveKind, exitKind:
	case "":
		if values["kind"] == nil {
			p.fail(n, field+".kind", "missing; expected entry, move or exit")
		} else if values["kind"].Kind == yaml.ScalarNode {
			p.fail(values["kind"], field+".kind", `"": expected entry, move or exit`)
		}
	default:
		p.fail(values["kind"], field+".kind", fmt.Sprintf("%q: expected entry, move or exit (leaving care at 18 and moving age band cannot be changed)", c.Kind))
	}
	if c.Band = scalar("band"); values["band"] != nil {
		if _, ok := BandByKey(c.Band); !ok {
			p.fail(values["band"], field+".band", fmt.Sprintf("%q: expected an age band: %s", c.Band, bandKeys()))
		}
	}
	c.Duration, c.From, c.To = scalar("duration"), scalar("from"), scalar("to")
	if c.Kind == entryKind {
		for _, name := range []string{"duration", "from", "to"} {
			if values[name] != nil {
				p.fail(keys[name], field+"."+name, "not for entries; an entry rate is chosen by band only")
			}
		}
	} else {
		p.selection(c, values, field)
	}
	if values["multiply"] != nil {
		m := p.number(values["multiply"], field+".multiply")
		if m < 0 || m > maxMultiply {
			p.fail(values["multiply"], field+".multiply", fmt.Sprintf("%v: expected a multiplier from 0 (none left) to %d", m, maxMultiply))
		}
		c.Multiply = &m
	}
	if values["add"] != nil {
		c.Add = p.number(values["add"], field+".add")
		if math.Abs(c.Add) > maxAdd {
			p.fail(values["add"], field+".add", fmt.Sprintf("%v: expected an addition a month from -%d to %d", c.Add, maxAdd, maxAdd))
		}
	}
	if values["multiply"] == nil && values["add"] == nil {
		p.fail(n, field, "expected multiply:, add: or both")
	}
	return c, len(p.errs) == before
}

// selection checks the duration, from and to of a move or an exit.
func (p *scenarioParser) selection(c RateChange, values map[string]*yaml.Node, field string) {
	if v := values["duration"]; v != nil {
		if _, ok := durationByKey(c.Duration); !ok {
			p.fail(v, field+".duration", fmt.Sprintf("%q: expected a time in care: %s", c.Duration, durationKeys()))
		}
	}
	if v := values["from"]; v != nil {
		if _, ok := categorySet(c.From); !ok {
			p.fail(v, field+".from", fmt.Sprintf("%q: expected a category: %s", c.From, categoryKeys()))
		}
	}
	v := values["to"]
	switch {
	case v == nil:
	case c.Kind == exitKind:
		if _, ok := exitByKey(c.To); !ok {
			why := fmt.Sprintf("%q: expected an exit reason: %s", c.To, exitKeys())
			if c.To == ExitAgedOut.Key() {
				why = fmt.Sprintf("%q: leaving care at 18 cannot be changed; expected an exit reason: %s", c.To, exitKeys())
			}
			p.fail(v, field+".to", why)
		}
	case c.Kind == moveKind:
		to, ok := categorySet(c.To)
		if !ok {
			p.fail(v, field+".to", fmt.Sprintf("%q: expected a category: %s", c.To, categoryKeys()))
			break
		}
		if from, _ := categorySet(c.From); c.From != "" && from == to && bits.OnesCount64(to) == 1 {
			p.fail(v, field+".to", fmt.Sprintf("%q: the same as from; a move is to another category", c.To))
		}
	}
}

// categorySet returns the categories a key selects, as bit c for
// category c: every category for "", the category with that key, or,
// when there is none, every category whose key starts with the key and
// an underscore, so that childrens_home selects every kind of children's
// home.
func categorySet(key string) (set uint64, ok bool) {
	if key == "" {
		return 1<<Categories - 1, true
	}
	if c, ok := CategoryByKey(key); ok {
		return 1 << c, true
	}
	for c := range Category(Categories) {
		if k := c.Key(); len(k) > len(key) && k[len(key)] == '_' && strings.HasPrefix(k, key) {
			set |= 1 << c
		}
	}
	return set, set != 0
}

// durationByKey returns the piece of time in care with the given key.
func durationByKey(key string) (Duration, bool) {
	for k := range Duration(Durations) {
		if k.Key() == key {
			return k, true
		}
	}
	return 0, false
}

// exitByKey returns the exit reason drawn as a rate with the given key:
// not ageing out.
func exitByKey(key string) (Exit, bool) {
	for e := range Exit(ExitReasons) {
		if e.Key() == key {
			return e, true
		}
	}
	return 0, false
}

func bandKeys() string {
	var keys []string
	for b := range Band(Bands) {
		keys = append(keys, b.Key())
	}
	return orList(keys)
}

func durationKeys() string {
	var keys []string
	for k := range Duration(Durations) {
		keys = append(keys, k.Key())
	}
	return orList(keys)
}

func exitKeys() string {
	var keys []string
	for e := range Exit(ExitReasons) {
		keys = append(keys, e.Key())
	}
	return orList(keys)
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// rateSet is the rates a RateChange selects, as sets: bit i of a set
// stands for item i (band, piece of time in care, category, or
// destination: a category, or Categories + an exit reason).
type rateSet struct {
	bands, durations, from, to uint64
}

// set returns the rates c selects; ok is false when a key is unknown.
func (c RateChange) set() (s rateSet, ok bool) {
	s = rateSet{bands: 1<<Bands - 1, durations: 1<<Durations - 1}
	if c.Band != "" {
		b, ok := BandByKey(c.Band)
		if !ok {
			return s, false
		}
		s.bands = 1 << b
	}
	if c.Kind == entryKind {
		return s, c.Duration == "" && c.From == "" && c.To == ""
	}
	if c.Duration != "" {
		k, ok := durationByKey(c.Duration)
		if !ok {
			return s, false
		}
		s.durations = 1 << k
	}
	if s.from, ok = categorySet(c.From); !ok {
		return s, false
	}
	switch c.Kind {
	case moveKind:
		s.to, ok = categorySet(c.To)
		return s, ok
	case exitKind:
		if c.To == "" {
			s.to = (1<<ExitReasons - 1) << Categories
			return s, true
		}
		e, ok := exitByKey(c.To)
		s.to = 1 << (Categories + int(e))
		return s, ok
	}
	return s, false
}

// rateEffect is a change of rates ready to apply to a table: the rates
// it selects, its multiplier (1 for none) and its addition.
type rateEffect struct {
	entry    bool // entry rates, else moves and exits
	set      rateSet
	multiply float64
	add      float64
}

// effects returns every change the scenario makes to rates: those its
// shorthand fields stand for, then Rates (a change with an unknown key
// is left out). A change of entries for some bands replaces the change
// for every band there; permanence multiplies exits to adoption and to
// special guardianship or child arrangements orders; a step-down share
// adds -ln(1 - share) ÷ 12 a month to the moves from children's homes,
// which moves that share of the children there a year earlier after
// twelve months, if nothing else happened to them. buf is space for
// them, so that a simulation's scenario allocates nothing.
func (sc *Scenario) effects(buf []rateEffect) []rateEffect {
	out := buf[:0]
	all := rateSet{bands: 1<<Bands - 1, durations: 1<<Durations - 1, from: 1<<Categories - 1}
	for b := range Band(Bands) {
		if f := sc.entryFactor(b); f != 1 {
			out = append(out, rateEffect{entry: true, set: rateSet{bands: 1 << b}, multiply: f})
		}
	}
	if sc.PermanenceChangePercent != 0 {
		permanence := all
		permanence.to = 1<<(Categories+int(ExitAdoption)) | 1<<(Categories+int(ExitSGO))
		out = append(out, rateEffect{set: permanence, multiply: 1 + sc.PermanenceChangePercent/100})
	}
	if sc.StepDownShare > 0 {
		stepDown := all
		stepDown.from, _ = categorySet(residentialKey)
		stepDown.to = 1 << sc.StepDownTo
		out = append(out, rateEffect{set: stepDown, multiply: 1, add: -math.Log1p(-sc.StepDownShare) / 12})
	}
	for _, c := range sc.Rates {
		set, ok := c.set()
		if !ok {
			continue
		}
		e := rateEffect{entry: c.Kind == entryKind, set: set, multiply: 1, add: c.Add}
		if c.Multiply != nil {
			e.multiply = *c.Multiply
		}
		out = append(out, e)
	}
	return out
}

// update sets every rate of t that e selects to rate × multiply + add.
func (e rateEffect) update(t *table, multiply, add float64) {
	for bs := e.set.bands; bs != 0; bs &= bs - 1 {
		b := bits.TrailingZeros64(bs)
		if e.entry {
			t.entry[b] = t.entry[b]*multiply + add
			continue
		}
		for ks := e.set.durations; ks != 0; ks &= ks - 1 {
			k := bits.TrailingZeros64(ks)
			for cs := e.set.from; cs != 0; cs &= cs - 1 {
				c := bits.TrailingZeros64(cs)
				row := &t.hazard[stateOf(Band(b), Duration(k), Category(c))]
				for ds := e.set.to &^ (1 << c); ds != 0; ds &= ds - 1 { // never to where the child is
					d := bits.TrailingZeros64(ds)
					row[d] = row[d]*multiply + add
				}
			}
		}
	}
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

// apply returns the table with the scenario's changes of rates (see
// effects): every rate a change selects is multiplied by the product of
// the changes' multipliers, then has the sum of their additions added,
// so that the order of the changes does not matter, and is floored at 0.
func (sc *Scenario) apply(base *table) *table {
	return sc.applyInto(new(table), base)
}

// applyInto is apply into dst, which it returns.
func (sc *Scenario) applyInto(dst, base *table) *table {
	*dst = *base
	t := dst
	var buf [16]rateEffect
	effects := sc.effects(buf[:])
	for _, e := range effects {
		if e.multiply != 1 {
			e.update(t, e.multiply, 0)
		}
	}
	for _, e := range effects {
		if e.add != 0 {
			e.update(t, 1, e.add)
		}
	}
	for b := range t.entry {
		t.entry[b] = boundRate(t.entry[b])
	}
	for s := range t.hazard {
		for d := range t.hazard[s] {
			t.hazard[s][d] = boundRate(t.hazard[s][d])
		}
	}
	t.finish()
	return t
}

// applyUASC returns the table of unaccompanied asylum-seeking children
// with the scenario's changes: its entries change by
// UASCEntryChangePercent only, as their arrivals do not follow local
// practice; every other change applies as to other children.
func (sc *Scenario) applyUASC(base *table) *table {
	return sc.applyUASCInto(new(table), base)
}

// applyUASCInto is applyUASC into dst, which it returns.
func (sc *Scenario) applyUASCInto(dst, base *table) *table {
	t := sc.applyInto(dst, base)
	t.entry = base.entry
	for b := range t.entry {
		t.entry[b] *= 1 + sc.UASCEntryChangePercent/100
	}
	return t
}

// boundRate floors a rate at 0 (and makes one that is not a number 0),
// and caps it at maxRate, far beyond the monthly rate at which leaving
// within the month is certain.
func boundRate(r float64) float64 {
	switch {
	case !(r > 0):
		return 0
	case r > maxRate:
		return maxRate
	}
	return r
}

// ScenarioHelp describes the scenario file format for the command line's
// help, with an example that ReadScenario reads.
func ScenarioHelp() string {
	return `Scenario files (--scenario) are YAML; every field but from is optional:

  name: Reception panel and step-down
  from: 2026-07-01                     # the first day it applies (or 01/07/2026)
  entry_change_percent: -15            # entries to care of every age band, in percent,
  entry_change_percent_by_band:        # or of some bands instead
    10-15: -20
  uasc_entry_change_percent: 0         # arrivals of unaccompanied asylum-seeking children, in percent
  step_down_residential_share_per_year: 0.1  # the share of children in children's homes moved each year
  step_down_to: fostering_in_house     # to fostering_in_house (the default), fostering_agency or kinship
  permanence_exit_change_percent: 25   # leaving care to adoption and to SGO or CAO, in percent
  unit_cost_change_percent:            # weekly costs in percent, for all or a category
    all: 3
  rates:                               # any rate: multiply, add (per month) or both, multiplying first
    - kind: exit                       # entry, move or exit
      to: adoption                     # an exit reason: ` + exitKeys() + `
      multiply: 1.25
    - kind: move
      from: ` + residentialKey + `             # a category (moves and exits; default every one)
      to: fostering_agency             # a category for a move (default every one)
      band: 10-15                      # ` + bandKeys() + ` (default every band)
      duration: 12-36m                 # time in care: ` + durationKeys() + ` (moves and exits; default every piece)
      add: 0.002                       # a month
    - kind: entry
      band: 0-4
      multiply: 0.9

Categories: ` + categoryKeys() + ` (` + residentialKey + ` selects every kind of children's home).
An entry's add is entries a month per child in the population with --population, and entries a month without.
Rates never fall below 0; leaving care at 18 and moving age band cannot be changed.
The whole format is in README.md ("Scenario files") and in the method (internal/forecast/METHOD.md, /forecast/method in village serve).`
}

// Describe says what the change does, in words: "Moves from children's
// homes to fostering (agency/IFA), aged 10–15, 1 to 3 years in care:
// rate plus 0.002 a month."
func (c RateChange) Describe() string {
	var b strings.Builder
	switch c.Kind {
	case entryKind:
		b.WriteString("Entries to care")
	case moveKind:
		b.WriteString("Moves from " + categoryWords(c.From, "any placement") + " to " + categoryWords(c.To, "another placement"))
	case exitKind:
		b.WriteString("Leaving care")
		if e, ok := exitByKey(c.To); ok {
			b.WriteString(" (" + lowerFirst(e.Label()) + ")")
		}
		if c.From != "" {
			b.WriteString(" from " + categoryWords(c.From, ""))
		}
	default:
		b.WriteString("Rates")
	}
	if band, ok := BandByKey(c.Band); ok {
		b.WriteString(", aged " + band.Label())
	}
	if k, ok := durationByKey(c.Duration); ok {
		b.WriteString(", " + k.Label() + " in care")
	}
	b.WriteString(": rate")
	if c.Multiply != nil {
		fmt.Fprintf(&b, " × %g", *c.Multiply)
	}
	switch {
	case c.Add > 0:
		fmt.Fprintf(&b, " plus %g a month", c.Add)
	case c.Add < 0:
		fmt.Fprintf(&b, " minus %g a month", -c.Add)
	}
	b.WriteString(".")
	return b.String()
}

// categoryWords names the categories a key selects, in lower case, or
// says all when the key is empty.
func categoryWords(key, all string) string {
	if key == "" {
		return all
	}
	set, _ := categorySet(key)
	var labels []string
	for c := range Category(Categories) {
		if set&(1<<c) != 0 {
			labels = append(labels, lowerFirst(c.Label()))
		}
	}
	return orList(labels)
}
