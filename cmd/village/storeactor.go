package main

import (
	"context"
	"errors"
	"flag"

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

// storeVerb is one action of a command whose verbs work on the store as
// the person --as names (agencies, leads, interventions, region): on is
// what the verb works on, made from the opened store.
type storeVerb[T any] struct {
	usage string
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, e *env, on T, by app.Actor, args []string) error
}

// runStoreVerb parses the verb's flags from args, opens the store as the
// person --as names (when that is a user of the store, with their role)
// and runs the verb on what on makes of it.
func runStoreVerb[T any](ctx context.Context, e *env, command string, verbs map[string]storeVerb[T], args []string, on func(*store.Store) T) error {
	v, err := pickVerb(command, verbs, args)
	if err != nil {
		return err
	}
	af, rest, err := parseVerbFlags(e, command, args[0], v.usage, v.flags, args[1:])
	if err != nil {
		return err
	}
	s, by, err := openStoreAs(ctx, af.db, af.user)
	if err != nil {
		return err
	}
	defer s.Close()
	return v.run(ctx, e, on(s), by, rest)
}
