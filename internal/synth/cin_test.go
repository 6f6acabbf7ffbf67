package synth

import (
	"fmt"
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
)

// cinResult is one generated area, shared by the CIN tests.
var cinResult = func() func(t testing.TB) *Result {
	var res *Result
	return func(t testing.TB) *Result {
		t.Helper()
		if res == nil {
			res = generate(t, Config{Children: 1500, Years: 4, Until: until2026, Seed: 7})
		}
		return res
	}
}()

// cinFigures are a census year's national measures.
type cinFigures struct {
	referralsPer10k, reReferralShare, nfaShare                      float64
	assessed45Share, s47Per10k, icpcPer10k, icpc15Share             float64
	cinPer10k, cpStartsPer10k, cpPer10k, secondPlanShare            float64
	neglectShare, planUnder3mShare, planOver2yShare, notInNeedShare float64
}

func (f cinFigures) String() string {
	return fmt.Sprintf("referrals %.0f/10k, re-referrals %.1f%%, NFA %.1f%%, not in need %.1f%%, assessed in 45wd %.1f%%, "+
		"S47 %.0f/10k, ICPC %.0f/10k, ICPC in 15wd %.1f%%, CIN %.0f/10k, CP starts %.1f/10k, CP %.1f/10k, "+
		"second plans %.1f%%, neglect %.1f%%, plans <=3m %.1f%%, >=2y %.1f%%",
		f.referralsPer10k, 100*f.reReferralShare, 100*f.nfaShare, 100*f.notInNeedShare, 100*f.assessed45Share,
		f.s47Per10k, f.icpcPer10k, 100*f.icpc15Share, f.cinPer10k, f.cpStartsPer10k, f.cpPer10k,
		100*f.secondPlanShare, 100*f.neglectShare, 100*f.planUnder3mShare, 100*f.planOver2yShare)
}

func isoOrZero(t testing.TB, s string) calendar.Date {
	if s == "" {
		return 0
	}
	d, ok := calendar.ParseISODate(s)
	if !ok {
		t.Fatalf("date %q is not YYYY-MM-DD", s)
	}
	return d
}

// measureCIN works out a year's figures from the written censuses: the
// year's own, and earlier ones for the referrals before it.
func measureCIN(t testing.TB, res *Result, year calendar.Year) cinFigures {
	t.Helper()
	var census *CINCensus
	referrals := map[string][]calendar.Date{}
	for _, c := range res.CIN {
		if c.Year > year {
			continue
		}
		if c.Year == year {
			census = c
		}
		for _, k := range c.message.Children {
			for _, d := range k.Details {
				r := isoOrZero(t, d.CINreferralDate)
				if !containsDate(referrals[k.LAchildID], r) {
					referrals[k.LAchildID] = append(referrals[k.LAchildID], r)
				}
			}
		}
	}
	if census == nil {
		t.Fatalf("no census for %s", year)
	}
	pop := 0
	for _, p := range res.Population {
		if p.Year == int(year)-1 {
			pop += p.Count
		}
	}
	per10k := func(n int) float64 { return float64(n) / float64(pop) * 10000 }
	share := func(n, of int) float64 { return float64(n) / math.Max(1, float64(of)) }
	from, to := year.Start(), year.End()
	in := func(d calendar.Date) bool { return d >= from && d <= to }
	var n struct {
		referrals, re, nfa, notInNeed, assessed, in45, s47, icpc, icpc15, cin, starts, second, neglect, cp, under3m, over2y int
	}
	for _, k := range census.message.Children {
		open := false
		for _, d := range k.Details {
			ref := isoOrZero(t, d.CINreferralDate)
			if d.CINclosureDate == "" {
				open = true
			}
			if in(ref) {
				n.referrals++
				for _, prev := range referrals[k.LAchildID] {
					if prev < ref && prev >= ref.AddYears(-1) {
						n.re++
						break
					}
				}
				if d.ReferralNFA == "1" {
					n.nfa++
				}
				if d.ReasonForClosure == "RC8" || d.ReasonForClosure == "RC9" {
					n.notInNeed++
				}
			}
			for _, a := range d.Assessments {
				if auth := isoOrZero(t, a.AssessmentAuthorisationDate); auth != 0 {
					n.assessed++
					if calendar.WorkingDays(isoOrZero(t, a.AssessmentActualStartDate), auth) <= 45 {
						n.in45++
					}
				}
			}
			for _, s := range d.Section47 {
				start := isoOrZero(t, s.S47ActualStartDate)
				if in(start) {
					n.s47++
				}
				if icpc := isoOrZero(t, s.DateOfInitialCPC); icpc != 0 {
					n.icpc++
					if calendar.WorkingDays(start, icpc) <= 15 {
						n.icpc15++
					}
				}
			}
			for _, p := range d.Plans {
				start := isoOrZero(t, p.CPPstartDate)
				if in(start) {
					n.starts++
					if p.NumberOfPreviousCPP != "0" {
						n.second++
					}
					if p.InitialCategoryOfAbuse == "NEG" {
						n.neglect++
					}
				}
				if p.CPPendDate == "" {
					n.cp++
					switch {
					case start > to.AddMonths(-3):
						n.under3m++
					case start <= to.AddYears(-2):
						n.over2y++
					}
				}
			}
		}
		if open {
			n.cin++
		}
	}
	return cinFigures{
		referralsPer10k: per10k(n.referrals), reReferralShare: share(n.re, n.referrals), nfaShare: share(n.nfa, n.referrals),
		notInNeedShare: share(n.notInNeed, n.referrals), assessed45Share: share(n.in45, n.assessed),
		s47Per10k: per10k(n.s47), icpcPer10k: per10k(n.icpc), icpc15Share: share(n.icpc15, n.icpc),
		cinPer10k: per10k(n.cin), cpStartsPer10k: per10k(n.starts), cpPer10k: per10k(n.cp),
		secondPlanShare: share(n.second, n.starts), neglectShare: share(n.neglect, n.starts),
		planUnder3mShare: share(n.under3m, n.cp), planOver2yShare: share(n.over2y, n.cp),
	}
}

func containsDate(list []calendar.Date, d calendar.Date) bool {
	for _, v := range list {
		if v == d {
			return true
		}
	}
	return false
}

// TestCINCalibration checks the last year's figures against England's
// (2025 edition, year to 31 March 2025) within tolerances that allow for
// the chance variation of an authority of this size.
func TestCINCalibration(t *testing.T) {
	res := cinResult(t)
	got := measureCIN(t, res, res.CIN[len(res.CIN)-1].Year)
	t.Log(got)
	e := cinEngland
	tests := []struct {
		name      string
		got, want float64
		tolerance float64 // relative
	}{
		{"referrals per 10,000", got.referralsPer10k, e.referralsPer10k, 0.12},
		{"re-referrals within 12 months", got.reReferralShare, e.reReferralShare, 0.2},
		{"referrals with no further action", got.nfaShare, e.nfaShare, 0.35},
		{"referrals assessed as not in need", got.notInNeedShare, e.notInNeedShare, 0.2},
		{"assessments within 45 working days", got.assessed45Share, e.assessed45Share, 0.08},
		{"section 47 enquiries per 10,000", got.s47Per10k, e.s47Per10k, 0.2},
		{"initial conferences per 10,000", got.icpcPer10k, e.icpcPer10k, 0.25},
		{"conferences within 15 working days", got.icpc15Share, e.icpc15Share, 0.1},
		{"children in need at 31 March per 10,000", got.cinPer10k, e.cinPer10k, 0.15},
		{"plans starting per 10,000", got.cpStartsPer10k, e.cpStartsPer10k, 0.25},
		{"plans at 31 March per 10,000", got.cpPer10k, e.cpPer10k, 0.25},
		{"second or later plans", got.secondPlanShare, e.secondPlanShare, 0.3},
		{"plans under neglect", got.neglectShare, e.neglectShare, 0.25},
		{"plans at 31 March 3 months or less", got.planUnder3mShare, e.planUnder3mShare, 0.3},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tt.tolerance*tt.want {
			t.Errorf("%s: %.3f, England %.3f (tolerance %.0f%%)", tt.name, tt.got, tt.want, 100*tt.tolerance)
		}
	}
}
