package spc

import (
	"slices"
	"testing"
)

func TestRebased(t *testing.T) {
	// A year about 10.5, then a year about 5.5: on one chart the second
	// year is a shift; re-based, each year is common cause about its own
	// mean.
	values := slices.Concat(flat, []float64{5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6, 4})
	if len(New(values, LowerIsBetter).Signals) == 0 {
		t.Fatal("one chart of both years has no signal")
	}
	before, after := Rebased(values, 12, LowerIsBetter)
	if before.Mean != 10 || after.Mean != 5 {
		t.Errorf("means %v and %v, want 10 and 5", before.Mean, after.Mean)
	}
	if len(before.Signals) != 0 || len(after.Signals) != 0 {
		t.Errorf("re-based charts have signals %+v and %+v", before.Signals, after.Signals)
	}
	if _, after := Rebased(values, len(values), LowerIsBetter); after != nil {
		t.Error("re-based at the end has a second chart")
	}
	if before, _ := Rebased(values, -1, LowerIsBetter); len(before.Values) != 0 {
		t.Error("re-based before the start has points before")
	}
}

func TestRuleName(t *testing.T) {
	for r, want := range map[Rule]string{OutsideLimits: "outside limits", Shift: "shift", Trend: "trend",
		NearLimit: "two of three near a limit", 0: "unknown rule"} {
		if got := r.Name(); got != want {
			t.Errorf("Rule(%d).Name() = %q, want %q", r, got, want)
		}
	}
}
