package synth

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/pseudonym"
	"github.com/village-uk/village/returns/ssda903"
)

// FamilyLinkRow is one line of the synthetic family-link file: a child of
// the returns and their birth mother's reference, in the clear as
// FamilyLinks makes them, or pseudonymised as a council's file is.
type FamilyLinkRow struct {
	Child, Mother string
}

// streamFamilies is the family links' random stream, apart from the
// simulation's.
const streamFamilies uint64 = 101

// siblingShare is the chance that a child is a later child of a mother
// with an earlier child in the returns: about a quarter of babies who
// enter care have a sibling who entered before them (Broadhurst and
// others, Born into Care, 2018, found one in four mothers returns).
const siblingShare = 0.25

// FamilyLinks returns a birth mother for every child named in the
// returns' Header tables, so that some mothers have several children in
// care, born at least a year apart, the younger after the older.
func (r *Result) FamilyLinks(seed uint64) []FamilyLinkRow {
	type born struct {
		id  string
		dob calendar.Date
	}
	seen := map[string]bool{}
	var children []born
	for _, ret := range r.Returns {
		t := ret.Table(ssda903.Header)
		for i := range t.Len() {
			id := t.Get(i, "CHILD")
			dob, ok := calendar.ParseDate(t.Get(i, "DOB"))
			if id == "" || !ok || seen[id] {
				continue
			}
			seen[id] = true
			children = append(children, born{id, dob})
		}
	}
	slices.SortFunc(children, func(a, b born) int { return cmp.Or(cmp.Compare(a.dob, b.dob), cmp.Compare(a.id, b.id)) })
	g := newRNG(seed, streamFamilies, 0)
	type mother struct {
		ref      string
		youngest calendar.Date
	}
	var mothers []mother
	out := make([]FamilyLinkRow, 0, len(children))
	for _, c := range children {
		m := -1
		if len(mothers) > 0 && g.chance(siblingShare) {
			// Any mother whose youngest is a year older or more.
			for try := 0; try < 5 && m < 0; try++ {
				i := g.IntN(len(mothers))
				if mothers[i].youngest <= c.dob.AddYears(-1) {
					m = i
				}
			}
		}
		if m < 0 {
			mothers = append(mothers, mother{ref: "M" + strconv.Itoa(100000+len(mothers))})
			m = len(mothers) - 1
		}
		mothers[m].youngest = c.dob
		out = append(out, FamilyLinkRow{Child: c.id, Mother: mothers[m].ref})
	}
	return out
}

// PseudonymisedFamilyLinks are FamilyLinks as the council sends them to
// Village: both columns pseudonymised as the kind la_child_id (the
// council's own reference for a person) under the synthetic key of seed,
// the key the early help and HAF files are pseudonymised with
// (village synth writes it to pseudonym.key), as
// `village pseudonymise --columns child:la_child_id,mother:la_child_id`
// would make them.
func (r *Result) PseudonymisedFamilyLinks(seed uint64) ([]FamilyLinkRow, error) {
	key, err := pseudonym.ParseKey(partnersKey(seed))
	if err != nil {
		return nil, fmt.Errorf("synth: the family links' key: %w", err)
	}
	links := r.FamilyLinks(seed)
	for i, l := range links {
		child, err := key.Of(pseudonym.LAChildID, l.Child)
		if err != nil {
			return nil, fmt.Errorf("synth: pseudonymising the family links' line %d: %w", i+2, err)
		}
		mother, err := key.Of(pseudonym.LAChildID, l.Mother)
		if err != nil {
			return nil, fmt.Errorf("synth: pseudonymising the family links' line %d: %w", i+2, err)
		}
		links[i] = FamilyLinkRow{Child: child, Mother: mother}
	}
	return links, nil
}

// PartnersKeyText is the synthetic key of seed as its key file holds it.
func PartnersKeyText(seed uint64) string { return partnersKey(seed) }

// WriteFamilyLinksCSV writes the links in the family-link file's layout.
func WriteFamilyLinksCSV(w io.Writer, links []FamilyLinkRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"child", "mother"})
	for _, l := range links {
		cw.Write([]string{l.Child, l.Mother})
	}
	cw.Flush()
	return cw.Error()
}
