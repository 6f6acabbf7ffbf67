package frontdoor

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Joined is one child's front door and journey through care together.
type Joined struct {
	ID    string
	Front *Child         // nil when no census has the child
	Care  *journey.Child // nil when no 903 return has the child
	// Mismatch says what the two returns say differently of the child
	// (its date of birth), which suggests the one ID names two children;
	// "" when they agree or either is silent.
	Mismatch string
	Entries  []Entry // one per period of care, in order
	Steps    []Step  // what happened, from both returns, by date
}

// Entry is how one period of care followed the front door.
type Entry struct {
	Period int // the period's index in Care.Periods
	// Referral is the index in Front.Referrals of the latest referral
	// that began on or before the period began, or -1 when none did (the
	// child came into care without a referral in the censuses loaded).
	Referral int
	Days     int  // from that referral to the start of care
	Open     bool // the referral was still open when care began
}

// Step is one event of a child's history.
type Step struct {
	Date     calendar.Date
	Referral int    // the index of the referral it belongs to, or -1
	Period   int    // the index of the period of care it belongs to, or -1
	What     string // in words, with codes as submitted
}

// Join joins a child's front door and journey, either of which may be
// nil, for the child id.
func Join(id string, front *Child, care *journey.Child) *Joined {
	j := &Joined{ID: id, Front: front, Care: care}
	if front != nil && care != nil && front.HasDOB && care.HasDOB && front.DOB != care.DOB {
		j.Mismatch = fmt.Sprintf("the CIN census gives a date of birth of %s and the SSDA903 %s: the ID may name two children",
			front.DOB.Long(), care.DOB.Long())
	}
	if front != nil {
		for i := range front.Referrals {
			j.Steps = append(j.Steps, referralSteps(i, &front.Referrals[i])...)
		}
	}
	if care != nil {
		for i, p := range care.Periods {
			j.Entries = append(j.Entries, entry(front, i, p))
			kind := "period of care"
			if p.ShortBreak {
				kind = "short breaks"
			}
			j.Steps = append(j.Steps, Step{Date: p.Start, Referral: -1, Period: i,
				What: fmt.Sprintf("looked after: %s %d began", kind, i+1)})
			if !p.Open {
				end := "reason not recorded"
				if p.EndReason != "" {
					end = "reason " + p.EndReason
				}
				j.Steps = append(j.Steps, Step{Date: p.End, Referral: -1, Period: i,
					What: fmt.Sprintf("%s %d ended, %s", kind, i+1, end)})
			}
		}
	}
	slices.SortStableFunc(j.Steps, func(a, b Step) int { return cmp.Compare(a.Date, b.Date) })
	return j
}

// entry finds the referral that led to period i of care.
func entry(front *Child, i int, p journey.Period) Entry {
	e := Entry{Period: i, Referral: -1}
	if front == nil {
		return e
	}
	for r, ref := range front.Referrals {
		if ref.Start > p.Start {
			break
		}
		e.Referral = r
		e.Days = int(p.Start - ref.Start)
		e.Open = ref.Open || ref.End >= p.Start
	}
	return e
}

// referralSteps are the events of referral i.
func referralSteps(i int, r *Referral) []Step {
	var out []Step
	add := func(d calendar.Date, format string, args ...any) {
		out = append(out, Step{Date: d, Referral: i, Period: -1, What: fmt.Sprintf(format, args...)})
	}
	what := fmt.Sprintf("referral %d, source %s, primary need %s", i+1, orUnknown(r.Source), orUnknown(r.Need))
	if r.NFA {
		what += ", no further action"
	}
	add(r.Start, "%s", what)
	for _, a := range r.Assessments {
		add(a.Start, "assessment began")
		if a.Done {
			factors := "no factors recorded"
			if len(a.Factors) > 0 {
				factors = "factors " + strings.Join(a.Factors, " ")
			}
			add(a.Authorised, "assessment authorised after %d days, %s", int(a.Authorised-a.Start), factors)
		}
	}
	for _, p := range r.CINPlans {
		add(p.Start, "child in need plan began")
		if !p.Open {
			add(p.End, "child in need plan ended")
		}
	}
	for _, s := range r.Section47s {
		add(s.Start, "section 47 enquiry began")
		switch {
		case s.HeldICPC:
			add(s.Conference, "initial child protection conference, %d days after the enquiry began", int(s.Conference-s.Start))
		case s.NotRequired:
			add(s.Start, "initial child protection conference not required")
		}
	}
	for _, p := range r.Plans {
		add(p.Start, "child protection plan began, category %s", orUnknown(p.InitialCategory))
		for _, d := range p.Reviews {
			add(d, "child protection plan reviewed")
		}
		if !p.Open {
			add(p.End, "child protection plan ended, latest category %s", orUnknown(p.LatestCategory))
		}
	}
	for _, p := range r.PreProceedings {
		p.steps(add)
	}
	if !r.Open {
		add(r.End, "referral %d closed, reason %s", i+1, orUnknown(r.ClosureReason))
	}
	return out
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not recorded"
	}
	return s
}
