package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminal returns submitted text safe to print to a terminal: control
// characters (an ANSI escape, a carriage return, a backspace), the
// characters that reorder text on screen, and bytes that are not UTF-8 are
// written as Go escapes (\x1b, \u202e), so that a value in a return can
// neither move the cursor, recolour, hide nor forge what is printed around
// it. Every printer of values read from a return uses it.
func terminal(s string) string {
	if safeForTerminal(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// safeForTerminal reports whether s needs no escaping, the common case.
func safeForTerminal(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports whether r controls a terminal or reorders text:
// C0 and C1 controls, DEL, and the bidirectional formatting characters.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
