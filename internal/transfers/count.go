package transfers

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// YearCount is the region's children looked after during a collection
// year, counted by its members and counted once.
type YearCount struct {
	Year calendar.Year
	// Members is the sum of the members' own counts: a child whose care
	// one member took over from another in the year is in two of them.
	Members int
	// Once counts each child once: children joined by a transfer (in any
	// year) are one child. Children who share a pseudonym without an E3
	// joining them stay apart (Unfollowed.Overlaps counts them).
	Once int
	// Shared is how many of the children counted Once more than one
	// member counts.
	Shared int
}

// Count counts the region's children looked after during collection year
// y, other than on short breaks, as the DfE counts children looked after
// during the year (a child whose care ended or began on any day of it),
// each member's and once.
func (r *Result) Count(y calendar.Year) YearCount {
	out := YearCount{Year: y}
	members := map[node]int{} // each child counted once: how many members count it
	p := y.Period()
	for m, mem := range r.members {
		for _, c := range mem.Set.Children {
			if !lookedAfterDuring(c, p) {
				continue
			}
			out.Members++
			members[r.same.root(node{m, c.ID})]++
		}
	}
	out.Once = len(members)
	for _, n := range members {
		if n > 1 {
			out.Shared++
		}
	}
	return out
}

// Years lists the collection years any member's returns cover, oldest
// first.
func (r *Result) Years() []calendar.Year {
	var first, last calendar.Year
	for _, m := range r.members {
		if m.Set.First <= 0 {
			continue
		}
		if first == 0 || m.Set.First < first {
			first = m.Set.First
		}
		last = max(last, m.Set.Last)
	}
	var out []calendar.Year
	for y := first; first > 0 && y <= last; y++ {
		out = append(out, y)
	}
	return out
}

// lookedAfterDuring reports whether the child was looked after, other
// than on short breaks, on some day of p, the day a period of care ended
// included, as the indicators count it.
func lookedAfterDuring(c *journey.Child, p calendar.Period) bool {
	for i := range c.Periods {
		q := &c.Periods[i]
		if q.Start > p.End {
			break
		}
		if counted(q) && (q.Open || q.End >= p.Start) {
			return true
		}
	}
	return false
}

// node is one member's child.
type node struct {
	member int
	child  string
}

// unionFind joins the members' children that are one child.
type unionFind struct{ parent map[node]node }

func newUnionFind() *unionFind { return &unionFind{parent: map[node]node{}} }

// root returns the node that stands for n's child.
func (u *unionFind) root(n node) node {
	for {
		p, ok := u.parent[n]
		if !ok || p == n {
			return n
		}
		if gp, ok := u.parent[p]; ok {
			u.parent[n] = gp // halve the path
		}
		n = p
	}
}

// join makes a and b one child.
func (u *unionFind) join(a, b node) {
	ra, rb := u.root(a), u.root(b)
	if ra != rb {
		u.parent[rb] = ra
	}
}
