package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/placements"
)

func attentionCommand() *command {
	var db, postcodesFile string
	var reasonStdin bool
	c := &command{
		name: "attention",
		summary: "List the children looked after whose placement needs attention now (on the last day of the latest return loaded): " +
			"under 16 in unregistered or other (Z) placements, placed more than 20 miles from home outside the authority, with 3 or more " +
			"moves in 12 months, or turning 18 within 3 months. The list names children: each is written to the audit log with who, when " +
			"and why, so the reason is asked for at the terminal or read from the first line of standard input with --reason-stdin.",
		example: "printf 'daily placements meeting\\n' | village attention --reason-stdin --postcodes postcodes.csv",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			placementPostcodesFlag(fs, &postcodesFile)
			fs.BoolVar(&reasonStdin, "reason-stdin", false, "read the reason from the first line of standard input")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("expected no arguments, got %d; run \"village attention -h\"", len(args))
		}
		reason, err := askReason(e, reasonStdin)
		if err != nil {
			return err
		}
		s, set, err := openJourneys(ctx, db, postcodesFile)
		if err != nil {
			return err
		}
		defer s.Close()
		span, ok := set.Span()
		if !ok {
			return errEmptyStore
		}
		l := placements.Attention(set, span.End)
		if err := app.RecordAccess(ctx, s, app.LocalActor(""), placements.Action(span.End), l.IDs(), reason); err != nil {
			return err
		}
		printAttention(e.stdout, l)
		return nil
	}
	return c
}

// askReason reads why the list is being viewed: from the first line of
// standard input, or asked for at the terminal.
func askReason(e *env, fromStdin bool) (string, error) {
	if !fromStdin && e.stdinTerminal {
		fmt.Fprint(e.stderr, "Why are you viewing this list? (written to the audit log): ")
	}
	reason := ""
	if e.stdin != nil && (fromStdin || e.stdinTerminal) {
		in := bufio.NewScanner(e.stdin)
		in.Buffer(nil, 64<<10)
		if in.Scan() {
			reason = strings.TrimSpace(in.Text())
		}
	}
	if reason == "" {
		return "", errors.New("no reason given: say why the list is being viewed at the prompt, or on the first line of standard input with --reason-stdin; it is written to the audit log")
	}
	return reason, nil
}

func printAttention(w io.Writer, l placements.List) {
	fmt.Fprintf(w, "Placements needing attention on %s: %d children.\n\n", l.Day.Long(), len(l.Children))
	for _, r := range placements.Reasons {
		fmt.Fprintf(w, "%5d  %s\n", l.Counts[r], r)
	}
	if !l.Located {
		fmt.Fprintln(w, "\nPlacements were not located (give --postcodes), so no child is listed as far away.")
	}
	if len(l.Children) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%-12s %4s  %-5s %-11s %6s %6s  %s\n", "child", "age", "place", "since", "miles", "moves", "reasons")
	for _, c := range l.Children {
		age, miles := "-", "-"
		if c.Age >= 0 {
			age = fmt.Sprint(c.Age)
		}
		if c.HasMiles {
			miles = fmt.Sprintf("%.1f", c.Miles)
		}
		var reasons []string
		for _, r := range c.Reasons {
			reasons = append(reasons, r.String())
		}
		fmt.Fprintf(w, "%-12s %4s  %-5s %-11s %6s %6d  %s\n", terminal(c.ID), age, terminal(c.Place), c.Since, miles, c.Moves, strings.Join(reasons, "; "))
	}
}
