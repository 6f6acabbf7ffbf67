package app

import (
	"context"
	"errors"

	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// ErrEmptyStore is the error of a use case that needs returns in the
// store and finds none.
var ErrEmptyStore = errors.New("the store holds no returns yet")

// Journeys builds every child's journey from the returns in the store,
// reading only the tables journeys need.
func Journeys(ctx context.Context, s *store.Store, opts journey.Options) (*journey.Set, error) {
	returns, err := s.Returns(ctx, journey.Tables...)
	if err != nil {
		return nil, err
	}
	if len(returns) == 0 {
		return nil, ErrEmptyStore
	}
	return journey.BuildWith(returns, opts)
}
