package earlyhelp

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// Count is a number of children in a collection year, and per 10,000
// children aged 0 to 17 when the population is known.
type Count struct {
	Children int
	Per10k   float64
	Rated    bool // Per10k is known
	Known    bool // the data loaded can give the count
}

// Flow is one stage of the system, or one move between two, in a year.
type Flow struct {
	Name       string // "Early help", "Early help → front door"
	Definition string
	Count
}

// Flows is the whole system in one collection year: how many children
// each service worked with, and how many moved from one to the next and
// back.
type Flows struct {
	Year   calendar.Year
	Stages []Flow
	Moves  []Flow
}

// Inputs of ComputeFlows; any may be nil when not loaded.
type FlowInput struct {
	Year       calendar.Year
	Data       *Data          // early help and HAF
	Front      *frontdoor.Set // the CIN censuses
	Care       *journey.Set   // the 903's journeys
	Population lac.Population
}

// ComputeFlows counts the stages and moves of the year. A child is
// counted once in each. The 903's and the CIN census's children are
// matched on their LA child ID, as the child's page matches them; early
// help's through the links.
func ComputeFlows(in FlowInput) Flows {
	y := in.Year
	f := Flows{Year: y}
	per := func(n int, known bool) Count {
		c := Count{Children: n, Known: known}
		if known && in.Population != nil {
			if pop, ok := in.Population.Aged0to17(y.End()); ok && pop > 0 {
				c.Per10k, c.Rated = float64(n)/float64(pop)*10000, true
			}
		}
		return c
	}
	ehKnown := in.Data != nil && in.Data.First <= y && y <= in.Data.Last
	cinKnown := in.Front != nil && in.Front.First != 0 && in.Front.First <= y && y <= in.Front.Last
	careKnown := in.Care != nil && in.Care.First != 0 && in.Care.First <= y && y <= in.Care.Last
	linked := ehKnown && cinKnown && in.Data.Linked

	inEH, stepUps, stepDowns := 0, 0, 0
	if ehKnown {
		seen := map[string]bool{}
		for _, e := range in.Data.Episodes {
			if e.Start <= y.End() && (e.Open || e.End >= y.Start()) && !seen[e.Person] {
				seen[e.Person] = true
				inEH++
			}
		}
		// Without links, stepMoves finds no referral, and counts the
		// step-downs that the episodes' reasons record.
		stepUps, stepDowns = in.Data.stepMoves(y)
	}
	referred, inNeed, onPlan, planToCare, needToCare := 0, 0, 0, 0, 0
	plannedBefore := map[string]calendar.Date{} // a child's plan's last open day
	needBefore := map[string]bool{}
	if cinKnown {
		for _, c := range in.Front.Children {
			r, n, p := false, false, false
			for _, ref := range c.Referrals {
				r = r || y.Contains(ref.Start)
				n = n || (!ref.NFA && ref.Start <= y.End() && (ref.Open || ref.End >= y.Start()))
				for _, pl := range ref.Plans {
					p = p || (pl.Start <= y.End() && (pl.Open || pl.End >= y.Start()))
					end := pl.End
					if pl.Open {
						end = y.End()
					}
					plannedBefore[c.ID] = max(plannedBefore[c.ID], end)
				}
				if !ref.NFA {
					needBefore[c.ID] = true
				}
			}
			referred, inNeed, onPlan = referred+b(r), inNeed+b(n), onPlan+b(p)
		}
	}
	looked, home := 0, 0
	if careKnown {
		for _, c := range in.Care.Children {
			l, started, returned := false, calendar.Date(0), false
			for _, p := range c.Periods {
				if p.ShortBreak {
					continue
				}
				l = l || (p.Start <= y.End() && (p.Open || p.End >= y.Start()))
				if y.Contains(p.Start) && !p.LeftCensored && started == 0 {
					started = p.Start
				}
				returned = returned || (!p.Open && y.Contains(p.End) && (p.EndReason == "E4A" || p.EndReason == "E4B"))
			}
			looked, home = looked+b(l), home+b(returned)
			if started != 0 && cinKnown {
				if last, ok := plannedBefore[c.ID]; ok && last >= started-30 {
					planToCare++
				} else if needBefore[c.ID] {
					needToCare++
				}
			}
		}
	}
	f.Stages = []Flow{
		{"Early help", "Children with an episode of early help open at any time in the year.", per(inEH, ehKnown)},
		{"Front door", "Children referred to children's social care in the year (CIN census).", per(referred, cinKnown)},
		{"Children in need", "Children with a case of need open at any time in the year (referrals with no further action left out).", per(inNeed, cinKnown)},
		{"Child protection plan", "Children on a child protection plan at any time in the year.", per(onPlan, cinKnown)},
		{"Care", "Children looked after at any time in the year (short breaks left out; SSDA903).", per(looked, careKnown)},
	}
	f.Moves = []Flow{
		{"Early help → front door", "Children referred in the year within 12 months after an episode of early help closed stepped up, or while one was open (linked by pseudonym).", per(stepUps, linked)},
		{"Children in need or a plan → care", "Children who began to be looked after in the year, on a plan or within 30 days after one ended (plan), or after a case of need (need): both counted here.", per(planToCare+needToCare, careKnown && cinKnown)},
		{"Care → home", "Children whose care ended in the year with their return home (REC E4A or E4B).", per(home, careKnown)},
		{"Social care → early help (step-down)", "Children who started early help in the year within 28 days after a case of need closed, or whose episode's reason is a step-down.", per(stepDowns, ehKnown)},
	}
	return f
}

func b(v bool) int {
	if v {
		return 1
	}
	return 0
}

// stepMoves counts the children referred in the year from early help
// (open on the day, or closed stepped up within 12 months before) and the
// children stepped down to early help in the year.
func (d *Data) stepMoves(y calendar.Year) (up, down int) {
	ups, downs := map[string]bool{}, map[string]bool{}
	for person, kids := range d.cin {
		for _, e := range d.EpisodesOf(person) {
			for _, c := range kids {
				for _, r := range c.Referrals {
					if !y.Contains(r.Start) {
						continue
					}
					open := e.Start <= r.Start && (e.Open || e.End >= r.Start)
					stepped := !e.Open && e.Outcome == "stepped_up" && e.End <= r.Start && r.Start <= e.End.AddYears(1)
					if open || stepped {
						ups[person] = true
					}
				}
				for _, r := range c.Referrals {
					if y.Contains(e.Start) && !r.Open && !r.NFA && r.End <= e.Start && r.End >= e.Start-28 {
						downs[person] = true
					}
				}
			}
		}
	}
	for _, e := range d.Episodes {
		if y.Contains(e.Start) && e.Reason == "step_down" {
			downs[e.Person] = true
		}
	}
	return len(ups), len(downs)
}
