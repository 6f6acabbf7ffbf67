package pseudonym

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/village-uk/village/returns/ident"
)

// Kind is a kind of identifier.
type Kind int

// The kinds of identifier.
const (
	LAChildID Kind = iota + 1 // the council's own ID for a child (the 903's CHILD, the CIN census's LAchildID)
	UPN                       // the unique pupil number schools give
	NHSNumber                 // the NHS number
)

// kindNames are the kinds as written in --columns and hashed with each
// value; changing one changes every pseudonym of its kind.
var kindNames = map[Kind]string{LAChildID: "la_child_id", UPN: "upn", NHSNumber: "nhs_number"}

// String names the kind as --columns writes it.
func (k Kind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Kinds lists the kinds' names, for messages.
func Kinds() string { return "la_child_id, upn or nhs_number" }

// ParseKind reads a kind's name as String writes it (case ignored).
func ParseKind(name string) (Kind, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for k, n := range kindNames {
		if n == name {
			return k, true
		}
	}
	return 0, false
}

// InferKind tells a kind from a column's name when the name makes it
// plain: UPN (and FormerUPN), NHS number, or the LA's child ID (CHILD,
// LAchildID, child_id). It is not ok for any other name.
func InferKind(column string) (Kind, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(column) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	switch n := b.String(); {
	case n == "upn" || n == "formerupn" || n == "pupilupn":
		return UPN, true
	case n == "nhs" || n == "nhsnumber" || n == "nhsno":
		return NHSNumber, true
	case n == "child" || n == "childid" || n == "lachildid" || n == "lachild":
		return LAChildID, true
	}
	return 0, false
}

// InvalidError says that an identifier is not of its kind's form. It
// never holds the identifier itself.
type InvalidError struct {
	Kind     Kind
	Expected string
}

// Error says what kind of identifier was expected and in what form.
func (e *InvalidError) Error() string {
	return fmt.Sprintf("not a valid %s; expected %s", e.Kind.name(), e.Expected)
}

// name is the kind as a sentence calls it.
func (k Kind) name() string {
	switch k {
	case LAChildID:
		return "LA child ID"
	case UPN:
		return "UPN"
	case NHSNumber:
		return "NHS number"
	}
	return k.String()
}

// What the kinds' forms are, for InvalidError.
const (
	expectLAChildID = "the LA's ID for the child: letters, digits and punctuation, at most 50 characters"
	expectUPN       = "13 characters: the check letter worked from the rest as the DfE's UPN guide says, 11 digits, then a digit or a letter (not I, O or S)"
	expectNHS       = "10 digits (spaces and hyphens allowed) whose last is the modulus 11 check digit of the first nine"
)

// Normalise returns the identifier in the one form its pseudonym is made
// from: for every kind, spaces dropped and letters in capitals; for an
// NHS number, hyphens dropped too. The check letter of a UPN and the
// check digit of an NHS number are verified.
func (k Kind) Normalise(id string) (string, error) {
	switch k {
	case LAChildID:
		return normaliseChildID(id)
	case UPN:
		return normaliseUPN(id)
	case NHSNumber:
		return normaliseNHS(id)
	}
	return "", fmt.Errorf("pseudonym: unknown kind of identifier %d; expected %s", int(k), Kinds())
}

// squeeze drops spaces of every kind and puts letters in capitals; drop
// names other characters to leave out.
func squeeze(id, drop string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(drop, r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, id)
}

func normaliseChildID(id string) (string, error) {
	n := squeeze(id, "")
	if n == "" || len(n) > 50 {
		return "", &InvalidError{LAChildID, expectLAChildID}
	}
	for _, r := range n {
		if !unicode.IsPrint(r) || r == unicode.ReplacementChar {
			return "", &InvalidError{LAChildID, expectLAChildID}
		}
	}
	return n, nil
}

func normaliseUPN(id string) (string, error) {
	n := squeeze(id, "")
	if !ident.ValidUPN(n) {
		return "", &InvalidError{UPN, expectUPN}
	}
	return n, nil
}

func normaliseNHS(id string) (string, error) {
	n := squeeze(id, "-")
	if !ident.ValidNHSNumber(n) {
		return "", &InvalidError{NHSNumber, expectNHS}
	}
	return n, nil
}
