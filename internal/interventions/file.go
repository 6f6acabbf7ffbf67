package interventions

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/village-uk/village/internal/forecast"
	"go.yaml.in/yaml/v3"
)

// File is what a register file holds: interventions and savings targets.
type File struct {
	Interventions []Intervention
	Targets       []Target
}

// maxFile bounds a register file.
const maxFile = 10 << 20

// ReadFile reads a register file, YAML when name ends .yaml or .yml and
// CSV otherwise (FileHelp describes both). Every error names the file,
// the line and the field; a file with any error gives nothing, so that
// an import is whole or not at all.
func ReadFile(name string, r io.Reader) (File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxFile {
		return File{}, fmt.Errorf("%s: larger than %d MB; expected a register of interventions", name, maxFile>>20)
	}
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") {
		return readYAML(name, data)
	}
	return readCSV(name, data)
}

// csvColumns are the columns of a CSV register file, in the order
// FileHelp gives them; only name, start and series are required.
var csvColumns = []string{"name", "start", "end", "series", "cohort", "effect", "annual_cost", "programme", "rank", "scenario"}

// readCSV reads a CSV register: one intervention a row.
func readCSV(name string, data []byte) (File, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return File{}, fmt.Errorf("%s:1: cannot read the header row: %v", name, err)
	}
	col := map[string]int{}
	var errs []error
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if !contains(csvColumns, h) {
			errs = append(errs, fmt.Errorf("%s:1:%d: column %q: expected one of %s", name, i+1, h, strings.Join(csvColumns, ", ")))
			continue
		}
		col[h] = i
	}
	for _, want := range []string{"name", "start", "series"} {
		if _, ok := col[want]; !ok {
			errs = append(errs, fmt.Errorf("%s:1: no %s column; expected at least name, start and series", name, want))
		}
	}
	if len(errs) > 0 {
		return File{}, errors.Join(errs...)
	}
	var out File
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return File{}, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		fields := map[string]fieldAt{}
		for key, i := range col {
			if i < len(record) {
				_, column := cr.FieldPos(i)
				fields[key] = fieldAt{text: strings.TrimSpace(record[i]), where: fmt.Sprintf("%s:%d:%d", name, line, column)}
			}
		}
		iv, err := fromFields(fields, fmt.Sprintf("%s:%d", name, line), func(s string) []string { return splitList(s, ";") })
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out.Interventions = append(out.Interventions, iv)
	}
	errs = append(errs, duplicates(name, out.Interventions))
	if err := joined(errs); err != nil {
		return File{}, err
	}
	return out, nil
}

// fieldAt is one field's text and where it is in the file.
type fieldAt struct {
	text  string
	where string // file:line:column
}

// fromFields makes an intervention from its fields as text, checking it;
// at says where the row is.
func fromFields(fields map[string]fieldAt, at string, list func(string) []string) (Intervention, error) {
	var errs []error
	fail := func(key, why string) {
		where := at
		if f, ok := fields[key]; ok {
			where = f.where
		}
		errs = append(errs, fmt.Errorf("%s: %s %q: %s", where, key, fields[key].text, why))
	}
	iv := Intervention{Name: fields["name"].text, Cohort: fields["cohort"].text, Programme: fields["programme"].text, Scenario: fields["scenario"].text}
	iv.Series = list(fields["series"].text)
	if d, ok := forecast.ParseDate(fields["start"].text); ok {
		iv.Start = d
	} else {
		fail("start", "expected a date such as 2026-07-01 or 01/07/2026")
	}
	if t := fields["end"].text; t != "" {
		if d, ok := forecast.ParseDate(t); ok {
			iv.End = d
		} else {
			fail("end", "expected a date such as 2027-03-31, or blank while it runs")
		}
	}
	if t := fields["effect"].text; t != "" {
		v, err := ParseEffect(t)
		if err != nil {
			fail("effect", "expected a fraction such as -0.20, or -20%")
		}
		iv.Effect, iv.HasEffect = v, true
	}
	if t := fields["annual_cost"].text; t != "" {
		v, err := Pounds(t)
		if err != nil {
			fail("annual_cost", "expected whole pounds a year, such as 120000")
		}
		iv.AnnualCost = v
	}
	if t := fields["rank"].text; t != "" {
		v, err := strconv.Atoi(t)
		if err != nil {
			fail("rank", "expected a whole number, 1 to claim first")
		}
		iv.Rank = v
	}
	if len(errs) == 0 {
		if err := iv.Check(); err != nil {
			errs = append(errs, fmt.Errorf("%s: intervention %q: %w", at, iv.Name, err))
		}
	}
	return iv, errors.Join(errs...)
}

// splitList splits a list written a;b;c, dropping blanks.
func splitList(s, sep string) []string {
	var out []string
	for _, part := range strings.Split(s, sep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// duplicates says which names are given twice in a file.
func duplicates(name string, ivs []Intervention) error {
	seen := map[string]bool{}
	var errs []error
	for _, iv := range ivs {
		key := strings.ToLower(strings.TrimSpace(iv.Name))
		if seen[key] {
			errs = append(errs, fmt.Errorf("%s: intervention %q is given twice; names are unique", name, iv.Name))
		}
		seen[key] = true
	}
	return errors.Join(errs...)
}

func joined(errs []error) error { return errors.Join(errs...) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// yamlFields are the fields of an intervention in a YAML register.
var yamlFields = csvColumns

// readYAML reads a YAML register: interventions: and targets: lists.
func readYAML(name string, data []byte) (File, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return File{}, fmt.Errorf("%s: not YAML: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return File{}, fmt.Errorf("%s: the file is empty; expected interventions: and targets: lists", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return File{}, fmt.Errorf("%s:%d: expected interventions: and targets: lists", name, root.Line)
	}
	var out File
	var errs []error
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "interventions":
			errs = append(errs, eachItem(name, key.Value, value, func(item *yaml.Node) error {
				iv, err := yamlIntervention(name, item)
				if err == nil {
					out.Interventions = append(out.Interventions, iv)
				}
				return err
			}))
		case "targets":
			errs = append(errs, eachItem(name, key.Value, value, func(item *yaml.Node) error {
				t, err := yamlTarget(name, item)
				if err == nil {
					out.Targets = append(out.Targets, t)
				}
				return err
			}))
		default:
			errs = append(errs, fmt.Errorf("%s:%d: %s: expected interventions or targets", name, key.Line, key.Value))
		}
	}
	errs = append(errs, duplicates(name, out.Interventions))
	if err := joined(errs); err != nil {
		return File{}, err
	}
	return out, nil
}

// eachItem calls f on each item of a YAML list.
func eachItem(name, field string, list *yaml.Node, f func(*yaml.Node) error) error {
	if list.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s:%d: %s: expected a list, each item starting \"- \"", name, list.Line, field)
	}
	var errs []error
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s: expected fields such as name:, not a single value", name, item.Line, item.Column, field))
			continue
		}
		errs = append(errs, f(item))
	}
	return joined(errs)
}

// yamlIntervention reads one intervention of a YAML register: series may
// be a list or a;b text, and scenario a mapping of scenario fields.
func yamlIntervention(name string, item *yaml.Node) (Intervention, error) {
	fields := map[string]fieldAt{}
	var series []string
	var errs []error
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		where := fmt.Sprintf("%s:%d:%d", name, v.Line, v.Column)
		switch {
		case !contains(yamlFields, k.Value):
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s: not a field of an intervention; expected %s", name, k.Line, k.Column, k.Value, strings.Join(yamlFields, ", ")))
		case k.Value == "series" && v.Kind == yaml.SequenceNode:
			for _, s := range v.Content {
				series = append(series, strings.TrimSpace(s.Value))
			}
			fields["series"] = fieldAt{text: strings.Join(series, ";"), where: where}
		case k.Value == "scenario" && v.Kind == yaml.MappingNode:
			text, err := yaml.Marshal(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: scenario: %v", where, err))
			}
			fields["scenario"] = fieldAt{text: string(text), where: where}
		case v.Kind != yaml.ScalarNode:
			errs = append(errs, fmt.Errorf("%s: %s: expected a single value", where, k.Value))
		default:
			fields[k.Value] = fieldAt{text: strings.TrimSpace(v.Value), where: where}
		}
	}
	if len(errs) > 0 {
		return Intervention{}, joined(errs)
	}
	return fromFields(fields, fmt.Sprintf("%s:%d", name, item.Line), func(s string) []string { return splitList(s, ";") })
}

// yamlTarget reads one savings target: programme, quarter and pounds.
func yamlTarget(name string, item *yaml.Node) (Target, error) {
	var t Target
	var errs []error
	seen := map[string]bool{}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		where := fmt.Sprintf("%s:%d:%d", name, v.Line, v.Column)
		seen[k.Value] = true
		switch k.Value {
		case "programme":
			t.Programme = strings.TrimSpace(v.Value)
		case "quarter":
			q, err := ParseQuarter(v.Value)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
			}
			t.Quarter = q
		case "pounds":
			p, err := Pounds(v.Value)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: pounds %w", where, err))
			}
			t.Pounds = p
		default:
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s: not a field of a target; expected programme, quarter and pounds", name, k.Line, k.Column, k.Value))
		}
	}
	for _, want := range []string{"programme", "quarter", "pounds"} {
		if !seen[want] {
			errs = append(errs, fmt.Errorf("%s:%d: target: %s missing; expected programme, quarter and pounds", name, item.Line, want))
		}
	}
	if len(errs) == 0 {
		if err := t.Check(); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: target: %w", name, item.Line, err))
		}
	}
	return t, joined(errs)
}

// FileHelp describes the register files for the command line's help.
func FileHelp() string {
	return `Register files are CSV or YAML (by the name's ending: .yaml or .yml).

CSV: a header row, then one intervention a row; only name, start and series are required.

  name,start,end,series,cohort,effect,annual_cost,programme,rank,scenario
  Reception into care panel,2026-07-01,,starts;starts_age_10_15,Children aged 10-15 at the edge of care,-0.20,120000,Front door,1,{entry_change_percent: -15}
  Step-down to fostering,2026-10-01,,residential,Children in external children's homes,,250000,Placements,2,{step_down_residential_share_per_year: 0.1}

  series     one or more series ids separated by ";" (known: ` + strings.Join(KnownIDs(), ", ") + `)
  effect     the expected change in the series, a fraction (-0.20) or a percentage (-20%)
  annual_cost  whole pounds a year
  programme  the savings programme it belongs to (default: its own name)
  rank       its place in the ledger's order of precedence: 1 claims first (default: unranked, after the ranked)
  scenario   the change it makes to the forecast: the fields of a forecast scenario file
             (village forecast --help) but name and from, as YAML; it applies from start

YAML: the same fields, with targets per programme and financial quarter:

  interventions:
    - name: Reception into care panel
      start: 2026-07-01
      series: [starts, starts_age_10_15]
      effect: -0.20
      annual_cost: 120000
      programme: Front door
      rank: 1
      scenario:
        entry_change_percent: -15
  targets:
    - programme: Front door
      quarter: 2026/27 Q2
      pounds: 50000

An intervention whose name is in the register already replaces it. A file with any error imports nothing.`
}
