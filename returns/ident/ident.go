// Package ident recognises children's identifiers and their keyed
// pseudonyms by their form alone: a UPN with its check letter, an NHS
// number with its check digit, and a pseudonym as internal/pseudonym makes
// them. It holds no key and hashes nothing, so the readers of partners'
// files under returns/ can refuse a raw identifier where a pseudonym
// belongs.
package ident

import (
	"strings"
	"unicode"
)

// upnLetters are the letters UPNs use, each worth its place: never I, O
// or S.
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// ValidUPN reports whether s, as it stands, is a UPN with its right check
// letter: the DfE's UPN guide weights characters 2 to 13 by 2 to 13 (a
// letter in the last place, in a temporary UPN, worth its place in
// upnLetters), and the sum's remainder on dividing by 23 is the check
// letter's place in upnLetters.
func ValidUPN(s string) bool {
	if len(s) != 13 {
		return false
	}
	sum := 0
	for i := 1; i < 13; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			sum += int(c-'0') * (i + 1)
		case i == 12 && strings.IndexByte(upnLetters, c) >= 0:
			sum += strings.IndexByte(upnLetters, c) * (i + 1)
		default:
			return false
		}
	}
	return s[0] == upnLetters[sum%23]
}

// ValidNHSNumber reports whether s, as it stands, is ten digits whose
// last is the check digit of the first nine: each weighted 10 down to 2,
// summed, and 11 less the sum's remainder on dividing by 11 (11 is
// written 0; 10 means no number has those nine digits).
func ValidNHSNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i < 9 {
			sum += int(s[i]-'0') * (10 - i)
		}
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && int(s[9]-'0') == check
}

// LooksRaw reports whether a value, spaces, hyphens and case aside, is a
// valid UPN or NHS number: a file that should hold pseudonyms and holds
// one of these was not pseudonymised.
func LooksRaw(v string) bool {
	n := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return unicode.ToUpper(r)
	}, v)
	return ValidUPN(n) || ValidNHSNumber(n)
}

// PseudonymLength is the number of characters of every pseudonym.
const PseudonymLength = 32

// IsPseudonym reports whether s has the form of a pseudonym:
// PseudonymLength characters, capitals and the digits 2 to 7.
func IsPseudonym(s string) bool {
	if len(s) != PseudonymLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}
