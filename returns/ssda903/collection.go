package ssda903

import "github.com/village-uk/village/returns"

// Collection is the SSDA903 as the shared readers and folder reading take
// it: its tables, its code lists, its XML layout and how the collection
// year is told from the data.
var Collection = &returns.Collection{
	Name:      "SSDA903",
	Schemas:   Schemas,
	Codes:     codeLists,
	ReadXML:   ReadXML,
	InferYear: InferYear,

	YearUnknown: "the episodes hold no valid dates",
}
