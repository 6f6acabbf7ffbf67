package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/transfers"
)

func moversCommand() *command {
	var db, format string
	var publishable, children bool
	c := &command{
		name: "movers",
		summary: "Follow children between the authorities of a region held in one store: an episode ceasing E3 (care taken over by another LA) in one, " +
			"the same child, by the pseudonym of the UPN each load linked under the region's key (village load --key), starting care in another within " +
			fmt.Sprint(transfers.Window) + " days. Prints the transfers by pair of authorities and collection year, the children looked after during each year " +
			"counted once across the region beside the members' sum, and what could not be followed, counted, never guessed. " +
			"Every authority in the store by default, or those --la names; exact by default, --publishable suppresses counts of 1 to 5. " +
			"--children lists each journey by pseudonym instead, for the region's administrator.",
		example: "village movers --db postgres://village@localhost/region --la E06000001,E06000002 --format json",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&format, "format", "table", "table, json or csv")
			fs.BoolVar(&publishable, "publishable", false, "suppress counts of 1 to 5 (shown as c), and the members' sum where it would reveal one")
			fs.BoolVar(&children, "children", false, "list each journey across authorities by the pseudonym of the child's UPN (never a child ID), its stays and days in care, instead of the figures")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		if format != "table" && format != "json" && format != "csv" {
			return fmt.Errorf("--format %q: expected table, json or csv", format)
		}
		if children && publishable {
			return errors.New("--children lists children's journeys, which are not for publication: drop --publishable")
		}
		s, err := openStore(ctx, db)
		if err != nil {
			return err
		}
		defer s.Close()
		members, err := regionMembers(ctx, s)
		if err != nil {
			return err
		}
		found := transfers.Find(members)
		if children {
			return writeChains(e.stdout, format, chainsOf(found))
		}
		return writeMovers(e.stdout, format, moversReportOf(found, codesOf(members), disclose.PolicyOf(publishable)))
	}
	return c
}

// regionMembers reads each authority of the store's scope, or else each
// it holds, through its own view of the store (Store.For): its children's
// journeys and the pseudonyms of their UPNs. An authority with no 903
// return stored has no journeys and is left out.
func regionMembers(ctx context.Context, s *store.Store) ([]transfers.Member, error) {
	las := s.Scope()
	if las == nil {
		var err error
		if las, err = s.Authorities(ctx); err != nil {
			return nil, err
		}
	}
	if len(las) < 2 {
		return nil, errFewMembers(las)
	}
	var members []transfers.Member
	for _, la := range las {
		if la == "" {
			return nil, errors.New("the store holds returns loaded with no authority code; load them again with \"village load --la CODE\"")
		}
		m, err := regionMember(ctx, s, la)
		if errors.Is(err, errEmptyStore) {
			continue
		}
		if err != nil {
			return nil, err
		}
		members = append(members, m)
	}
	if len(members) < 2 {
		return nil, errFewMembers(codesOf(members))
	}
	return members, nil
}

// errFewMembers is the error of a region of fewer than two authorities
// with 903 returns, las.
func errFewMembers(las []string) error {
	return fmt.Errorf("the store holds returns of %d authorities %q; following children between authorities needs two or more, "+
		"each loaded with \"village load --la CODE --key FILE\" under the region's one key", len(las), las)
}

// regionMember reads one authority of the region.
func regionMember(ctx context.Context, s *store.Store, la string) (transfers.Member, error) {
	view, err := s.For(la)
	if err != nil {
		return transfers.Member{}, err
	}
	set, err := journeysWith(ctx, view, journey.Options{})
	if err != nil {
		return transfers.Member{}, err
	}
	upn, err := view.UPNPseudonyms(ctx)
	if err != nil {
		return transfers.Member{}, err
	}
	return transfers.Member{LA: la, Set: set, UPN: upn}, nil
}

// codesOf lists the members' codes.
func codesOf(members []transfers.Member) []string {
	out := []string{}
	for _, m := range members {
		out = append(out, m.LA)
	}
	return out
}

// moversFigure is a count as the policy publishes it.
type moversFigure struct {
	Count  *int   `json:"count"`            // null when suppressed
	Shown  string `json:"shown"`            // as displayed: the count, or c
	Reason string `json:"reason,omitempty"` // why it is suppressed
}

func figureOf(c disclose.Cell) moversFigure {
	return moversFigure{Count: c.Count(), Shown: c.Text(), Reason: c.Reason()}
}

// moversPair is the children whose care one authority took over from
// another in a collection year.
type moversPair struct {
	Year     string       `json:"year"`
	From     string       `json:"from"`
	To       string       `json:"to"`
	Children moversFigure `json:"children"`
}

// moversYear is the region's children looked after during a year.
type moversYear struct {
	Year    string       `json:"year"`
	Members moversFigure `json:"members_sum"` // the members' own counts added up
	Once    moversFigure `json:"counted_once"`
	Shared  moversFigure `json:"counted_by_more_than_one"`
}

// moversCount is one count of what could not be followed.
type moversCount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	moversFigure
}

// moversReport is what movers prints.
type moversReport struct {
	Mode        string        `json:"mode"`
	Authorities []string      `json:"authorities"`
	WindowDays  int           `json:"window_days"`
	Transfers   []moversPair  `json:"transfers"`
	Years       []moversYear  `json:"years"`
	Unfollowed  []moversCount `json:"unfollowed"`
}

// moversReportOf makes the figures of r under policy.
func moversReportOf(r *transfers.Result, las []string, policy disclose.Policy) moversReport {
	out := moversReport{Mode: policy.String(), Authorities: las, WindowDays: transfers.Window, Transfers: pairsOf(r, policy), Years: []moversYear{}}
	for _, y := range r.Years() {
		n := r.Count(y)
		shared := policy.Count(n.Shared)
		members := policy.Count(n.Members)
		if shared.Suppressed() {
			// The members' sum less the children counted once is the
			// children counted twice, give or take a chain of three.
			members = members.Hide(disclose.Secondary)
		}
		out.Years = append(out.Years, moversYear{Year: y.String(), Members: figureOf(members), Once: figureOf(policy.Count(n.Once)), Shared: figureOf(shared)})
	}
	u := r.Unfollowed
	for _, c := range []struct {
		id, title string
		n         int
	}{
		{"no_arrival", fmt.Sprintf("E3 with no start of care in another member within %d days (perhaps to an authority outside the region)", transfers.Window), u.NoArrival},
		{"many_arrivals", "E3 followed by starts of care in two or more members", u.ManyArrivals},
		{"many_departures", "start of care within the window of two or more E3s", u.ManyDepartures},
		{"overlaps", "children in the care of two members on the same day", u.Overlaps},
		{"no_upn", "E3 of a child with no UPN pseudonym", u.NoUPN},
		{"shared_upn", "UPN pseudonyms two children of one member share", u.SharedUPN},
	} {
		out.Unfollowed = append(out.Unfollowed, moversCount{ID: c.id, Title: c.title, moversFigure: figureOf(policy.Count(c.n))})
	}
	return out
}

// pairsOf counts the children each pair of members transferred, by the
// collection year of the E3.
func pairsOf(r *transfers.Result, policy disclose.Policy) []moversPair {
	type key struct{ year, from, to string }
	children := map[key]map[string]bool{}
	var keys []key
	for _, t := range r.Transfers {
		k := key{t.Year.String(), t.From, t.To}
		if children[k] == nil {
			children[k] = map[string]bool{}
			keys = append(keys, k)
		}
		children[k][t.Pseudonym] = true
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	out := []moversPair{}
	for _, k := range keys {
		out = append(out, moversPair{Year: k.year, From: k.from, To: k.to, Children: figureOf(policy.Count(len(children[k])))})
	}
	return out
}

// moversStay is one authority's part in a chain, for --children.
type moversStay struct {
	LA           string `json:"la"`
	Start        string `json:"start"`
	End          string `json:"end,omitempty"` // blank while in care
	EndReason    string `json:"end_reason,omitempty"`
	LeftCensored bool   `json:"left_censored,omitempty"`
}

// moversChain is one child's journey across authorities, for --children:
// by pseudonym, never by an authority's child ID.
type moversChain struct {
	Pseudonym string       `json:"pseudonym"`
	Stays     []moversStay `json:"stays"`
	Days      *int         `json:"days_in_care"`  // null when not known
	AtLeast   bool         `json:"days_at_least"` // the first stay began before its authority's returns: the care began earlier
}

// chainsOf lists r's journeys.
func chainsOf(r *transfers.Result) []moversChain {
	out := []moversChain{}
	for _, j := range r.Journeys {
		c := moversChain{Pseudonym: j.Pseudonym, AtLeast: j.LeftCensored}
		if j.DaysKnown {
			days := j.Days
			c.Days = &days
		}
		for _, s := range j.Stays {
			st := moversStay{LA: s.LA, Start: s.Start.String(), EndReason: s.EndReason, LeftCensored: s.LeftCensored}
			if !s.Open {
				st.End = s.End.String()
			}
			c.Stays = append(c.Stays, st)
		}
		out = append(out, c)
	}
	return out
}
