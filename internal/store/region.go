package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoRegionGroup is the error of a regional group that is not kept, or
// of removing a member a group does not have.
var ErrNoRegionGroup = errors.New("no such regional group")

// RegionMember is one authority of a regional group.
type RegionMember struct {
	Code string // its GSS code
	Name string // its name as the group's pages show it; "" for the code alone
}

// Label is the member's name, or its code when it has none.
func (m RegionMember) Label() string {
	if m.Name != "" {
		return m.Name
	}
	return m.Code
}

// RegionGroup is a group of authorities an administrator names: a region,
// a regional care co-operative, an adoption agency's members.
type RegionGroup struct {
	Name    string
	Members []RegionMember // in code order
}

// Codes lists the members' codes.
func (g RegionGroup) Codes() []string {
	var out []string
	for _, m := range g.Members {
		out = append(out, m.Code)
	}
	return out
}

// RegionFigure is one figure a refresh stored: a member's, or (Member
// "") the group's.
type RegionFigure struct {
	Member    string // a member's code, or "" for the group
	Period    string // a collection year, 2024/25
	Indicator string // an indicator's id, or a figure of the group's own
	Known     bool
	// Numerator, Denominator and Value are the exact figure; zero when not
	// Known, and stored as zero when suppressed (app.RefreshRegion keeps
	// nothing here a member may not publish). Only Shown may be published.
	Numerator, Denominator int
	Value                  float64
	Shown                  string // as published: the figure, c or x
	Reason                 string // why it is suppressed; "" when shown
	Note                   string
}

// RegionFigures are the figures of one refresh of a group.
type RegionFigures struct {
	Refreshed time.Time // zero when the group was never refreshed
	Figures   []RegionFigure
}

// checkRegionName refuses a group name that is blank or that would not
// read back as it was written on the command line.
func checkRegionName(name string) error {
	if strings.TrimSpace(name) == "" || strings.TrimSpace(name) != name {
		return fmt.Errorf("regional group %q: give a name without spaces at its ends", name)
	}
	return nil
}

// AddRegionMembers adds the members to the group, creating it when it is
// new, and renames a member already in it when given a name; a new member
// clears the group's stored figures until the next refresh. The change is
// written to the audit log by the person by names.
func (s *Store) AddRegionMembers(ctx context.Context, group string, members []RegionMember, by By) error {
	if err := checkRegionName(group); err != nil {
		return err
	}
	if len(members) == 0 {
		return fmt.Errorf("regional group %s: no member to add", group)
	}
	for _, m := range members {
		if !gssCode.MatchString(m.Code) {
			return fmt.Errorf("regional group %s: the member %q is not a GSS code such as E06000999", group, m.Code)
		}
	}
	what := "add to regional group " + group + ": " + strings.Join(RegionGroup{Members: members}.Codes(), ", ")
	return s.inAuditedTx(ctx, by, what, func(tx *sql.Tx, now time.Time) ([]string, error) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO region_groups (name, added) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
			group, fixedText(now)); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		joined := false
		for _, m := range members {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM region_members WHERE group_name = $1 AND code = $2", group, m.Code).Scan(&n); err != nil {
				return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
			}
			joined = joined || n == 0
			q := "INSERT INTO region_members (group_name, code, display) VALUES ($1, $2, $3) " +
				"ON CONFLICT (group_name, code) DO UPDATE SET display = CASE WHEN excluded.display = '' THEN region_members.display ELSE excluded.display END"
			if _, err := tx.ExecContext(ctx, q, group, m.Code, m.Name); err != nil {
				return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
			}
		}
		// The group's figures were made without the new member: they are
		// no longer the group's.
		if joined {
			if _, err := tx.ExecContext(ctx, "DELETE FROM region_figures WHERE group_name = $1", group); err != nil {
				return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
			}
		}
		return []string{what}, nil
	})
}

// RemoveRegionMember takes the authority code out of the group, with its
// stored figures; a group left with no member is removed. The change is
// written to the audit log.
func (s *Store) RemoveRegionMember(ctx context.Context, group, code string, by By) error {
	what := "remove from regional group " + group + ": " + code
	return s.inAuditedTx(ctx, by, what, func(tx *sql.Tx, _ time.Time) ([]string, error) {
		res, err := tx.ExecContext(ctx, "DELETE FROM region_members WHERE group_name = $1 AND code = $2", group, code)
		if err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil, fmt.Errorf("regional group %s has no member %s: %w", group, code, ErrNoRegionGroup)
		}
		// The group's figures were made with the member: they are no
		// longer the group's.
		if _, err := tx.ExecContext(ctx, "DELETE FROM region_figures WHERE group_name = $1", group); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM region_groups WHERE name = $1 AND NOT EXISTS "+
			"(SELECT 1 FROM region_members WHERE group_name = $1)", group); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		return []string{what}, nil
	})
}

// RegionGroups lists every regional group with its members, by name.
func (s *Store) RegionGroups(ctx context.Context) ([]RegionGroup, error) {
	return s.regionGroups(ctx, "", "")
}

// RegionGroup returns the group named, or an error wrapping
// ErrNoRegionGroup.
func (s *Store) RegionGroup(ctx context.Context, name string) (RegionGroup, error) {
	groups, err := s.regionGroups(ctx, "WHERE m.group_name = $1", name)
	if err != nil {
		return RegionGroup{}, err
	}
	if len(groups) == 0 {
		return RegionGroup{}, fmt.Errorf("regional group %s: %w (village region group add)", name, ErrNoRegionGroup)
	}
	return groups[0], nil
}

// RegionGroupsOfAuthority lists the groups the store's one authority (its
// scope's, or the one it holds) belongs to, with all their members.
func (s *Store) RegionGroupsOfAuthority(ctx context.Context) ([]RegionGroup, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading the regional groups of %s: %w", s.where, err)
	}
	if la == "" {
		return nil, nil
	}
	return s.regionGroups(ctx, "WHERE m.group_name IN (SELECT group_name FROM region_members WHERE code = $1)", la)
}

// regionGroups reads the groups whose members the condition where (on
// region_members m, with the one argument arg) chooses.
func (s *Store) regionGroups(ctx context.Context, where, arg string) ([]RegionGroup, error) {
	q := "SELECT m.group_name, m.code, m.display FROM region_members m " + where + " ORDER BY m.group_name, m.code"
	var args []any
	if where != "" {
		args = append(args, arg)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading the regional groups of %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []RegionGroup
	for rows.Next() {
		var group string
		var m RegionMember
		if err := rows.Scan(&group, &m.Code, &m.Name); err != nil {
			return nil, fmt.Errorf("store: reading the regional groups of %s: %w", s.where, err)
		}
		if len(out) == 0 || out[len(out)-1].Name != group {
			out = append(out, RegionGroup{Name: group})
		}
		last := &out[len(out)-1]
		last.Members = append(last.Members, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the regional groups of %s: %w", s.where, err)
	}
	return out, nil
}

// ReplaceRegionFigures replaces the group's stored figures with figures,
// computed at refreshed, and writes the refresh to the audit log.
func (s *Store) ReplaceRegionFigures(ctx context.Context, group string, figures []RegionFigure, refreshed time.Time, by By) error {
	if _, err := s.RegionGroup(ctx, group); err != nil {
		return err
	}
	what := "refresh regional group " + group
	return s.inAuditedTx(ctx, by, what, func(tx *sql.Tx, _ time.Time) ([]string, error) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM region_figures WHERE group_name = $1", group); err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		stmt, err := tx.PrepareContext(ctx, "INSERT INTO region_figures (group_name, member, period, indicator, known, numerator, denominator, value, "+
			"shown, reason, note, refreshed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
		if err != nil {
			return nil, fmt.Errorf("%s in %s: %w", what, s.where, err)
		}
		defer stmt.Close()
		at := fixedText(refreshed)
		for _, f := range figures {
			if _, err := stmt.ExecContext(ctx, group, f.Member, f.Period, f.Indicator, f.Known, f.Numerator, f.Denominator, f.Value,
				f.Shown, f.Reason, f.Note, at); err != nil {
				return nil, fmt.Errorf("%s: storing %s's %s for %s in %s: %w", what, memberOrGroup(f.Member), f.Indicator, f.Period, s.where, err)
			}
		}
		return []string{fmt.Sprintf("%s: %d figures", what, len(figures))}, nil
	})
}

// memberOrGroup names a figure's member in errors.
func memberOrGroup(member string) string {
	if member == "" {
		return "the group"
	}
	return member
}

// RegionFiguresOf returns the group's stored figures, by member (the
// group's, "", first), period and indicator: every period's, or with
// latest the latest period's alone (collection years' labels, 2025/26,
// sort as the years do).
func (s *Store) RegionFiguresOf(ctx context.Context, group string, latest bool) (RegionFigures, error) {
	var out RegionFigures
	q := "SELECT member, period, indicator, known, numerator, denominator, value, shown, reason, note, refreshed FROM region_figures WHERE group_name = $1"
	if latest {
		q += " AND period = (SELECT MAX(period) FROM region_figures WHERE group_name = $1)"
	}
	rows, err := s.read.QueryContext(ctx, q+" ORDER BY member, period, indicator", group)
	if err != nil {
		return out, fmt.Errorf("store: reading regional group %s's figures from %s: %w", group, s.where, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f RegionFigure
		var at string
		if err := rows.Scan(&f.Member, &f.Period, &f.Indicator, &f.Known, &f.Numerator, &f.Denominator, &f.Value,
			&f.Shown, &f.Reason, &f.Note, &at); err != nil {
			return out, fmt.Errorf("store: reading regional group %s's figures from %s: %w", group, s.where, err)
		}
		t, err := time.Parse(fixedTime, at)
		if err != nil {
			return out, fmt.Errorf("store: regional group %s's figures in %s: refreshed %q: %w", group, s.where, at, err)
		}
		if t.After(out.Refreshed) {
			out.Refreshed = t
		}
		out.Figures = append(out.Figures, f)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: reading regional group %s's figures from %s: %w", group, s.where, err)
	}
	return out, nil
}
