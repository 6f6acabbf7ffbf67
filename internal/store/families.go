package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// FamilyLink is one child of the family-link file and their birth
// mother, both pseudonyms, with the child's line in the file.
type FamilyLink struct {
	Child, Mother string
	Line          int
}

// FamilyLoad says what loading a family-link file did.
type FamilyLoad struct {
	// LoadID is the load's id; 0 when nothing changed.
	LoadID int64
	// Added, Removed and Remapped count the children whose link is new,
	// gone or given another mother (Remapped); Unchanged those kept as they were.
	Added, Removed, Remapped, Unchanged int
}

// Changed reports whether the load changed the links stored.
func (l FamilyLoad) Changed() bool { return l.Added+l.Removed+l.Remapped > 0 }

// linksPerFamilyInsert is how many family links one INSERT writes.
const linksPerFamilyInsert = 500

// LoadFamilyLinks replaces the stored family links with links, read from
// the file named file, all or nothing. The file is the council's whole
// record, so a child it no longer has loses their link; loading the same
// links again changes nothing and records no load. A child on two lines
// (with the same mother, as families.ReadLinks allows) is kept once.
func (s *Store) LoadFamilyLinks(ctx context.Context, links []FamilyLink, file, by string) (FamilyLoad, error) {
	fail := func(what string, err error) (FamilyLoad, error) {
		return FamilyLoad{}, fmt.Errorf("store: loading the family links of %s into %s: %s: %w", file, s.where, what, withCause(ctx, err))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail("beginning", err)
	}
	defer tx.Rollback()
	if err := s.dialect.lock(ctx, tx); err != nil {
		return fail("locking", err)
	}
	la, err := s.authority(ctx, tx)
	if err != nil {
		return fail("choosing the authority", err)
	}
	old, err := familyLinks(ctx, tx, la)
	if err != nil {
		return fail("reading the links stored", err)
	}
	stored := make(map[string]string, len(old))
	for _, l := range old {
		stored[l.Child] = l.Mother
	}
	var sum FamilyLoad
	kept := make([]FamilyLink, 0, len(links))
	seen := make(map[string]bool, len(links))
	for _, l := range links {
		if seen[l.Child] {
			continue
		}
		seen[l.Child] = true
		kept = append(kept, l)
		switch mother, ok := stored[l.Child]; {
		case !ok:
			sum.Added++
		case mother != l.Mother:
			sum.Remapped++
		default:
			sum.Unchanged++
		}
	}
	for child := range stored {
		if !seen[child] {
			sum.Removed++
		}
	}
	if !sum.Changed() {
		return sum, nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(load_id), 0) FROM family_loads WHERE la = $1", la).Scan(&last); err != nil {
		return fail("numbering the load", err)
	}
	sum.LoadID = last + 1
	if _, err := tx.ExecContext(ctx, "INSERT INTO family_loads (load_id, file, loaded_by, loaded_at, links, la) VALUES ($1, $2, $3, $4, $5, $6)",
		sum.LoadID, file, by, fixedText(time.Now()), len(kept), la); err != nil {
		return fail("recording the load", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM family_links WHERE la = $1", la); err != nil {
		return fail("clearing the old links", err)
	}
	if err := insertFamilyLinks(ctx, tx, la, kept, sum.LoadID); err != nil {
		return fail("writing the links", err)
	}
	if err := tx.Commit(); err != nil {
		return fail("committing", err)
	}
	return sum, nil
}

// insertFamilyLinks writes authority la's links, many to a statement.
func insertFamilyLinks(ctx context.Context, tx querierExec, la string, links []FamilyLink, load int64) error {
	for from := 0; from < len(links); from += linksPerFamilyInsert {
		batch := links[from:min(from+linksPerFamilyInsert, len(links))]
		var q strings.Builder
		q.WriteString("INSERT INTO family_links (child, mother, line, load_id, la) VALUES ")
		args := make([]any, 0, 5*len(batch))
		for i, l := range batch {
			if i > 0 {
				q.WriteString(", ")
			}
			n := 5 * i
			fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
			args = append(args, l.Child, l.Mother, l.Line, load, la)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// FamilyLinks returns the stored family links, by line.
func (s *Store) FamilyLinks(ctx context.Context) ([]FamilyLink, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading the family links from %s: %w", s.where, err)
	}
	links, err := familyLinks(ctx, s.read, la)
	if err != nil {
		return nil, fmt.Errorf("store: reading the family links from %s: %w", s.where, err)
	}
	return links, nil
}

// familyLinks reads authority la's family links through q.
func familyLinks(ctx context.Context, q querier, la string) ([]FamilyLink, error) {
	rows, err := q.QueryContext(ctx, "SELECT child, mother, line FROM family_links WHERE la = $1 ORDER BY line, child", la)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FamilyLink
	for rows.Next() {
		var l FamilyLink
		if err := rows.Scan(&l.Child, &l.Mother, &l.Line); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// ChildPseudonyms returns, by the 903's CHILD, the child's pseudonym as
// the current links have it (kind la_child_id: see MakeLinks), so that
// the 903's children are joined to files that hold only pseudonyms
// without the key. A child of several years has the same pseudonym in
// each; a year loaded again without the key has none until it is linked.
func (s *Store) ChildPseudonyms(ctx context.Context) (map[string]string, error) {
	return s.pseudonymsOf(ctx, "la_child_id")
}

// UPNPseudonyms returns, by the 903's CHILD, the pseudonym of the UPN the
// child's Header gives (kind upn: see MakeLinks), for the children with a
// valid one. A UPN stays with a child from one authority to the next, so
// the authorities of a region, linked under the region's key, find in it
// the children whose care one took over from another.
func (s *Store) UPNPseudonyms(ctx context.Context) (map[string]string, error) {
	return s.pseudonymsOf(ctx, "upn")
}

// pseudonymsOf returns, by the 903's CHILD, the pseudonym of the
// identifier of kind the current links give the child.
func (s *Store) pseudonymsOf(ctx context.Context, kind string) (map[string]string, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading the children's pseudonyms from %s: %w", s.where, err)
	}
	q := "SELECT h.child, l.pseudonym FROM eh_links l JOIN returns r ON r.la = l.la AND r.year = l.year AND r.load_id = l.source_load " +
		"JOIN header h ON h.la = l.la AND h.year = l.year AND h.row_number = l.row_number WHERE l.la = $1 AND l.source = $2 AND l.kind = $3"
	rows, err := s.read.QueryContext(ctx, q, la, LinkSSDA903, kind)
	if err != nil {
		return nil, fmt.Errorf("store: reading the children's pseudonyms from %s: %w", s.where, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var child, p string
		if err := rows.Scan(&child, &p); err != nil {
			return nil, fmt.Errorf("store: reading the children's pseudonyms from %s: %w", s.where, err)
		}
		out[child] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the children's pseudonyms from %s: %w", s.where, err)
	}
	return out, nil
}

// FamilyLoads returns the number of the latest family-link load that
// changed the links; 0 when none has.
func (s *Store) FamilyLoads(ctx context.Context) (int64, error) {
	var n int64
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return 0, fmt.Errorf("store: reading the family-link loads of %s: %w", s.where, err)
	}
	if err := s.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(load_id), 0) FROM family_loads WHERE la = $1", la).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: reading the family-link loads of %s: %w", s.where, err)
	}
	return n, nil
}
