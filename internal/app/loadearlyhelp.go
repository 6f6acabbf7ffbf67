package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/village-uk/village/internal/earlyhelp"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/pseudonym"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	eh "github.com/village-uk/village/returns/earlyhelp"
	"github.com/village-uk/village/returns/folder"
	ssfolder "github.com/village-uk/village/returns/ssda903/folder"
)

// ActionLink is the audit action of making the links between the
// returns' children and early help and HAF.
const ActionLink = "link"

// InvalidEarlyHelpValues is the error of a load refused because values of
// the early help or HAF files are not as their layout says.
type InvalidEarlyHelpValues struct {
	Count    int
	Problems []returns.Problems
}

func (e *InvalidEarlyHelpValues) Error() string {
	return fmt.Sprintf("%d values of the early help and HAF files are not as their layout says", e.Count)
}

// EarlyHelpLoad is a load of early help and HAF files read and checked,
// ready to store after the returns beside them.
type EarlyHelpLoad struct {
	req   LoadRequest
	years []*packedReturn // packed: they wait while the returns are stored
	files []string
	key   *pseudonym.Key
}

// LoadedEarlyHelp is what an early help load did.
type LoadedEarlyHelp struct {
	// LoadSummary is the store's account; nil when the folders held no
	// early help or HAF file.
	*store.LoadSummary
	// Links says what linking made; nil when no key was given.
	Links *store.LinkCounts
	// Linkage is the match rates by source of the years loaded (of
	// every stored year when none was), once linked.
	Linkage []earlyhelp.Linkage
}

// PrepareEarlyHelp reads the early help and HAF files of every year
// folder of the request (returns/earlyhelp says how), refusing values not
// as their layout says unless forced. key, when not nil, is the council's
// key: Store then links the stored returns' children with them.
func PrepareEarlyHelp(req LoadRequest, key *pseudonym.Key) (*EarlyHelpLoad, error) {
	if err := req.Who.check(); err != nil {
		return nil, err
	}
	l := &EarlyHelpLoad{req: req, key: key}
	for _, dir := range req.Dirs {
		years, err := ssfolder.Years(dir)
		if err != nil {
			return nil, err
		}
		paths := []string{dir}
		if len(years) > 0 {
			paths = paths[:0]
			for _, y := range ssfolder.SortedYears(years) {
				paths = append(paths, years[y])
			}
		}
		for _, p := range paths {
			r, err := folder.ReadPartners(p, 0)
			if err != nil {
				return nil, err
			}
			if r == nil {
				continue
			}
			l.years = append(l.years, pack(r))
			for _, t := range r.Tables {
				l.files = append(l.files, filepath.Base(t.File))
			}
		}
	}
	sort.Strings(l.files)
	invalid := &InvalidEarlyHelpValues{}
	for _, p := range l.years {
		invalid.Count += p.r.Problems.Count(returns.Invalid)
		invalid.Problems = append(invalid.Problems, p.r.Problems)
	}
	if invalid.Count > 0 && !req.Force {
		return nil, invalid
	}
	return l, nil
}

// Store stores the prepared files all or nothing in Store.EarlyHelp(),
// then, with a key, links the children of every stored year of the 903
// and the CIN census, and works out the match rates. Both are in the
// audit log. With no files and no key it opens no store. It stores the
// files once: it lets them go as it stores them.
func (l *EarlyHelpLoad) Store(ctx context.Context) (*LoadedEarlyHelp, error) {
	out := &LoadedEarlyHelp{}
	if len(l.years) == 0 && l.key == nil {
		return out, nil
	}
	s, err := l.req.open(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	// Of HAF, Link (the match rates) reads only which children each year
	// has; what it reads is kept before the years are stored, and the
	// rest let go as soon as they are.
	var linked []*returns.Return
	if len(l.years) > 0 {
		var sum *store.LoadSummary
		if sum, linked, err = l.store(ctx, s); err != nil {
			return nil, err
		}
		if err := auditLoad(ctx, s, l.req.Who, l.req.From, "early help and HAF", sum, l.files); err != nil {
			return nil, err
		}
		out.LoadSummary = sum
	}
	if l.key == nil {
		return out, nil
	}
	if out.Links, err = Link(ctx, s, *l.key, l.req.Who, l.req.From); err != nil {
		return nil, err
	}
	if len(linked) == 0 {
		out.Linkage, err = Linkage(ctx, s)
		return out, err
	}
	// The years just loaded are in memory: reading every year back would
	// take longer than the load.
	links, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	out.Linkage = earlyhelp.Link(links, linked)
	return out, nil
}

// store stores the years, unpacked only for as long as that takes, and
// returns them as Link reads them: HAF's children only, once each.
func (l *EarlyHelpLoad) store(ctx context.Context, s *store.Store) (*store.LoadSummary, []*returns.Return, error) {
	years, linked := make([]*returns.Return, len(l.years)), make([]*returns.Return, len(l.years))
	for i, p := range l.years {
		years[i] = p.unpack()
		linked[i] = returns.NewReturn(p.r.Collection, p.r.Year, p.r.LA)
		if t := years[i].Tables[eh.EarlyHelp]; t != nil {
			linked[i].Tables[eh.EarlyHelp] = t
		}
		if t := p.distinct(eh.HAF, eh.ChildColumn); t != nil {
			linked[i].Tables[eh.HAF] = t
		}
	}
	l.years = nil // unpacked, the packed rows are not needed again
	sum, err := s.EarlyHelp().Load(ctx, years, store.LoadSource{Files: l.files, LA: l.req.LA,
		By: l.req.Who.Name, IdentifiedBy: l.req.Who.IdentifiedBy})
	return sum, linked, err
}

// Link makes the links of every stored year of the 903 and the CIN census
// under key, and records that it did in the audit log.
func Link(ctx context.Context, s *store.Store, key pseudonym.Key, who Actor, from string) (*store.LinkCounts, error) {
	counts, err := s.MakeLinks(ctx, func(kind, id string) (string, bool) {
		k, ok := pseudonym.ParseKind(kind)
		if !ok {
			return "", false
		}
		p, err := key.Of(k, id)
		return p, err == nil
	})
	if err != nil {
		return nil, err
	}
	if from == "" {
		from = FromCommandLine
	}
	reason := fmt.Sprintf("linked %d identifiers of the SSDA903's and the CIN census's children to pseudonyms", counts.Links)
	if err := s.Audit(ctx, store.Access{Who: who.Name, IdentifiedBy: who.IdentifiedBy, From: from, Action: ActionLink, Reason: reason}); err != nil {
		return nil, fmt.Errorf("the links are stored, but recording them in the audit log failed: %w", err)
	}
	return counts, nil
}

// Linkage works out the match rates by source of every stored year of
// early help and HAF.
func Linkage(ctx context.Context, s *store.Store) ([]earlyhelp.Linkage, error) {
	rs, err := s.EarlyHelp().Returns(ctx)
	if err != nil {
		return nil, err
	}
	links, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	return earlyhelp.Link(links, rs), nil
}

// EarlyHelpData reads every stored year of early help and HAF, with the
// links and the CIN censuses, into what the early help indicators and
// flows are computed from; nil when no early help or HAF file is stored.
func EarlyHelpData(ctx context.Context, s *store.Store) (*earlyhelp.Data, error) {
	partners, err := s.EarlyHelp().Returns(ctx)
	if err != nil || len(partners) == 0 {
		return nil, err
	}
	links, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	censuses, err := s.CIN().Returns(ctx)
	if err != nil {
		return nil, err
	}
	return earlyhelp.Build(partners, links, censuses, frontdoor.Build(censuses)), nil
}
