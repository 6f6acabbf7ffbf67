package indicators

import "strings"

// JoinNotes joins the notes about a figure that are not empty with "; ",
// as the pages, the pack and the command line show them.
func JoinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}
