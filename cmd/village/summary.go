package main

import (
	"context"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/store"
)

// coverage is what a director's summary needs of the store: the time the
// loaded years cover, and the authority of the latest load that names one,
// with the name given on the command line.
func coverage(ctx context.Context, s *store.Store, name string) (calendar.Period, indicators.Authority, error) {
	a := indicators.Authority{Name: name}
	years, err := s.Years(ctx)
	if err != nil || len(years) == 0 {
		return calendar.Period{}, a, err
	}
	loads, err := s.Loads(ctx)
	if err != nil {
		return calendar.Period{}, a, err
	}
	for i := len(loads) - 1; i >= 0 && a.Code == ""; i-- {
		a.Code = loads[i].LA
	}
	return calendar.Period{Start: years[0].Start(), End: years[len(years)-1].End()}, a, nil
}
