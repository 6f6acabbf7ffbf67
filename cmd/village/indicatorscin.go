package main

import (
	"context"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// cinSection names the rows of the children in need indicators.
const cinSection = "CIN census"

// computeCINIndicators computes the children in need indicators for the
// collection year period p ends in, when the store holds CIN censuses;
// none when it holds none, so that a store of 903 returns alone prints
// what it always has.
func computeCINIndicators(ctx context.Context, s *store.Store, care *journey.Set, p calendar.Period,
	pop indicators.Population, publishable bool) ([]indicatorRow, error) {
	years, err := s.CIN().Years(ctx)
	if err != nil || len(years) == 0 {
		return nil, err
	}
	censuses, err := s.CIN().Returns(ctx)
	if err != nil {
		return nil, err
	}
	policy := disclose.PolicyOf(publishable)
	year := calendar.YearOf(p.End)
	in := cinind.Input{Year: year, Front: frontdoor.Build(censuses), Care: care, Population: pop}
	var rows []indicatorRow
	for _, f := range cinind.ComputeAll(in) {
		ind := f.Indicator
		cell := f.Cell(policy)
		row := indicatorRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit, Shown: cell.Text(), Value: cell.JSON(),
			Reason: cell.Reason(), Period: year.Period().Label, Note: f.Note, Definition: ind.Definition, Return: cinSection}
		if !publishable && f.Value.Known {
			row.Numerator, row.Denominator = f.Value.Numerator, f.Value.Denominator
		}
		rows = append(rows, row)
		if publishable {
			continue // the groups of a small total are not yet protected from each other
		}
		for _, g := range f.Groups {
			rows = append(rows, indicatorRow{ID: ind.ID + "/" + g.Name, Title: ind.Title + ": " + g.Name, Unit: ind.Unit,
				Shown: policy.Count(g.Value.Numerator).Text(), Value: policy.Count(g.Value.Numerator).JSON(),
				Numerator: g.Value.Numerator, Denominator: g.Value.Denominator, Period: row.Period,
				Definition: ind.Definition, Return: cinSection})
		}
	}
	return rows, nil
}
