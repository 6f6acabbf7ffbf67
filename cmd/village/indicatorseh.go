package main

import (
	"context"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/disclose"
	ehind "github.com/village-uk/village/internal/earlyhelp/indicators"
	"github.com/village-uk/village/internal/store"
)

// earlyHelpSection names the rows of the early help and HAF indicators.
const earlyHelpSection = "early help and HAF"

// computeEarlyHelpIndicators computes the early help and HAF indicators
// for the collection year period p ends in, when the store holds early
// help or HAF files; none when it holds none.
func computeEarlyHelpIndicators(ctx context.Context, s *store.Store, p calendar.Period, publishable bool, fsmPupils int) ([]indicatorRow, error) {
	data, err := app.EarlyHelpData(ctx, s)
	if err != nil || data == nil {
		return nil, err
	}
	policy := disclose.PolicyOf(publishable)
	year := calendar.YearOf(p.End)
	var rows []indicatorRow
	for _, f := range ehind.ComputeAll(ehind.Input{Year: year, Data: data, FSMPupils: fsmPupils}) {
		ind := f.Indicator
		cell := f.Cell(policy)
		row := indicatorRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit, Shown: cell.Text(), Value: cell.JSON(),
			Reason: cell.Reason(), Period: year.Period().Label, Note: f.Note, Definition: ind.Definition, Return: earlyHelpSection}
		if !publishable && f.Value.Known {
			row.Numerator, row.Denominator = f.Value.Numerator, f.Value.Denominator
		}
		rows = append(rows, row)
		if publishable {
			continue // the groups of a small total are not yet protected from each other
		}
		for _, g := range f.Groups {
			c := policy.Count(g.Value.Numerator)
			rows = append(rows, indicatorRow{ID: ind.ID + "/" + g.Name, Title: ind.Title + ": " + g.Name, Unit: ind.Unit,
				Shown: c.Text(), Value: c.JSON(), Numerator: g.Value.Numerator, Period: row.Period,
				Definition: ind.Definition, Return: earlyHelpSection})
		}
	}
	return rows, nil
}
