package ident

import "testing"

func TestForms(t *testing.T) {
	tests := []struct {
		in               string
		upn, nhs, raw, p bool
	}{
		{"H801200001001", true, false, true, false},
		{"h801 2000 01001", false, false, true, false},
		{"A801200001001", false, false, false, false},
		{"9434765919", false, true, true, false},
		{"943-476-5919", false, false, true, false},
		{"9434765918", false, false, false, false},
		{"QWBN5SGFQ5YOHYB5U5YN6DQYDKEM3MN5", false, false, false, true},
		{"QWBN5SGFQ5YOHYB5U5YN6DQYDKEM3MN1", false, false, false, false},
		{"C12345", false, false, false, false},
	}
	for _, tt := range tests {
		if ValidUPN(tt.in) != tt.upn || ValidNHSNumber(tt.in) != tt.nhs || LooksRaw(tt.in) != tt.raw || IsPseudonym(tt.in) != tt.p {
			t.Errorf("%q: UPN %v NHS %v raw %v pseudonym %v; want %v %v %v %v", tt.in,
				ValidUPN(tt.in), ValidNHSNumber(tt.in), LooksRaw(tt.in), IsPseudonym(tt.in), tt.upn, tt.nhs, tt.raw, tt.p)
		}
	}
}
