package returns

import "github.com/village-uk/village/calendar"

// toy is a small return, not the 903, to show that the shared machinery
// serves any return: People (one row a person) and Visits (many).
var toy = &Collection{
	Name: "Toy",
	Schemas: []*Schema{
		{Name: "People", File: "people.csv", Child: "ID", Columns: Columns(
			"ID", Text, "BORN", DateValue, "KIND", Code, "NOTE", Text|Optional)},
		{Name: "Visits", File: "visits.csv", Child: "ID", From: 2025, Columns: Columns(
			"ID", Text, "DAY", DateValue, "SCORE", Number, "KIND", Code)},
		{Name: "Settings", File: "settings.csv", Columns: Columns("LA", Text, "SINCE", PartialDay)},
	},
	Codes: NewCodeLists("toy codes", []byte("field,code,from,until,meaning\n"+
		"KIND,A,,2024/25,Old kind\nKIND,B,,,Both\nKIND,C,2025/26,,New kind\n")),
	InferYear: func(r *Return) (calendar.Year, bool) { return 2026, r.Table("People").Len() > 0 },
}
