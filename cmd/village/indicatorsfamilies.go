package main

import (
	"context"
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// familiesSection names the rows of recurrent care, from the family-link
// file.
const familiesSection = "family links"

// familiesNotLinked is a row's note when the returns' children were never
// pseudonymised, so that the family links join no one.
const familiesNotLinked = "the 903's children are not linked: load the returns with --key (the council's key) to join them to the family links"

// computeFamilyIndicators computes recurrent care over the period, when a
// family-link file is stored; none when none is. Each row is a count, a
// share or a median: none names a mother.
func computeFamilyIndicators(ctx context.Context, s *store.Store, set *journey.Set, p calendar.Period, publishable bool) ([]indicatorRow, error) {
	data, err := app.FamiliesData(ctx, s)
	if err != nil || data == nil {
		return nil, err
	}
	res, linked, err := data.Recurrent(set, p)
	if err != nil {
		return nil, err
	}
	var rows []indicatorRow
	for _, f := range res.Figures(disclose.PolicyOf(publishable)) {
		row := indicatorRow{ID: f.ID, Title: f.Title, Unit: f.Unit, Shown: f.Value.Text(), Value: f.Value.JSON(),
			Reason: f.Value.Reason(), Period: p.Label, Definition: f.Definition, Return: familiesSection}
		switch {
		case f.ID == "starts_under1_previous_sibling_share" && !publishable:
			row.Numerator, row.Denominator = res.WithSibling, res.StartsUnder1
		case f.ID == "recurrent_care_interval_median" && res.LeftOut > 0:
			row.Note = fmt.Sprintf("%d left out: their earlier sibling's care began before the first return loaded", res.LeftOut)
		}
		if !linked {
			row.Shown, row.Value, row.Note = "x", nil, familiesNotLinked
		}
		rows = append(rows, row)
	}
	return rows, nil
}
