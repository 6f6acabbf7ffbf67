package cin

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/returns"
)

// FuzzReadXML checks that no input makes the XML reader panic, that a
// fatal error never comes with tables, that every row has one value per
// column, and that every problem is located in the file.
func FuzzReadXML(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.xml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "<Message/>", "<Message><Children><Child/></Children></Message>",
		"<Message><Children><Child><CINdetails><ChildProtectionPlans><Reviews><CPPreviewDate>x</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails></Child></Children></Message>",
		"<Message><Header><Source><Source/></Source></Header></Message>",
		"<Message><Header><CollectionDetails><Year>2024</Year></CollectionDetails></Header><Children><Child><CINdetails><PreProceedingsandFGDM><PPStartDate>2024-05-01</PPStartDate><PPOutcome><A/></PPOutcome></PreProceedingsandFGDM></CINdetails></Child></Children></Message>",
		"\xff\xfe<\x00M\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tables, problems, err := ReadXML("fuzz.xml", bytes.NewReader(data))
		if err != nil {
			if tables != nil || problems != nil {
				t.Fatal("a fatal error came with tables or problems")
			}
			if returns.AsProblems(err, "fuzz.xml").Worst() != returns.Fatal {
				t.Fatal("the error holds no fatal problem")
			}
			return
		}
		for _, s := range Schemas {
			tab := tables[s.Name]
			if tab == nil {
				t.Fatalf("no %s table", s.Name)
			}
			for _, r := range tab.Rows {
				if len(r.Values) != len(s.Columns) || r.Line < 1 {
					t.Fatalf("%s row at line %d has %d values for %d columns", s.Name, r.Line, len(r.Values), len(s.Columns))
				}
			}
		}
		for _, p := range problems {
			if p.Severity == returns.Fatal || p.File != "fuzz.xml" || p.Line < 1 || p.Path == "" {
				t.Fatalf("problem not located, or fatal without an error: %+v", p)
			}
		}
	})
}
