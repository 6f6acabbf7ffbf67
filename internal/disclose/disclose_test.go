package disclose

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCell(t *testing.T) {
	tests := []struct {
		name  string
		cell  Cell
		text  string
		json  bool // a value in JSON
		about string
	}{
		{"count", Exact.Count(3), "3", true, ""},
		{"small count", Publishable.Count(3), "c", false, reason},
		{"zero", Publishable.Count(0), "0", true, ""},
		{"six", Publishable.Count(6), "6", true, ""},
		{"five", Publishable.Count(5), "c", false, reason},
		{"rate of 4", Publishable.Number(0.34, 1, true, 4), "c", false, reason},
		{"rate", Publishable.Number(66.04, 1, true, 2977), "66.0", true, ""},
		{"not known", Publishable.Number(0, 1, false, 0), "x", false, ""},
		{"not known and small", Publishable.Number(0, 1, false, 3), "x", false, reason},
		{"mean of 2", Publishable.Number(16, 1, true, 2), "c", false, reason},
		{"share 0 of 5", Publishable.Share(0, 1, true, 0, 5), "c", false, reason},
		{"share 0 of 6", Publishable.Share(0, 1, true, 0, 6), "0.0", true, ""},
		{"share 6 of 6", Publishable.Share(100, 1, true, 6, 6), "100.0", true, ""},
		{"share 3 of 40", Publishable.Share(7.5, 1, true, 3, 40), "c", false, reason},
		// 97 of 100: the 3 not counted are revealed.
		{"share complement 3", Publishable.Share(97, 1, true, 97, 100), "c", false, reason},
		{"share complement 6", Publishable.Share(94, 1, true, 94, 100), "94.0", true, ""},
		{"share exact", Exact.Share(97, 1, true, 97, 100), "97.0", true, ""},
		{"hidden", Exact.Count(40).Hide(Secondary), "c", false, reason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cell.Text(); got != tt.text {
				t.Errorf("Text() = %q, want %q", got, tt.text)
			}
			if got := tt.cell.JSON() != nil; got != tt.json {
				t.Errorf("JSON() given = %v, want %v", got, tt.json)
			}
			if got := tt.cell.Reason(); got != tt.about {
				t.Errorf("Reason() = %q, want %q", got, tt.about)
			}
		})
	}
}

// count is a one-measure table of counts of children.
func count(total int, groups ...int) []Measure {
	return []Measure{{Total: total, Groups: groups, Small: true, Alone: true}}
}

// share is the measures of a breakdown of a share: the numerators, the
// denominators (another table's counts) and the complements.
func share(nums, dens []int) []Measure {
	comps := make([]int, len(nums))
	n, d := 0, 0
	for i := range nums {
		comps[i] = dens[i] - nums[i]
		n, d = n+nums[i], d+dens[i]
	}
	return []Measure{{Total: n, Groups: nums, Small: true, Alone: true}, {Total: d, Groups: dens, Small: true, Alone: true},
		{Total: d - n, Groups: comps, Small: true}}
}

func TestTable(t *testing.T) {
	const (
		s = Shown
		p = Primary
		x = Secondary
	)
	tests := []struct {
		name     string
		policy   Policy
		measures []Measure
		groups   []Why
		total    Why
	}{
		{"exact", Exact, count(13, 0, 0, 0, 2, 11), []Why{s, s, s, s, s}, s},
		{"nothing small", Publishable, count(40, 10, 30), []Why{s, s}, s},
		// Mothers in care: 13 in total, 11 aged 16-17, so 2 aged 10-15
		// unless 11 is suppressed too.
		{"mothers in care", Publishable, count(13, 0, 0, 0, 2, 11), []Why{s, s, s, p, x}, s},
		{"next smallest non-zero", Publishable, count(60, 3, 0, 20, 8, 29), []Why{p, s, s, x, s}, s},
		{"two small already", Publishable, count(60, 3, 4, 20, 33), []Why{p, p, s, s}, s},
		// Two suppressed 1s add up to 2: each is pinned at 1.
		{"two ones", Publishable, count(40, 1, 1, 38), []Why{p, p, x}, s},
		{"tie goes to the first", Publishable, count(30, 2, 14, 14), []Why{p, x, s}, s},
		{"small total", Publishable, count(4, 0, 1, 3), []Why{s, p, p}, p},
		// A total of 2: there is no sum to work from, and 0 tells nothing.
		{"small total, zeros", Publishable, count(2, 0, 0, 0, 2), []Why{s, s, s, p}, p},
		// Six children, one in each group: nothing protects them but the
		// total.
		{"all ones", Publishable, count(6, 1, 1, 1, 1, 1, 1), []Why{p, p, p, p, p, p}, x},
		// With an empty group suppressed too, nobody can tell which six
		// groups hold one child each.
		{"all ones and an empty group", Publishable, count(6, 1, 0, 1, 1, 1, 1, 1), []Why{p, x, p, p, p, p, p}, s},
		// 0 of 3 UASC children adopted, 7 of 25 others: both groups are
		// suppressed (the 3, then the 25 that would reveal it), and the
		// total of 7 of 28 stays, since nobody can tell that the UASC
		// group holds none of the 7.
		{"share of a whole table", Publishable, share([]int{0, 7}, []int{3, 25}), []Why{p, x}, s},
		// 3 not in any group shown: the remainder is small, and would be
		// revealed if every group were shown.
		{"small remainder", Publishable, count(43, 10, 30), []Why{x, s}, s},
		// 20 not in any group: the remainder protects the suppressed 2 with
		// another non-zero cell.
		{"large remainder", Publishable, count(52, 2, 30), []Why{p, s}, s},
		{"overlapping groups", Publishable, count(10, 2, 10), []Why{p, s}, s},
		// A share's complement of 3 in one group, and of 1 in another.
		{"share complements", Publishable, share([]int{97, 60, 20}, []int{100, 61, 40}), []Why{p, p, s}, s},
		{"share complement alone", Publishable, share([]int{97, 30, 20}, []int{100, 40, 40}), []Why{p, s, x}, s},
		// The denominators are another table's counts: that table hides
		// the 4 and the 7, so this one must.
		{"share denominators", Publishable, share([]int{0, 0, 10}, []int{4, 7, 40}), []Why{p, x, s}, s},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.Table(tt.measures)
			if !slices.Equal(got.Groups, tt.groups) || got.Total != tt.total {
				t.Errorf("Table = %v, total %v; want %v, total %v", got.Groups, got.Total, tt.groups, tt.total)
			}
		})
	}
}

// TestTableHidesNothingRecoverable: for random breakdowns of counts and
// of shares, every count of 1 to 5 is suppressed, the same table always
// gets the same answer, and when the total is published no suppressed cell
// of any measure equals the published total less the other published
// cells, nor is pinned at 1 (when the suppressed cells add up to their
// number). A group with no children at all (0 in every measure) says
// nothing, and is left out of the count; when every group is suppressed,
// empty ones among them, no group can be told from another.
func TestTableHidesNothingRecoverable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 20000 {
		n := 2 + r.IntN(7)
		nums, dens := make([]int, n), make([]int, n)
		for i := range n {
			switch r.IntN(4) {
			case 0:
				dens[i] = r.IntN(8)
			case 1:
				dens[i] = r.IntN(20)
			default:
				dens[i] = r.IntN(200)
			}
			nums[i] = r.IntN(dens[i] + 1)
			if r.IntN(3) == 0 {
				nums[i] = dens[i] - r.IntN(min(dens[i], 6)+1)
			}
		}
		counts := trial%2 == 0
		var measures []Measure
		if counts {
			measures = count(sum(nums)+r.IntN(3)*r.IntN(8), nums...)
		} else {
			measures = share(nums, dens)
		}
		got := Publishable.Table(measures)
		if again := Publishable.Table(measures); !slices.Equal(again.Groups, got.Groups) || again.Total != got.Total {
			t.Fatalf("trial %d: not deterministic", trial)
		}
		for _, m := range measures {
			for i, v := range m.Groups {
				if m.Small && v >= 1 && v <= 5 && got.Groups[i] == Shown {
					t.Fatalf("trial %d: %v published a small %d in group %d (%v)", trial, m.Groups, v, i, got.Groups)
				}
			}
			if got.Total != Shown {
				continue
			}
			published, hidden, unpublished := 0, 0, 0
			for i, v := range m.Groups {
				switch {
				case got.Groups[i] == Shown:
					published += v
				case nums[i] != 0 || dens[i] != 0:
					hidden++
					unpublished += v
				}
			}
			if rest := m.Total - published - unpublished; rest > 0 {
				hidden, unpublished = hidden+1, unpublished+rest
			}
			everything := !slices.Contains(got.Groups, Shown)
			for i, v := range m.Groups {
				// With every group suppressed, empty ones too, which holds
				// the children cannot be told.
				if got.Groups[i] == Shown || v == 0 || (everything && slices.Contains(m.Groups, 0)) {
					continue
				}
				if v == m.Total-published {
					t.Fatalf("trial %d: %v total %d: group %d (%d) is the total less the published groups (%v)",
						trial, m.Groups, m.Total, i, v, got.Groups)
				}
				if hidden == 1 || unpublished == hidden {
					t.Fatalf("trial %d: %v total %d: group %d (%d) is pinned: %d hidden add up to %d (%v)",
						trial, m.Groups, m.Total, i, v, hidden, unpublished, got.Groups)
				}
			}
		}
	}
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
