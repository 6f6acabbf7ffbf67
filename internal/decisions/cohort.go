package decisions

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Cohort is a named set of children a decision may affect. Its id has a
// small grammar:
//
//	cohort    = base [ ":" qualifier ]
//	base      = looked_after | care_leavers | cp_plan | child_in_need
//	          | early_help | under_fives | send
//	qualifier = "age=" band | "placement=" code
//	band      = 0-4 | 5-9 | 10-15 | 16-17
//	code      = an SSDA903 PLACE code, such as K2 or U1
//
// An age band narrows looked_after, cp_plan and child_in_need; a placement
// type narrows looked_after only. One qualifier at most: a decision
// affecting two bands names two cohorts.
type Cohort struct {
	Base      string
	Age       string // an age band, or blank
	Placement string // a PLACE code, or blank
}

// Bases are the base cohorts, in the order they are listed.
var Bases = []string{"looked_after", "care_leavers", "cp_plan", "child_in_need", "early_help", "under_fives", "send"}

// baseNames are the base cohorts in words.
var baseNames = map[string]string{
	"looked_after":  "Children looked after",
	"care_leavers":  "Care leavers",
	"cp_plan":       "Children on a child protection plan",
	"child_in_need": "Children in need",
	"early_help":    "Children in early help",
	"under_fives":   "Children under five known to children's services",
	"send":          "Children with special educational needs and disabilities",
}

// entered are the bases Village cannot count from what it holds: their
// count is entered by whoever records the decision, and marked so.
var entered = []string{"early_help", "send"}

// AgeBands are the age bands a cohort may be narrowed to, as the
// forecast and the DfE's tables band children.
var AgeBands = []string{"0-4", "5-9", "10-15", "16-17"}

// placeCode is the form of an SSDA903 PLACE code.
var placeCode = regexp.MustCompile(`^[A-Z][0-9]{1,2}$`)

// ParseCohort reads a cohort's id.
func ParseCohort(id string) (Cohort, error) {
	base, qualifier, qualified := strings.Cut(strings.TrimSpace(id), ":")
	if !slices.Contains(Bases, base) {
		return Cohort{}, fmt.Errorf("cohort %q: expected one of %s, optionally with :age=BAND or :placement=CODE", id, strings.Join(Bases, ", "))
	}
	c := Cohort{Base: base}
	if !qualified {
		return c, nil
	}
	key, value, _ := strings.Cut(qualifier, "=")
	switch {
	case key == "age" && slices.Contains([]string{"looked_after", "cp_plan", "child_in_need"}, base):
		if !slices.Contains(AgeBands, value) {
			return Cohort{}, fmt.Errorf("cohort %q: age band %q: expected one of %s", id, value, strings.Join(AgeBands, ", "))
		}
		c.Age = value
	case key == "placement" && base == "looked_after":
		if !placeCode.MatchString(value) {
			return Cohort{}, fmt.Errorf("cohort %q: placement %q: expected an SSDA903 PLACE code, such as K2", id, value)
		}
		c.Placement = value
	default:
		return Cohort{}, fmt.Errorf("cohort %q: %s cannot be narrowed by %q; expected age=BAND for looked_after, cp_plan or child_in_need, or placement=CODE for looked_after", id, base, key)
	}
	return c, nil
}

// ParseCohorts reads several cohorts' ids, refusing a repeated one.
func ParseCohorts(ids []string) ([]Cohort, error) {
	var out []Cohort
	for _, id := range ids {
		c, err := ParseCohort(id)
		if err != nil {
			return nil, err
		}
		if slices.Contains(out, c) {
			return nil, fmt.Errorf("cohort %q is named twice", id)
		}
		out = append(out, c)
	}
	return out, nil
}

// ID is the cohort's id, as ParseCohort reads it.
func (c Cohort) ID() string {
	switch {
	case c.Age != "":
		return c.Base + ":age=" + c.Age
	case c.Placement != "":
		return c.Base + ":placement=" + c.Placement
	}
	return c.Base
}

// Name is the cohort in words.
func (c Cohort) Name() string {
	name := baseNames[c.Base]
	switch {
	case c.Age != "":
		name += ", aged " + strings.Replace(c.Age, "-", " to ", 1)
	case c.Placement != "":
		name += ", placement " + c.Placement
	}
	return name
}

// Countable reports whether Village counts the cohort from what it holds;
// otherwise whoever records a decision enters its count.
func (c Cohort) Countable() bool { return !slices.Contains(entered, c.Base) }

// BaseName is a base cohort in words, or the id when it is not one.
func BaseName(base string) string {
	if n, ok := baseNames[base]; ok {
		return n
	}
	return base
}
