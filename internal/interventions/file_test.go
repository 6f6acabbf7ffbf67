package interventions

import (
	"strings"
	"testing"
)

// helpExample returns the example of one layout in FileHelp, unindented.
func helpExample(t *testing.T, first, last string) string {
	t.Helper()
	help := FileHelp()
	start := strings.Index(help, first)
	end := strings.Index(help[start:], last)
	if start < 0 || end < 0 {
		t.Fatalf("FileHelp has no example from %q to %q", first, last)
	}
	var lines []string
	for _, line := range strings.Split(help[start:start+end+len(last)], "\n") {
		lines = append(lines, strings.TrimPrefix(line, "  "))
	}
	return "  " + strings.Join(lines, "\n") + "\n"
}

func TestReadFileExamples(t *testing.T) {
	csvText := strings.TrimPrefix(helpExample(t, "name,start", "0.1}"), "  ")
	f, err := ReadFile("register.csv", strings.NewReader(csvText))
	if err != nil {
		t.Fatalf("the CSV example does not read: %v", err)
	}
	if len(f.Interventions) != 2 || f.Interventions[0].Programme != "Front door" || f.Interventions[1].Rank != 2 ||
		f.Interventions[0].Series[1] != "starts_age_10_15" || f.Interventions[0].AnnualCost != 120000 {
		t.Errorf("the CSV example read as %+v", f.Interventions)
	}
	yamlText := strings.TrimPrefix(helpExample(t, "interventions:", "pounds: 50000"), "  ")
	f, err = ReadFile("register.yaml", strings.NewReader(yamlText))
	if err != nil {
		t.Fatalf("the YAML example does not read: %v", err)
	}
	if len(f.Interventions) != 1 || len(f.Targets) != 1 || f.Targets[0].Pounds != 50000 || f.Targets[0].Quarter != (Quarter{2026, 2}) {
		t.Errorf("the YAML example read as %+v", f)
	}
	sc, err := f.Interventions[0].ForecastScenario()
	if err != nil || sc.EntryChangePercent != -15 {
		t.Errorf("the YAML example's scenario read as %+v, %v", sc, err)
	}
}

func TestReadFileErrors(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             []string
	}{
		{"no series column", "r.csv", "name,start\nA,2026-07-01\n", []string{"r.csv:1: no series column"}},
		{"unknown column", "r.csv", "name,start,series,colour\n", []string{"r.csv:1:4: column \"colour\""}},
		{"bad date", "r.csv", "name,start,series\nA,2026-13-01,starts\n", []string{"r.csv:2:3: start \"2026-13-01\""}},
		{"bad cost", "r.csv", "name,start,series,annual_cost\nA,2026-07-01,starts,lots\n", []string{"r.csv:2:21: annual_cost \"lots\""}},
		{"twice", "r.csv", "name,start,series\nA,2026-07-01,starts\na,2026-07-01,starts\n", []string{"given twice"}},
		{"bad scenario", "r.csv", "name,start,series,scenario\nA,2026-07-01,starts,{entry: 1}\n", []string{"r.csv:2: intervention \"A\"", "not a scenario field"}},
		{"yaml field", "r.yaml", "interventions:\n  - name: A\n    colour: red\n", []string{"r.yaml:3:5: colour"}},
		{"yaml target", "r.yaml", "targets:\n  - programme: A\n    quarter: 2026 Q1\n", []string{"r.yaml:3:14: quarter", "pounds missing"}},
		{"yaml not a list", "r.yaml", "interventions: 3\n", []string{"expected a list"}},
		{"empty yaml", "r.yaml", "", []string{"empty"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ReadFile(c.file, strings.NewReader(c.text))
			if err == nil {
				t.Fatalf("no error; read %+v", f)
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q; expected it to say %q", err, want)
				}
			}
			if len(f.Interventions)+len(f.Targets) > 0 {
				t.Errorf("a file with errors gave %d interventions and %d targets; expected nothing", len(f.Interventions), len(f.Targets))
			}
		})
	}
}

func FuzzReadFile(f *testing.F) {
	f.Add("r.csv", "name,start,series\nA,2026-07-01,starts\n")
	f.Add("r.yaml", "interventions:\n  - name: A\n    start: 2026-07-01\n    series: [starts]\n    scenario: {entry_change_percent: -5}\n")
	f.Fuzz(func(t *testing.T, name, text string) {
		file, err := ReadFile(name, strings.NewReader(text))
		if err != nil {
			return
		}
		for _, iv := range file.Interventions {
			if err := iv.Check(); err != nil {
				t.Errorf("an intervention read without error fails its check: %v", err)
			}
		}
		for _, tg := range file.Targets {
			if err := tg.Check(); err != nil {
				t.Errorf("a target read without error fails its check: %v", err)
			}
		}
	})
}
