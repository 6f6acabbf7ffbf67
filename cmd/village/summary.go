package main

import (
	"context"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/store"
)

// summaryAuthority is the authority a director's summary names: the one
// of the latest load that names one, with the name given on the command
// line. The time the returns cover comes from the journeys themselves.
func summaryAuthority(ctx context.Context, s *store.Store, name string) (indicators.Authority, error) {
	a := indicators.Authority{Name: name}
	loads, err := s.Loads(ctx)
	if err != nil {
		return a, err
	}
	for i := len(loads) - 1; i >= 0 && a.Code == ""; i-- {
		a.Code = loads[i].LA
	}
	return a, nil
}
