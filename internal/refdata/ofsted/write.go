package ofsted

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/present/sheet"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// combinedHeadings are the columns of Ofsted's combined children's homes
// and social care providers list, which Add reads.
var combinedHeadings = []any{"URN", "Local authority", "Placement code", "Placement provider code",
	"Deregistration date", "Setting address postcode"}

// Write writes providers as a workbook in the layout of Ofsted's combined
// providers list, one sheet named Providers. It is how Village's synthetic
// authority ships a provider list, since the real one cannot be bundled.
func Write(w io.Writer, providers []rules.Provider) error {
	const name = "Providers"
	f, err := sheet.New(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", combinedHeadings); err != nil {
		return err
	}
	for i, p := range providers {
		closed := ""
		if p.Closed {
			closed = p.RegEnd.String()
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{p.URN, p.LAName, strings.Join(p.PlaceCodes, "/"), strings.Join(p.ProviderCodes, "/"), closed, p.Postcode}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
