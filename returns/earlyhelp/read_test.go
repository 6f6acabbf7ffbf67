package earlyhelp

import (
	"strings"
	"testing"
)

const (
	p1 = "QWBN5SGFQ5YOHYB5U5YN6DQYDKEM3MN5"
	p2 = "IJUKYB5YDRXJBG2M5VCROWL2K6O3O2QV"
)

const episodes = "EpisodeID,Child,StartDate,EndDate,Reason,LeadAgency,Outcome\n" +
	"E1," + p1 + ",01/05/2025,30/09/2025,education,School,needs_met\n" +
	"E2," + p2 + ",01/06/2025,,step_down,Early help service,\n"

const sessions = "Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\n" +
	p1 + ",summer,2025,28/07/2025,Park club,Y,N,5\n" +
	p2 + ",summer,2025,29/07/2025,Park club,N,Y,R\n"

func TestReadGood(t *testing.T) {
	for _, tt := range []struct {
		text string
		name string
		rows int
	}{{episodes, "EarlyHelp", 2}, {sessions, "HAF", 2}} {
		tab, problems, err := ReadCSV("f.csv", []byte(tt.text))
		if err != nil || len(problems) > 0 {
			t.Fatalf("%s: %v %v", tt.name, err, problems)
		}
		if string(tab.Name()) != tt.name || tab.Len() != tt.rows {
			t.Errorf("read %s with %d rows; want %s with %d", tab.Name(), tab.Len(), tt.name, tt.rows)
		}
	}
}

func TestReadProblems(t *testing.T) {
	head := "EpisodeID,Child,StartDate,EndDate,Reason,LeadAgency,Outcome\n"
	hafHead := "Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\n"
	tests := []struct {
		name, text string
		want       string // in the problems' text
	}{
		{"not a pseudonym", head + "E1,C123,01/05/2025,,education,School,\n", "f.csv:2:2: Child: not a pseudonym; expected the child's pseudonym"},
		{"no child", head + "E1,,01/05/2025,,education,School,\n", "f.csv:2:2: Child: no child given"},
		{"end before start", head + "E1," + p1 + ",01/05/2025,01/04/2025,education,School,needs_met\n", `f.csv:2:4: EndDate: "01/04/2025" is before`},
		{"no outcome", head + "E1," + p1 + ",01/05/2025,01/06/2025,education,School,\n", "f.csv:2:7: Outcome: the episode has ended but no outcome"},
		{"outcome while open", head + "E1," + p1 + ",01/05/2025,,education,School,needs_met\n", "no outcome while the episode is open"},
		{"bad outcome", head + "E1," + p1 + ",01/05/2025,01/06/2025,education,School,happy\n", `Outcome: "happy" not in the code list; expected one of needs_met, stepped_up`},
		{"bad reason", head + "E1," + p1 + ",01/05/2025,,sad,School,\n", `Reason: "sad" not in the code list`},
		{"bad date", head + "E1," + p1 + ",2025-05-01,,education,School,\n", `StartDate: "2025-05-01"; expected a date written DD/MM/YYYY`},
		{"bad programme", hafHead + p1 + ",halfterm,2025,28/07/2025,Club,Y,N,5\n", `Programme: "halfterm" not in the code list`},
		{"bad year", hafHead + p1 + ",summer,25,28/07/2025,Club,Y,N,5\n", `f.csv:2:3: ProgrammeYear: "25"; expected the calendar year`},
		{"bad flags", hafHead + p1 + ",summer,2025,28/07/2025,,yes,N,12\n", "Provider: no provider given"},
	}
	for _, tt := range tests {
		_, problems, err := ReadCSV("f.csv", []byte(tt.text))
		if err != nil {
			t.Errorf("%s: fatal %v", tt.name, err)
			continue
		}
		if !strings.Contains(problems.Error(), tt.want) {
			t.Errorf("%s: problems\n%v\nwant one holding %q", tt.name, problems, tt.want)
		}
		if strings.Contains(problems.Error(), "C123") {
			t.Errorf("%s: a problem quotes the child", tt.name)
		}
	}
}

// A raw UPN or NHS number in the child column refuses the whole file,
// telling the user to pseudonymise it and never quoting the identifier.
func TestRawIdentifiersRefused(t *testing.T) {
	for _, raw := range []string{"H801200001001", "h801 2000 01001", "943 476 5919", "9434765919"} {
		text := "Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\n" +
			p1 + ",summer,2025,28/07/2025,Club,Y,N,5\n" +
			raw + ",summer,2025,28/07/2025,Club,Y,N,5\n"
		tab, _, err := ReadCSV("haf.csv", []byte(text))
		if err == nil || tab != nil {
			t.Fatalf("%s: read without a fatal problem", raw)
		}
		msg := err.Error()
		if !strings.Contains(msg, "haf.csv:3:1: Child:") || !strings.Contains(msg, "village pseudonymise") {
			t.Errorf("%s: %v; want haf.csv:3:1 and the advice to pseudonymise", raw, msg)
		}
		if strings.Contains(msg, raw) || strings.Contains(msg, "801200001001") || strings.Contains(msg, "9434765919") {
			t.Errorf("the message quotes the identifier: %v", msg)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(episodes))
	f.Add([]byte(sessions))
	f.Add([]byte("Child,Programme,ProgrammeYear,SessionDate,Provider,FSM,SEND,YearGroup\nH801200001001,,,,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, problems, err := ReadCSV("f.csv", data)
		if err != nil {
			if tab != nil {
				t.Fatal("a table returned with a fatal error")
			}
			return
		}
		for _, p := range problems {
			if p.Field == ChildColumn && p.Value != "" {
				t.Fatalf("a problem quotes the child: %v", p)
			}
		}
	})
}
