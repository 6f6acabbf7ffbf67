package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// severalRun is village indicators for several authorities: the group's
// stored figures (--group), or each authority's computed live (--la A,B).
type severalRun struct {
	s                                                    *store.Store
	group, periodText, format, populationFile, postcodes string
	publishable                                          bool
}

// severalIndicators is the run of village indicators for several
// authorities, or nil when it is for one.
func severalIndicators(s *store.Store, group, periodText, format, populationFile, postcodes string, publishable bool) *severalRun {
	if group == "" && len(s.Scope()) < 2 {
		return nil
	}
	return &severalRun{s: s, group: group, periodText: periodText, format: format, populationFile: populationFile,
		postcodes: postcodes, publishable: publishable}
}

func (r *severalRun) run(ctx context.Context, w io.Writer) error {
	if r.group != "" {
		return r.groupFigures(ctx, w)
	}
	return r.sideBySide(ctx, w)
}

// groupFigures writes the group's stored figures for the period asked,
// or the latest stored.
func (r *severalRun) groupFigures(ctx context.Context, w io.Writer) error {
	view, err := app.ShowRegion(ctx, r.s, r.group, r.periodText == "")
	if err != nil {
		return err
	}
	if r.periodText != "" {
		p, err := calendar.ParsePeriod(r.periodText)
		if err != nil {
			return err
		}
		view.Periods = slices.DeleteFunc(view.Periods, func(q app.RegionPeriod) bool { return q.Period != p.Label })
		if len(view.Periods) == 0 {
			return fmt.Errorf("regional group %s has no figures for %s: a refresh stores collection years (village region show --group %s)", r.group, p.Label, r.group)
		}
	}
	return writeRegionView(w, r.format, view)
}

// sideBySide computes each authority's 903 indicators through For, for
// the period asked or the latest collection year they all have, and
// writes them side by side.
func (r *severalRun) sideBySide(ctx context.Context, w io.Writer) error {
	codes := r.s.Scope()
	var pops map[string]indicators.Population
	if r.populationFile != "" {
		data, err := os.ReadFile(r.populationFile)
		if err != nil {
			return fmt.Errorf("reading the population: %w", err)
		}
		if pops, err = splitPopulation(r.populationFile, data, codes); err != nil {
			return err
		}
	}
	sets := map[string]*journey.Set{}
	var latest calendar.Year
	for _, code := range codes {
		m, err := r.s.For(code)
		if err != nil {
			return err
		}
		if sets[code], err = journeysNear(ctx, m, r.postcodes); err != nil {
			return fmt.Errorf("%s: %w", code, err)
		}
		if y := sets[code].Last; latest == 0 || y < latest {
			latest = y
		}
	}
	period := latest.Period()
	if r.periodText != "" {
		p, err := calendar.ParsePeriod(r.periodText)
		if err != nil {
			return err
		}
		period = p
	}
	mode := figuresMode(false)
	if r.publishable {
		mode = app.PublishedMode
	}
	view := app.RegionView{Mode: mode, Members: []app.RegionColumn{}, Periods: []app.RegionPeriod{{Period: period.Label}}}
	rows := &view.Periods[0].Rows
	for i, code := range codes {
		view.Members = append(view.Members, app.RegionColumn{Code: code, Name: code})
		cover := sets[code].Cover(period)
		if err := cover.Err(); err != nil {
			return fmt.Errorf("%s: %w", code, err)
		}
		for j, ind := range computeIndicators(sets[code], cover, pops[code], r.publishable) {
			if i == 0 {
				*rows = append(*rows, app.RegionRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit})
			}
			(*rows)[j].Members = append((*rows)[j].Members, ind.Shown)
		}
	}
	return writeRegionView(w, r.format, view)
}
