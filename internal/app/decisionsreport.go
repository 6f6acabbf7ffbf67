package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
)

// String is the filter in words, for the audit log: "agency=health,
// unacknowledged", or "no filter".
func (f Filter) String() string {
	var parts []string
	for _, p := range [][2]string{{"agency", f.Agency}, {"cohort", f.Cohort}, {"status", string(f.Status)}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"="+p[1])
		}
	}
	if f.Unacknowledged {
		parts = append(parts, "unacknowledged")
	}
	if parts == nil {
		return "no filter"
	}
	return strings.Join(parts, ", ")
}

// Tally is one decision's notices and the leads' responses.
type Tally struct {
	Sent, Acknowledged, Overdue int
	// Responses count each lead's latest response, by kind.
	Responses map[decisions.Response]int
}

// ExportRow is one decision of an export: its entry in the register, its
// cohorts counted under the viewer's policy, and its notices.
type ExportRow struct {
	Decision decisions.Decision
	Impacts  []Impact
	Tally
}

// AckRow is one acknowledgement of an export, with the decision's title
// and the lead's agency.
type AckRow struct {
	decisions.Acknowledgement
	Title  string
	Agency string // the lead's agency's id; blank when they are no longer a lead
}

// Export is the register as the filter keeps it, for CSV and Excel.
type Export struct {
	Filter Filter
	Policy disclose.Policy
	Rows   []ExportRow
	Acks   []AckRow
}

// register is everything the register holds, read once for the exports,
// the pack and the yearly report.
type register struct {
	entries []Entry
	notices []decisions.Notice
	acks    []decisions.Acknowledgement
	leads   []decisions.Lead
}

func (r *Register) readAll(ctx context.Context, f Filter) (register, error) {
	var (
		all register
		err error
	)
	if all.entries, err = r.List(ctx, f); err != nil {
		return all, err
	}
	if all.notices, err = r.Store.Notices(ctx, 0); err != nil {
		return all, err
	}
	if all.acks, err = r.Store.AllAcknowledgements(ctx); err != nil {
		return all, err
	}
	all.leads, err = r.Store.Leads(ctx)
	return all, err
}

// tally counts decision id's notices (overdue: open past their due date on
// today) and each lead's latest response.
func (all register) tally(id int64, today calendar.Date) Tally {
	t := Tally{Responses: map[decisions.Response]int{}}
	for _, n := range all.notices {
		if n.Decision != id {
			continue
		}
		t.Sent++
		switch {
		case n.State == decisions.Acknowledged:
			t.Acknowledged++
		case n.Due < today:
			t.Overdue++
		}
	}
	for _, a := range all.latest(id) {
		t.Responses[a.Response]++
	}
	return t
}

// latest are each lead's latest acknowledgement of decision id, by lead.
func (all register) latest(id int64) []decisions.Acknowledgement {
	by := map[string]decisions.Acknowledgement{}
	for _, a := range all.acks {
		if a.Decision == id {
			by[a.Lead] = a // oldest first, so the last is the latest
		}
	}
	out := make([]decisions.Acknowledgement, 0, len(by))
	for _, a := range by {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b decisions.Acknowledgement) int { return strings.Compare(a.Lead, b.Lead) })
	return out
}

// first is when the lead first acknowledged decision id.
func (all register) first(id int64, lead string) (decisions.Acknowledgement, bool) {
	for _, a := range all.acks {
		if a.Decision == id && a.Lead == lead {
			return a, true
		}
	}
	return decisions.Acknowledgement{}, false
}

// agencyOf is the lead's agency; blank when they are no longer a lead.
func (all register) agencyOf(lead string) string {
	for _, l := range all.leads {
		if l.User == lead {
			return l.Agency
		}
	}
	return ""
}

// Export is the register as the filter keeps it, with each decision's
// cohorts counted from h under the actor's policy, for CSV and Excel. It
// writes to the audit log that the actor exported the register and with
// what filter (an export names no child).
func (r *Register) Export(ctx context.Context, a Actor, from string, f Filter, h Holdings) (Export, error) {
	if err := mayRead(a); err != nil {
		return Export{}, err
	}
	all, err := r.readAll(ctx, f)
	if err != nil {
		return Export{}, err
	}
	if err := r.Store.AuditView(ctx, "export decision register ("+f.String()+")", by(a, from)); err != nil {
		return Export{}, err
	}
	out := Export{Filter: f, Policy: PolicyFor(a)}
	today := calendar.DateOf(r.now())
	kept := map[int64]string{}
	for _, e := range all.entries {
		d := e.Decision
		kept[d.ID] = d.Title
		out.Rows = append(out.Rows, ExportRow{Decision: d, Impacts: h.Impacts(d, out.Policy), Tally: all.tally(d.ID, today)})
	}
	for _, ack := range all.acks {
		if title, ok := kept[ack.Decision]; ok {
			out.Acks = append(out.Acks, AckRow{Acknowledgement: ack, Title: title, Agency: all.agencyOf(ack.Lead)})
		}
	}
	return out, nil
}

// mayRead says whether the actor may read the register: as mayChange,
// every role but the auditor's.
func mayRead(a Actor) error { return mayChange(a) }

// Concern is a lead's concern about a decision, for the yearly report.
type Concern struct {
	Lead, Agency, Comment string
}

// ReportDecision is one decision the yearly report lists: one still
// awaiting acknowledgement, or one a lead raised concerns about.
type ReportDecision struct {
	Decision decisions.Decision
	Impacts  []Impact // counted under the viewer's policy
	Tally
	Concerns []Concern
}

// Counted is a number of decisions or notices under a name.
type Counted struct {
	ID, Name string
	N        int
}

// AgencyResponses are the responses of one agency's leads.
type AgencyResponses struct {
	Agency, Name string
	Responses    map[decisions.Response]int
}

// YearReport is what the safeguarding partnership's yearly report needs
// about the decisions affecting shared cohorts: the decisions decided in
// the period, and the notices sent of them. Its counts are of decisions
// and notices, not children, so no suppression applies to them; the
// cohorts' child counts it shows follow the viewer's policy.
type YearReport struct {
	Period   calendar.Period
	Policy   disclose.Policy
	On       calendar.Date // the day the report was made: notices still open are counted as of it
	Decided  int           // decisions decided in the period
	ByAgency []Counted     // decisions by deciding agency, every agency kept
	ByCohort []Counted     // decisions by base cohort (one decision may count under several)
	// Notices sent, acknowledged by their due date (on it counts as on
	// time), acknowledged after it, and never acknowledged (open) as of On.
	Sent, OnTime, Late, Never int
	NotYetDue                 int // of Never, those whose due date is On or later
	// MedianDays is the median working days from a notice's sending to its
	// first acknowledgement; HasMedian is false when none was acknowledged.
	MedianDays float64
	HasMedian  bool
	Responses  []AgencyResponses // each lead's latest response, by the lead's agency
	// Escalations to the chairs of the period's notices; nil when the
	// store does not record escalations ("not recorded", never 0).
	Escalations *int
	Awaiting    []ReportDecision // decisions with a notice still open
	Concerned   []ReportDecision // decisions a lead raised concerns about
}

// EscalationCounter is a store that records escalations to the
// partnership's chairs and counts those of the notices of the decisions
// given.
type EscalationCounter interface {
	EscalationsSent(ctx context.Context, decisions []int64) (int, error)
}

// ParseReportPeriod reads the yearly report's period: a financial year
// (2025/26, 1 April 2025 to 31 March 2026), or from and to dates
// (2026-11-02 or 02/11/2026) when year is blank.
func ParseReportPeriod(year, from, to string) (calendar.Period, error) {
	if from != "" || to != "" {
		if year != "" {
			return calendar.Period{}, fmt.Errorf("year %q with from and to dates: give one or the other", year)
		}
		start, ok1 := readDay(from)
		end, ok2 := readDay(to)
		if !ok1 || !ok2 || end < start {
			return calendar.Period{}, fmt.Errorf("from %q to %q: expected two dates such as 2025-04-01 and 2026-03-31, the second not before the first", from, to)
		}
		return calendar.Period{Start: start, End: end, Label: start.String() + " to " + end.String(), Kind: calendar.KindRange}, nil
	}
	y, err := calendar.ParseYear(year)
	if err != nil {
		return calendar.Period{}, fmt.Errorf("reporting year: %w", err)
	}
	return y.Period(), nil
}

// readDay reads a date written 2026-11-02 or 02/11/2026.
func readDay(text string) (calendar.Date, bool) {
	text = strings.TrimSpace(text)
	if d, ok := calendar.ParseISODate(text); ok {
		return d, true
	}
	return calendar.ParseDate(text)
}

// DefaultReportYear is the financial year a yearly report is for when
// none is given: the last one ended by the day.
func DefaultReportYear(today calendar.Date) string {
	y := calendar.YearOf(today)
	if y.End() > today {
		y--
	}
	return y.String()
}

// Report is the yearly report for the period, with cohorts counted from h
// under the actor's policy. It writes to the audit log that the actor
// viewed it.
func (r *Register) Report(ctx context.Context, a Actor, from string, p calendar.Period, h Holdings) (YearReport, error) {
	if err := mayRead(a); err != nil {
		return YearReport{}, err
	}
	all, err := r.readAll(ctx, Filter{})
	if err != nil {
		return YearReport{}, err
	}
	agencies, err := r.Store.Agencies(ctx)
	if err != nil {
		return YearReport{}, err
	}
	if err := r.Store.AuditView(ctx, "view decision register's yearly report ("+p.Label+")", by(a, from)); err != nil {
		return YearReport{}, err
	}
	rep := YearReport{Period: p, Policy: PolicyFor(a), On: calendar.DateOf(r.now())}
	var ids []int64
	for _, e := range all.entries {
		if d := e.Decision; d.Decided >= p.Start && d.Decided <= p.End {
			ids = append(ids, d.ID)
			rep.add(all, d, h)
		}
	}
	slices.Reverse(ids) // oldest first, as the lists are
	rep.ByAgency = countAgencies(all, ids, agencies)
	rep.ByCohort = countCohorts(all, ids)
	rep.Responses = agencyResponses(all, ids, agencies)
	rep.noticeTimes(all, ids)
	if counter, ok := any(r.Store).(EscalationCounter); ok {
		n, err := counter.EscalationsSent(ctx, ids)
		if err != nil {
			return YearReport{}, err
		}
		rep.Escalations = &n
	}
	return rep, nil
}

// add counts decision d into the report, and lists it when it awaits
// acknowledgement or a lead raised concerns.
func (rep *YearReport) add(all register, d decisions.Decision, h Holdings) {
	rep.Decided++
	t := all.tally(d.ID, rep.On)
	rd := ReportDecision{Decision: d, Tally: t}
	for _, a := range all.latest(d.ID) {
		if a.Response == decisions.Concerns {
			rd.Concerns = append(rd.Concerns, Concern{Lead: a.Lead, Agency: all.agencyOf(a.Lead), Comment: a.Comment})
		}
	}
	if t.Acknowledged < t.Sent || rd.Concerns != nil {
		rd.Impacts = h.Impacts(d, rep.Policy)
	}
	// The register lists newest first; the report oldest first.
	if t.Acknowledged < t.Sent {
		rep.Awaiting = slices.Insert(rep.Awaiting, 0, rd)
	}
	if rd.Concerns != nil {
		rep.Concerned = slices.Insert(rep.Concerned, 0, rd)
	}
}

// noticeTimes counts the notices of the decisions as on time, late or
// never acknowledged, and the median working days to acknowledge. A
// notice is sent the day its decision is recorded.
func (rep *YearReport) noticeTimes(all register, ids []int64) {
	sent := map[int64]calendar.Date{}
	for _, e := range all.entries {
		sent[e.Decision.ID] = calendar.DateOf(e.Decision.Recorded.Local())
	}
	var days []int
	for _, n := range all.notices {
		on, ok := sent[n.Decision]
		if !ok || !slices.Contains(ids, n.Decision) {
			continue
		}
		rep.Sent++
		a, acked := all.first(n.Decision, n.Lead)
		if !acked {
			rep.Never++
			if n.Due >= rep.On {
				rep.NotYetDue++
			}
			continue
		}
		day := calendar.DateOf(a.At.Local())
		if day <= n.Due {
			rep.OnTime++
		} else {
			rep.Late++
		}
		days = append(days, calendar.WorkingDays(on, day))
	}
	rep.MedianDays, rep.HasMedian = median(days)
}

// median is the middle of the numbers, or the mean of the middle two.
func median(xs []int) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	mid := len(xs) / 2
	if len(xs)%2 == 1 {
		return float64(xs[mid]), true
	}
	return float64(xs[mid-1]+xs[mid]) / 2, true
}

// countAgencies are the decisions by deciding agency: every agency kept,
// then any agency no longer kept that decided one.
func countAgencies(all register, ids []int64, agencies []decisions.Agency) []Counted {
	out := make([]Counted, 0, len(agencies))
	for _, ag := range agencies {
		out = append(out, Counted{ID: ag.ID, Name: ag.Name})
	}
	for _, e := range all.entries {
		if !slices.Contains(ids, e.Decision.ID) {
			continue
		}
		i := slices.IndexFunc(out, func(c Counted) bool { return c.ID == e.Decision.Agency })
		if i < 0 {
			out, i = append(out, Counted{ID: e.Decision.Agency, Name: e.Decision.Agency}), len(out)
		}
		out[i].N++
	}
	return out
}

// countCohorts are the decisions by base cohort: a decision naming two
// age bands of one cohort counts once under it.
func countCohorts(all register, ids []int64) []Counted {
	out := make([]Counted, len(decisions.Bases))
	for i, b := range decisions.Bases {
		out[i] = Counted{ID: b, Name: decisions.BaseName(b)}
	}
	for _, e := range all.entries {
		if !slices.Contains(ids, e.Decision.ID) {
			continue
		}
		for i, b := range decisions.Bases {
			if slices.ContainsFunc(e.Decision.Cohorts, func(c decisions.Cohort) bool { return c.Base == b }) {
				out[i].N++
			}
		}
	}
	return out
}

// agencyResponses are each lead's latest response to the decisions, by
// the lead's agency: every agency kept, then "" for leads no longer
// kept, when any responded.
func agencyResponses(all register, ids []int64, agencies []decisions.Agency) []AgencyResponses {
	out := make([]AgencyResponses, 0, len(agencies)+1)
	for _, ag := range agencies {
		out = append(out, AgencyResponses{Agency: ag.ID, Name: ag.Name, Responses: map[decisions.Response]int{}})
	}
	for _, id := range ids {
		for _, a := range all.latest(id) {
			agency := all.agencyOf(a.Lead)
			i := slices.IndexFunc(out, func(r AgencyResponses) bool { return r.Agency == agency })
			if i < 0 {
				out = append(out, AgencyResponses{Agency: agency, Name: "Leads no longer named", Responses: map[decisions.Response]int{}})
				i = len(out) - 1
			}
			out[i].Responses[a.Response]++
		}
	}
	return out
}

// QuarterDecision is a decision for the pack's section on decisions
// affecting children in care: its cohorts counted under the pack's
// policy, its notices and the leads' responses.
type QuarterDecision struct {
	Decision   decisions.Decision
	AgencyName string
	Impacts    []Impact
	Tally
}

// InCare reports whether the decision affects children in care: a cohort
// of children looked after (however narrowed) or of care leavers.
func InCare(d decisions.Decision) bool {
	return slices.ContainsFunc(d.Cohorts, func(c decisions.Cohort) bool { return c.Base == "looked_after" || c.Base == "care_leavers" })
}

// Quarter are the decisions affecting children in care whose decision or
// effective date falls in the period, oldest decided first, their
// cohorts counted from h under the policy; kept is false when the
// register was never set up (no agency and no decision), for the pack to
// say so. It is for the pack the command line writes, so it is not
// audited as a view.
func (r *Register) Quarter(ctx context.Context, p calendar.Period, h Holdings, policy disclose.Policy) (out []QuarterDecision, kept bool, err error) {
	all, err := r.readAll(ctx, Filter{})
	if err != nil {
		return nil, false, err
	}
	agencies, err := r.Store.Agencies(ctx)
	if err != nil {
		return nil, false, err
	}
	name := map[string]string{}
	for _, ag := range agencies {
		name[ag.ID] = ag.Name
	}
	in := func(d calendar.Date) bool { return d >= p.Start && d <= p.End }
	today := calendar.DateOf(r.now())
	for _, e := range slices.Backward(all.entries) {
		d := e.Decision
		if InCare(d) && (in(d.Decided) || in(d.Effective)) {
			q := QuarterDecision{Decision: d, AgencyName: name[d.Agency], Impacts: h.Impacts(d, policy), Tally: all.tally(d.ID, today)}
			if q.AgencyName == "" {
				q.AgencyName = d.Agency
			}
			out = append(out, q)
		}
	}
	return out, len(agencies) > 0 || len(all.entries) > 0, nil
}
