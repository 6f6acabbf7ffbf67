package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

func childCommand() *command {
	var db, reason string
	var reasonStdin bool
	c := &command{
		name: "child",
		summary: "Print one child's history from every year in the store: the front door from the CIN census (referrals, assessments, " +
			"section 47 enquiries, child in need and child protection plans), then the journey through care from the SSDA903 (periods of care, " +
			"placements, legal statuses, episodes and the repairs made to them), then both in date order, from referral to care. " +
			"This is the one place a child's ID is shown: each use is written to the audit log with who, when and why, and --reason is required.",
		usage: "[ID]",
		example: "village child    (asks for the ID and the reason)\n" +
			"  printf '%s\\n%s\\n' \"checking a placement move\" 1043591 | village child --reason-stdin",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&reason, "reason", "", "why the record is being viewed (written to the audit log); better given at the prompt or with --reason-stdin, "+
				"as the command line is kept in the shell's history and shown to others by ps")
			fs.BoolVar(&reasonStdin, "reason-stdin", false, "read the reason from the first line of standard input, and the child's ID, when not given, from the second")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 1 {
			return fmt.Errorf("expected one child ID, got %d arguments; run \"village child -h\"", len(args))
		}
		id, reason, err := childAndReason(e, args, reason, reasonStdin)
		if err != nil {
			return err
		}
		args = []string{id}
		s, set, err := openJourneys(ctx, db, "")
		if err != nil {
			return err
		}
		defer s.Close()
		censuses, err := s.CIN().Returns(ctx)
		if err != nil {
			return err
		}
		fronts := frontdoor.Build(censuses)
		// ViewChild records the view before it looks the child up, so the
		// audit is the same whichever return has the child.
		child, err := app.ViewChild(ctx, s, set, app.LocalActor(""), args[0], reason)
		front := fronts.Child(args[0])
		if errors.Is(err, app.ErrNoChild) && front != nil {
			err = nil
		}
		if errors.Is(err, app.ErrNoChild) {
			// The ID is not repeated: errors are logged, and an ID is personal.
			return fmt.Errorf("%w in %s", err, redact(db))
		}
		if err != nil {
			return err
		}
		printChild(e.stdout, frontdoor.Join(args[0], front, child), fronts)
		return nil
	}
	return c
}

// childAndReason returns the child's ID and the reason for viewing the
// record: from the command line (with a warning that it is kept in the
// shell's history), from standard input with --reason-stdin, or asked for
// at the terminal.
func childAndReason(e *env, args []string, reason string, fromStdin bool) (id, why string, err error) {
	if len(args) == 1 || reason != "" {
		fmt.Fprintln(e.stderr, "Warning: a child's ID or a reason given on the command line is kept in your shell's history and shown to other users by ps; "+
			"leave them out to be asked, or use --reason-stdin.")
	}
	if len(args) == 1 {
		id = args[0]
	}
	in := bufio.NewScanner(e.stdin)
	in.Buffer(nil, 64<<10)
	line := func(prompt string) string {
		if e.stdinTerminal {
			fmt.Fprint(e.stderr, prompt)
		}
		if e.stdin == nil || !in.Scan() {
			return ""
		}
		return strings.TrimSpace(in.Text())
	}
	switch {
	case fromStdin && reason != "":
		return "", "", errors.New("give --reason or --reason-stdin, not both")
	case fromStdin:
		reason = line("")
	case reason == "" && e.stdinTerminal:
		reason = line("Why are you viewing this record? (written to the audit log): ")
	}
	if strings.TrimSpace(reason) == "" {
		return "", "", errors.New("--reason is required, or the reason at the prompt or on the first line of standard input with --reason-stdin: say why the record is being viewed; it is written to the audit log")
	}
	if id == "" && (fromStdin || e.stdinTerminal) {
		id = line("Child's ID: ")
	}
	if id == "" {
		return "", "", errors.New("no child ID given: give it at the prompt, on the second line of --reason-stdin, or as the argument")
	}
	return id, reason, nil
}

func printJourney(w io.Writer, c *journey.Child) {
	dob := "not known"
	if c.HasDOB {
		dob = c.DOB.Long()
	}
	fmt.Fprintf(w, "Child %s: born %s, sex %s, ethnicity %s", terminal(c.ID), dob, terminal(orBlank(c.Sex)), terminal(orBlank(c.Ethnic)))
	if c.UASC {
		fmt.Fprint(w, ", unaccompanied asylum-seeking child")
	}
	fmt.Fprintf(w, "\n%d periods of care, %d episodes.\n", len(c.Periods), len(c.Episodes))
	for i, p := range c.Periods {
		kind := "Period of care"
		if p.ShortBreak {
			kind = "Short breaks"
		}
		fmt.Fprintf(w, "\n%s %d: %s (age %s)", kind, i+1, span(p.Start, p.End, p.Open), ageText(c, p.Start))
		if !p.Open {
			fmt.Fprintf(w, ", ended %s", endReason(p.EndReason))
		}
		fmt.Fprintln(w)
		for _, l := range p.LegalStatuses {
			meaning, _ := ssda903.CodeMeaning("LS", l.LS)
			fmt.Fprintf(w, "  legal status %-4s %s  %s\n", terminal(l.LS), span(l.Start, l.End, l.Open), meaning)
		}
		for _, pl := range p.Placements {
			meaning, _ := ssda903.CodeMeaning("PLACE", pl.Place)
			fmt.Fprintf(w, "  placement    %-4s %s  %s", terminal(pl.Place), span(pl.Start, pl.End, pl.Open), meaning)
			if pl.PlacePost != "" {
				fmt.Fprintf(w, " (%s)", terminal(pl.PlacePost))
			}
			fmt.Fprintln(w)
			for _, t := range pl.Temporary {
				fmt.Fprintf(w, "    temporary  %-4s %s\n", terminal(t.Place), span(t.Start, t.End, t.Open))
			}
		}
	}
	if len(c.Repairs) > 0 {
		fmt.Fprintf(w, "\nHow this child's episodes were reconciled across the years loaded:\n")
		for _, r := range c.Repairs {
			fmt.Fprintf(w, "  %s\n", terminal(fmt.Sprint(r)))
		}
	}
}

func span(start, end calendar.Date, open bool) string {
	if open {
		return start.Long() + " to now"
	}
	return start.Long() + " to " + end.Long()
}

func ageText(c *journey.Child, d calendar.Date) string {
	if age := c.AgeOn(d); age >= 0 {
		return fmt.Sprint(age)
	}
	return "not known"
}

func endReason(rec string) string {
	if rec == "" {
		return "reason not recorded"
	}
	meaning, ok := ssda903.CodeMeaning("REC", rec)
	if !ok {
		return rec
	}
	return rec + ": " + meaning
}

func orBlank(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}
