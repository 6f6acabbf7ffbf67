package returns

import (
	"errors"
	"fmt"
	"strings"
)

// Severity says whether a problem stops the data being used.
type Severity int

// The severities, least serious first.
const (
	Warning Severity = iota // noted, the data is still used as read
	Invalid                 // a value is not of the form its column needs
	Fatal                   // the file cannot be read as a table
)

// String names the severity as reports print it.
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Invalid:
		return "error"
	}
	return "fatal"
}

// Problem is something wrong with an input file, located as precisely as
// the format allows so that a person can find and fix it.
type Problem struct {
	Severity Severity
	File     string
	Line     int    // 1-based; 0 when the problem is with the whole file
	Column   int    // 1-based field position in the row (CSV) or on the line (XML); 0 when unknown
	Field    string // the column or element name, if known
	Path     string // in XML, the element's path from the root ("EXPSSDA903/CHILD/HEADER/DOB"); "" otherwise
	Value    string // the offending text, if any
	Expected string // what would have been accepted
	Message  string // what is wrong, when Value and Expected do not say it all
}

// Error formats the problem as "file:line:column: field: value: message; expected ...".
// The element path is left out: the line and column already find the
// element, and a path would make every message longer.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	if p.Value != "" || p.Message == "" {
		fmt.Fprintf(&b, "%q", p.Value)
		if p.Message != "" {
			b.WriteString(" ")
		}
	}
	b.WriteString(p.Message)
	if p.Expected != "" {
		b.WriteString("; expected ")
		b.WriteString(p.Expected)
	}
	return b.String()
}

// Problems is a list of problems. As an error it reports the most serious
// ones; a nil or empty list is no error.
type Problems []*Problem

// Error lists up to ten problems, one a line.
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i == 10 {
			fmt.Fprintf(&b, "\n... and %d more", len(ps)-10)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Worst returns the highest severity in the list, or -1 for an empty list.
func (ps Problems) Worst() Severity {
	worst := Severity(-1)
	for _, p := range ps {
		worst = max(worst, p.Severity)
	}
	return worst
}

// Count returns how many problems have severity s.
func (ps Problems) Count(s Severity) int {
	n := 0
	for _, p := range ps {
		if p.Severity == s {
			n++
		}
	}
	return n
}

// AsProblems extracts the problems from an error returned by a return's
// readers: a Problems list, a single *Problem, or any other error, which is
// wrapped as a fatal problem with the given file.
func AsProblems(err error, file string) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	var p *Problem
	if errors.As(err, &p) {
		return Problems{p}
	}
	return Problems{{Severity: Fatal, File: file, Message: err.Error()}}
}
