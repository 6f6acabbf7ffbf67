package people

import (
	"slices"
	"testing"
)

// TestParseAuthorities reads lists of GSS codes and refuses what is not
// one.
func TestParseAuthorities(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"  ", nil, true},
		{"E06000999", []string{"E06000999"}, true},
		{"e06000999, E06000001,E06000999", []string{"E06000999", "E06000001"}, true},
		{"E0600099", nil, false},
		{"E06000999,", nil, false},
		{"Somerset", nil, false},
		{"X06000999", nil, false},
	} {
		got, err := ParseAuthorities(c.text)
		if (err == nil) != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("ParseAuthorities(%q) = %q, %v; want %q, ok %v", c.text, got, err, c.want, c.ok)
		}
	}
}

// TestServingAdmits admits a user given the authority served, and one
// given none only where the store holds one authority.
func TestServingAdmits(t *testing.T) {
	every := User{Name: "a"}
	mine := User{Name: "b", Authorities: []string{"E06000001", "E06000999"}}
	theirs := User{Name: "c", Authorities: []string{"E06000001"}}
	for _, c := range []struct {
		serving Serving
		user    User
		want    bool
	}{
		{Serving{}, every, true},
		{Serving{}, mine, true},
		{Serving{Authority: "E06000999"}, every, true},
		{Serving{Authority: "E06000999"}, mine, true},
		{Serving{Authority: "E06000999"}, theirs, false},
		{Serving{Authority: "E06000999", Region: true}, every, false},
		{Serving{Authority: "E06000999", Region: true}, mine, true},
		{Serving{Authority: "E06000999", Region: true}, theirs, false},
	} {
		if got := c.serving.Admits(c.user); got != c.want {
			t.Errorf("%+v admits %+v: %v, want %v", c.serving, c.user, got, c.want)
		}
	}
}
