package store

import (
	"context"
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/ssda903"
)

// kind is one return the store keeps (the SSDA903, the CIN census): its
// tables and the SQL tables that record its loads and stored years. Every
// kind is loaded and read by the same code; only these differ.
type kind struct {
	name       string // for errors: "SSDA903", "CIN census"
	collection *returns.Collection
	tables     []*table
	loads      string // the history of its loads: "loads", "cin_loads"
	years      string // its stored years: "returns", "cin_returns"
	// people is the table whose child column counts the children of a
	// load (LoadSummary.Children), and events the table whose rows
	// LoadSummary.Episodes counts.
	people, events returns.TableName
	// failures and skipped are the SQL tables that keep the validation
	// failures stored with a load and the rules its validation skipped;
	// validated, when not "", lists the years whose failures are stored.
	failures, skipped, validated string
}

// tableOf returns the kind's stored table for the named one, or nil.
func (k *kind) tableOf(name returns.TableName) *table { return findTable(k.tables, name) }

// ssda903Kind is the SSDA903, stored in the tables package store
// describes.
var ssda903Kind = &kind{
	name:       "SSDA903",
	collection: ssda903.Collection,
	tables:     tables,
	loads:      "loads",
	years:      "returns",
	people:     ssda903.Header,
	events:     ssda903.Episodes,
	failures:   "failures",
	skipped:    "skipped_rules",
}

// cinKind is the CIN census, stored in tables of its own (see cin.go).
var cinKind = &kind{
	name:       "CIN census",
	collection: cin.Collection,
	tables:     cinTables,
	loads:      "cin_loads",
	years:      "cin_returns",
	people:     cin.ChildIdentifiers,
	events:     cin.CINdetails,
	failures:   "cin_failures",
	skipped:    "cin_skipped_rules",
	validated:  "cin_validated",
}

// Kept is the store's view of one return other than the SSDA903, whose
// methods are the Store's own for the 903: Load, Return, ReturnTables,
// Returns, Years, LatestLoad, Loads, Failures and Skipped, each working as the Store's does
// but on this return's tables, years and history of loads alone.
type Kept struct {
	s *Store
	k *kind
}

// CIN is the store's CIN census: its years are loaded and read like the
// 903's, in tables of their own, with a history of loads of their own.
func (s *Store) CIN() *Kept { return &Kept{s: s, k: cinKind} }

// Load stores CIN census returns as Store.Load stores 903 returns: all
// or nothing, each year replacing what was stored for it. LoadSummary's
// Children counts the children of the ChildIdentifiers tables, Episodes
// the referrals (CINdetails rows). The source's Failures and Skipped for
// a year replace the census's stored for it, in the same transaction.
func (c *Kept) Load(ctx context.Context, rs []*returns.Return, source LoadSource) (*LoadSummary, error) {
	return c.s.load(ctx, c.k, rs, source)
}

// Return reads back year's return as Store.Return does.
func (c *Kept) Return(ctx context.Context, year calendar.Year) (*returns.Return, error) {
	return c.s.returnTables(ctx, c.k, year)
}

// ReturnTables is Return reading only the named tables (every table when
// none is named).
func (c *Kept) ReturnTables(ctx context.Context, year calendar.Year, only ...returns.TableName) (*returns.Return, error) {
	return c.s.returnTables(ctx, c.k, year, only...)
}

// Returns reads every stored year, oldest first, as ReturnTables does with
// only.
func (c *Kept) Returns(ctx context.Context, only ...returns.TableName) ([]*returns.Return, error) {
	return c.s.returns(ctx, c.k, only...)
}

// Years lists the years whose returns are stored, oldest first.
func (c *Kept) Years(ctx context.Context) ([]calendar.Year, error) { return c.s.years(ctx, c.k) }

// LatestLoad returns the id of the latest load of this return, or 0 when
// none has been loaded. The ids are this return's own: they are not
// comparable with the 903's.
func (c *Kept) LatestLoad(ctx context.Context) (int64, error) { return c.s.latestLoad(ctx, c.k) }

// Loads lists the history of this return's loads, oldest first.
func (c *Kept) Loads(ctx context.Context) ([]Load, error) { return c.s.loads(ctx, c.k) }

// Failures returns the validation failures stored for year y, in the
// order validation reported them, as Store.Failures does for the 903.
func (c *Kept) Failures(ctx context.Context, y calendar.Year) ([]Failure, error) {
	return c.s.failures(ctx, c.k, y)
}

// Skipped returns the rules the validation of year y's last load skipped,
// and why, as Store.Skipped does for the 903.
func (c *Kept) Skipped(ctx context.Context, y calendar.Year) ([]Skipped, error) {
	return c.s.skipped(ctx, c.k, y)
}

// Validated reports whether year y's stored census was validated when it
// was loaded, so that its failures (perhaps none) are stored.
func (c *Kept) Validated(ctx context.Context, y calendar.Year) (bool, error) {
	var n int
	la, err := c.s.authority(ctx, c.s.read)
	if err != nil {
		return false, fmt.Errorf("store: reading whether %s was validated in %s: %w", y, c.s.where, err)
	}
	err = c.s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+c.k.validated+" WHERE la = $1 AND year = $2", la, int(y)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: reading whether %s was validated from %s: %w", y, c.s.where, err)
	}
	return n > 0, nil
}
