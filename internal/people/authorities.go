package people

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// gssCode is the form of an authority's code: a letter for the nation
// and eight digits, such as E06000999.
var gssCode = regexp.MustCompile(`^[ENSW][0-9]{8}$`)

// ParseAuthorities reads a list of authorities' GSS codes separated by
// commas, such as "E06000999,E06000001", in the order given and without
// repeats. Blank text is no authorities.
func ParseAuthorities(text string) ([]string, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var out []string
	for i, code := range strings.Split(text, ",") {
		code = strings.ToUpper(strings.TrimSpace(code))
		if !gssCode.MatchString(code) {
			return nil, fmt.Errorf("authority %d %q: expected a GSS code, a letter and eight digits such as E06000999", i+1, clipText(code))
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out, nil
}

// CheckAuthorities says whether every code is an authority's GSS code.
func CheckAuthorities(codes []string) error {
	for _, code := range codes {
		if !gssCode.MatchString(code) {
			return fmt.Errorf("authority %q: expected a GSS code, a letter and eight digits such as E06000999", clipText(code))
		}
	}
	return nil
}

// Serving is what a server shows: one authority's children, from a store
// that holds that authority alone or a region's several.
type Serving struct {
	// Authority is the GSS code of the authority served; blank when the
	// store holds no authority's returns yet.
	Authority string
	// Region is true when the store holds, or may hold, other
	// authorities' returns too: then only users given the authority may
	// sign in.
	Region bool
}

// Admits reports whether the user may sign in to a server that serves
// s: a user given authorities when one of them is the one served; a user
// given none (every authority) only where the store holds one authority.
// A server with no authority yet admits everyone a single store would.
func (s Serving) Admits(u User) bool {
	if len(u.Authorities) == 0 || s.Authority == "" {
		return !s.Region
	}
	return slices.Contains(u.Authorities, s.Authority)
}
