package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/village-uk/village/internal/store"
)

// ActionLoad is the audit action of a load of data into the store.
const ActionLoad = "load"

// auditLoad records a load in the audit log as an event that names no
// child: who loaded, from where (the command line unless from says
// otherwise), and in its reason which return, which load, which years and
// which files. A load is stored before it is audited, so an error here
// says the data are in but the event is not.
func auditLoad(ctx context.Context, s *store.Store, who Actor, from, what string, sum *store.LoadSummary, files []string) error {
	if from == "" {
		from = FromCommandLine
	}
	years := make([]string, len(sum.Years))
	for i, y := range sum.Years {
		years[i] = y.String()
	}
	reason := loadReason(fmt.Sprintf("%s load %d of %s", what, sum.LoadID, strings.Join(years, ", ")), files)
	err := s.Audit(ctx, store.Access{Who: who.Name, IdentifiedBy: who.IdentifiedBy, From: from, Action: ActionLoad, Reason: reason})
	if err != nil {
		return fmt.Errorf("%s load %d is stored, but recording it in the audit log failed: %w", what, sum.LoadID, err)
	}
	return nil
}

// loadReason is head followed by the files' names, each once, as many as
// the audit log's bound on a reason leaves room for, then how many more.
func loadReason(head string, files []string) string {
	names := slices.Compact(slices.Sorted(slices.Values(files)))
	text := fmt.Sprintf("%s from %d file%s", head, len(names), plural(len(names)))
	for i, name := range names {
		sep := ": "
		if i > 0 {
			sep = ", "
		}
		more := fmt.Sprintf(" and %d more", len(names)-i)
		if utf8.RuneCountInString(text+sep+name+more) > store.MaxReasonLength {
			return text + more
		}
		text += sep + name
	}
	return text
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
