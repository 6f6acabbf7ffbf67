package main

import (
	"context"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	ehind "github.com/village-uk/village/internal/earlyhelp/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/store"
)

// noEarlyHelp is the pack's sentence when the store holds no early help
// or HAF file.
const noEarlyHelp = "No early help or HAF files are loaded, so the pack has no early help figures: " +
	"load the partners' early-help.csv and haf.csv with village load --key."

// packEarlyHelp computes the early help and HAF indicators of the
// collection year the quarter q ends in and of the year before, for the
// pack's section.
func packEarlyHelp(ctx context.Context, s *store.Store, q calendar.Period, fsmPupils int) (*pack.EarlyHelpInput, error) {
	data, err := app.EarlyHelpData(ctx, s)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return &pack.EarlyHelpInput{None: noEarlyHelp}, nil
	}
	y := calendar.YearOf(q.End)
	figures := func(y calendar.Year) []pack.EarlyHelpFigure {
		var out []pack.EarlyHelpFigure
		for _, f := range ehind.ComputeAll(ehind.Input{Year: y, Data: data, FSMPupils: fsmPupils}) {
			ind := f.Indicator
			out = append(out, pack.EarlyHelpFigure{
				Indicator: &indicators.Indicator{ID: ind.ID, Title: ind.Title, Definition: ind.Definition,
					Unit: ind.Unit, Direction: ind.Direction, Cadence: indicators.Yearly},
				Value: f.Value, Note: f.Note, Cell: f.Cell})
		}
		return out
	}
	return &pack.EarlyHelpInput{Now: figures(y), Before: figures(y - 1)}, nil
}
