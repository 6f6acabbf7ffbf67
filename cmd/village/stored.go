package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/internal/store"
)

// errEmptyStore is the error of a command that needs returns in the store
// and finds none.
var errEmptyStore = errors.New("the store holds no returns yet; run \"village load\" first")

// placementPostcodesFlag binds --postcodes for the commands that place
// placements on the map for the indicators.
func placementPostcodesFlag(fs *flag.FlagSet, postcodesFile *string) {
	fs.StringVar(postcodesFile, "postcodes", "", "ONS Postcode Directory CSV, for placements out of area and 20+ miles from home")
}

// openJourneys opens the store at db and builds every child's journey
// from it (see journeysNear). The caller closes the store; on an error it
// is closed already.
func openJourneys(ctx context.Context, db, postcodesFile string) (*store.Store, *journey.Set, error) {
	s, err := openStore(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	set, err := journeysNear(ctx, s, postcodesFile)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, set, nil
}

// openStore opens a store that exists already: opening a SQLite file
// creates it when absent, so a mistyped --db would otherwise read an empty
// new store and leave it behind. Only load creates a store.
func openStore(ctx context.Context, db string) (*store.Store, error) {
	if !isServer(db) {
		info, err := os.Stat(db)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: give --db the store \"village load\" made, or load returns into a new one with \"village load --db %s FOLDER\"", db, db)
		}
		if err != nil {
			return nil, fmt.Errorf("the store %s: %w", db, err)
		}
		if !info.Mode().IsRegular() {
			return nil, fmt.Errorf("the store %s is not a SQLite file", db)
		}
	}
	return store.Open(ctx, db)
}

// isServer says whether db names a PostgreSQL server, whose database is
// made by its administrator, rather than a SQLite file.
func isServer(db string) bool {
	u := strings.ToLower(db)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// journeysNear builds every child's journey from the store, placing each
// placement with the postcode directory in postcodesFile (for the
// out-of-area and distance indicators) when one is named.
func journeysNear(ctx context.Context, s *store.Store, postcodesFile string) (*journey.Set, error) {
	opts, err := journeyOptions(postcodesFile)
	if err != nil {
		return nil, err
	}
	return journeysWith(ctx, s, opts)
}

// journeyOptions reads the postcode directory in postcodesFile, when one
// is named, for placing placements.
func journeyOptions(postcodesFile string) (journey.Options, error) {
	var opts journey.Options
	if postcodesFile != "" {
		dir, err := readFile(postcodesFile, postcode.Read)
		if err != nil {
			return opts, err
		}
		opts.Postcodes = dir
	}
	return opts, nil
}

// journeysWith builds every child's journey from the store with opts.
func journeysWith(ctx context.Context, s *store.Store, opts journey.Options) (*journey.Set, error) {
	set, err := app.Journeys(ctx, s, opts)
	if errors.Is(err, app.ErrEmptyStore) {
		return nil, errEmptyStore
	}
	return set, err
}

// latestYear is the latest collection year in the store.
func latestYear(ctx context.Context, s *store.Store) (calendar.Year, error) {
	years, err := s.Years(ctx)
	if err != nil {
		return 0, err
	}
	if len(years) == 0 {
		return 0, errEmptyStore
	}
	return years[len(years)-1], nil
}
