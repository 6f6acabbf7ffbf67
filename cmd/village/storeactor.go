package main

import (
	"context"
	"errors"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// storeActor is the person --as names (or, without it, the person at the
// machine), with their role and agency when they are a user of the store.
func storeActor(ctx context.Context, s *store.Store, name string) (app.Actor, error) {
	by := app.LocalActor(name)
	if u, err := s.People().User(ctx, by.Name); err == nil {
		by.Role, by.Agency = string(u.Role), u.Agency
	} else if !errors.Is(err, store.ErrNoUser) {
		return by, err
	}
	return by, nil
}

// openStoreAs opens the store at db and names who acts in it, as
// storeActor does; the store is closed again when that fails.
func openStoreAs(ctx context.Context, db, name string) (*store.Store, app.Actor, error) {
	s, err := openStore(ctx, db)
	if err != nil {
		return nil, app.Actor{}, err
	}
	by, err := storeActor(ctx, s, name)
	if err != nil {
		s.Close()
		return nil, app.Actor{}, err
	}
	return s, by, nil
}
