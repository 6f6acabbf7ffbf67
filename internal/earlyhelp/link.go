// Package earlyhelp links early help and HAF, which partners send
// pseudonymised, with the children of the 903 and the CIN census, through
// the pseudonyms the store's links hold, and works out what they show:
// match rates by source (Linkage), the early help and HAF indicators and
// the flows between services.
package earlyhelp

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// People ties pseudonyms to people: two pseudonyms are one person's when
// one record holds both (an early help episode with its child's LA ID and
// UPN pseudonymised, a CIN child's two identifiers), and so on through
// every record.
type People struct {
	parent map[string]string
	// sources are, for each person (by Find), the returns the person is
	// known to, and rows where each linked record is.
	sources map[string]map[string]bool
	rows    map[string][]store.Link
}

// NewPeople ties the pseudonyms of the links and of the early help
// episodes (Child with ChildUPN) of rs together.
func NewPeople(links []store.Link, rs []*returns.Return) *People {
	p := &People{parent: map[string]string{}, sources: map[string]map[string]bool{}, rows: map[string][]store.Link{}}
	type rowKey struct {
		source string
		year   calendar.Year
		row    int
	}
	first := map[rowKey]string{}
	for _, l := range links {
		k := rowKey{l.Source, l.Year, l.Row}
		if f, ok := first[k]; ok {
			p.union(f, l.Pseudonym)
		} else {
			first[k] = l.Pseudonym
			p.find(l.Pseudonym)
		}
	}
	for _, r := range rs {
		t := r.Table(eh.EarlyHelp)
		if t == nil || !t.Has(eh.ChildUPNColumn) {
			continue
		}
		c, u := t.Schema.Index(eh.ChildColumn), t.Schema.Index(eh.ChildUPNColumn)
		for _, row := range t.Rows {
			if row.Values[c] != "" && row.Values[u] != "" {
				p.union(row.Values[c], row.Values[u])
			}
		}
	}
	for _, l := range links {
		root := p.find(l.Pseudonym)
		if p.sources[root] == nil {
			p.sources[root] = map[string]bool{}
		}
		p.sources[root][l.Source] = true
		p.rows[root] = append(p.rows[root], l)
	}
	return p
}

// Find returns the person a pseudonym is: one of the person's pseudonyms,
// the same for all of them.
func (p *People) Find(pseudonym string) string { return p.find(pseudonym) }

func (p *People) find(x string) string {
	parent, ok := p.parent[x]
	if !ok {
		p.parent[x] = x
		return x
	}
	if parent == x {
		return x
	}
	root := p.find(parent)
	p.parent[x] = root
	return root
}

func (p *People) union(a, b string) {
	ra, rb := p.find(a), p.find(b)
	if ra != rb {
		// The smaller text wins, so that the result does not depend on
		// the order records were read in.
		if rb < ra {
			ra, rb = rb, ra
		}
		p.parent[rb] = ra
	}
}

// KnownTo reports whether the person with the pseudonym is known to the
// source (store.LinkSSDA903, store.LinkCIN).
func (p *People) KnownTo(pseudonym, source string) bool {
	return p.sources[p.find(pseudonym)][source]
}

// Records returns the links of the person with the pseudonym: where in
// the returns the person's records are.
func (p *People) Records(pseudonym string) []store.Link { return p.rows[p.find(pseudonym)] }
