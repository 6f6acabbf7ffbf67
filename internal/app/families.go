package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/families"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/folder"
	ssfolder "github.com/village-uk/village/returns/ssda903/folder"
)

// FamilyLinksFile is the family-link file's name, in a year's folder or at
// the top of a folder loaded.
const FamilyLinksFile = folder.FamilyLinksFile

// FamiliesLoad is a family-link file read and checked, ready to store
// after the returns: nil when the folders hold none.
type FamiliesLoad struct {
	req   LoadRequest
	path  string
	links []families.Link
}

// PrepareFamilies finds the family-link file of the request's folders
// and reads it, refusing it whole when any line is wrong or any value is
// not a pseudonym. The file is the council's whole record, so only one is
// loaded: that of the latest year folder holding one, else the one at the
// top of the last folder given that holds one. nil when there is none.
func PrepareFamilies(req LoadRequest) (*FamiliesLoad, error) {
	path, err := familyLinksPath(req.Dirs)
	if err != nil || path == "" {
		return nil, err
	}
	info, err := os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("reading the family-link file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file; expected the family-link file, CSV", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the family-link file: %w", err)
	}
	links, err := families.ReadLinks(path, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if err := families.CheckPseudonymised(path, links); err != nil {
		return nil, err
	}
	return &FamiliesLoad{req: req, path: path, links: links}, nil
}

// familyLinksPath is the family-link file PrepareFamilies loads, or "".
func familyLinksPath(dirs []string) (string, error) {
	var latest calendar.Year
	inYear, top := "", ""
	for _, dir := range dirs {
		if regular(filepath.Join(dir, FamilyLinksFile)) {
			top = filepath.Join(dir, FamilyLinksFile)
		}
		years, err := ssfolder.Years(dir)
		if err != nil {
			return "", err
		}
		for y, p := range years {
			if y >= latest && regular(filepath.Join(p, FamilyLinksFile)) {
				latest, inYear = y, filepath.Join(p, FamilyLinksFile)
			}
		}
	}
	if inYear != "" {
		return inYear, nil
	}
	return top, nil
}

// regular reports whether path is a file (or not a folder): a path that
// exists but is no regular file is refused when read.
func regular(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && !info.IsDir()
}

// StoredFamilies is what storing a family-link file did.
type StoredFamilies struct {
	File string
	store.FamilyLoad
	Links int // children in the file
}

// Store replaces the stored family links with the file's, all or nothing,
// and records the load in the audit log when it changed them.
func (l *FamiliesLoad) Store(ctx context.Context) (*StoredFamilies, error) {
	if l == nil {
		return nil, nil
	}
	s, err := l.req.open(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	links := make([]store.FamilyLink, len(l.links))
	for i, x := range l.links {
		links[i] = store.FamilyLink{Child: x.Child, Mother: x.Mother, Line: x.Line}
	}
	name := filepath.Base(l.path)
	sum, err := s.LoadFamilyLinks(ctx, links, name, l.req.Who.Name)
	if err != nil {
		return nil, err
	}
	out := &StoredFamilies{File: l.path, FamilyLoad: sum, Links: sum.Added + sum.Remapped + sum.Unchanged}
	if !sum.Changed() {
		return out, nil
	}
	from := l.req.From
	if from == "" {
		from = FromCommandLine
	}
	reason := loadReason(fmt.Sprintf("family links load %d", sum.LoadID), []string{name})
	if err := s.Audit(ctx, store.Access{Who: l.req.Who.Name, IdentifiedBy: l.req.Who.IdentifiedBy, From: from, Action: ActionLoad, Reason: reason}); err != nil {
		return nil, fmt.Errorf("family links load %d is stored, but recording it in the audit log failed: %w", sum.LoadID, err)
	}
	return out, nil
}

// Families is the stored family links with the children's pseudonyms,
// what recurrent care is found from; nil when no family-link file is
// stored.
type Families struct {
	Links []families.Link
	// Children are the 903's children's pseudonyms, made when the
	// returns were loaded with the council's key; empty when they never were.
	Children families.Known
}

// FamiliesData reads the stored family links and the children's
// pseudonyms; nil when no family-link file is stored.
func FamiliesData(ctx context.Context, s *store.Store) (*Families, error) {
	stored, err := s.FamilyLinks(ctx)
	if err != nil || len(stored) == 0 {
		return nil, err
	}
	children, err := s.ChildPseudonyms(ctx)
	if err != nil {
		return nil, err
	}
	f := &Families{Links: make([]families.Link, len(stored)), Children: children}
	for i, l := range stored {
		f.Links[i] = families.Link{Child: l.Child, Mother: l.Mother, Line: l.Line}
	}
	return f, nil
}

// Recurrent finds recurrent care in the period p; ok is false when the
// returns' children were never pseudonymised, so that none can be joined.
func (f *Families) Recurrent(set *journey.Set, p calendar.Period) (families.Result, bool, error) {
	if f == nil || len(f.Children) == 0 {
		return families.Result{}, false, nil
	}
	r, err := families.Recurrent(set, f.Links, f.Children, p)
	return r, err == nil, err
}
