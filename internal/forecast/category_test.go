package forecast

import "testing"

func TestCategoryOf(t *testing.T) {
	tests := []struct {
		place, provider string
		want            Category
		ok              bool
	}{
		{"U1", "PR1", Kinship, true},
		{"U3", "PR4", Kinship, true}, // relatives whatever the provider
		{"U4", "PR1", FosterInHouse, true},
		{"U6", "PR2", FosterInHouse, true}, // another authority's carers: public, not agency
		{"U5", "PR0", FosterInHouse, true},
		{"U5", "", FosterInHouse, true}, // no provider: the commonest, in-house
		{"U4", "PR4", FosterAgency, true},
		{"U6", "PR5", FosterAgency, true},
		{"K2", "PR0", ChildrensHomeInHouse, true},
		{"K2", "PR1", ChildrensHomeInHouse, true}, // the authority's own home
		{"K2", "PR2", ChildrensHomeInHouse, true}, // another authority's
		{"K2", "PR3", ChildrensHomeInHouse, true}, // another public body's
		{"K2", "PR4", ChildrensHomeExternal, true},
		{"K2", "PR5", ChildrensHomeExternal, true},
		{"K2", "", ChildrensHomeExternal, true}, // no provider: most places are private
		{"H5", "PR4", Supported, true},
		{"P2", "", Supported, true},
		{"K3", "PR5", Supported, true},
		{"P1", "PR0", WithParents, true},
		{"A3", "PR1", Adoption, true},
		{"A6", "PR5", Adoption, true},
		{"Z1", "PR4", Unregistered, true},
		{"Z14", "", Unregistered, true},
		{"K1", "PR1", SecureOther, true},
		{"R1", "PR4", SecureOther, true},
		{"R3", "PR1", SecureOther, true},
		{"S1", "PR5", SecureOther, true},
		{"P3", "", SecureOther, true},
		{"XX", "", SecureOther, true}, // anything else
		{" K2 ", " PR1 ", ChildrensHomeInHouse, true},
		{"T1", "", 0, false}, // temporary: the placement it interrupts decides
		{"T4", "PR1", 0, false},
	}
	for _, tt := range tests {
		got, ok := CategoryOf(tt.place, tt.provider)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CategoryOf(%q, %q) = %v, %v; want %v, %v", tt.place, tt.provider, got.Key(), ok, tt.want.Key(), tt.ok)
		}
	}
	for c := range Category(Categories) {
		if back, ok := CategoryByKey(c.Key()); !ok || back != c {
			t.Errorf("CategoryByKey(%q) = %v, %v", c.Key(), back, ok)
		}
	}
}

func TestExitOf(t *testing.T) {
	tests := map[string]Exit{
		"E4A": ExitHome, "E4B": ExitHome, "E13": ExitHome,
		"E11": ExitAdoption, "E12": ExitAdoption,
		"E41": ExitSGO, "E45": ExitSGO, "E48": ExitSGO,
		"E3": ExitOther, "E8": ExitOther, "E17": ExitOther, "": ExitOther,
	}
	for rec, want := range tests {
		if got := ExitOf(rec); got != want {
			t.Errorf("ExitOf(%q) = %s; want %s", rec, got.Key(), want.Key())
		}
	}
}

func TestBandOf(t *testing.T) {
	want := []Band{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3}
	for age, b := range want {
		if got := BandOf(age); got != b {
			t.Errorf("BandOf(%d) = %s; want %s", age, got.Key(), b.Key())
		}
	}
}
