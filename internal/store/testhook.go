package store

import (
	"context"
	"database/sql"
)

// QueryForTesting runs query on the store's own reading connections, as
// they are: on PostgreSQL, opened for the store's scope and under
// row-level security. It is for tests alone, which try through it what a
// query of Village's that forgot the authority would see (README, "A
// region in one store"); Village's code never calls it, and
// TestQueryForTestingOnlyInTests holds it to that.
func (s *Store) QueryForTesting(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, query, args...)
}
