package main

import (
	"context"
	"fmt"

	"github.com/village-uk/village/internal/app"
)

// loadFamilies stores the prepared family-link file, after the returns
// and their links, and says what it did.
func loadFamilies(ctx context.Context, e *env, l *app.FamiliesLoad) error {
	sum, err := l.Store(ctx)
	if err != nil || sum == nil {
		return err
	}
	if !sum.Changed() {
		fmt.Fprintf(e.stdout, "Family links (%s): nothing changed; the store already held these %d children's links.\n", sum.File, sum.Links)
		return nil
	}
	fmt.Fprintf(e.stdout, "Family links load %d (%s): %d children's birth mothers; %d added, %d given another mother, %d removed, %d unchanged.\n",
		sum.LoadID, sum.File, sum.Links, sum.Added, sum.Remapped, sum.Removed, sum.Unchanged)
	return nil
}
