package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestIndicatorsCIN prints the children in need indicators after the 903's
// when the store holds CIN censuses, in each format.
func TestIndicatorsCIN(t *testing.T) {
	db := frontDoorStore(t)
	code, out, errOut := run(t, "indicators", "--db", db, "--period", "2024/25")
	if code != exitOK {
		t.Fatalf("indicators: exit %d\n%s%s", code, out, errOut)
	}
	golden(t, "indicators-cin.golden", out)

	code, out, errOut = run(t, "indicators", "--db", db, "--period", "2024/25", "--format", "json", "--publishable")
	if code != exitOK {
		t.Fatalf("indicators --format json: exit %d\n%s%s", code, out, errOut)
	}
	var got struct {
		Indicators []indicatorRow `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{}
	for _, r := range got.Indicators {
		if r.Return == cinSection {
			shown[r.ID] = r.Shown
		}
	}
	// Two referrals in 2024/25 (C1's second, C2's): suppressed when
	// publishable; the rate has no population; referral_to_care_12m needs
	// the 903 for 2025/26 too, which the store has.
	for id, want := range map[string]string{"cin_referrals": "c", "cin_referral_rate_per_10k": "x", "cin_end": "c"} {
		if shown[id] != want {
			t.Errorf("%s shown %q; want %q", id, shown[id], want)
		}
	}
	if _, ok := shown["cp_by_category/PHY"]; ok {
		t.Error("publishable output lists the categories of a small total")
	}

	code, out, _ = run(t, "indicators", "--db", db, "--period", "2024/25", "--format", "csv")
	if code != exitOK || !strings.Contains(out, "re_referrals_12m_share") {
		t.Errorf("indicators --format csv: exit %d, no CIN rows\n%.400s", code, out)
	}
}
